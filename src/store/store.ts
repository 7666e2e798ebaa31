/** A value or a promise of it: custom stores may answer synchronously. */
export type MaybePromise<T> = T | Promise<T>;

/** Whether a {@link MaybePromise} is still to come: a thenable, however it was made. */
export function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

/**
 * Where wechat-mp keeps what a cluster must share: access tokens and tickets, refresh leases,
 * seen-message ids, the 48-hour window, rate counters. Values are strings; every TTL is in
 * milliseconds and every method must be atomic on its own, so that several processes using the
 * same store never see half an operation.
 *
 * Implementations: {@link MemoryStore} (one process), {@link FileStore} (processes on one
 * machine), `RedisStore` from `wechat-mp/redis` (a cluster). A custom store passes the same
 * conformance suite (`test/store/conformance.ts`).
 */
export interface Store {
  /** The value of `key`, or `undefined` when absent or expired. */
  get(key: string): MaybePromise<string | undefined>;
  /** Sets `key`, replacing any value; with `ttlMs` it expires after that many milliseconds. */
  set(key: string, value: string, ttlMs?: number): MaybePromise<void>;
  /** Deletes `key` if present. */
  delete(key: string): MaybePromise<void>;
  /**
   * Sets `key` only if it is absent, expiring after `ttlMs`: a lease lock. Returns whether this
   * caller got it.
   */
  setIfAbsent(key: string, value: string, ttlMs: number): MaybePromise<boolean>;
  /**
   * Deletes `key` only if its value is still `expected` (so a process never deletes a token or
   * a lease that another one has already replaced). Returns whether it deleted.
   */
  compareAndDelete(key: string, expected: string): MaybePromise<boolean>;
  /**
   * Adds 1 to the integer at `key` (absent counts as 0) and returns the new value. When the
   * counter is created, `ttlMs` starts its expiry: a fixed window for rate counters.
   */
  increment(key: string, ttlMs?: number): MaybePromise<number>;
  /** Deletes every key starting with `prefix`; returns how many were deleted. */
  deletePrefix(prefix: string): MaybePromise<number>;
}

/** A stored value with its expiry (ms since the epoch), as MemoryStore and FileStore keep it. */
export interface StoredEntry {
  /** The value. */
  v: string;
  /** When it expires, or `null` for never. */
  e: number | null;
}

/** The expiry of a value written now with `ttlMs`. */
export function expiryOf(now: number, ttlMs: number | undefined): number | null {
  if (ttlMs === undefined) return null;
  if (!Number.isFinite(ttlMs) || ttlMs <= 0)
    throw new RangeError(`ttlMs must be a positive number, got ${ttlMs}`);
  return now + ttlMs;
}

/**
 * The store operations over a map of entries, shared by MemoryStore and FileStore so
 * that both behave identically. `now` is the current time in ms.
 */
export const entryOps = {
  get(entries: Map<string, StoredEntry>, key: string, now: number): string | undefined {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.e !== null && entry.e <= now) {
      entries.delete(key);
      return undefined;
    }
    return entry.v;
  },
  setIfAbsent(
    entries: Map<string, StoredEntry>,
    key: string,
    value: string,
    ttlMs: number,
    now: number,
  ): boolean {
    if (entryOps.get(entries, key, now) !== undefined) return false;
    entries.set(key, { v: value, e: expiryOf(now, ttlMs) });
    return true;
  },
  compareAndDelete(entries: Map<string, StoredEntry>, key: string, expected: string, now: number): boolean {
    if (entryOps.get(entries, key, now) !== expected) return false;
    entries.delete(key);
    return true;
  },
  increment(entries: Map<string, StoredEntry>, key: string, ttlMs: number | undefined, now: number): number {
    const current = entryOps.get(entries, key, now);
    if (current === undefined) {
      entries.set(key, { v: '1', e: expiryOf(now, ttlMs) });
      return 1;
    }
    const next = Number(current) + 1;
    if (!Number.isSafeInteger(next)) throw new TypeError(`value at "${key}" is not an integer`);
    (entries.get(key) as StoredEntry).v = String(next);
    return next;
  },
  deletePrefix(entries: Map<string, StoredEntry>, prefix: string): number {
    let count = 0;
    for (const key of entries.keys()) {
      if (key.startsWith(prefix)) {
        entries.delete(key);
        count += 1;
      }
    }
    return count;
  },
};
