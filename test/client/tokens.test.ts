import { afterEach, describe, expect, test, vi } from 'vitest';
import { WeChatClient } from '../../src/client/client.js';
import { WeChatTokenInvalidError, WeChatTokenUnavailableError } from '../../src/client/errors.js';
import { MemoryStore } from '../../src/store/memory.js';
import { APP_ID, advance, calls, clientFor, emulatorPool, fault, issuedTokens, stats } from './helpers.js';

const pool = emulatorPool();
afterEach(pool.closeAll);

const TOKEN_PATH = { stable: '/cgi-bin/stable_token', classic: '/cgi-bin/token' } as const;
const CALLBACK_IP = '/cgi-bin/getcallbackip';

interface IpList {
  ip_list: string[];
}

describe.each(['stable', 'classic'] as const)('%s token endpoint', (tokenEndpoint) => {
  test('1,000 concurrent calls on a cold cache fetch exactly one token', async () => {
    const { url } = await pool.start();
    const refreshes: string[] = [];
    const client = clientFor(url, {
      tokenEndpoint,
      hooks: { tokenRefresh: (event) => refreshes.push(event.reason) },
    });
    const results = await Promise.all(
      Array.from({ length: 1000 }, () => client.request<IpList>('GET', CALLBACK_IP)),
    );
    expect(results.every((result) => result.ip_list.length > 0)).toBe(true);
    const { calls: byPath } = await stats(url);
    expect(byPath[TOKEN_PATH[tokenEndpoint]]).toBe(1);
    expect(byPath[tokenEndpoint === 'stable' ? TOKEN_PATH.classic : TOKEN_PATH.stable]).toBeUndefined();
    expect(byPath[CALLBACK_IP]).toBe(1000);
    expect(await issuedTokens(url)).toBe(1);
    expect(refreshes).toEqual(['missing']);
  });

  test('a token the platform expired (42001) is refreshed once and the call succeeds', async () => {
    const { url } = await pool.start();
    const client = clientFor(url, { tokenEndpoint, tokenCache: { localTtlMs: 0 } });
    await client.request('GET', CALLBACK_IP);
    const before = await client.accessToken.get();
    // Only the platform's clock moves: the client still believes its token has 2 hours left.
    await advance(url, 7201);
    const body = await client.request<IpList>('GET', CALLBACK_IP);
    expect(body.ip_list.length).toBeGreaterThan(0);
    expect(await calls(url, TOKEN_PATH[tokenEndpoint])).toBe(2);
    expect(await issuedTokens(url)).toBe(2);
    expect(await calls(url, CALLBACK_IP)).toBe(3); // ok, 42001, ok
    expect(await client.accessToken.get()).not.toBe(before);
  });

  test('40001 once: one refresh, and the call succeeds', async () => {
    const { url } = await pool.start();
    const warnings: string[] = [];
    const client = clientFor(url, {
      tokenEndpoint,
      logger: { debug: () => undefined, warn: (message) => warnings.push(message) },
    });
    const first = await client.accessToken.get();
    await fault(url, { path: CALLBACK_IP, errcode: 40001, times: 1 });
    const body = await client.request<IpList>('GET', CALLBACK_IP);
    expect(body.ip_list.length).toBeGreaterThan(0);
    expect(await calls(url, CALLBACK_IP)).toBe(2);
    expect(await calls(url, TOKEN_PATH[tokenEndpoint])).toBe(2);
    // stable_token must be asked with force_refresh, or it would hand back the refused token.
    expect(await client.accessToken.get()).not.toBe(first);
    expect(warnings.some((w) => w.includes('refused the access_token (40001)'))).toBe(true);
  });

  test('40001 forever: WeChatTokenInvalidError after exactly one retry and one refresh', async () => {
    const { url } = await pool.start();
    const client = clientFor(url, { tokenEndpoint });
    await client.accessToken.get();
    await fault(url, { path: CALLBACK_IP, errcode: 40001, times: 1000 });
    const error = await client.request('GET', CALLBACK_IP).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeChatTokenInvalidError);
    expect((error as WeChatTokenInvalidError).errcode).toBe(40001);
    expect(await calls(url, CALLBACK_IP)).toBe(2);
    expect(await calls(url, TOKEN_PATH[tokenEndpoint])).toBe(2); // the first fetch + one refresh
    // A later call is not poisoned: it tries again (and is refused again by the armed fault).
    await expect(client.request('GET', CALLBACK_IP)).rejects.toBeInstanceOf(WeChatTokenInvalidError);
  });
});

describe('expiry on both clocks', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test('a token past its lifetime is replaced before use: no 42001 round trip', async () => {
    // Fake only Date (the client's, the store's and the in-process emulator's clock), letting it run.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    const { url } = await pool.start();
    const refreshes: string[] = [];
    const client = clientFor(url, { hooks: { tokenRefresh: (event) => refreshes.push(event.reason) } });
    await client.request('GET', CALLBACK_IP);
    vi.setSystemTime(Date.now() + 7201 * 1000);
    await client.request('GET', CALLBACK_IP);
    expect(await calls(url, CALLBACK_IP)).toBe(2); // never refused
    expect(await calls(url, TOKEN_PATH.stable)).toBe(2);
    expect(refreshes).toEqual(['missing', 'missing']);
  });

  test('a token about to expire is refreshed in the background while calls go on', async () => {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    const { url } = await pool.start();
    const refreshes: string[] = [];
    const client = clientFor(url, { hooks: { tokenRefresh: (event) => refreshes.push(event.reason) } });
    const first = await client.accessToken.get();
    vi.setSystemTime(Date.now() + (7200 - 200) * 1000); // 200 s left: inside the 5-minute window
    expect(await client.accessToken.get()).toBe(first); // served at once…
    await vi.waitFor(() => expect(refreshes).toEqual(['missing', 'expiring']), { timeout: 5000 });
    const second = await client.accessToken.get(); // …and replaced behind the scenes
    expect(second).not.toBe(first);
    await client.request('GET', CALLBACK_IP);
    expect(await calls(url, TOKEN_PATH.stable)).toBe(2);
  });
});

describe('leases', () => {
  test('a lease left by a dead refresher is waited out, then taken over: one fetch', async () => {
    const { url } = await pool.start();
    const store = new MemoryStore();
    expect(await store.setIfAbsent(`${APP_ID}:access_token:lease`, 'dead-process', 300)).toBe(true);
    const client = clientFor(url, { store, tokenCache: { waitMs: 5000 } });
    const results = await Promise.all(Array.from({ length: 20 }, () => client.request('GET', CALLBACK_IP)));
    expect(results).toHaveLength(20);
    expect(await calls(url, TOKEN_PATH.stable)).toBe(1);
    expect(await store.get(`${APP_ID}:access_token:lease`)).toBeUndefined(); // released after use
  });

  test('a lease that outlives waitMs gives up with WeChatTokenUnavailableError, fetching nothing', async () => {
    const { url } = await pool.start();
    const store = new MemoryStore();
    await store.setIfAbsent(`${APP_ID}:access_token:lease`, 'stuck-process', 60_000);
    const client = clientFor(url, { store, tokenCache: { waitMs: 200 } });
    const error = await client.request('GET', CALLBACK_IP).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeChatTokenUnavailableError);
    expect((error as Error).message).toMatch(/gave up after waiting 200 ms for access_token/);
    expect(await calls(url, TOKEN_PATH.stable)).toBe(0);
    expect(await calls(url, CALLBACK_IP)).toBe(0);
  });

  test('a process waiting on the lease picks up the token another process stored', async () => {
    const { url } = await pool.start();
    const store = new MemoryStore();
    const refresher = clientFor(url, { store });
    const waiter = clientFor(url, { store });
    const [a, b] = await Promise.all([refresher.accessToken.get(), waiter.accessToken.get()]);
    expect(a).toBe(b);
    expect(await calls(url, TOKEN_PATH.stable)).toBe(1);
  });
});

describe('invalidate', () => {
  test('is compare-and-delete: a newer token stored by another process survives', async () => {
    const { url } = await pool.start();
    const store = new MemoryStore();
    const a = clientFor(url, { store, tokenEndpoint: 'classic', tokenCache: { localTtlMs: 0 } });
    const b = clientFor(url, { store, tokenEndpoint: 'classic', tokenCache: { localTtlMs: 0 } });
    const old = await a.accessToken.get();
    await b.accessToken.invalidate(old);
    const fresh = await b.accessToken.get(); // B refreshed and stored a new token
    expect(fresh).not.toBe(old);
    await a.accessToken.invalidate(old); // A learns late that the old one was refused
    expect(await a.accessToken.get()).toBe(fresh); // the newer token was not deleted
    expect(await calls(url, TOKEN_PATH.classic)).toBe(2);
  });
});

describe('consumerOnly', () => {
  test('without a stored token: WeChatTokenUnavailableError at once, nothing fetched', async () => {
    const { url } = await pool.start();
    const client = consumerOf(url, new MemoryStore()).client;
    const error = await client.request('GET', CALLBACK_IP).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeChatTokenUnavailableError);
    expect((error as Error).message).toMatch(/access_token is not in the store/);
    expect((error as Error).message).toMatch(/consumer-only/);
    const { calls: byPath } = await stats(url);
    expect(byPath).toEqual({});
  });

  test('with a token a refreshing client stored: works without fetching', async () => {
    const { url } = await pool.start();
    const store = new MemoryStore();
    const refresher = clientFor(url, { store });
    const token = await refresher.accessToken.get();
    const consumer = consumerOf(url, store);
    const body = await consumer.client.request<IpList>('GET', CALLBACK_IP);
    expect(body.ip_list.length).toBeGreaterThan(0);
    expect(await consumer.client.accessToken.get()).toBe(token);
    expect(await calls(url, TOKEN_PATH.stable)).toBe(1);
    expect(consumer.refreshes()).toBe(0);
  });

  test('a consumer never refreshes a refused token itself: it re-reads the store once', async () => {
    const { url } = await pool.start();
    const store = new MemoryStore();
    await clientFor(url, { store }).accessToken.get();
    const consumer = consumerOf(url, store);
    await fault(url, { path: CALLBACK_IP, errcode: 40001, times: 1 });
    // Refused once: the consumer re-reads the store (the refresher's business) and repeats once.
    await expect(consumer.client.request('GET', CALLBACK_IP)).resolves.toBeDefined();
    await fault(url, { path: CALLBACK_IP, errcode: 40001, times: 1000 });
    // Refused again: the token stays in the store for the refresher, and the error says what happened.
    await expect(consumer.client.request('GET', CALLBACK_IP)).rejects.toBeInstanceOf(WeChatTokenInvalidError);
    expect(await store.get(`${APP_ID}:access_token`)).toBeDefined();
    expect(await calls(url, TOKEN_PATH.stable)).toBe(1);
    expect(consumer.refreshes()).toBe(0);
  });

  test('needs no appSecret, while a refreshing client does', () => {
    expect(() => clientFor('http://127.0.0.1:9', { appSecret: '' })).toThrow(/appSecret is required/);
  });
});

/** A consumer-only client (no AppSecret) on `store`, counting its own refreshes. */
function consumerOf(url: string, store: MemoryStore): { client: WeChatClient; refreshes: () => number } {
  let refreshes = 0;
  const client = new WeChatClient({
    appId: APP_ID,
    baseURL: url,
    store,
    consumerOnly: true,
    hooks: {
      tokenRefresh: () => {
        refreshes += 1;
      },
    },
  });
  return { client, refreshes: () => refreshes };
}

describe('key namespacing', () => {
  const OTHER_APP_ID = `${APP_ID}2`; // a prefix of the other: keys must still not collide
  const OTHER_SECRET = 'another-secret-another-secret-00';

  test('two accounts on one store never see each other’s token; purge() deletes only its own', async () => {
    const a = await pool.start();
    const b = await pool.start({ appId: OTHER_APP_ID, appSecret: OTHER_SECRET });
    const store = new MemoryStore();
    const clientA = clientFor(a.url, { store, rateLimits: { [CALLBACK_IP]: { perDay: 100 } } });
    const clientB = clientFor(b.url, {
      appId: OTHER_APP_ID,
      appSecret: OTHER_SECRET,
      store,
      rateLimits: { [CALLBACK_IP]: { perDay: 100 } },
    });
    await Promise.all([clientA.request('GET', CALLBACK_IP), clientB.request('GET', CALLBACK_IP)]);
    await Promise.all([clientA.jsapiTicket.get(), clientB.jsapiTicket.get()]);
    const tokenA = await clientA.accessToken.get();
    const tokenB = await clientB.accessToken.get();
    expect(tokenA).not.toBe(tokenB);
    expect(await store.get(`${APP_ID}:access_token`)).toMatch(new RegExp(`:${tokenA}$`));
    expect(await store.get(`${OTHER_APP_ID}:access_token`)).toMatch(new RegExp(`:${tokenB}$`));
    // Each account's emulator accepted only its own token: one fetch each, no refusal.
    expect(await calls(a.url, TOKEN_PATH.stable)).toBe(1);
    expect(await calls(b.url, TOKEN_PATH.stable)).toBe(1);
    expect(await calls(a.url, CALLBACK_IP)).toBe(1);

    // token, jsapi_ticket, the rate counter (leases are already released)
    expect(await clientA.purge()).toBe(3);
    expect(await store.get(`${APP_ID}:access_token`)).toBeUndefined();
    expect(await store.get(`${APP_ID}:jsapi_ticket`)).toBeUndefined();
    expect(await store.get(`${OTHER_APP_ID}:access_token`)).toMatch(new RegExp(`:${tokenB}$`));
    expect(await store.get(`${OTHER_APP_ID}:jsapi_ticket`)).toBeDefined();
    // B goes on with its token; A fetches a new one (its local copy was dropped too).
    await clientB.request('GET', CALLBACK_IP);
    await clientA.request('GET', CALLBACK_IP);
    expect(await calls(b.url, TOKEN_PATH.stable)).toBe(1);
    expect(await calls(a.url, TOKEN_PATH.stable)).toBe(2);
  });
});

describe('tickets', () => {
  test('jsapi_ticket and wx_card ticket are cached like the token: one getticket each', async () => {
    const { url } = await pool.start();
    const client = clientFor(url);
    const jsapi = await Promise.all(Array.from({ length: 50 }, () => client.jsapiTicket.get()));
    const card = await Promise.all(Array.from({ length: 50 }, () => client.cardTicket.get()));
    expect(new Set(jsapi).size).toBe(1);
    expect(new Set(card).size).toBe(1);
    expect(jsapi[0]).not.toBe(card[0]);
    expect(await calls(url, '/cgi-bin/ticket/getticket')).toBe(2);
    expect(await calls(url, TOKEN_PATH.stable)).toBe(1);
    const { counters } = await stats(url);
    expect(counters['issued:jsapi']).toBe(1);
    expect(counters['issued:wx_card']).toBe(1);
  });
});
