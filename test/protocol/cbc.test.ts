import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { FixedIvCbc } from '../../src/protocol/cbc.js';

const key = randomBytes(32);
const iv = key.subarray(0, 16);

/** What a new cipher object per message gives: the reference. */
function freshly(mode: 'encrypt' | 'decrypt', input: Buffer): Buffer {
  const cipher = (mode === 'encrypt' ? createCipheriv : createDecipheriv)('aes-256-cbc', key, iv);
  return cipher.setAutoPadding(false).update(input);
}

const wholeBlocks = fc
  .integer({ min: 1, max: 40 })
  .chain((n) => fc.uint8Array({ minLength: n * 16, maxLength: n * 16 }));

describe('FixedIvCbc', () => {
  test('one object gives what a new cipher per message gives, in any order of calls', () => {
    const aes = new FixedIvCbc(key, iv);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), wholeBlocks), { minLength: 1, maxLength: 20 }), (calls) => {
        for (const [encrypting, bytes] of calls) {
          const input = Buffer.from(bytes);
          if (encrypting) expect(aes.encrypt(Buffer.from(input))).toEqual(freshly('encrypt', input));
          else expect(aes.decrypt(input)).toEqual(freshly('decrypt', input));
        }
      }),
    );
  });

  test('decrypt inverts encrypt, message after message', () => {
    const aes = new FixedIvCbc(key, iv);
    for (let i = 1; i <= 50; i++) {
      const plain = randomBytes(16 * i);
      expect(aes.decrypt(aes.encrypt(Buffer.from(plain)))).toEqual(plain);
    }
  });

  test('input that is not whole blocks is refused and the next message is still right', () => {
    const aes = new FixedIvCbc(key, iv);
    const message = randomBytes(64);
    aes.encrypt(Buffer.from(message));
    expect(() => aes.decrypt(randomBytes(20))).toThrow(/not whole blocks/);
    expect(() => aes.encrypt(Buffer.alloc(0))).toThrow(/not whole blocks/);
    expect(aes.encrypt(Buffer.from(message))).toEqual(freshly('encrypt', message));
    const sealed = freshly('encrypt', message);
    expect(aes.decrypt(sealed)).toEqual(message);
  });
});
