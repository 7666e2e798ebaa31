// Everything that is not an authentic push or handshake is refused by app.handle() before any
// middleware or handler runs: each bad input gets its precise status, is counted in
// stats.rejected by reason, and leaves the handlers untouched. In-process: Request in, Response out.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, test } from 'vitest';
import { MessageCrypto } from '../../src/protocol/crypto.js';
import type { InboundMessage } from '../../src/protocol/messages.js';
import { parseReply } from '../../src/protocol/replies.js';
import { computeMsgSignature, computeSignature } from '../../src/protocol/signature.js';
import { buildXml, parseXml, type XmlInputObject } from '../../src/protocol/xml.js';
import { toNodeHandler } from '../../src/server/adapters/node.js';
import { createWebhook, type WebhookApp, type WebhookOptions } from '../../src/server/webhook.js';

const TOKEN = 'receiveTestToken';
const APP_ID = 'wx0123456789abcdef';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const ORIGINAL_ID = 'gh_0123456789ab';
const OPENID = 'oReceiveTestUser0000000000000';
const URL_BASE = 'http://webhook.test/wechat';
const crypto = new MessageCrypto({ token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID });

const now = () => Math.floor(Date.now() / 1000);
let nonceCounter = 100_000_000;
function newNonce(): string {
  nonceCounter += 1;
  return String(nonceCounter);
}

/** A pushed document, as the platform writes it. */
function pushXml(
  fields: XmlInputObject = { MsgType: 'text', Content: 'hello', MsgId: '7300000000000000001' },
) {
  return buildXml('xml', { ToUserName: ORIGINAL_ID, FromUserName: OPENID, CreateTime: now(), ...fields });
}

/** The query of a request signed with `token` (default: the right one). */
function signedQuery(options: { token?: string; timestamp?: string; nonce?: string } = {}): URLSearchParams {
  const timestamp = options.timestamp ?? String(now());
  const nonce = options.nonce ?? newNonce();
  return new URLSearchParams({
    signature: computeSignature(options.token ?? TOKEN, timestamp, nonce),
    timestamp,
    nonce,
  });
}

function url(query: URLSearchParams): string {
  return `${URL_BASE}?${query.toString()}`;
}

/** A plain POST of `body` with a valid signature unless the query is given. */
function plainPost(
  body: string | ReadableStream<Uint8Array>,
  query = signedQuery(),
  headers?: Record<string, string>,
) {
  return new Request(url(query), {
    method: 'POST',
    body,
    headers: { 'content-type': 'text/xml', ...headers },
    ...(typeof body === 'string' ? {} : { duplex: 'half' as const }),
  });
}

interface EncryptedOptions {
  /** Who encrypts (default: the account's own crypto). */
  readonly with?: MessageCrypto;
  /** Changes the ciphertext after it was made; the msg_signature is computed over the result. */
  readonly tamper?: (encrypt: string) => string;
  /** `omit` leaves msg_signature out, `wrong` signs with another token. */
  readonly msgSignature?: 'omit' | 'wrong';
  /** Replaces the whole body (the query stays that of a well-signed encrypted push). */
  readonly body?: string;
}

/** A safe-mode POST: `<xml><ToUserName/><Encrypt/></xml>` with encrypt_type=aes and msg_signature. */
function encryptedPost(xml = pushXml(), options: EncryptedOptions = {}): Request {
  const query = signedQuery();
  const timestamp = query.get('timestamp') ?? '';
  const nonce = query.get('nonce') ?? '';
  const sealed = (options.with ?? crypto).encrypt(xml, { timestamp, nonce });
  const encrypt = options.tamper === undefined ? sealed.encrypt : options.tamper(sealed.encrypt);
  query.set('encrypt_type', 'aes');
  if (options.msgSignature !== 'omit') {
    const token = options.msgSignature === 'wrong' ? 'someOtherToken' : TOKEN;
    query.set('msg_signature', computeMsgSignature(token, timestamp, nonce, encrypt));
  }
  const body = options.body ?? buildXml('xml', { ToUserName: ORIGINAL_ID, Encrypt: encrypt });
  return plainPost(body, query);
}

/** Flips the high bit of the pad byte: CBC makes that change exact, so the padding is always invalid. */
function breakPadding(encrypt: string): string {
  const bytes = Buffer.from(encrypt, 'base64');
  // The last plaintext byte (the pad, 1…32) is XORed with the byte 16 before the end of the ciphertext.
  bytes[bytes.length - 17] = (bytes[bytes.length - 17] ?? 0) ^ 0x80;
  return bytes.toString('base64');
}

interface Spied {
  readonly app: WebhookApp;
  /** Middleware runs for every dispatched push, whatever the route: the count of pushes handled. */
  readonly calls: { middleware: number; handlers: number };
  readonly warnings: string[];
  readonly errors: unknown[];
  readonly seen: InboundMessage[];
}

/** A webhook whose middleware and every handler count their calls. */
function spied(options: Partial<WebhookOptions> & { aes?: boolean } = {}): Spied {
  const { aes = true, ...rest } = options;
  const calls = { middleware: 0, handlers: 0 };
  const warnings: string[] = [];
  const errors: unknown[] = [];
  const seen: InboundMessage[] = [];
  const app = createWebhook({
    token: TOKEN,
    appId: APP_ID,
    ...(aes ? { encodingAESKey: AES_KEY } : {}),
    logger: { warn: (message) => warnings.push(message), error: (_message, error) => errors.push(error) },
    ...rest,
  });
  app.use((ctx, next) => {
    calls.middleware += 1;
    seen.push(ctx.message);
    return next();
  });
  app.on('text', (ctx) => {
    calls.handlers += 1;
    return `echo: ${ctx.message.Content}`;
  });
  app.otherwise(() => {
    calls.handlers += 1;
  });
  return { app, calls, warnings, errors, seen };
}

interface Case {
  readonly name: string;
  readonly status: number;
  readonly reason: string;
  readonly options?: Partial<WebhookOptions> & { aes?: boolean };
  readonly request: () => Request;
}

const BIG = `<xml><Content>${'x'.repeat(2048)}</Content></xml>`;

/** A stream of `count` chunks of `size` bytes, with no length known in advance. */
function chunks(count: number, size: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === count) {
        controller.close();
        return;
      }
      sent += 1;
      controller.enqueue(new Uint8Array(size).fill(0x78));
    },
  });
}

const CASES: readonly Case[] = [
  {
    name: 'GET without signature',
    status: 400,
    reason: 'missing-parameters',
    request: () => new Request(`${URL_BASE}?timestamp=${now()}&nonce=1234567&echostr=42`),
  },
  {
    name: 'GET with a bad signature',
    status: 401,
    reason: 'bad-signature',
    request: () => {
      const query = signedQuery({ token: 'wrongToken' });
      query.set('echostr', '1234567890');
      return new Request(url(query));
    },
  },
  {
    name: 'GET without echostr',
    status: 400,
    reason: 'missing-parameters',
    request: () => new Request(url(signedQuery())),
  },
  {
    name: 'POST without timestamp and nonce',
    status: 400,
    reason: 'missing-parameters',
    request: () => {
      const query = signedQuery();
      query.delete('timestamp');
      query.delete('nonce');
      return plainPost(pushXml(), query);
    },
  },
  {
    name: 'POST with no query at all',
    status: 400,
    reason: 'missing-parameters',
    request: () => new Request(URL_BASE, { method: 'POST', body: pushXml() }),
  },
  {
    name: 'POST with a bad signature',
    status: 401,
    reason: 'bad-signature',
    request: () => plainPost(pushXml(), signedQuery({ token: 'wrongToken' })),
  },
  {
    name: 'POST whose signature is for another nonce',
    status: 401,
    reason: 'bad-signature',
    request: () => {
      const query = signedQuery();
      query.set('nonce', newNonce());
      return plainPost(pushXml(), query);
    },
  },
  {
    name: 'a stale timestamp',
    status: 401,
    reason: 'stale-timestamp',
    options: { maxTimestampSkewSeconds: 300 },
    request: () => plainPost(pushXml(), signedQuery({ timestamp: String(now() - 3600) })),
  },
  {
    name: 'a timestamp from the future',
    status: 401,
    reason: 'stale-timestamp',
    options: { maxTimestampSkewSeconds: 300 },
    request: () => plainPost(pushXml(), signedQuery({ timestamp: String(now() + 3600) })),
  },
  {
    name: 'a timestamp that is not a number',
    status: 401,
    reason: 'stale-timestamp',
    options: { maxTimestampSkewSeconds: 300 },
    request: () => plainPost(pushXml(), signedQuery({ timestamp: 'yesterday' })),
  },
  {
    name: 'a plain push when only encrypted ones are accepted',
    status: 403,
    reason: 'plain-refused',
    options: { encryptedOnly: true },
    request: () => plainPost(pushXml()),
  },
  {
    name: 'an encrypted push without an encodingAESKey',
    status: 400,
    reason: 'no-aes-key',
    options: { aes: false },
    request: () => encryptedPost(),
  },
  {
    name: 'an encrypted push without msg_signature',
    status: 400,
    reason: 'missing-parameters',
    request: () => encryptedPost(pushXml(), { msgSignature: 'omit' }),
  },
  {
    name: 'an encrypted push with a bad msg_signature',
    status: 401,
    reason: 'bad-signature',
    request: () => encryptedPost(pushXml(), { msgSignature: 'wrong' }),
  },
  {
    name: 'an encrypted push with no Encrypt element',
    status: 400,
    reason: 'malformed',
    request: () => encryptedPost(pushXml(), { body: buildXml('xml', { ToUserName: ORIGINAL_ID }) }),
  },
  {
    name: 'a tampered ciphertext (broken padding, correctly signed)',
    status: 400,
    reason: 'bad-ciphertext',
    request: () => encryptedPost(pushXml(), { tamper: breakPadding }),
  },
  {
    name: 'a truncated ciphertext (not whole AES blocks, correctly signed)',
    status: 400,
    reason: 'bad-ciphertext',
    request: () =>
      encryptedPost(pushXml(), {
        tamper: (encrypt) => Buffer.from(encrypt, 'base64').subarray(0, -5).toString('base64'),
      }),
  },
  {
    name: 'a ciphertext that is not base64 (correctly signed)',
    status: 400,
    reason: 'bad-ciphertext',
    request: () => encryptedPost(pushXml(), { tamper: (encrypt) => `${encrypt.slice(0, -8)}!!!!????` }),
  },
  {
    name: 'a ciphertext made for another appid',
    status: 401,
    reason: 'wrong-appid',
    request: () =>
      encryptedPost(pushXml(), {
        with: new MessageCrypto({ token: TOKEN, encodingAESKey: AES_KEY, appId: 'wxffffffffffffffff' }),
      }),
  },
  {
    name: 'malformed XML',
    status: 400,
    reason: 'xml-malformed',
    request: () => plainPost('<xml><ToUserName><![CDATA[gh_x]]></ToUserName><MsgType>text'),
  },
  {
    name: 'XML with a DOCTYPE',
    status: 400,
    reason: 'xml-doctype',
    request: () =>
      plainPost(
        `<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${pushXml()}`,
      ),
  },
  {
    name: 'XML with an entity declaration',
    status: 400,
    reason: 'xml-entity',
    request: () => plainPost(`<!ENTITY xxe SYSTEM "file:///etc/passwd">${pushXml()}`),
  },
  {
    name: 'XML with an undeclared entity reference',
    status: 400,
    reason: 'xml-entity',
    request: () => plainPost(pushXml().replace('</xml>', '<Extra>&xxe;</Extra></xml>')),
  },
  {
    name: 'a DOCTYPE inside the decrypted document',
    status: 400,
    reason: 'xml-doctype',
    request: () => encryptedPost(`<!DOCTYPE xml [<!ENTITY a "b">]>${pushXml()}`),
  },
  {
    name: 'XML that is not a WeChat push',
    status: 400,
    reason: 'not-a-message',
    request: () => plainPost('<xml><Hello>world</Hello></xml>'),
  },
  {
    name: 'a known type missing its fields',
    status: 400,
    reason: 'not-a-message',
    request: () => plainPost(pushXml({ MsgType: 'text', MsgId: '1' })),
  },
  {
    name: 'a body over maxBodyBytes, declared in content-length',
    status: 413,
    reason: 'too-large',
    options: { maxBodyBytes: 1024 },
    request: () => plainPost(BIG, signedQuery(), { 'content-length': String(Buffer.byteLength(BIG)) }),
  },
  {
    name: 'a body over maxBodyBytes, without content-length',
    status: 413,
    reason: 'too-large',
    options: { maxBodyBytes: 1024 },
    request: () => plainPost(chunks(8, 300)),
  },
  {
    name: 'a body over maxBodyBytes, with a content-length that lies',
    status: 413,
    reason: 'too-large',
    options: { maxBodyBytes: 1024 },
    request: () => plainPost(chunks(8, 300), signedQuery(), { 'content-length': '100' }),
  },
  {
    name: 'PUT',
    status: 405,
    reason: 'method',
    request: () => new Request(url(signedQuery()), { method: 'PUT', body: pushXml() }),
  },
  {
    name: 'DELETE',
    status: 405,
    reason: 'method',
    request: () => new Request(url(signedQuery()), { method: 'DELETE' }),
  },
];

describe('bad requests are refused before any handler runs', () => {
  test.each(CASES)('$name → $status $reason', async ({ status, reason, options, request }) => {
    const { app, calls, warnings } = spied(options);
    const response = await app.handle(request());
    expect(response.status).toBe(status);
    expect(await response.text()).toBe(reason);
    expect(calls).toEqual({ middleware: 0, handlers: 0 });
    expect(app.stats.rejected).toEqual({ [reason]: 1 });
    expect(app.stats.received).toBe(0);
    expect(app.stats.replied).toBe(0);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`${status} ${reason}`);
  });
});

describe('the same inputs done right are accepted', () => {
  test('a signed GET answers the echostr, and runs no handler', async () => {
    const { app, calls } = spied();
    const query = signedQuery();
    query.set('echostr', '7194810393918474102');
    const response = await app.handle(new Request(url(query)));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('7194810393918474102');
    expect(calls).toEqual({ middleware: 0, handlers: 0 });
    expect(app.stats).toMatchObject({ received: 0, rejected: {} });
  });

  test('a signed plain push reaches the handler and gets its reply', async () => {
    const { app, calls } = spied();
    const response = await app.handle(plainPost(pushXml()));
    expect(response.status).toBe(200);
    const { reply, to, from } = parseReply(await response.text());
    expect(reply).toEqual({ type: 'text', content: 'echo: hello' });
    expect({ to, from }).toEqual({ to: OPENID, from: ORIGINAL_ID });
    expect(calls).toEqual({ middleware: 1, handlers: 1 });
    expect(app.stats).toMatchObject({ received: 1, replied: 1, rejected: {} });
  });

  test('a fresh timestamp passes the skew check', async () => {
    const { app, calls } = spied({ maxTimestampSkewSeconds: 300 });
    const response = await app.handle(plainPost(pushXml(), signedQuery({ timestamp: String(now() - 60) })));
    expect(response.status).toBe(200);
    expect(calls.handlers).toBe(1);
  });

  test('a safe-mode push is decrypted, and its reply encrypted with the same nonce', async () => {
    const { app, calls } = spied({ encryptedOnly: true });
    const request = encryptedPost(
      pushXml({ MsgType: 'text', Content: '加密', MsgId: '7300000000000000002' }),
    );
    const nonce = new URL(request.url).searchParams.get('nonce');
    const response = await app.handle(request);
    expect(response.status).toBe(200);
    const envelope = parseXml(await response.text()).value as Record<string, string>;
    expect(envelope.Nonce).toBe(nonce);
    const plain = crypto.verifyAndDecrypt({
      msgSignature: envelope.MsgSignature ?? '',
      timestamp: envelope.TimeStamp ?? '',
      nonce: envelope.Nonce ?? '',
      encrypt: envelope.Encrypt ?? '',
    });
    expect(parseReply(plain.message).reply).toEqual({ type: 'text', content: 'echo: 加密' });
    expect(calls).toEqual({ middleware: 1, handlers: 1 });
  });

  test('a body of exactly maxBodyBytes is accepted', async () => {
    const xml = pushXml();
    const { app, calls } = spied({ maxBodyBytes: Buffer.byteLength(xml) });
    const response = await app.handle(plainPost(xml));
    expect(response.status).toBe(200);
    expect(calls.handlers).toBe(1);
  });
});

describe('an unknown MsgType', () => {
  test('goes to otherwise as a typed unknown message, without a crash', async () => {
    const received: InboundMessage[] = [];
    const app = createWebhook({ token: TOKEN, appId: APP_ID, logger: { warn() {}, error() {} } });
    app.on('text', () => 'not me');
    app.on('event', () => 'not me either');
    app.otherwise((ctx) => {
      received.push(ctx.message);
      return `got ${String(ctx.message.MsgType)}`;
    });
    const response = await app.handle(
      plainPost(
        pushXml({
          MsgType: 'device_text',
          DeviceType: 'gh_device',
          DeviceID: 'dev1',
          Content: 'aGVsbG8=',
          SessionID: '9394',
          MsgId: ' 7300000000000000099 ',
        }),
      ),
    );
    expect(response.status).toBe(200);
    expect(parseReply(await response.text()).reply).toEqual({ type: 'text', content: 'got device_text' });
    expect(received).toHaveLength(1);
    const message = received[0]!;
    expect(String(message.MsgType)).toBe('device_text');
    expect(message.FromUserName).toBe(OPENID);
    expect(message.ToUserName).toBe(ORIGINAL_ID);
    expect(typeof message.CreateTime).toBe('number');
    expect((message as { MsgId?: string }).MsgId).toBe('7300000000000000099');
    expect(message.raw).toMatchObject({ DeviceType: 'gh_device', DeviceID: 'dev1', Content: 'aGVsbG8=' });
    expect(app.stats).toMatchObject({ received: 1, replied: 1, rejected: {} });
  });

  test('with no otherwise handler it is answered success', async () => {
    const bare = createWebhook({ token: TOKEN, appId: APP_ID, logger: { warn() {}, error() {} } });
    bare.on('text', () => 'not me');
    const response = await bare.handle(
      plainPost(pushXml({ MsgType: 'hardware', MsgId: '7300000000000000100' })),
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('success');
    expect(bare.stats).toMatchObject({ received: 1, replied: 0, rejected: {} });
  });
});

test('stats.rejected counts each refusal under its reason', async () => {
  const { app, calls } = spied({ maxBodyBytes: 1024, maxTimestampSkewSeconds: 300 });
  const requests = [
    plainPost(pushXml(), signedQuery({ token: 'wrongToken' })),
    plainPost(pushXml(), signedQuery({ token: 'wrongToken' })),
    encryptedPost(pushXml(), { msgSignature: 'wrong' }),
    plainPost(BIG, signedQuery(), { 'content-length': String(Buffer.byteLength(BIG)) }),
    plainPost(chunks(8, 300)),
    new Request(url(signedQuery()), { method: 'PUT', body: 'x' }),
    plainPost('<xml>'),
    plainPost(pushXml(), signedQuery({ timestamp: String(now() - 3600) })),
    plainPost(pushXml()), // accepted
  ];
  const statuses: number[] = [];
  for (const request of requests) statuses.push((await app.handle(request)).status);
  expect(statuses).toEqual([401, 401, 401, 413, 413, 405, 400, 401, 200]);
  expect(app.stats.rejected).toEqual({
    'bad-signature': 3,
    'too-large': 2,
    method: 1,
    'xml-malformed': 1,
    'stale-timestamp': 1,
  });
  expect(app.stats.received).toBe(1);
  expect(calls).toEqual({ middleware: 1, handlers: 1 });
});

describe('the same refusals through toNodeHandler on node:http', () => {
  /** Serves a spied webhook on 127.0.0.1 for the duration of `body`. */
  async function served(options: Partial<WebhookOptions>, body: (base: string, spy: Spied) => Promise<void>) {
    const spy = spied(options);
    const server = createServer(toNodeHandler(spy.app));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await body(`http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat`, spy);
    } finally {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
  }

  test('413 with and without content-length, 405, 401, 400; then a good push still works', async () => {
    await served({ maxBodyBytes: 1024 }, async (base, { app, calls }) => {
      const post = (body: string | ReadableStream<Uint8Array>, query = signedQuery()) =>
        fetch(`${base}?${query.toString()}`, {
          method: 'POST',
          body,
          ...(typeof body === 'string' ? {} : { duplex: 'half' as const }),
        });
      const declared = await post(BIG);
      expect([declared.status, await declared.text()]).toEqual([413, 'too-large']);
      const streamed = await post(chunks(8, 300));
      expect([streamed.status, await streamed.text()]).toEqual([413, 'too-large']);
      const put = await fetch(`${base}?${signedQuery().toString()}`, { method: 'PUT', body: pushXml() });
      expect(put.status).toBe(405);
      expect((await post(pushXml(), signedQuery({ token: 'wrongToken' }))).status).toBe(401);
      expect((await post('<xml><!DOCTYPE x></xml>')).status).toBe(400);
      expect(calls).toEqual({ middleware: 0, handlers: 0 });
      expect(app.stats.rejected).toEqual({ 'too-large': 2, method: 1, 'bad-signature': 1, 'xml-doctype': 1 });

      const good = await post(pushXml());
      expect(good.status).toBe(200);
      expect(parseReply(await good.text()).reply).toEqual({ type: 'text', content: 'echo: hello' });
      expect(calls).toEqual({ middleware: 1, handlers: 1 });
    });
  });
});
