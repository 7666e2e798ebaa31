import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { entryOps, expiryOf, type Store, type StoredEntry } from './store.js';

/** Options of {@link FileStore}. */
export interface FileStoreOptions {
  /** The JSON file holding the store; created on first write. */
  readonly path: string;
  /** Current time in ms; inject it to test expiry without waiting. Default `Date.now`. */
  readonly now?: () => number;
  /** How long an operation waits for the file lock before failing. Default 5000 ms. */
  readonly lockTimeoutMs?: number;
  /**
   * A lock file older than this is taken to be left by a crashed process and removed.
   * Operations hold the lock for milliseconds, so the default of 10 s is far beyond any
   * live holder.
   */
  readonly staleLockMs?: number;
}

type Entries = Map<string, StoredEntry>;

/**
 * A store in one JSON file, shared safely by every process on the machine: each change takes a
 * lock file (created with O_EXCL), reads the file, writes a temporary copy and renames it over
 * the original, so readers never see half a write and no change is lost to a concurrent one.
 * It survives restarts. For a cluster of machines use `RedisStore`.
 */
export class FileStore implements Store {
  readonly #path: string;
  readonly #lockPath: string;
  readonly #now: () => number;
  readonly #lockTimeoutMs: number;
  readonly #staleLockMs: number;

  /** @param options - see {@link FileStoreOptions}. */
  constructor(options: FileStoreOptions) {
    this.#path = options.path;
    this.#lockPath = `${options.path}.lock`;
    this.#now = options.now ?? Date.now;
    this.#lockTimeoutMs = options.lockTimeoutMs ?? 5000;
    this.#staleLockMs = options.staleLockMs ?? 10_000;
  }

  /** {@inheritDoc Store.get} */
  async get(key: string): Promise<string | undefined> {
    // Writes replace the file by rename, so an unlocked read sees one whole version.
    return entryOps.get(await this.#read(), key, this.#now());
  }

  /** {@inheritDoc Store.set} */
  set(key: string, value: string, ttlMs?: number): Promise<void> {
    return this.#change((entries) => {
      entries.set(key, { v: value, e: expiryOf(this.#now(), ttlMs) });
    });
  }

  /** {@inheritDoc Store.delete} */
  delete(key: string): Promise<void> {
    return this.#change((entries) => {
      entries.delete(key);
    });
  }

  /** {@inheritDoc Store.setIfAbsent} */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return this.#change((entries) => entryOps.setIfAbsent(entries, key, value, ttlMs, this.#now()));
  }

  /** {@inheritDoc Store.compareAndDelete} */
  compareAndDelete(key: string, expected: string): Promise<boolean> {
    return this.#change((entries) => entryOps.compareAndDelete(entries, key, expected, this.#now()));
  }

  /** {@inheritDoc Store.increment} */
  increment(key: string, ttlMs?: number): Promise<number> {
    return this.#change((entries) => entryOps.increment(entries, key, ttlMs, this.#now()));
  }

  /** {@inheritDoc Store.deletePrefix} */
  deletePrefix(prefix: string): Promise<number> {
    return this.#change((entries) => entryOps.deletePrefix(entries, prefix));
  }

  async #read(): Promise<Entries> {
    let text: string;
    try {
      text = await readFile(this.#path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw error;
    }
    try {
      return new Map(Object.entries(JSON.parse(text) as Record<string, StoredEntry>));
    } catch {
      throw new Error(`FileStore: ${this.#path} is not valid JSON; fix or remove it (it was left untouched)`);
    }
  }

  async #change<T>(operation: (entries: Entries) => T): Promise<T> {
    const release = await this.#lock();
    try {
      const entries = await this.#read();
      const result = operation(entries);
      const now = this.#now();
      for (const [key, entry] of entries) if (entry.e !== null && entry.e <= now) entries.delete(key);
      const temporary = `${this.#path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      await writeFile(temporary, JSON.stringify(Object.fromEntries(entries)));
      await rename(temporary, this.#path);
      return result;
    } finally {
      await release();
    }
  }

  async #lock(): Promise<() => Promise<void>> {
    await mkdir(dirname(this.#path), { recursive: true });
    const deadline = Date.now() + this.#lockTimeoutMs;
    for (let wait = 1; ; wait = Math.min(wait * 2, 20)) {
      try {
        const handle = await open(this.#lockPath, 'wx');
        await handle.close();
        return () => unlink(this.#lockPath).catch(() => undefined);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      await this.#removeStaleLock();
      if (Date.now() > deadline) {
        throw new Error(`FileStore: could not lock ${this.#path} within ${this.#lockTimeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, wait * (0.5 + Math.random())));
    }
  }

  async #removeStaleLock(): Promise<void> {
    try {
      const { mtimeMs } = await stat(this.#lockPath);
      if (Date.now() - mtimeMs > this.#staleLockMs) await unlink(this.#lockPath);
    } catch {
      // Gone already: the next attempt will take it.
    }
  }
}
