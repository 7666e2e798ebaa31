import { type Cipher, createCipheriv, createDecipheriv, type Decipher } from 'node:crypto';

const AES_BLOCK = 16;

/**
 * AES-256-CBC over whole blocks, without padding, with one fixed key and IV for every message,
 * as WeChat's message encryption uses it.
 *
 * A cipher object per message costs more than the AES itself: creating it sets up the key
 * schedule again, and the garbage collector must finalise its native half. So one cipher and
 * one decipher serve every message. Fed one message after another, CBC chains each message's
 * first block to the last ciphertext block of the one before instead of to the IV; that block
 * is known, so the difference is cancelled: XORed into the first plaintext block before
 * encrypting, out of the first decrypted block after. The output is bit for bit what a fresh
 * cipher gives.
 */
export class FixedIvCbc {
  readonly #key: Buffer;
  readonly #iv: Buffer;
  #cipher!: Cipher;
  #decipher!: Decipher;
  /** The block each object chains its next input to: its last ciphertext block so far. */
  readonly #cipherChain = Buffer.alloc(AES_BLOCK);
  readonly #decipherChain = Buffer.alloc(AES_BLOCK);

  /**
   * @param key - the 32-byte AES key.
   * @param iv - the 16-byte IV every message starts from.
   */
  constructor(key: Buffer, iv: Buffer) {
    this.#key = key;
    this.#iv = iv;
    this.#reset();
  }

  /**
   * Encrypts `plain`, a whole number of blocks. Its first block is overwritten: pass a buffer
   * that is not needed afterwards.
   */
  encrypt(plain: Buffer): Buffer {
    this.#unchain(plain, this.#cipherChain);
    const out = this.#run(this.#cipher, plain);
    out.copy(this.#cipherChain, 0, out.length - AES_BLOCK);
    return out;
  }

  /** Decrypts `data`, a whole number of blocks. */
  decrypt(data: Buffer): Buffer {
    const out = this.#run(this.#decipher, data);
    this.#unchain(out, this.#decipherChain);
    data.copy(this.#decipherChain, 0, data.length - AES_BLOCK);
    return out;
  }

  /** XORs `IV ⊕ chain` into the first block of `block`: the chain becomes the IV. */
  #unchain(block: Buffer, chain: Buffer): void {
    const iv = this.#iv;
    for (let i = 0; i < AES_BLOCK; i++)
      block[i] = (block[i] as number) ^ (iv[i] as number) ^ (chain[i] as number);
  }

  /**
   * One update of `cipher`. Should it ever fail or hold bytes back, the chains no longer match
   * what the objects did, so both start afresh before the error goes up.
   */
  #run(cipher: Cipher | Decipher, input: Buffer): Buffer {
    if (input.length === 0 || input.length % AES_BLOCK !== 0)
      throw new RangeError(`AES-CBC input of ${input.length} bytes is not whole blocks`);
    try {
      const out = cipher.update(input);
      if (out.length !== input.length)
        throw new Error(`AES-CBC gave ${out.length} bytes for ${input.length}`);
      return out;
    } catch (error) {
      this.#reset();
      throw error;
    }
  }

  #reset(): void {
    this.#cipher = createCipheriv('aes-256-cbc', this.#key, this.#iv).setAutoPadding(false);
    this.#decipher = createDecipheriv('aes-256-cbc', this.#key, this.#iv).setAutoPadding(false);
    this.#iv.copy(this.#cipherChain);
    this.#iv.copy(this.#decipherChain);
  }
}
