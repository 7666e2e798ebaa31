import { randomBytes } from 'node:crypto';
import { describeErrcode } from '../protocol/errcodes.js';

/**
 * The errmsg the live platform sends where it differs from the table's wording (the table keeps
 * older texts for some codes), so emulator errors read like real ones.
 */
const LIVE_ERRMSG: Readonly<Record<number, string>> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40014: 'invalid access_token',
  41001: 'access_token missing',
  42001: 'access_token expired',
  43001: 'require GET method',
  43002: 'require POST method',
  44002: 'empty post data',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit mustslower retry next minute',
  47001: 'data format error',
  48006: 'forbid to clear quota because of reaching the limit',
  76001: 'rid not found',
  76002: 'rid is error',
  76021: 'cgi_path not found, please check',
};

/** The errmsg of a code, without the rid suffix. */
export function errmsgOf(errcode: number): string {
  return LIVE_ERRMSG[errcode] ?? (describeErrcode(errcode)?.errmsg || 'unknown error');
}

/** A new request id in the platform's shape: three groups of 8 hex digits. */
export function newRid(): string {
  const hex = randomBytes(12).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 16)}-${hex.slice(16, 24)}`;
}

/**
 * Thrown by an API handler to answer with a platform error. The server turns it into
 * `{"errcode":N,"errmsg":"… rid: …"}` with HTTP 200, as the platform does, and logs the rid.
 */
export class PlatformError extends Error {
  /** The platform's errcode. */
  readonly errcode: number;
  /** The errmsg before the rid suffix. */
  readonly errmsg: string;

  /** @param errcode - the code. @param errmsg - a message other than the code's usual one. */
  constructor(errcode: number, errmsg?: string) {
    const text = errmsg ?? errmsgOf(errcode);
    super(`${errcode} ${text}`);
    this.name = 'PlatformError';
    this.errcode = errcode;
    this.errmsg = text;
  }
}
