import { Redis } from 'ioredis';
import type { Store } from './store.js';

/** Options of {@link RedisStore}. */
export interface RedisStoreOptions {
  /** A Redis URL such as `redis://127.0.0.1:6379/0`; used when no `client` is given. */
  readonly url?: string;
  /** An ioredis client to use (the store then leaves closing it to you). */
  readonly client?: Redis;
  /** Prefix of every key, e.g. `myapp:`. Default `wechat-mp:`. */
  readonly prefix?: string;
}

const COMPARE_AND_DELETE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;
const INCREMENT = `local n = redis.call('incr', KEYS[1]) if n == 1 and tonumber(ARGV[1]) > 0 then redis.call('pexpire', KEYS[1], ARGV[1]) end return n`;

/**
 * A store on Redis, for a cluster: every operation is one atomic command or Lua script, so any
 * number of processes on any number of machines can share tokens, leases and counters. Works
 * with a standalone server; keys are prefixed so one Redis serves several applications.
 *
 * @example
 * ```ts
 * import { RedisStore } from 'wechat-mp/redis';
 * const store = new RedisStore({ url: process.env.REDIS_URL, prefix: 'shop:' });
 * ```
 */
export class RedisStore implements Store {
  readonly #redis: Redis;
  readonly #owned: boolean;
  readonly #prefix: string;

  /** @param options - see {@link RedisStoreOptions}. */
  constructor(options: RedisStoreOptions = {}) {
    this.#owned = options.client === undefined;
    this.#redis = options.client ?? (options.url === undefined ? new Redis() : new Redis(options.url));
    this.#prefix = options.prefix ?? 'wechat-mp:';
  }

  /** {@inheritDoc Store.get} */
  async get(key: string): Promise<string | undefined> {
    return (await this.#redis.get(this.#prefix + key)) ?? undefined;
  }

  /** {@inheritDoc Store.set} */
  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    if (ttlMs === undefined) await this.#redis.set(this.#prefix + key, value);
    else await this.#redis.set(this.#prefix + key, value, 'PX', checkTtl(ttlMs));
  }

  /** {@inheritDoc Store.delete} */
  async delete(key: string): Promise<void> {
    await this.#redis.del(this.#prefix + key);
  }

  /** {@inheritDoc Store.setIfAbsent} */
  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return (await this.#redis.set(this.#prefix + key, value, 'PX', checkTtl(ttlMs), 'NX')) === 'OK';
  }

  /** {@inheritDoc Store.compareAndDelete} */
  async compareAndDelete(key: string, expected: string): Promise<boolean> {
    return Number(await this.#redis.eval(COMPARE_AND_DELETE, 1, this.#prefix + key, expected)) === 1;
  }

  /** {@inheritDoc Store.increment} */
  async increment(key: string, ttlMs?: number): Promise<number> {
    const ttl = ttlMs === undefined ? 0 : checkTtl(ttlMs);
    return Number(await this.#redis.eval(INCREMENT, 1, this.#prefix + key, ttl));
  }

  /** {@inheritDoc Store.deletePrefix} */
  async deletePrefix(prefix: string): Promise<number> {
    const pattern = `${escapeGlob(this.#prefix + prefix)}*`;
    let cursor = '0';
    let count = 0;
    do {
      const [next, keys] = await this.#redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) count += await this.#redis.unlink(...keys);
    } while (cursor !== '0');
    return count;
  }

  /** Closes the connection if the store opened it. */
  async close(): Promise<void> {
    if (this.#owned) await this.#redis.quit();
  }
}

function checkTtl(ttlMs: number): number {
  if (!Number.isFinite(ttlMs) || ttlMs <= 0)
    throw new RangeError(`ttlMs must be a positive number, got ${ttlMs}`);
  return Math.ceil(ttlMs);
}

/** Escapes Redis glob characters so a prefix matches only itself. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
