import { entryOps, expiryOf, type Store, type StoredEntry } from './store.js';

/** Options of {@link MemoryStore}. */
export interface MemoryStoreOptions {
  /** Current time in ms; inject it to test expiry without waiting. Default `Date.now`. */
  readonly now?: () => number;
}

/**
 * The default store: a map in this process's memory. Correct for one process only — a second
 * process has its own map, fetches its own token and so invalidates the first one's. Use
 * `FileStore` for several processes on one machine and `RedisStore` for a cluster.
 *
 * It answers synchronously, as the {@link Store} interface allows: `await` works on its results
 * as on any store's, and a webhook answering a push from memory needs no promise for it.
 */
export class MemoryStore implements Store {
  readonly #entries = new Map<string, StoredEntry>();
  readonly #now: () => number;
  /** Where the sweep resumes: it walks the map a few entries per write (see {@link #sweep}). */
  #cursor: MapIterator<[string, StoredEntry]> | undefined;
  #writes = 0;

  /** @param options - see {@link MemoryStoreOptions}. */
  constructor(options: MemoryStoreOptions = {}) {
    this.#now = options.now ?? Date.now;
  }

  /** {@inheritDoc Store.get} */
  get(key: string): string | undefined {
    return entryOps.get(this.#entries, key, this.#now());
  }

  /** {@inheritDoc Store.set} */
  set(key: string, value: string, ttlMs?: number): void {
    const now = this.#now();
    const expiry = expiryOf(now, ttlMs);
    const entry = this.#entries.get(key);
    // Updated in place: a webhook overwrites every push's record once, and a new entry object
    // per overwrite is more garbage for the collector.
    if (entry === undefined) {
      this.#entries.set(key, { v: value, e: expiry });
    } else {
      entry.v = value;
      entry.e = expiry;
    }
    this.#sweep(now);
  }

  /** {@inheritDoc Store.delete} */
  delete(key: string): void {
    this.#entries.delete(key);
  }

  /** {@inheritDoc Store.setIfAbsent} */
  setIfAbsent(key: string, value: string, ttlMs: number): boolean {
    const now = this.#now();
    this.#sweep(now);
    return entryOps.setIfAbsent(this.#entries, key, value, ttlMs, now);
  }

  /** {@inheritDoc Store.compareAndDelete} */
  compareAndDelete(key: string, expected: string): boolean {
    return entryOps.compareAndDelete(this.#entries, key, expected, this.#now());
  }

  /** {@inheritDoc Store.increment} */
  increment(key: string, ttlMs?: number): number {
    return entryOps.increment(this.#entries, key, ttlMs, this.#now());
  }

  /**
   * Drops expired entries that nobody reads again (a webhook's dedupe records, for one): every
   * 64th write looks at the next 128 entries, resuming where the last look stopped. At two
   * looks per write, a steady flow of writes leaves about one expired entry for three live
   * ones, and no write pays for a whole pass (over a busy webhook's 200,000 records that takes
   * milliseconds, felt by every request waiting behind it).
   */
  #sweep(now: number): void {
    if (++this.#writes % 64 !== 0) return;
    let budget = 128;
    this.#cursor ??= this.#entries.entries();
    for (const [key, entry] of this.#cursor) {
      if (entry.e !== null && entry.e <= now) this.#entries.delete(key);
      if (--budget === 0) return;
    }
    this.#cursor = undefined;
  }

  /** How many keys the store holds, counting expired ones not swept yet. */
  get size(): number {
    return this.#entries.size;
  }

  /** {@inheritDoc Store.deletePrefix} */
  deletePrefix(prefix: string): number {
    return entryOps.deletePrefix(this.#entries, prefix);
  }
}
