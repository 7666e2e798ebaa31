// The 5-second rule, against the emulator's push side over real HTTP, with short times: the
// webhook's deadline is ~300 ms instead of 4.5 s and the emulator's push timeout is set longer or
// shorter as each scenario needs. Nothing here asserts a duration: only statuses, attempts,
// inbox contents and counts, with generous bounded waits for what happens in the background.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { WeChatClient } from '../../src/client/client.js';
import type { Emulator, EmulatorOptions, InboxEntry, PushResult } from '../../src/emulator.js';
import { startEmulator } from '../../src/emulator.js';
import { toNodeHandler } from '../../src/server/adapters/node.js';
import { createWebhook, type WebhookApp, type WebhookOptions } from '../../src/server/webhook.js';
import { MemoryStore } from '../../src/store/memory.js';
import type { Store } from '../../src/store/store.js';
import { control } from '../helpers/control.js';
import { type RedisServer, redisAvailable, startRedis } from '../helpers/redis-server.js';
import type { WorkerConfig } from './webhook-worker.js';

const APP = {
  appId: 'wxd7e4d1a1e0c0ffee',
  appSecret: 'd7e4d1a1e0c0ffeed7e4d1a1e0c0ffee',
  token: 'deadlineTestToken',
  encodingAESKey: 'Zyxwvutsrqponmlkjihgfedcba9876543210ZYXWVUT',
  originalId: 'gh_d7e4d1a1e0c0',
};

/** The webhook's deadline in every scenario where it should pass before the handler is done. */
const DEADLINE_MS = 300;
/** How long the slow handlers take: twice the deadline. */
const SLOW_MS = 900;
const RETRY_GRACE_MS = 500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `check` holds, polling every 20 ms, for at most `timeoutMs`. */
async function until(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(20);
  }
}

async function newUser(emulator: Emulator): Promise<string> {
  return (await control<{ openid: string }>(emulator.url, 'POST', '/emulator/users', {})).openid;
}

function sendText(emulator: Emulator, openid: string, content: string): Promise<PushResult> {
  return control<PushResult>(emulator.url, 'POST', `/emulator/users/${openid}/send`, {
    MsgType: 'text',
    Content: content,
  });
}

function textOf(result: PushResult): string {
  const reply = result.reply as { type?: string; content?: string } | undefined;
  if (result.status !== 'replied' || reply?.type !== 'text') {
    throw new Error(`expected a text reply, got ${JSON.stringify(result)}`);
  }
  return reply.content ?? '';
}

function inbox(emulator: Emulator, openid: string): Promise<InboxEntry[]> {
  return control<InboxEntry[]>(emulator.url, 'GET', `/emulator/users/${openid}/inbox`);
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Everything a test started, closed after it. */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

// ---- one process -----------------------------------------------------------------------------------

interface Single {
  readonly emulator: Emulator;
  readonly app: WebhookApp;
  /** POSTs that reached the webhook's HTTP server. */
  readonly requests: { count: number };
  readonly warnings: string[];
  readonly logged: { message: string; error: unknown }[];
}

/** An emulator pushing to one webhook process on node:http. */
async function single(options: {
  emulator: Pick<EmulatorOptions, 'pushTimeoutMs' | 'pushRetries'>;
  webhook?: Partial<WebhookOptions>;
  client?: boolean;
  /** Serve the store's answers by promise, a turn of the event loop later, as a networked store does. */
  storeByPromise?: boolean;
}): Promise<Single> {
  const emulator = await startEmulator({ ...APP, mode: 'safe', ...options.emulator });
  cleanups.push(() => emulator.close());
  const memory = new MemoryStore();
  const store = options.storeByPromise === true ? byPromise(memory) : memory;
  const warnings: string[] = [];
  const logged: Single['logged'] = [];
  const client =
    options.client === false
      ? undefined
      : new WeChatClient({ appId: APP.appId, appSecret: APP.appSecret, baseURL: emulator.url, store });
  const app = createWebhook({
    token: APP.token,
    appId: APP.appId,
    encodingAESKey: APP.encodingAESKey,
    store,
    ...(client === undefined ? {} : { client }),
    deadlineMs: DEADLINE_MS,
    retryGraceMs: RETRY_GRACE_MS,
    logger: {
      warn: (message) => warnings.push(message),
      error: (message, error) => logged.push({ message, error }),
    },
    ...options.webhook,
  });
  const requests = { count: 0 };
  const handler = toNodeHandler(app);
  const server = createServer((req, res) => {
    if (req.method === 'POST') requests.count += 1;
    handler(req, res);
  });
  const port = await listen(server);
  cleanups.push(() => closeServer(server));
  await control(emulator.url, 'PATCH', '/emulator/app', { webhook: `http://127.0.0.1:${port}/wechat` });
  return { emulator, app, requests, warnings, logged };
}

/** A store answering each call a turn of the event loop later, as a networked store does. */
function byPromise(store: MemoryStore): Store {
  const later = <T>(answer: () => T) =>
    new Promise<T>((resolve, reject) =>
      setImmediate(() => {
        try {
          resolve(answer());
        } catch (error) {
          reject(error);
        }
      }),
    );
  return {
    get: (key) => later(() => store.get(key)),
    set: (key, value, ttlMs) => later(() => store.set(key, value, ttlMs)),
    delete: (key) => later(() => store.delete(key)),
    setIfAbsent: (key, value, ttlMs) => later(() => store.setIfAbsent(key, value, ttlMs)),
    compareAndDelete: (key, expected) => later(() => store.compareAndDelete(key, expected)),
    increment: (key, ttlMs) => later(() => store.increment(key, ttlMs)),
    deletePrefix: (prefix) => later(() => store.deletePrefix(prefix)),
  };
}

/** The webhook takes a shorter path when the store answers synchronously: both are tested. */
const STORES = [
  ['a store answering synchronously', false],
  ['a store answering by promise', true],
] as const;

describe('one process', () => {
  test.each(STORES)(
    'a handler answering at once, %s: the reply goes passively, the handler runs once',
    async (_store, storeByPromise) => {
      const { emulator, app, logged } = await single({ emulator: { pushTimeoutMs: 5000 }, storeByPromise });
      let calls = 0;
      app.on('text', (ctx) => {
        calls += 1;
        return `at once: ${ctx.message.Content}`;
      });
      const openid = await newUser(emulator);

      const result = await sendText(emulator, openid, 'quick');
      expect(result).toMatchObject({ status: 'replied', attempts: 1 });
      expect(result.reply).toEqual({ type: 'text', content: 'at once: quick' });
      expect(calls).toBe(1);
      expect(app.stats).toMatchObject({ received: 1, replied: 1, fallback: 0, lost: 0 });
      expect(logged).toEqual([]);
    },
  );

  test.each(STORES)(
    'a handler slower than the deadline, %s: success now, then exactly one customer-service message',
    async (_store, storeByPromise) => {
      // The emulator waits 5 s, far longer than the webhook's deadline: the webhook answers first.
      const { emulator, app, logged } = await single({ emulator: { pushTimeoutMs: 5000 }, storeByPromise });
      let calls = 0;
      app.on('text', async (ctx) => {
        calls += 1;
        await sleep(SLOW_MS);
        return `late answer to ${ctx.message.Content}`;
      });
      const openid = await newUser(emulator);

      const result = await sendText(emulator, openid, 'slow please');
      expect(result).toMatchObject({ status: 'empty', attempts: 1 });
      await until(() => app.stats.fallback === 1);
      await sleep(RETRY_GRACE_MS); // anything sent twice would be there by now
      expect(await inbox(emulator, openid)).toEqual([
        expect.objectContaining({
          kind: 'custom',
          message: { msgtype: 'text', text: { content: 'late answer to slow please' } },
        }),
      ]);
      expect(calls).toBe(1);
      expect(app.stats).toMatchObject({ received: 1, replied: 0, fallback: 1, lost: 0 });
      expect(logged).toEqual([]);
    },
  );

  test('every reply type with a customer-service equivalent goes late as that message', async () => {
    const { emulator, app, logged } = await single({ emulator: { pushTimeoutMs: 5000 } });
    const replies = {
      image: { type: 'image', mediaId: 'IMAGE_MEDIA' },
      voice: { type: 'voice', mediaId: 'VOICE_MEDIA' },
      video: { type: 'video', mediaId: 'VIDEO_MEDIA', title: '视频', description: 'A video' },
      music: {
        type: 'music',
        thumbMediaId: 'THUMB_MEDIA',
        title: '歌',
        description: 'A song',
        musicUrl: 'https://example.com/a.mp3',
        hqMusicUrl: 'https://example.com/a-hq.mp3',
      },
      news: {
        type: 'news',
        articles: [
          {
            title: '文档',
            description: 'Docs',
            url: 'https://example.com',
            picUrl: 'https://example.com/p.png',
          },
        ],
      },
    } as const;
    app.on('text', async (ctx) => {
      await sleep(SLOW_MS);
      return replies[ctx.message.Content as keyof typeof replies];
    });
    const users = await Promise.all(
      Object.keys(replies).map(async (kind) => [kind, await newUser(emulator)]),
    );
    const results = await Promise.all(users.map(([kind, openid]) => sendText(emulator, openid!, kind!)));
    for (const result of results) expect(result).toMatchObject({ status: 'empty', attempts: 1 });
    await until(() => app.stats.fallback === users.length);

    const received: Record<string, unknown> = {};
    for (const [kind, openid] of users) {
      const entries = await inbox(emulator, openid!);
      expect(entries).toHaveLength(1);
      expect(entries[0]?.kind).toBe('custom');
      received[kind!] = entries[0]?.message;
    }
    expect(received).toEqual({
      image: { msgtype: 'image', image: { media_id: 'IMAGE_MEDIA' } },
      voice: { msgtype: 'voice', voice: { media_id: 'VOICE_MEDIA' } },
      video: { msgtype: 'video', video: { media_id: 'VIDEO_MEDIA', title: '视频', description: 'A video' } },
      music: {
        msgtype: 'music',
        music: {
          title: '歌',
          description: 'A song',
          musicurl: 'https://example.com/a.mp3',
          hqmusicurl: 'https://example.com/a-hq.mp3',
          thumb_media_id: 'THUMB_MEDIA',
        },
      },
      news: {
        msgtype: 'news',
        news: {
          articles: [
            {
              title: '文档',
              description: 'Docs',
              url: 'https://example.com',
              picurl: 'https://example.com/p.png',
            },
          ],
        },
      },
    });
    expect(logged).toEqual([]);
  });

  test.each(STORES)(
    'a reply finished after the platform dropped the first attempt rides on its retry, %s',
    async (_store, storeByPromise) => {
      // The emulator gives up on an attempt after 500 ms and retries; the webhook would wait 5 s.
      // The handler finishes only once the retry has arrived: the retry must carry the reply.
      const { emulator, app, requests, logged } = await single({
        emulator: { pushTimeoutMs: 500, pushRetries: 3 },
        webhook: { deadlineMs: 5000 },
        storeByPromise,
      });
      let calls = 0;
      app.on('text', async (ctx) => {
        calls += 1;
        await until(() => requests.count >= 2, 15_000);
        await sleep(100);
        return `passive answer to ${ctx.message.Content}`;
      });
      const openid = await newUser(emulator);

      const result = await sendText(emulator, openid, 'take your time');
      expect(result.status, result.reason).toBe('replied');
      expect(result.attempts).toBeGreaterThanOrEqual(2);
      expect(result.reply).toEqual({ type: 'text', content: 'passive answer to take your time' });
      await sleep(RETRY_GRACE_MS + 500); // past the grace period: a fallback would have been sent
      expect(await inbox(emulator, openid)).toEqual([
        expect.objectContaining({
          kind: 'reply',
          message: { type: 'text', content: 'passive answer to take your time' },
        }),
      ]);
      expect(calls).toBe(1);
      expect(app.stats).toMatchObject({ received: result.attempts, replied: 1, fallback: 0, lost: 0 });
      expect(logged).toEqual([]);
    },
  );

  test('when no retry comes after a dropped attempt, the reply goes by the fallback after the grace period', async () => {
    const { emulator, app } = await single({
      emulator: { pushTimeoutMs: 300, pushRetries: 0 },
      webhook: { deadlineMs: 5000 },
    });
    let calls = 0;
    app.on('text', async () => {
      calls += 1;
      await sleep(SLOW_MS);
      return 'after all';
    });
    const openid = await newUser(emulator);
    const result = await sendText(emulator, openid, 'hello?');
    expect(result).toMatchObject({ status: 'failed', attempts: 1 });
    await until(() => app.stats.fallback === 1);
    await sleep(RETRY_GRACE_MS);
    expect(await inbox(emulator, openid)).toEqual([
      expect.objectContaining({
        kind: 'custom',
        message: { msgtype: 'text', text: { content: 'after all' } },
      }),
    ]);
    expect(calls).toBe(1);
  });

  test('without a client, a late reply is counted as lost and logged', async () => {
    const { emulator, app, warnings } = await single({ emulator: { pushTimeoutMs: 5000 }, client: false });
    let calls = 0;
    app.on('text', async () => {
      calls += 1;
      await sleep(SLOW_MS);
      return 'nobody will see this';
    });
    const openid = await newUser(emulator);
    const result = await sendText(emulator, openid, 'slow');
    expect(result).toMatchObject({ status: 'empty', attempts: 1 });
    await until(() => app.stats.lost === 1);
    expect(warnings).toEqual([expect.stringMatching(/text reply to .* missed the deadline.*pass a client/)]);
    expect(warnings[0]).toContain(openid);
    await sleep(RETRY_GRACE_MS);
    expect(await inbox(emulator, openid)).toEqual([]);
    expect(calls).toBe(1);
    expect(app.stats).toMatchObject({ received: 1, replied: 0, fallback: 0, lost: 1 });
  });

  test('a late handover to customer service has no customer-service equivalent: lost and logged', async () => {
    const { emulator, app, warnings } = await single({ emulator: { pushTimeoutMs: 5000 } });
    app.on('text', async () => {
      await sleep(SLOW_MS);
      return { type: 'transfer_customer_service' };
    });
    const openid = await newUser(emulator);
    expect(await sendText(emulator, openid, 'agent please')).toMatchObject({ status: 'empty' });
    await until(() => app.stats.lost === 1);
    expect(warnings).toEqual([expect.stringContaining('transfer_customer_service reply')]);
    expect(await inbox(emulator, openid)).toEqual([]);
    expect(app.stats.fallback).toBe(0);
  });

  test('a handler that answers nothing late sends nothing', async () => {
    const { emulator, app, warnings, logged } = await single({ emulator: { pushTimeoutMs: 5000 } });
    let done = false;
    app.on('text', async () => {
      await sleep(SLOW_MS);
      done = true;
    });
    const openid = await newUser(emulator);
    expect(await sendText(emulator, openid, 'quiet')).toMatchObject({ status: 'empty' });
    await until(() => done);
    await sleep(RETRY_GRACE_MS);
    expect(await inbox(emulator, openid)).toEqual([]);
    expect(app.stats).toMatchObject({ fallback: 0, lost: 0 });
    expect({ warnings, logged }).toEqual({ warnings: [], logged: [] });
  });
});

// ---- a cluster: 4 processes behind a round-robin proxy, sharing Redis -----------------------------

const TSX_LOADER = pathToFileURL(
  join(import.meta.dirname, '..', '..', 'node_modules', 'tsx', 'dist', 'loader.mjs'),
).href;
const WORKER = join(import.meta.dirname, 'webhook-worker.ts');
const WORKERS = 4;

interface Worker {
  readonly child: ChildProcess;
  readonly port: Promise<number>;
  readonly output: () => string;
}

function startWorker(config: WorkerConfig): Worker {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, WORKER, JSON.stringify(config)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdin.on('error', () => undefined);
  const port = new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const match = /^port (\d+)$/m.exec(stdout);
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', (code, signal) =>
      reject(new Error(`worker exited (${code ?? signal}) before listening:\n${stderr}`)),
    );
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  return { child, port, output: () => stderr };
}

function stopWorker(worker: Worker): Promise<void> {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    worker.child.once('exit', () => resolve());
    worker.child.kill('SIGTERM');
  });
}

/**
 * A round-robin HTTP proxy: each request goes to the next port, the answer is streamed back, and
 * the upstream request is aborted when the client goes away (as a load balancer does), so the
 * webhook process sees the platform drop an attempt.
 */
async function startProxy(ports: readonly number[]): Promise<{ url: string; close: () => Promise<void> }> {
  let next = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const port = ports[next % ports.length]!;
    next += 1;
    const upstream = request(
      { host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers, agent: false },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}/wechat`, close: () => closeServer(server) };
}

interface Cluster {
  readonly emulator: Emulator;
  /** POSTs the workers received, all together. */
  requests(): Promise<number>;
  /** Runs of the handler for `openid`, on all workers together. */
  handled(openid: string): Promise<number>;
  /** What the workers wrote to stderr, for failure messages. */
  output(): string;
}

describe.runIf(redisAvailable())('4 processes behind a round-robin proxy, sharing a RedisStore', () => {
  let redisServer: RedisServer;
  let redis: Redis;
  let clusters = 0;

  beforeAll(async () => {
    redisServer = await startRedis();
    redis = new Redis(redisServer.url);
  }, 30_000);

  afterAll(async () => {
    await redis?.quit();
    await redisServer?.stop();
  });

  async function cluster(options: {
    pushTimeoutMs: number;
    pushRetries?: number;
    deadlineMs: number;
  }): Promise<Cluster> {
    clusters += 1;
    const prefix = `deadline-test:${clusters}:`;
    const emulator = await startEmulator({
      ...APP,
      mode: 'safe',
      pushTimeoutMs: options.pushTimeoutMs,
      pushRetries: options.pushRetries ?? 3,
    });
    cleanups.push(() => emulator.close());
    const config: WorkerConfig = {
      emulator: emulator.url,
      redis: redisServer.url,
      prefix,
      appId: APP.appId,
      appSecret: APP.appSecret,
      token: APP.token,
      encodingAESKey: APP.encodingAESKey,
      deadlineMs: options.deadlineMs,
      retryGraceMs: RETRY_GRACE_MS,
    };
    const workers = Array.from({ length: WORKERS }, () => startWorker(config));
    cleanups.push(() => Promise.all(workers.map(stopWorker)).then(() => undefined));
    const ports = await Promise.all(workers.map((w) => w.port));
    const proxy = await startProxy(ports);
    cleanups.push(proxy.close);
    await control(emulator.url, 'PATCH', '/emulator/app', { webhook: proxy.url });
    return {
      emulator,
      requests: async () => Number((await redis.get(`${prefix}test:requests`)) ?? '0'),
      handled: async (openid) => Number((await redis.get(`${prefix}test:handled:${openid}`)) ?? '0'),
      output: () => workers.map((w) => w.output()).join(''),
    };
  }

  test('a slow handler: success now, one customer-service message, one handler run', async () => {
    const { emulator, requests, handled, output } = await cluster({
      pushTimeoutMs: 5000,
      deadlineMs: DEADLINE_MS,
    });

    // Fast replies first: each process answers its push passively (the proxy spreads them).
    const regular = await newUser(emulator);
    const fast: PushResult[] = [];
    for (let i = 0; i < WORKERS; i += 1) fast.push(await sendText(emulator, regular, `hello ${i}`));
    const answers = fast.map((r) => textOf(r));
    expect(answers.map((a) => a.replace(/@\d+$/, ''))).toEqual(
      Array.from({ length: WORKERS }, (_, i) => `echo:hello ${i}`),
    );
    expect(new Set(answers.map((a) => a.replace(/^.*@/, ''))).size).toBe(WORKERS);
    expect(await handled(regular)).toBe(WORKERS);

    const openid = await newUser(emulator);
    const result = await sendText(emulator, openid, `slow:${SLOW_MS}:late from the cluster`);
    expect(result, output()).toMatchObject({ status: 'empty', attempts: 1 });
    await until(async () => (await inbox(emulator, openid)).length > 0, 15_000);
    await sleep(RETRY_GRACE_MS + 500); // a second delivery from any process would be there by now
    expect(await inbox(emulator, openid), output()).toEqual([
      expect.objectContaining({
        kind: 'custom',
        message: { msgtype: 'text', text: { content: 'late from the cluster' } },
      }),
    ]);
    expect(await handled(openid)).toBe(1);
    expect(await requests()).toBe(WORKERS + 1);
  }, 60_000);

  test('a reply finished after the first attempt was dropped rides on the retry, on another process', async () => {
    const { emulator, requests, handled, output } = await cluster({
      pushTimeoutMs: 600,
      pushRetries: 3,
      deadlineMs: 5000,
    });
    const openid = await newUser(emulator);

    const result = await sendText(emulator, openid, 'gate:2:passive from the cluster');
    expect(result.status, `${result.reason}\n${output()}`).toBe('replied');
    expect(result.attempts).toBeGreaterThanOrEqual(2);
    expect(result.reply).toEqual({ type: 'text', content: 'passive from the cluster' });
    await sleep(RETRY_GRACE_MS + 1000); // past the grace period: a fallback would have been sent
    expect(await inbox(emulator, openid), output()).toEqual([
      expect.objectContaining({
        kind: 'reply',
        message: { type: 'text', content: 'passive from the cluster' },
      }),
    ]);
    expect(await handled(openid)).toBe(1);
    expect(await requests()).toBe(result.attempts);
  }, 60_000);
});
