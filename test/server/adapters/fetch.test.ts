// The webhook is Fetch-shaped: `app.handle(request)` is already the handler of Hono, Next.js
// route handlers, Bun, Deno and workers. These tests use it that way, with no adapter.
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterEach, describe, expect, test } from 'vitest';
import { buildXml, computeSignature, MessageCrypto, parseReply, parseXml } from '../../../src/index.js';
import { ACCOUNT, abortProbe, close, echoWebhook, expectWorkingWebhook, pushAndHangUp } from './harness.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(close));
});

const timestamp = '1700000000';
const nonce = 'nonce123';
const signed = `signature=${computeSignature(ACCOUNT.token, timestamp, nonce)}&timestamp=${timestamp}&nonce=${nonce}`;

/** A web ReadableStream giving `text` in two chunks split inside a multi-byte character. */
function streamOf(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  const cut = bytes.indexOf(0xe4) + 1;
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes.subarray(0, cut));
      controller.enqueue(bytes.subarray(cut));
      controller.close();
    },
  });
}

const pushXml = buildXml('xml', {
  ToUserName: 'gh_account',
  FromUserName: 'o_user',
  CreateTime: 1700000000,
  MsgType: 'text',
  Content: '你好',
  MsgId: '1234567890123456',
});

describe('app.handle as a Fetch handler', () => {
  test('URL verification answers the echostr', async () => {
    const response = await echoWebhook().handle(new Request(`http://wx.test/wx?${signed}&echostr=42`));
    expect([response.status, await response.text()]).toEqual([200, '42']);
  });

  test('a safe-mode push with a web ReadableStream body gets its encrypted passive reply', async () => {
    const crypto = new MessageCrypto(ACCOUNT);
    const sealed = crypto.encrypt(pushXml, { timestamp, nonce });
    const body = buildXml('xml', { ToUserName: 'gh_account', Encrypt: sealed.encrypt });
    const request = new Request(
      `http://wx.test/wx?${signed}&encrypt_type=aes&msg_signature=${sealed.msgSignature}`,
      { method: 'POST', headers: { 'content-type': 'text/xml' }, body: streamOf(body), duplex: 'half' },
    );
    const response = await echoWebhook().handle(request);
    expect(response.status).toBe(200);
    const envelope = parseXml(await response.text()).value as Record<string, string>;
    const reply = crypto.verifyAndDecrypt({
      msgSignature: envelope.MsgSignature ?? '',
      timestamp: envelope.TimeStamp ?? '',
      nonce: envelope.Nonce ?? '',
      encrypt: envelope.Encrypt ?? '',
    });
    expect(parseReply(reply.message).reply).toEqual({ type: 'text', content: 'echo: 你好' });
  });

  test('a bad signature is 401 before the body is read', async () => {
    const body = streamOf(pushXml);
    const response = await echoWebhook().handle(
      new Request('http://wx.test/wx?signature=bad&timestamp=1&nonce=n', {
        method: 'POST',
        body,
        duplex: 'half',
      }),
    );
    expect([response.status, await response.text()]).toEqual([401, 'bad-signature']);
  });

  test('a Next.js-style route handler is one line', async () => {
    const wechat = echoWebhook();
    const GET = (request: Request) => wechat.handle(request);
    const response = await GET(new Request(`https://example.com/api/wechat?${signed}&echostr=hello`));
    expect(await response.text()).toBe('hello');
  });
});

describe('a real Hono app on @hono/node-server and a real emulator', () => {
  async function start(app: Hono): Promise<string> {
    return new Promise((resolve) => {
      const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
        resolve(`http://127.0.0.1:${info.port}`),
      ) as Server;
      servers.push(server);
    });
  }

  test('c.req.raw goes straight to app.handle', async () => {
    const wechat = echoWebhook();
    const app = new Hono();
    app.on(['GET', 'POST'], '/wx', (c) => wechat.handle(c.req.raw));
    await expectWorkingWebhook(`${await start(app)}/wx`);
    expect(wechat.stats.received).toBe(1);
  });

  test("the request signal aborts when the client hangs up (the server's own signal)", async () => {
    const probe = abortProbe();
    const app = new Hono().post('/wx', (c) => probe.app.handle(c.req.raw));
    await pushAndHangUp(`${await start(app)}/wx`);
    await probe.aborted;
  });
});
