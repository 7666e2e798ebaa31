import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeEncodingAESKey, MessageCrypto, WeChatCryptoError } from '../../src/protocol/crypto.js';
import { parseXml } from '../../src/protocol/xml.js';
import { vectors } from '../fixtures/vectors.js';

const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

function cryptoFor(v: { token: string; encodingAESKey: string; appId: string }, random?: string) {
  return new MessageCrypto({
    token: v.token,
    encodingAESKey: v.encodingAESKey,
    appId: v.appId,
    ...(random === undefined ? {} : { random: () => Buffer.from(random, 'utf8') }),
  });
}

function codeOf(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof WeChatCryptoError) return error.code;
    throw error;
  }
  return undefined;
}

describe('official vectors', () => {
  test.each(vectors.encrypt)('encrypts to the exact ciphertext and signature', (v) => {
    const result = cryptoFor(v, v.random).encrypt(v.message, { timestamp: v.timestamp, nonce: v.nonce });
    expect(result).toEqual({
      encrypt: v.encrypt,
      msgSignature: v.msgSignature,
      timestamp: v.timestamp,
      nonce: v.nonce,
    });
    expect(cryptoFor(v).decrypt(v.encrypt)).toEqual({ message: v.message, appId: v.appId });
  });

  test('derives the documented key and IV from a non-canonical EncodingAESKey', () => {
    const v = vectors.encrypt[0]!;
    const key = decodeEncodingAESKey(v.encodingAESKey);
    expect(key.toString('hex')).toBe(v.aesKeyHex);
    expect(key.subarray(0, 16).toString('hex')).toBe(v.ivHex);
  });

  test.each(vectors.decrypt)('verifies and decrypts a compatibility-mode push', (v) => {
    const crypto = cryptoFor(v);
    const body = parseXml(v.body).value as Record<string, string>;
    expect(body.Encrypt).toBe(v.encrypt);
    const params = {
      msgSignature: v.msgSignature,
      timestamp: v.timestamp,
      nonce: v.nonce,
      encrypt: v.encrypt,
    };
    expect(crypto.verify(params)).toBe(true);
    expect(crypto.verifyAndDecrypt(params)).toEqual({ message: v.message, appId: v.appId });
    expect(crypto.verify({ ...params, nonce: '1' })).toBe(false);
    expect(codeOf(() => crypto.verifyAndDecrypt({ ...params, timestamp: '1' }))).toBe(-40001);
  });
});

describe('the EncodingAESKey', () => {
  test.each([
    ['too short', KEY.slice(0, 42)],
    ['too long', `${KEY}A`],
    ['not base64', `${KEY.slice(0, 42)}!`],
    ['empty', ''],
  ])('is rejected at construction when %s', (_, encodingAESKey) => {
    const make = () => new MessageCrypto({ token: 't', encodingAESKey, appId: 'wx1' });
    expect(make).toThrow(/EncodingAESKey/);
    expect(codeOf(make)).toBe(-40004);
  });
});

describe('damaged or foreign ciphertext', () => {
  const crypto = new MessageCrypto({ token: 't', encodingAESKey: KEY, appId: 'wx_right' });
  const { encrypt } = crypto.encrypt('<xml>hi</xml>');

  test('another appid is refused with -40005', () => {
    const other = new MessageCrypto({ token: 't', encodingAESKey: KEY, appId: 'wx_wrong' });
    expect(codeOf(() => other.decrypt(encrypt))).toBe(-40005);
  });

  test('another key fails with a typed error', () => {
    const other = new MessageCrypto({ token: 't', encodingAESKey: `B${KEY.slice(1)}`, appId: 'wx_right' });
    expect([-40005, -40007, -40008]).toContain(codeOf(() => other.decrypt(encrypt)));
  });

  test('non-base64, empty and partial-block input', () => {
    expect(codeOf(() => crypto.decrypt('not base64!'))).toBe(-40010);
    expect(codeOf(() => crypto.decrypt(''))).toBe(-40010);
    expect(codeOf(() => crypto.decrypt(Buffer.alloc(20).toString('base64')))).toBe(-40007);
  });

  test('every flipped byte is detected or decrypts to something else, never silently the same', () => {
    const bytes = Buffer.from(encrypt, 'base64');
    for (let i = 0; i < bytes.length; i++) {
      const tampered = Buffer.from(bytes);
      tampered[i] = (tampered[i] ?? 0) ^ 0x01;
      let result: string | undefined;
      try {
        result = crypto.decrypt(tampered.toString('base64')).message;
      } catch (error) {
        expect(error).toBeInstanceOf(WeChatCryptoError);
      }
      // A flip in the random prefix's block only garbles those 16 bytes, which are discarded:
      // that is inherent to CBC; the msg_signature is what catches tampering before decryption.
      if (i >= 16 && result !== undefined) expect(result).not.toBe('<xml>hi</xml>');
    }
  });
});

describe('properties', () => {
  const lengthsAroundBlocks = fc.integer({ min: 0, max: 200 }).map((n) => 'x'.repeat(n));
  const messages = fc.oneof(
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: 'binary' }),
    fc.constantFrom('', '中文', '🀄️😀', 'a'.repeat(12), 'a'.repeat(44)),
    lengthsAroundBlocks,
  );

  test('decrypt(encrypt(m)) is m for any UTF-8 message, key and appid', () => {
    fc.assert(
      fc.property(
        messages,
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.string({ maxLength: 40 }),
        (m, key, appId) => {
          const encodingAESKey = Buffer.from(key).toString('base64').slice(0, 43);
          const crypto = new MessageCrypto({ token: 'tok', encodingAESKey, appId });
          const sealed = crypto.encrypt(m);
          expect(Buffer.from(sealed.encrypt, 'base64').length % 32).toBe(0);
          expect(crypto.verify(sealed)).toBe(true);
          const { message } = crypto.decrypt(sealed.encrypt);
          expect(message).toBe(Buffer.from(m, 'utf8').toString('utf8'));
        },
      ),
    );
  });

  test('random input to decrypt only ever throws WeChatCryptoError', () => {
    const crypto = new MessageCrypto({ token: 't', encodingAESKey: KEY, appId: 'wx' });
    const inputs = fc.oneof(
      fc.string(),
      fc.uint8Array({ maxLength: 256 }).map((b) => Buffer.from(b).toString('base64')),
      fc.uint8Array({ maxLength: 8 }).map((b) => Buffer.concat([randomBytes(64), b]).toString('base64')),
    );
    fc.assert(
      fc.property(inputs, (input) => {
        try {
          crypto.decrypt(input);
        } catch (error) {
          expect(error).toBeInstanceOf(WeChatCryptoError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

test('encryptReply writes the safe-mode reply document', () => {
  const v = vectors.encrypt[0]!;
  const xml = cryptoFor(v, v.random).encryptReply(v.message, { timestamp: v.timestamp, nonce: v.nonce });
  expect(xml).toBe(
    `<xml><Encrypt><![CDATA[${v.encrypt}]]></Encrypt><MsgSignature><![CDATA[${v.msgSignature}]]></MsgSignature>` +
      `<TimeStamp>${v.timestamp}</TimeStamp><Nonce><![CDATA[${v.nonce}]]></Nonce></xml>`,
  );
});
