import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { MessageCrypto, parseXml } from '../../src/index.js';
import { vectors } from '../fixtures/vectors.js';
import { type CliRunOptions, runCaptured } from '../helpers/cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'wechat-mp-crypto-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const run = (argv: string[], options: CliRunOptions = {}) => runCaptured(['crypto', ...argv], options);

const push = vectors.decrypt[0];
const sample = vectors.encrypt[0];
if (push === undefined || sample === undefined) throw new Error('vectors missing');
const pushKeys = ['--token', push.token, '--aes-key', push.encodingAESKey, '--app-id', push.appId];
const sampleKeys = ['--token', sample.token, '--aes-key', sample.encodingAESKey, '--app-id', sample.appId];

/** Flips one base64 character in the middle of a ciphertext. */
function tamper(encrypt: string): string {
  const i = Math.floor(encrypt.length / 2);
  return `${encrypt.slice(0, i)}${encrypt[i] === 'A' ? 'B' : 'A'}${encrypt.slice(i + 1)}`;
}

describe('wechat-mp crypto decrypt', () => {
  test('the official ciphertext decrypts to the exact message', async () => {
    const { code, stdout, stderr } = await run(['decrypt', ...sampleKeys, sample.encrypt]);
    expect(code).toBe(0);
    expect(stdout).toBe(`${sample.message}\n`);
    expect(stderr).toContain('msg_signature not checked');
  });

  test('with the msg_signature of the vector, it is verified', async () => {
    const { code, stdout, stderr } = await run([
      'decrypt',
      ...sampleKeys,
      '--msg-signature',
      sample.msgSignature,
      '--timestamp',
      sample.timestamp,
      '--nonce',
      sample.nonce,
      sample.encrypt,
    ]);
    expect(code).toBe(0);
    expect(stdout).toBe(`${sample.message}\n`);
    expect(stderr).toContain(`✓ msg_signature verified, appid ${sample.appId}`);
  });

  test('a whole captured body from --xml FILE, and from stdin', async () => {
    const path = join(scratch, 'push.xml');
    writeFileSync(path, push.body);
    const signature = [
      '--msg-signature',
      push.msgSignature,
      '--timestamp',
      push.timestamp,
      '--nonce',
      push.nonce,
    ];
    const fromFile = await run(['decrypt', ...pushKeys, ...signature, '--xml', path]);
    expect(fromFile.code).toBe(0);
    expect(fromFile.stdout).toBe(`${push.message}\n`);

    const fromStdin = await run(['decrypt', ...pushKeys, ...signature, '-'], { stdin: push.body });
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.stdout).toBe(`${push.message}\n`);
  });

  test('the settings can come from the environment', async () => {
    const { code, stdout } = await run(['decrypt', sample.encrypt], {
      env: { WECHAT_AES_KEY: sample.encodingAESKey, WECHAT_APP_ID: sample.appId },
    });
    expect(code).toBe(0);
    expect(stdout).toBe(`${sample.message}\n`);
  });

  test('a tampered ciphertext fails its msg_signature: -40001', async () => {
    const { code, stdout, stderr } = await run([
      'decrypt',
      ...sampleKeys,
      '--msg-signature',
      sample.msgSignature,
      '--timestamp',
      sample.timestamp,
      '--nonce',
      sample.nonce,
      tamper(sample.encrypt),
    ]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('-40001 ValidateSignatureError');
  });

  test('a tampered ciphertext without signature, another appid, a bad key, a body without Encrypt', async () => {
    const damaged = await run(['decrypt', ...sampleKeys, tamper(sample.encrypt)]);
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toMatch(/-400(07|08|05) (DecryptAESError|IllegalBuffer|ValidateAppidError)/);

    const appid = await run(['decrypt', ...sampleKeys, '--app-id', 'wxffffffffffffffff', sample.encrypt]);
    expect(appid.code).toBe(1);
    expect(appid.stderr).toContain('-40005 ValidateAppidError');

    const key = await run(['decrypt', ...sampleKeys, '--aes-key', 'short', sample.encrypt]);
    expect(key.code).toBe(1);
    expect(key.stderr).toContain('-40004 IllegalAesKey');

    const body = await run(['decrypt', ...sampleKeys, '-'], { stdin: '<xml><A>1</A></xml>' });
    expect(body.code).toBe(1);
    expect(body.stderr).toContain('-40002 ParseXmlError');

    const base64 = await run(['decrypt', ...sampleKeys, 'not base64!']);
    expect(base64.code).toBe(1);
    expect(base64.stderr).toContain('-40010 DecodeBase64Error');
  });
});

describe('wechat-mp crypto encrypt', () => {
  const reply =
    '<xml><ToUserName><![CDATA[oUser]]></ToUserName><FromUserName><![CDATA[gh_x]]></FromUserName>' +
    '<CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content></xml>';

  test('prints the safe-mode reply document with the given timestamp and nonce', async () => {
    const { code, stdout } = await run([
      'encrypt',
      ...sampleKeys,
      '--timestamp',
      '1700000000',
      '--nonce',
      'abc',
      reply,
    ]);
    expect(code).toBe(0);
    const fields = parseXml(stdout.trim()).value as Record<string, string>;
    expect(Object.keys(fields)).toEqual(['Encrypt', 'MsgSignature', 'TimeStamp', 'Nonce']);
    expect(fields.TimeStamp).toBe('1700000000');
    expect(fields.Nonce).toBe('abc');
    const crypto = new MessageCrypto({
      token: sample.token,
      encodingAESKey: sample.encodingAESKey,
      appId: sample.appId,
    });
    expect(
      crypto.verifyAndDecrypt({
        msgSignature: fields.MsgSignature ?? '',
        timestamp: '1700000000',
        nonce: 'abc',
        encrypt: fields.Encrypt ?? '',
      }).message,
    ).toBe(reply);
  });

  test('encrypt from stdin, then decrypt the document: the round trip gives the XML back', async () => {
    const encrypted = await run(['encrypt', ...sampleKeys, '-'], { stdin: `${reply}\n` });
    expect(encrypted.code).toBe(0);
    const decrypted = await run(['decrypt', ...sampleKeys, '-'], { stdin: encrypted.stdout });
    expect(decrypted.code).toBe(0);
    expect(decrypted.stderr).toContain('✓ msg_signature verified'); // from the document's own fields
    expect(decrypted.stdout).toBe(`${reply}\n`);
  });

  test.each([
    [['encrypt', '<xml/>'], 'missing the Token'],
    [['encrypt', '--token', 't', '--app-id', 'wx1', '<xml/>'], 'missing the EncodingAESKey'],
    [['encrypt', ...['--token', 't', '--aes-key', 'k', '--app-id', 'a']], 'missing the XML to encrypt'],
    [
      ['encrypt', ...['--token', 't', '--aes-key', 'k', '--app-id', 'a', '--timestamp', 'x', '<xml/>']],
      '--timestamp must be',
    ],
    [['decrypt', '--aes-key', 'k', '--app-id', 'a'], 'missing the ciphertext'],
    [
      ['decrypt', '--aes-key', 'k', '--app-id', 'a', '--msg-signature', 's', 'abc'],
      'needs --timestamp and --nonce',
    ],
    [['decrypt', '--aes-key', 'k', '--app-id', 'a', '--xml', 'f', 'abc'], 'not both'],
    [['rot13'], 'unknown action "rot13"'],
    [[], 'missing the action'],
  ])('%j is a usage error', async (args, message) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  test('--help', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('wechat-mp crypto decrypt');
  });
});
