// One process of a cluster, run by cluster.test.ts several at once (node --import tsx):
//
//   cluster-worker URL KIND LOCATION START_AT CALLS [LEASE_MS]
//
// URL is the emulator, KIND `redis` or `file`, LOCATION the Redis URL or the store file, START_AT
// the Unix time in ms at which every process starts calling (so they all hit a cold cache at
// once) — or `-`: print `ready` once set up and read START_AT from stdin, for machines too busy
// to know in advance how long the processes take to start — CALLS how many concurrent `getcallbackip` calls this process makes, LEASE_MS the refresh
// lease. It prints one JSON line `{ "refreshes": n, "lateMs": n }` (the tokens this process
// fetched, and how late it was for START_AT) and exits 0 when every call succeeded.
import { FileStore } from '../../src/store/file.js';
import { RedisStore } from '../../src/store/redis.js';
import type { Store } from '../../src/store/store.js';
import { clientFor } from './helpers.js';

const [url, kind, location, startAt, count, leaseMs] = process.argv.slice(2);
if (url === undefined || location === undefined || startAt === undefined || count === undefined) {
  throw new Error('usage: cluster-worker URL redis|file LOCATION START_AT CALLS [LEASE_MS]');
}

let store: Store;
let close = async (): Promise<void> => undefined;
if (kind === 'redis') {
  const redis = new RedisStore({ url: location, prefix: 'cluster-test:' });
  store = redis;
  close = () => redis.close();
} else if (kind === 'file') {
  store = new FileStore({ path: location, lockTimeoutMs: 30_000 });
} else {
  throw new Error(`unknown store kind "${kind}"`);
}

let refreshes = 0;
const client = clientFor(url, {
  store,
  tokenCache: { waitMs: 30_000, ...(leaseMs === undefined ? {} : { leaseMs: Number(leaseMs) }) },
  hooks: {
    tokenRefresh: () => {
      refreshes += 1;
    },
  },
});

async function startTime(): Promise<number> {
  if (startAt !== '-') return Number(startAt);
  console.log('ready');
  let input = '';
  for await (const chunk of process.stdin) {
    input += String(chunk);
    if (input.includes('\n')) break;
  }
  return Number(input.trim());
}

// Sleep most of the way, then spin for the last milliseconds so every process starts together.
const start = await startTime();
if (start - Date.now() > 20) await new Promise((resolve) => setTimeout(resolve, start - Date.now() - 20));
while (Date.now() < start) {
  // busy-wait
}
const lateMs = Date.now() - start;

const results = await Promise.allSettled(
  Array.from({ length: Number(count) }, () =>
    client.request<{ ip_list: string[] }>('GET', '/cgi-bin/getcallbackip'),
  ),
);
await close();
const failed = results.filter((result) => result.status === 'rejected');
for (const failure of failed.slice(0, 3)) console.error(String(failure.reason));
const empty = results.filter((result) => result.status === 'fulfilled' && result.value.ip_list.length === 0);
console.log(JSON.stringify({ refreshes, lateMs }));
process.exit(failed.length === 0 && empty.length === 0 ? 0 : 1);
