// One webhook process of a cluster, run by deadline.test.ts several at once behind a proxy
// (node --import tsx; no vitest here):
//
//   webhook-worker CONFIG_JSON
//
// CONFIG_JSON is a WorkerConfig. The process serves createWebhook + toNodeHandler on
// 127.0.0.1:0 with a RedisStore (keys under `prefix`) and a client pointed at the emulator,
// prints `port <n>` once listening, and exits on SIGTERM or when its stdin closes.
//
// It counts in Redis, under the store's prefix: `test:requests` every POST it receives,
// `test:handled:<openid>` every run of the text handler for that user. The text handler acts on
// the content:
//
//   slow:<ms>:<reply>   sleeps <ms>, then answers <reply>
//   gate:<n>:<reply>    waits until the cluster received <n> POSTs (the platform's retry came,
//                       to whichever process), then 100 ms more, then answers <reply>
//   anything else       answers `echo:<content>@<pid>` at once
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WeChatClient } from '../../src/client/client.js';
import { toNodeHandler } from '../../src/server/adapters/node.js';
import { createWebhook } from '../../src/server/webhook.js';
import { RedisStore } from '../../src/store/redis.js';

/** What deadline.test.ts passes as the one argument, as JSON. */
export interface WorkerConfig {
  readonly emulator: string;
  readonly redis: string;
  readonly prefix: string;
  readonly appId: string;
  readonly appSecret: string;
  readonly token: string;
  readonly encodingAESKey: string;
  readonly deadlineMs: number;
  readonly retryGraceMs: number;
}

const [json] = process.argv.slice(2);
if (json === undefined) throw new Error('usage: webhook-worker CONFIG_JSON');
const config = JSON.parse(json) as WorkerConfig;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const store = new RedisStore({ url: config.redis, prefix: config.prefix });
const client = new WeChatClient({
  appId: config.appId,
  appSecret: config.appSecret,
  baseURL: config.emulator,
  store,
});
const app = createWebhook({
  token: config.token,
  appId: config.appId,
  encodingAESKey: config.encodingAESKey,
  client,
  store,
  deadlineMs: config.deadlineMs,
  retryGraceMs: config.retryGraceMs,
  // stdout carries the port line only.
  logger: {
    warn: (message) => console.error(`[${process.pid}] warn: ${message}`),
    error: (message, error) => console.error(`[${process.pid}] error: ${message}`, error),
  },
});

app.on('text', async (ctx) => {
  await store.increment(`test:handled:${ctx.openid}`);
  const [command, argument, ...rest] = ctx.message.Content.split(':');
  const reply = rest.join(':');
  if (command === 'slow') {
    await sleep(Number(argument));
    return reply;
  }
  if (command === 'gate') {
    const deadline = Date.now() + 30_000;
    while (Number((await store.get('test:requests')) ?? '0') < Number(argument)) {
      if (Date.now() > deadline) throw new Error(`gate: fewer than ${argument} requests in 30 s`);
      await sleep(20);
    }
    await sleep(100);
    return reply;
  }
  return `echo:${ctx.message.Content}@${process.pid}`;
});

const handler = toNodeHandler(app);
const server = createServer((req, res) => {
  if (req.method !== 'POST') {
    handler(req, res);
    return;
  }
  store.increment('test:requests').then(
    () => handler(req, res),
    (error: unknown) => {
      res.writeHead(500).end(String(error));
    },
  );
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
console.log(`port ${(server.address() as AddressInfo).port}`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  server.closeAllConnections();
  server.close();
  await store.close().catch(() => undefined);
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.resume();
