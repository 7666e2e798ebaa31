import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RedisStore } from '../../src/store/redis.js';
import { type RedisServer, redisAvailable, startRedis } from '../helpers/redis-server.js';
import { describeStoreConformance } from './conformance.js';

describe.runIf(redisAvailable())('RedisStore on a real redis-server', () => {
  let server: RedisServer;
  const stores: RedisStore[] = [];
  let counter = 0;

  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await server?.stop();
  });

  // Each test gets its own prefix on the same server: fresh, and proof that prefixes isolate.
  describeStoreConformance('RedisStore', async () => {
    const store = new RedisStore({ url: server.url, prefix: `t${counter++}:` });
    stores.push(store);
    return store;
  });

  test('keys carry the prefix on the server, and a shared client is left open', async () => {
    const client = new Redis(server.url);
    const store = new RedisStore({ client, prefix: 'app:' });
    await store.set('wx1:token', 'abc', 10_000);
    expect(await client.get('app:wx1:token')).toBe('abc');
    expect(await client.pttl('app:wx1:token')).toBeGreaterThan(0);
    await store.close();
    expect(await client.ping()).toBe('PONG');
    await client.quit();
  });
});
