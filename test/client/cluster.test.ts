import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { FileStore } from '../../src/store/file.js';
import { RedisStore } from '../../src/store/redis.js';
import type { Store } from '../../src/store/store.js';
import { type RedisServer, redisAvailable, startRedis } from '../helpers/redis-server.js';
import {
  APP_ID,
  calls,
  clientFor,
  emulatorPool,
  fault,
  issuedTokens,
  startWorker,
  until,
  type WorkerExit,
} from './helpers.js';

const pool = emulatorPool();
afterEach(pool.closeAll);

const PROCESSES = 8;
const CALLS_PER_PROCESS = 50;
/** Time for the workers, all started and waiting, to get the start time before it comes. */
const START_DELAY_MS = 1000;
const LEASE_KEY = `${APP_ID}:access_token:lease`;
/** The killed refresher's lease: long enough to see it held on a busy machine, short to wait out. */
const LEASE_MS = 2500;

const dir = mkdtempSync(join(tmpdir(), 'wechat-mp-cluster-'));
let files = 0;

/** A store kind as cluster-worker.ts takes it, with the parent's view of the same store. */
interface Shared {
  readonly kind: 'redis' | 'file';
  /** A fresh, empty location for one test. */
  fresh(): Promise<{ location: string; store: Store }>;
}

function parseReport(exit: WorkerExit): { refreshes: number; lateMs: number } {
  const line = exit.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as { refreshes: number; lateMs: number };
}

function describeCluster(shared: () => Shared): void {
  test(`${PROCESSES} processes calling at once on a cold cache: exactly one token fetch`, async () => {
    const { url } = await pool.start();
    const { location } = await shared().fresh();
    const workers = Array.from({ length: PROCESSES }, () =>
      startWorker([url, shared().kind, location, '-', String(CALLS_PER_PROCESS)]),
    );
    // Once every process is up, give them all the same start time, a little ahead.
    await Promise.all(workers.map((worker) => worker.ready));
    const startAt = Date.now() + START_DELAY_MS;
    for (const worker of workers) worker.send(String(startAt));
    const exits = await Promise.all(workers.map((worker) => worker.exited));
    for (const exit of exits) expect(exit, exit.stderr).toMatchObject({ code: 0 });
    const reports = exits.map(parseReport);
    const late = reports.filter((report) => report.lateMs > 50);
    if (late.length > 0) console.warn(`cluster test: ${late.length} workers started late (busy machine)`);

    expect(await calls(url, '/cgi-bin/stable_token')).toBe(1);
    expect(await issuedTokens(url)).toBe(1);
    expect(reports.reduce((sum, report) => sum + report.refreshes, 0)).toBe(1);
    expect(await calls(url, '/cgi-bin/getcallbackip')).toBe(PROCESSES * CALLS_PER_PROCESS);
  }, 60_000);

  test('a refresher SIGKILLed while holding the lease: another process takes over after it expires', async () => {
    const { url } = await pool.start();
    const { location, store } = await shared().fresh();
    // The doomed process's token request hangs, so it is killed holding the lease.
    await fault(url, { path: '/cgi-bin/stable_token', delayMs: 15_000, times: 1 });
    const doomed = startWorker([url, shared().kind, location, String(Date.now()), '1', String(LEASE_MS)]);
    await until(async () => (await calls(url, '/cgi-bin/stable_token')) === 1, 20_000);
    expect(await store.get(LEASE_KEY)).toBeDefined();
    doomed.kill('SIGKILL');
    const death = await doomed.exited;
    expect(death.signal).toBe('SIGKILL');
    expect(death.stdout).toBe(''); // it never finished its call
    expect(await store.get(LEASE_KEY)).toBeDefined(); // nobody released it

    let refreshes = 0;
    const survivor = clientFor(url, {
      store,
      tokenCache: { waitMs: 15_000 },
      hooks: {
        tokenRefresh: () => {
          refreshes += 1;
        },
      },
    });
    const results = await Promise.all(
      Array.from({ length: 10 }, () => survivor.request('GET', '/cgi-bin/getcallbackip')),
    );
    expect(results).toHaveLength(10);
    expect(refreshes).toBe(1);
    expect(await calls(url, '/cgi-bin/stable_token')).toBe(2); // the dead one's and the survivor's
    expect(await issuedTokens(url)).toBe(1);
    expect(await store.get(LEASE_KEY)).toBeUndefined();
  }, 60_000);
}

describe.runIf(redisAvailable())('RedisStore cluster', () => {
  let redis: RedisServer;
  const opened: RedisStore[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(opened.map((store) => store.close()));
    await redis.stop();
  });
  describeCluster(() => ({
    kind: 'redis',
    async fresh() {
      const store = new RedisStore({ url: redis.url, prefix: 'cluster-test:' });
      opened.push(store);
      await store.deletePrefix('');
      return { location: redis.url, store };
    },
  }));
});

describe('FileStore cluster', () => {
  describeCluster(() => ({
    kind: 'file',
    async fresh() {
      const location = join(dir, `store-${files++}.json`);
      return { location, store: new FileStore({ path: location }) };
    },
  }));
});
