import { afterEach, describe, expect, test } from 'vitest';
import { WeChatApiError, WeChatRateLimitError } from '../../src/client/errors.js';
import { APP_ID, APP_SECRET, calls, clientFor, emulatorPool, fault, quotaClearsKey } from './helpers.js';

const pool = emulatorPool();
afterEach(pool.closeAll);

const CALLBACK_IP = '/cgi-bin/getcallbackip';
const WEBHOOK = 'http://127.0.0.1:9/x';

describe('QuotaApi against the emulator', () => {
  test('get: today’s quota of one API', async () => {
    const { url } = await pool.start({ quotaLimits: { [CALLBACK_IP]: 50 } });
    const client = clientFor(url);
    for (let i = 0; i < 3; i++) await client.request('GET', CALLBACK_IP);
    expect(await client.quota.get(CALLBACK_IP)).toEqual({ daily_limit: 50, used: 3, remain: 47 });
  });

  test('get of an unknown path: WeChatApiError 76021', async () => {
    const { url } = await pool.start();
    const error = await clientFor(url)
      .quota.get('/cgi-bin/no/such/api')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeChatApiError);
    expect((error as WeChatApiError).errcode).toBe(76021);
  });

  test('clear resets the quotas and is counted in the store', async () => {
    const { url } = await pool.start({ quotaLimits: { [CALLBACK_IP]: 2 } });
    const client = clientFor(url);
    await client.request('GET', CALLBACK_IP);
    await client.request('GET', CALLBACK_IP);
    await expect(client.request('GET', CALLBACK_IP)).rejects.toBeInstanceOf(WeChatRateLimitError);
    await client.quota.clear();
    expect(await client.store.get(quotaClearsKey(APP_ID))).toBe('1');
    expect((await client.quota.get(CALLBACK_IP)).used).toBe(0);
    await client.request('GET', CALLBACK_IP);
  });

  test('clear: the guard refuses the 11th reset of the month unless forced', async () => {
    const { url } = await pool.start();
    const client = clientFor(url);
    await client.store.set(quotaClearsKey(APP_ID), '10');
    const error = await client.quota.clear().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeChatRateLimitError);
    expect((error as WeChatRateLimitError).local).toBe(true);
    expect((error as WeChatRateLimitError).errcode).toBe(48006);
    expect((error as Error).message).toMatch(/10 quota resets already used this month/);
    expect((error as Error).message).toMatch(/force: true/);
    await expect(client.quota.clearWithSecret(APP_SECRET)).rejects.toBeInstanceOf(WeChatRateLimitError);
    expect(await calls(url, '/cgi-bin/clear_quota')).toBe(0);
    expect(await calls(url, '/cgi-bin/clear_quota/v2')).toBe(0);

    await client.quota.clear({ force: true }); // the emulator has used none of its 10
    expect(await calls(url, '/cgi-bin/clear_quota')).toBe(1);
    expect(await client.store.get(quotaClearsKey(APP_ID))).toBe('11');
  });

  test('clear past the platform’s own 10: the platform’s 48006 comes through', async () => {
    const { url } = await pool.start();
    const client = clientFor(url);
    for (let i = 0; i < 10; i++) await client.quota.clear();
    await client.store.delete(quotaClearsKey(APP_ID)); // e.g. resets made in the console
    const error = await client.quota.clear().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeChatApiError);
    expect((error as WeChatApiError).errcode).toBe(48006);
    expect(error).not.toHaveProperty('local', true);
  });

  test('clearWithSecret uses no access_token and shares the counter', async () => {
    const { url } = await pool.start();
    const client = clientFor(url);
    await client.quota.clearWithSecret(APP_SECRET);
    expect(await calls(url, '/cgi-bin/clear_quota/v2')).toBe(1);
    expect(await calls(url, '/cgi-bin/stable_token')).toBe(0);
    expect(await client.store.get(quotaClearsKey(APP_ID))).toBe('1');
    const wrong = await client.quota.clearWithSecret('not-the-secret').catch((e: unknown) => e);
    expect((wrong as WeChatApiError).errcode).toBe(40125);
    expect((wrong as Error).message).not.toContain('not-the-secret');
    expect(await client.store.get(quotaClearsKey(APP_ID))).toBe('1'); // a failed reset is not counted
  });

  test('rid: looks up what the platform recorded of a real failure', async () => {
    const { url } = await pool.start();
    const client = clientFor(url);
    await fault(url, { path: CALLBACK_IP, errcode: 40164, times: 1 });
    const error = (await client
      .request('GET', CALLBACK_IP, { query: { lang: 'en' } })
      .catch((e: unknown) => e)) as WeChatApiError;
    expect(error.rid).toBeDefined();
    const info = await client.quota.rid(error.rid as string);
    expect(info.request_url).toContain('lang=en');
    expect(info.request_url).not.toContain(await client.accessToken.get());
    expect(JSON.parse(info.response_body)).toMatchObject({ errcode: 40164 });
    expect(typeof info.invoke_time).toBe('number');
    expect(info.client_ip).toBe('127.0.0.1');
  });

  test('rid of an unknown request: 76001', async () => {
    const { url } = await pool.start();
    const error = await clientFor(url)
      .quota.rid('00000000-00000000-00000000')
      .catch((e: unknown) => e);
    expect((error as WeChatApiError).errcode).toBe(76001);
  });

  test('callbackIp and apiDomainIp', async () => {
    const { url } = await pool.start();
    const client = clientFor(url);
    const callback = await client.quota.callbackIp();
    const api = await client.quota.apiDomainIp();
    expect(callback.length).toBeGreaterThan(0);
    expect(api.length).toBeGreaterThan(0);
    for (const ip of [...callback, ...api]) expect(ip).toMatch(/^\d+\.\d+\.\d+\.\d+(\/\d+)?$/);
    expect(await calls(url, '/cgi-bin/stable_token')).toBe(1);
  });

  test('checkCallback: DNS and ping of the configured webhook', async () => {
    const { url } = await pool.start({ webhook: WEBHOOK });
    const client = clientFor(url);
    const all = await client.quota.checkCallback();
    expect(all.dns).toEqual([{ ip: '127.0.0.1', real_operator: 'CHINANET' }]);
    expect(all.ping?.[0]).toMatchObject({ ip: '127.0.0.1', package_loss: '0%' });
    const dns = await client.quota.checkCallback('dns', 'UNICOM');
    expect(dns.dns).toEqual([{ ip: '127.0.0.1', real_operator: 'UNICOM' }]);
    expect(dns.ping).toBeUndefined();
  });

  test('checkCallback without a webhook: 40201', async () => {
    const { url } = await pool.start();
    const error = await clientFor(url)
      .quota.checkCallback()
      .catch((e: unknown) => e);
    expect((error as WeChatApiError).errcode).toBe(40201);
  });
});
