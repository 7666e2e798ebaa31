import { afterEach, describe, expect, test } from 'vitest';
import {
  WeChatApiError,
  WeChatConnectionError,
  WeChatHttpError,
  WeChatRateLimitError,
  WeChatTimeoutError,
  WeChatTokenInvalidError,
} from '../../src/client/errors.js';
import { freePort } from '../helpers/redis-server.js';
import { rejection } from '../helpers/rejection.js';
import { APP_SECRET, calls, clientFor, emulatorPool, fault } from './helpers.js';

const pool = emulatorPool();
afterEach(pool.closeAll);

const CALLBACK_IP = '/cgi-bin/getcallbackip';
const QUOTA_GET = '/cgi-bin/openapi/quota/get';
const RID = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/;

describe('platform errors', () => {
  test('40164 fails at once with WeChatApiError: no refresh, one call', async () => {
    const { url } = await pool.start();
    const client = clientFor(url);
    await client.accessToken.get();
    await fault(url, { path: CALLBACK_IP, errcode: 40164, times: 1 });
    const error = await rejection(client.request('GET', CALLBACK_IP));
    expect(error).toBeInstanceOf(WeChatApiError);
    expect(error).not.toBeInstanceOf(WeChatTokenInvalidError);
    expect(error).not.toBeInstanceOf(WeChatRateLimitError);
    expect((error as WeChatApiError).errcode).toBe(40164);
    expect(await calls(url, CALLBACK_IP)).toBe(1);
    expect(await calls(url, '/cgi-bin/stable_token')).toBe(1);
  });

  test('-1 twice then success on a GET: retried, three calls', async () => {
    const { url } = await pool.start();
    const retries: string[] = [];
    const client = clientFor(url, { hooks: { retry: (event) => retries.push(event.reason) } });
    await fault(url, { path: CALLBACK_IP, errcode: -1, times: 2 });
    const body = await client.request<{ ip_list: string[] }>('GET', CALLBACK_IP);
    expect(body.ip_list.length).toBeGreaterThan(0);
    expect(await calls(url, CALLBACK_IP)).toBe(3);
    expect(retries).toEqual(['system busy (-1)', 'system busy (-1)']);
  });

  test('-1 more often than maxRetries: fails with the -1 after 1 + maxRetries calls', async () => {
    const { url } = await pool.start();
    const client = clientFor(url, { maxRetries: 1 });
    await fault(url, { path: CALLBACK_IP, errcode: -1, times: 5 });
    const error = await rejection(client.request('GET', CALLBACK_IP));
    expect((error as WeChatApiError).errcode).toBe(-1);
    expect(await calls(url, CALLBACK_IP)).toBe(2);
  });

  test('-1 on a POST without idempotent fails at once; with idempotent it is retried', async () => {
    const { url } = await pool.start();
    const client = clientFor(url);
    await fault(url, { path: QUOTA_GET, errcode: -1, times: 1 });
    const error = await rejection(client.request('POST', QUOTA_GET, { json: { cgi_path: CALLBACK_IP } }));
    expect(error).toBeInstanceOf(WeChatApiError);
    expect((error as WeChatApiError).errcode).toBe(-1);
    expect(await calls(url, QUOTA_GET)).toBe(1);

    await fault(url, { path: QUOTA_GET, errcode: -1, times: 1 });
    await client.request('POST', QUOTA_GET, { json: { cgi_path: CALLBACK_IP }, idempotent: true });
    expect(await calls(url, QUOTA_GET)).toBe(3);
  });

  test('45009: WeChatRateLimitError naming the path and the quota tools, never retried', async () => {
    const { url } = await pool.start();
    const client = clientFor(url);
    await fault(url, { path: CALLBACK_IP, errcode: 45009, times: 1 });
    const error = await rejection(client.request('GET', CALLBACK_IP));
    expect(error).toBeInstanceOf(WeChatRateLimitError);
    const limit = error as WeChatRateLimitError;
    expect(limit.errcode).toBe(45009);
    expect(limit.local).toBe(false);
    expect(limit.message).toContain(CALLBACK_IP);
    expect(limit.message).toContain(`client.quota.get('${CALLBACK_IP}')`);
    expect(limit.message).toContain('client.quota.clear()');
    expect(await calls(url, CALLBACK_IP)).toBe(1);
  });

  test('45009 from the emulator’s own quota, once the daily limit is used up', async () => {
    const { url } = await pool.start({ quotaLimits: { [CALLBACK_IP]: 2 } });
    const client = clientFor(url);
    await client.request('GET', CALLBACK_IP);
    await client.request('GET', CALLBACK_IP);
    const error = await rejection(client.request('GET', CALLBACK_IP));
    expect(error).toBeInstanceOf(WeChatRateLimitError);
    expect(await calls(url, CALLBACK_IP)).toBe(3);
  });
});

describe('error contents and redaction', () => {
  test('rid split from errmsg, meaning set, no token in message or request', async () => {
    const { url } = await pool.start();
    const client = clientFor(url);
    const token = await client.accessToken.get();
    await fault(url, { path: CALLBACK_IP, errcode: 40164, times: 1 });
    const error = (await rejection(
      client.request('GET', CALLBACK_IP, { query: { lang: 'zh_CN' } }),
    )) as WeChatApiError;
    expect(error.errmsg).toBe('invalid ip, not in whitelist');
    expect(error.errmsg).not.toContain('rid');
    expect(error.rid).toMatch(RID);
    expect(error.message).toContain(`[rid ${error.rid}]`);
    expect(error.meaning).toContain('白名单');
    expect(error.message).toContain(error.meaning as string);
    expect(error.message).toMatch(/^GET \/cgi-bin\/getcallbackip failed: 40164 /);
    expect(error.request).toEqual({
      method: 'GET',
      path: CALLBACK_IP,
      query: { lang: 'zh_CN', access_token: '[redacted]' },
    });
    for (const text of [error.message, JSON.stringify(error.request), String(error.stack)]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(APP_SECRET);
    }
  });

  test('a failed classic token fetch shows the request without the AppSecret', async () => {
    const { url } = await pool.start();
    const client = clientFor(url, { tokenEndpoint: 'classic' });
    await fault(url, { path: '/cgi-bin/token', errcode: 40164, times: 1 });
    const error = (await rejection(client.request('GET', CALLBACK_IP))) as WeChatApiError;
    expect(error).toBeInstanceOf(WeChatApiError);
    expect(error.request.path).toBe('/cgi-bin/token');
    expect(error.request.query.secret).toBe('[redacted]');
    expect(error.request.query.appid).toBe(client.appId);
    expect(error.message).not.toContain(APP_SECRET);
    expect(JSON.stringify(error.request)).not.toContain(APP_SECRET);
    expect(await calls(url, CALLBACK_IP)).toBe(0);
  });

  test('logger and hooks never see a token or the secret', async () => {
    const emulator = await pool.start();
    const { url } = emulator;
    const lines: string[] = [];
    const events: unknown[] = [];
    const client = clientFor(url, {
      tokenEndpoint: 'classic', // the secret travels in the query here
      logger: { debug: (m) => lines.push(m), warn: (m) => lines.push(m) },
      hooks: {
        request: (e) => events.push(e),
        response: (e) => events.push(e),
        retry: (e) => events.push(e),
        tokenRefresh: (e) => events.push(e),
      },
    });
    await client.request('GET', CALLBACK_IP);
    await fault(url, { path: CALLBACK_IP, errcode: 40001, times: 1 });
    await client.request('GET', CALLBACK_IP); // refused token → refresh → success
    await fault(url, { path: CALLBACK_IP, errcode: -1, times: 1 });
    await client.request('GET', CALLBACK_IP); // retry
    await fault(url, { path: CALLBACK_IP, errcode: 40164, times: 1 });
    await rejection(client.request('GET', CALLBACK_IP)); // a failure
    await client.jsapiTicket.get();

    const output = [...lines, ...events.map((event) => JSON.stringify(event))].join('\n');
    expect(lines.some((line) => line.includes('refreshed access_token'))).toBe(true);
    expect(lines.some((line) => line.includes('retrying GET'))).toBe(true);
    expect(events.length).toBeGreaterThan(10);
    const secrets = Object.keys(emulator.state.credentials); // every token and ticket issued
    expect(secrets.length).toBe(3);
    for (const secret of [...secrets, APP_SECRET]) expect(output).not.toContain(secret);
  });
});

describe('network', () => {
  test('a delay beyond timeoutMs: a GET is retried up to maxRetries, then WeChatTimeoutError', async () => {
    const { url } = await pool.start();
    const client = clientFor(url, { timeoutMs: 150, maxRetries: 1 });
    await client.accessToken.get();
    await fault(url, { path: CALLBACK_IP, delayMs: 1500, times: 10 });
    const error = await rejection(client.request('GET', CALLBACK_IP));
    expect(error).toBeInstanceOf(WeChatTimeoutError);
    expect((error as WeChatTimeoutError).message).toMatch(
      /^GET \/cgi-bin\/getcallbackip: no answer within 150 ms/,
    );
    expect(await calls(url, CALLBACK_IP)).toBe(2);
  });

  test('a timed-out POST that is not idempotent is not repeated', async () => {
    const { url } = await pool.start();
    const client = clientFor(url, { maxRetries: 3 });
    await client.accessToken.get();
    await fault(url, { path: QUOTA_GET, delayMs: 1500, times: 10 });
    const error = await rejection(
      client.request('POST', QUOTA_GET, { json: { cgi_path: CALLBACK_IP }, timeoutMs: 150 }),
    );
    expect(error).toBeInstanceOf(WeChatTimeoutError);
    expect(await calls(url, QUOTA_GET)).toBe(1);
  });

  test('failover: a refused first host moves the call to the second', async () => {
    const { url } = await pool.start();
    const closed = `http://127.0.0.1:${await freePort()}`;
    const client = clientFor(url, { baseURL: [closed, url] });
    const body = await client.request<{ ip_list: string[] }>('GET', CALLBACK_IP);
    expect(body.ip_list.length).toBeGreaterThan(0);
    expect(await calls(url, '/cgi-bin/stable_token')).toBe(1);
    expect(await calls(url, CALLBACK_IP)).toBe(1);
  });

  test('no host reachable: WeChatConnectionError after the retries', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const client = clientFor(closed, { maxRetries: 1 });
    const error = await rejection(client.request('GET', CALLBACK_IP, { auth: false }));
    expect(error).toBeInstanceOf(WeChatConnectionError);
    expect(error).not.toBeInstanceOf(WeChatTimeoutError);
    expect((error as Error).message).toMatch(/connection failed \(ECONNREFUSED\)/);
  });

  test('a JSON answer where a file was expected is a WeChatHttpError', async () => {
    const { url } = await pool.start();
    const client = clientFor(url);
    const error = await rejection(client.download('GET', CALLBACK_IP));
    expect(error).toBeInstanceOf(WeChatHttpError);
    expect((error as Error).message).toMatch(/expected a file, got JSON/);
  });
});

describe('rate governor', () => {
  test('perDay 3: the 4th call is refused locally and never reaches the platform', async () => {
    const { url } = await pool.start();
    const client = clientFor(url, { rateLimits: { [CALLBACK_IP]: { perDay: 3 } } });
    for (let i = 0; i < 3; i++) await client.request('GET', CALLBACK_IP);
    const error = await rejection(client.request('GET', CALLBACK_IP));
    expect(error).toBeInstanceOf(WeChatRateLimitError);
    expect((error as WeChatRateLimitError).local).toBe(true);
    expect((error as WeChatRateLimitError).errcode).toBe(45009);
    expect((error as Error).message).toContain('local limit of 3 calls per day');
    expect(await calls(url, CALLBACK_IP)).toBe(3);
    // Other paths are not limited.
    await client.request('GET', '/cgi-bin/get_api_domain_ip');
  });

  test('the budget is shared by every client on the store', async () => {
    const { url } = await pool.start();
    const first = clientFor(url, { rateLimits: { [CALLBACK_IP]: { perDay: 3 } } });
    const second = clientFor(url, { store: first.store, rateLimits: { [CALLBACK_IP]: { perDay: 3 } } });
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? first : second).request('GET', CALLBACK_IP)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect(await calls(url, CALLBACK_IP)).toBe(3);
  });
});
