import { randomBytes } from 'node:crypto';
import { PlatformError } from './platform-error.js';
import type { Platform } from './routes.js';
import type { IssuedCredential } from './state.js';

/** Lifetime of tokens and tickets: 7200 s. */
export const CREDENTIAL_LIFETIME_MS = 7200 * 1000;
/** How long a replaced token keeps working, so other servers can switch over: 5 minutes. */
export const OVERLAP_MS = 300 * 1000;
/** Expired credentials are remembered this long to answer 42001 rather than 40001. */
const REMEMBER_EXPIRED_MS = 24 * 3600 * 1000;
const TOKEN_SHAPE = /^\d+_[A-Za-z0-9_-]{40,}$/;

/** Issues a new credential of `kind`; older ones of that kind keep working for 5 minutes. */
export function issueCredential(platform: Platform, kind: IssuedCredential['kind']): string {
  const now = platform.clock.nowMs();
  prune(platform, now);
  for (const credential of Object.values(platform.state.credentials)) {
    if (credential.kind === kind && credential.supersededUntil === undefined) {
      credential.supersededUntil = Math.min(credential.expiresAt, now + OVERLAP_MS);
    }
  }
  const value = `${Math.floor(now / 1000) % 100}_${randomBytes(72).toString('base64url')}`;
  platform.state.credentials[value] = { kind, issuedAt: now, expiresAt: now + CREDENTIAL_LIFETIME_MS };
  platform.changed();
  platform.count(`issued:${kind}`);
  return value;
}

/** The newest still-valid credential of `kind`, if any. */
export function currentCredential(
  platform: Platform,
  kind: IssuedCredential['kind'],
): [string, IssuedCredential] | undefined {
  const now = platform.clock.nowMs();
  for (const entry of Object.entries(platform.state.credentials)) {
    if (entry[1].kind === kind && entry[1].supersededUntil === undefined && entry[1].expiresAt > now)
      return entry;
  }
  return undefined;
}

/** Seconds until `credential` stops working. */
export function secondsLeft(platform: Platform, credential: IssuedCredential): number {
  const until = Math.min(credential.expiresAt, credential.supersededUntil ?? Number.POSITIVE_INFINITY);
  // Rounded up: a credential issued this millisecond reports its full 7200, as the platform does.
  return Math.max(0, Math.ceil((until - platform.clock.nowMs()) / 1000));
}

/**
 * Checks the `access_token` of a call the way the platform does: missing → 41001, not a token
 * at all → 40014, unknown or replaced → 40001 (`not latest`), past its lifetime → 42001.
 */
export function requireAccessToken(platform: Platform, token: string | null): void {
  if (token === null || token === '') throw new PlatformError(41001);
  if (!TOKEN_SHAPE.test(token)) throw new PlatformError(40014);
  const credential = platform.state.credentials[token];
  if (credential === undefined || (credential.kind !== 'token' && credential.kind !== 'stable_token')) {
    throw new PlatformError(40001);
  }
  const now = platform.clock.nowMs();
  if (now >= credential.expiresAt) throw new PlatformError(42001);
  if (credential.supersededUntil !== undefined && now >= credential.supersededUntil)
    throw new PlatformError(40001);
}

function prune(platform: Platform, now: number): void {
  for (const [value, credential] of Object.entries(platform.state.credentials)) {
    if (credential.expiresAt + REMEMBER_EXPIRED_MS < now) delete platform.state.credentials[value];
  }
}
