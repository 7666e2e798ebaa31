// What every adapter test does: a webhook answering text, a real emulator pushing to the
// framework's server in safe mode, and the checks a platform would make.

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { startEmulator } from '../../../src/emulator.js';
import { computeSignature, createWebhook, type WebhookApp } from '../../../src/index.js';
import type { AbortSignalLike } from '../../../src/server/receive.js';

export const ACCOUNT = {
  appId: 'wx0123456789abcdef',
  appSecret: '0123456789abcdef0123456789abcdef',
  token: 'adapter-token',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
} as const;

/** A query signed with the account's token, as WeChat signs the URL of a push. */
export const signedQuery = `signature=${computeSignature(ACCOUNT.token, '1700000000', 'n')}&timestamp=1700000000&nonce=n`;

/** A webhook echoing text, with its refusals kept instead of logged. */
export function echoWebhook(): WebhookApp & { readonly refused: string[] } {
  const refused: string[] = [];
  const app = createWebhook({
    token: ACCOUNT.token,
    appId: ACCOUNT.appId,
    encodingAESKey: ACCOUNT.encodingAESKey,
    encryptedOnly: true,
    logger: { warn: (message) => refused.push(message), error: (message) => refused.push(message) },
  });
  app.on('text', (ctx) => `echo: ${ctx.message.Content}`);
  return Object.assign(app, { refused });
}

/** Starts a node:http server (or one a framework made) on 127.0.0.1 and gives its base URL. */
export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Closes a node:http server, dropping idle keep-alive connections. */
export async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

interface SendResult {
  status: string;
  reply?: unknown;
  reason?: string;
}

/**
 * Points a safe-mode emulator at `webhook` and checks what WeChat would: the URL verification,
 * a text message answered by a passive reply, and a 401 for a bad signature (GET and POST).
 */
export async function expectWorkingWebhook(webhook: string): Promise<void> {
  const emulator = await startEmulator({ ...ACCOUNT, mode: 'safe', webhook });
  try {
    const post = async <T>(path: string, body: unknown = {}) =>
      (await (
        await fetch(`${emulator.url}${path}`, { method: 'POST', body: JSON.stringify(body) })
      ).json()) as T;
    expect(await post<{ ok: boolean; reason?: string }>('/emulator/verify')).toMatchObject({ ok: true });
    const user = await post<{ openid: string }>('/emulator/users');
    const result = await post<SendResult>(`/emulator/users/${user.openid}/send`, {
      MsgType: 'text',
      Content: 'hi',
    });
    expect(result).toMatchObject({ status: 'replied', reply: { type: 'text', content: 'echo: hi' } });
  } finally {
    await emulator.close();
  }
  const bad = `${webhook}?signature=bad&timestamp=1700000000&nonce=n&echostr=e`;
  expect((await fetch(bad)).status).toBe(401);
  // A good URL signature and a bad msg_signature: refused only after the body was read.
  const push = await fetch(`${webhook}?${signedQuery}&encrypt_type=aes&msg_signature=bad`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body: '<xml><Encrypt><![CDATA[abc]]></Encrypt></xml>',
  });
  expect([push.status, await push.text()]).toEqual([401, 'bad-signature']);
}

/** A request either way the webhook takes one: a Fetch `Request`, or the adapters' lighter shape. */
interface AnyRequest {
  readonly signal?: AbortSignalLike | undefined;
}

/**
 * A stand-in webhook that waits until its request's signal aborts. `aborted` resolves once the
 * adapter told it the client went away: the deadline logic relies on that signal.
 */
export function abortProbe(): {
  app: Pick<WebhookApp, 'handle' | 'process'>;
  aborted: Promise<void>;
} {
  let seen!: () => void;
  const aborted = new Promise<void>((resolve) => {
    seen = resolve;
  });
  const wait = <T>(request: AnyRequest, answer: T) =>
    new Promise<T>((resolve) => {
      request.signal?.addEventListener('abort', () => {
        seen();
        resolve(answer);
      });
    });
  const app = {
    handle: (request: Request) => wait(request, new Response('too late')),
    process: (request: AnyRequest) =>
      wait(request, { status: 200, contentType: 'text/plain', body: 'too late' }),
  };
  return { app, aborted };
}

/** Sends a push and gives up after 200 ms, as the platform does after 5 s. */
export async function pushAndHangUp(url: string): Promise<void> {
  const request = fetch(`${url}?signature=s&timestamp=1&nonce=n`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body: '<xml><MsgType>text</MsgType></xml>',
    signal: AbortSignal.timeout(200),
  });
  await expect(request).rejects.toThrow();
}
