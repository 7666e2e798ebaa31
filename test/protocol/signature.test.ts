import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  checkSignature,
  compareBytewise,
  computeMsgSignature,
  computeSignature,
} from '../../src/protocol/signature.js';
import { vectors } from '../fixtures/vectors.js';

describe('checkSignature', () => {
  test.each(vectors.signature)('official vector $signature', (v) => {
    expect(computeSignature(v.token, v.timestamp, v.nonce)).toBe(v.signature);
    expect(checkSignature(v)).toBe(true);
    expect(checkSignature({ ...v, signature: v.signature.toUpperCase() })).toBe(true);
  });

  test('rejects a wrong token, a changed value, a truncated or missing signature', () => {
    const v = vectors.signature[0]!;
    expect(checkSignature({ ...v, token: 'AAAAB' })).toBe(false);
    expect(checkSignature({ ...v, nonce: `${v.nonce}1` })).toBe(false);
    expect(checkSignature({ ...v, signature: v.signature.slice(0, 39) })).toBe(false);
    expect(checkSignature({ ...v, signature: '' })).toBe(false);
    expect(checkSignature({ ...v, timestamp: '' })).toBe(false);
  });
});

describe('compareBytewise', () => {
  test('orders like the UTF-8 bytes, including astral characters against U+E000–U+FFFF', () => {
    const utf8Order = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
    expect(Math.sign(compareBytewise('😀', '\uffff'))).toBe(1);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        expect(Math.sign(compareBytewise(a, b))).toBe(Math.sign(utf8Order(a, b)));
      }),
    );
  });
});

test('msg_signature of the official encryption vectors', () => {
  for (const v of [...vectors.encrypt, ...vectors.decrypt]) {
    expect(computeMsgSignature(v.token, v.timestamp, v.nonce, v.encrypt)).toBe(v.msgSignature);
  }
});
