import * as nodeCrypto from 'node:crypto';

/**
 * Node's one-shot `crypto.hash` (Node 20.12 and later): unlike a `Hash` object it leaves no
 * native handle for the garbage collector to finalise, and every push is hashed three times.
 */
const oneShotHash = (nodeCrypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string })
  .hash;

/**
 * Orders strings by their UTF-8 bytes, as WeChat does before hashing. UTF-16 code-unit order
 * (JavaScript's default) differs from byte order only where a surrogate pair meets a character
 * in U+E000–U+FFFF, so only that case is remapped.
 */
export function compareBytewise(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    let ca = a.charCodeAt(i);
    let cb = b.charCodeAt(i);
    if (ca === cb) continue;
    if (ca >= 0xd800 && cb >= 0xd800) {
      ca = ca >= 0xe000 ? ca - 0x800 : ca + 0x2000;
      cb = cb >= 0xe000 ? cb - 0x800 : cb + 0x2000;
    }
    return ca - cb;
  }
  return a.length - b.length;
}

/**
 * WeChat's signature scheme: sort the parts byte-wise, concatenate them with no separator, and
 * take the lowercase hex SHA-1. Used for the URL signature (token, timestamp, nonce), the
 * message signature (plus the ciphertext) and the card signature.
 */
export function sortedSha1(parts: readonly string[]): string {
  // An insertion sort by hand: Array.prototype.sort with a comparator allocates about 1 KB of
  // bookkeeping per call, and every push is signed two or three times.
  const sorted = parts.slice();
  for (let i = 1; i < sorted.length; i++) {
    const part = sorted[i] as string;
    let j = i;
    for (; j > 0 && compareBytewise(sorted[j - 1] as string, part) > 0; j--)
      sorted[j] = sorted[j - 1] as string;
    sorted[j] = part;
  }
  const joined = sorted.join('');
  return oneShotHash !== undefined
    ? oneShotHash('sha1', joined, 'hex')
    : nodeCrypto.createHash('sha1').update(joined, 'utf8').digest('hex');
}

/**
 * Compares two signatures in constant time (for equal lengths), case-insensitively for hex.
 * Unequal lengths return false at once: the length of a SHA-1 hex digest is no secret.
 */
export function signaturesEqual(expected: string, received: string): boolean {
  const a = Buffer.from(expected.toLowerCase(), 'utf8');
  const b = Buffer.from(received.toLowerCase(), 'utf8');
  return a.length === b.length && nodeCrypto.timingSafeEqual(a, b);
}

/** The three values of a plain signature check, as WeChat sends them in the query string. */
export interface SignatureParams {
  /** The token configured on the platform's server settings page. */
  readonly token: string;
  /** The `signature` query parameter. */
  readonly signature: string;
  /** The `timestamp` query parameter, exactly as received. */
  readonly timestamp: string;
  /** The `nonce` query parameter, exactly as received. */
  readonly nonce: string;
}

/**
 * Computes the plain `signature` WeChat puts on every request to the server URL:
 * `sha1(sort(token, timestamp, nonce))`.
 */
export function computeSignature(token: string, timestamp: string, nonce: string): string {
  return sortedSha1([token, timestamp, nonce]);
}

/**
 * Checks the plain `signature` of a URL-verification GET or a pushed POST. The comparison is
 * constant-time. Missing values (empty strings) never verify.
 *
 * @example
 * ```ts
 * checkSignature({ token: 'AAAAA', timestamp: '1714036504', nonce: '1514711492',
 *   signature: 'f464b24fc39322e44b38aa78f5edd27bd1441696' }); // → true
 * ```
 */
export function checkSignature({ token, signature, timestamp, nonce }: SignatureParams): boolean {
  if (!signature || !timestamp || !nonce) return false;
  return signaturesEqual(computeSignature(token, timestamp, nonce), signature);
}

/**
 * Computes the 4-part `msg_signature` of an encrypted message:
 * `sha1(sort(token, timestamp, nonce, encrypt))`.
 */
export function computeMsgSignature(
  token: string,
  timestamp: string,
  nonce: string,
  encrypt: string,
): string {
  return sortedSha1([token, timestamp, nonce, encrypt]);
}
