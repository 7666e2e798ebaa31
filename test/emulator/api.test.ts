import { describe, expect, test } from 'vitest';
import {
  APP_ID,
  APP_SECRET,
  type ApiBody,
  type EmulatorHarness,
  emulatorPerTest,
  expectError,
  RID_SUFFIX,
  ridOf,
} from './helpers.js';

const start = emulatorPerTest();

const TOKEN_QUERY = { grant_type: 'client_credential', appid: APP_ID, secret: APP_SECRET } as const;
/** A well-formed token the emulator never issued. */
const UNKNOWN_TOKEN = `12_${'A'.repeat(80)}`;

/** Calls an authenticated route (`getcallbackip`) with `token`. */
function callWith(harness: EmulatorHarness, token: string): Promise<ApiBody> {
  return harness.get('/cgi-bin/getcallbackip', { access_token: token });
}

async function expectTokenWorks(harness: EmulatorHarness, token: string): Promise<void> {
  const body = await callWith(harness, token);
  expect(body.errcode).toBeUndefined();
  expect(Array.isArray(body.ip_list)).toBe(true);
}

interface StatsBody {
  calls: Record<string, number>;
  counters: Record<string, number>;
}

interface UserBody {
  openid: string;
  nickname: string;
  subscribed: boolean;
  subscribeTime: number;
  lastInteraction: number;
}

describe('error envelope and the rid log', () => {
  test('errors are HTTP 200 JSON with errcode, errmsg and a rid suffix, a new rid each time', async () => {
    const harness = await start();
    const first = await harness.get('/cgi-bin/token', { ...TOKEN_QUERY, secret: 'wrong-secret-value' });
    expectError(first, 40125, 'invalid appsecret');
    expect(Object.keys(first).sort()).toEqual(['errcode', 'errmsg']);
    const second = await harness.get('/cgi-bin/token', { ...TOKEN_QUERY, secret: 'wrong-secret-value' });
    expect(ridOf(second)).not.toBe(ridOf(first));
  });

  test('openapi/rid/get finds a failed call, with the secret shortened in request_url', async () => {
    const harness = await start();
    const before = await harness.now();
    const failed = await harness.get('/cgi-bin/token', { ...TOKEN_QUERY, secret: 'wrong-secret-value' });
    const after = await harness.now();
    const rid = ridOf(failed);
    const token = await harness.accessToken();
    const found = await harness.post('/cgi-bin/openapi/rid/get', { rid }, { access_token: token });
    expect(found.errcode).toBe(0);
    expect(found.errmsg).toBe('ok');
    const request = found.request;
    expect(request).toBeDefined();
    expect(request?.request_url).toContain('grant_type=client_credential');
    expect(request?.request_url).toContain(`appid=${APP_ID}`);
    expect(request?.request_url).toContain('secret=wrong-xxxx');
    expect(request?.request_url).not.toContain('wrong-secret-value');
    expect(JSON.parse(request?.response_body ?? '')).toEqual(failed);
    expect(request?.request_body).toBe('');
    expect(request?.client_ip).toBe('127.0.0.1');
    expect(request?.invoke_time).toBeGreaterThanOrEqual(before);
    expect(request?.invoke_time).toBeLessThanOrEqual(after);
    expect(request?.cost_in_ms).toBeGreaterThanOrEqual(0);
  });

  test('the rid log keeps the body of a failed POST and shortens the access_token', async () => {
    const harness = await start();
    const token = await harness.accessToken();
    const failed = await harness.post(
      '/cgi-bin/openapi/quota/get',
      { cgi_path: '/no/such/api' },
      {
        access_token: token,
      },
    );
    expectError(failed, 76021, 'cgi_path not found, please check');
    const found = await harness.post(
      '/cgi-bin/openapi/rid/get',
      { rid: ridOf(failed) },
      {
        access_token: token,
      },
    );
    expect(found.errcode).toBe(0);
    expect(found.request?.request_body).toBe('{"cgi_path":"/no/such/api"}');
    expect(found.request?.request_url).toBe(`access_token=${token.slice(0, 6)}xxxx`);
  });

  test('76001 for a well-formed unknown rid, 76002 for a malformed or missing one', async () => {
    const harness = await start();
    const query = { access_token: await harness.accessToken() };
    expectError(
      await harness.post('/cgi-bin/openapi/rid/get', { rid: '01234567-89abcdef-01234567' }, query),
      76001,
      'rid not found',
    );
    for (const body of [{ rid: 'not-a-rid' }, { rid: '' }, { rid: 42 }, {}]) {
      expectError(await harness.post('/cgi-bin/openapi/rid/get', body, query), 76002, 'rid is error');
    }
  });

  test('a rid older than 7 days has expired (76004)', async () => {
    const harness = await start();
    const rid = ridOf(await harness.get('/cgi-bin/nope'));
    await harness.advance(7 * 86_400 + 60);
    const token = await harness.accessToken();
    expectError(await harness.post('/cgi-bin/openapi/rid/get', { rid }, { access_token: token }), 76004);
  });
});

describe('cgi-bin/token', () => {
  test('issues a new token on every call, valid 7200 s', async () => {
    const harness = await start();
    const first = await harness.get('/cgi-bin/token', TOKEN_QUERY);
    expect(Object.keys(first).sort()).toEqual(['access_token', 'expires_in']);
    expect(first.expires_in).toBe(7200);
    expect(first.access_token).toMatch(/^\d+_[A-Za-z0-9_-]{40,}$/);
    const second = await harness.get('/cgi-bin/token', TOKEN_QUERY);
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.expires_in).toBe(7200);
  });

  test('the previous token keeps working 5 minutes, then fails with 40001; expiry gives 42001', async () => {
    const harness = await start();
    const old = await harness.accessToken();
    const current = await harness.accessToken();
    await expectTokenWorks(harness, old);
    await expectTokenWorks(harness, current);
    await harness.advance(290);
    await expectTokenWorks(harness, old);
    await harness.advance(20);
    expectError(
      await callWith(harness, old),
      40001,
      'invalid credential, access_token is invalid or not latest',
    );
    await expectTokenWorks(harness, current);
    await harness.advance(7200 - 310 - 10);
    await expectTokenWorks(harness, current);
    await harness.advance(20);
    expectError(await callWith(harness, current), 42001, 'access_token expired');
    expectError(await callWith(harness, old), 42001, 'access_token expired');
  });

  test.each([
    ['a wrong appid', { ...TOKEN_QUERY, appid: 'wx0000000000000000' }, 40013, 'invalid appid'],
    ['a wrong secret', { ...TOKEN_QUERY, secret: 'nope' }, 40125, 'invalid appsecret'],
    ['no appid', { grant_type: 'client_credential', secret: APP_SECRET }, 41002, 'appid missing'],
    ['an empty appid', { ...TOKEN_QUERY, appid: '' }, 41002, 'appid missing'],
    ['no secret', { grant_type: 'client_credential', appid: APP_ID }, 41004, 'appsecret missing'],
    ['a wrong grant_type', { ...TOKEN_QUERY, grant_type: 'password' }, 40002, 'invalid grant_type'],
    ['no grant_type', { appid: APP_ID, secret: APP_SECRET }, 40002, 'invalid grant_type'],
  ])('%s → %i', async (_name, query, errcode, errmsg) => {
    const harness = await start();
    expectError(await harness.get('/cgi-bin/token', query), errcode, errmsg);
    const { body } = await harness.control<StatsBody>('GET', '/emulator/stats');
    expect(body.counters['issued:token']).toBeUndefined();
  });

  test('the daily limit gives 45009, and the quota resets the next day', async () => {
    const harness = await start({ quotaLimits: { '/cgi-bin/token': 3 } });
    await harness.advanceToNextDay();
    const tokens = [await harness.accessToken(), await harness.accessToken(), await harness.accessToken()];
    expectError(await harness.get('/cgi-bin/token', TOKEN_QUERY), 45009, 'reach max api daily quota limit');
    expectError(await harness.get('/cgi-bin/token', TOKEN_QUERY), 45009);
    // Refused calls are not counted: still 3 used.
    const quota = await harness.post(
      '/cgi-bin/openapi/quota/get',
      { cgi_path: '/cgi-bin/token' },
      {
        access_token: tokens[2] ?? '',
      },
    );
    expect(quota.quota).toEqual({ daily_limit: 3, used: 3, remain: 0 });
    await harness.advance(86_400);
    const fresh = await harness.accessToken();
    await expectTokenWorks(harness, fresh);
  });
});

describe('cgi-bin/stable_token', () => {
  test('answers the same token while valid, with a decreasing expires_in', async () => {
    const harness = await start();
    const first = await harness.stableToken();
    expect(Object.keys(first).sort()).toEqual(['access_token', 'expires_in']);
    expect(first.expires_in).toBe(7200);
    await harness.advance(1000);
    const second = await harness.stableToken(false);
    expect(second.access_token).toBe(first.access_token);
    expect(second.expires_in).toBeLessThanOrEqual(6200);
    expect(second.expires_in).toBeGreaterThan(6100);
    await expectTokenWorks(harness, second.access_token ?? '');
    const { body } = await harness.control<StatsBody>('GET', '/emulator/stats');
    expect(body.counters['issued:stable_token']).toBe(1);
  });

  test('in the last 5 minutes a new token is issued; the old one lives out its lifetime', async () => {
    const harness = await start();
    const first = await harness.stableToken();
    await harness.advance(7200 - 200);
    const second = await harness.stableToken();
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.expires_in).toBe(7200);
    await expectTokenWorks(harness, first.access_token ?? '');
    await harness.advance(210);
    expectError(await callWith(harness, first.access_token ?? ''), 42001);
    await expectTokenWorks(harness, second.access_token ?? '');
  });

  test('force_refresh mints a new token; a second force within 30 s answers the same one', async () => {
    const harness = await start();
    await harness.advanceToNextDay();
    const first = await harness.stableToken();
    const forced = await harness.stableToken(true);
    expect(forced.access_token).not.toBe(first.access_token);
    expect(forced.expires_in).toBe(7200);
    await harness.advance(10);
    const again = await harness.stableToken(true);
    expect(again.access_token).toBe(forced.access_token);
    await harness.advance(25);
    const later = await harness.stableToken(true);
    expect(later.access_token).not.toBe(forced.access_token);
    // The replaced token keeps working 5 minutes, like any replaced token.
    await expectTokenWorks(harness, forced.access_token ?? '');
    await harness.advance(301);
    expectError(await callWith(harness, forced.access_token ?? ''), 40001);
    await expectTokenWorks(harness, later.access_token ?? '');
  });

  test('more than 20 forced refreshes a day gives 45009; the next day allows them again', async () => {
    const harness = await start();
    await harness.advanceToNextDay();
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const forced = await harness.stableToken(true);
      expect(forced.errcode).toBeUndefined();
      seen.add(forced.access_token ?? '');
      await harness.advance(31);
    }
    expect(seen.size).toBe(20);
    expectError(await harness.stableToken(true), 45009, 'reach max api daily quota limit');
    // A normal call still answers the current token.
    const normal = await harness.stableToken();
    expect(seen.has(normal.access_token ?? '')).toBe(true);
    await harness.advanceToNextDay();
    const nextDay = await harness.stableToken(true);
    expect(nextDay.errcode).toBeUndefined();
    expect(seen.has(nextDay.access_token ?? '')).toBe(false);
  });

  test('is isolated from cgi-bin/token: neither replaces the other', async () => {
    const harness = await start();
    const stable = await harness.stableToken();
    const classic = await harness.accessToken();
    expect(classic).not.toBe(stable.access_token);
    await harness.accessToken();
    await harness.advance(400);
    // The classic token was replaced more than 5 minutes ago; the stable one was not touched.
    expectError(await callWith(harness, classic), 40001);
    await expectTokenWorks(harness, stable.access_token ?? '');
    expect((await harness.stableToken()).access_token).toBe(stable.access_token);
    const newClassic = await harness.accessToken();
    await harness.stableToken(true);
    await harness.advance(400);
    await expectTokenWorks(harness, newClassic);
    expectError(await callWith(harness, stable.access_token ?? ''), 40001);
  });

  test.each([
    ['a wrong secret', { grant_type: 'client_credential', appid: APP_ID, secret: 'nope' }, 40125],
    ['a wrong appid', { grant_type: 'client_credential', appid: 'wx1', secret: APP_SECRET }, 40013],
    ['no appid', { grant_type: 'client_credential', secret: APP_SECRET }, 41002],
    ['no secret', { grant_type: 'client_credential', appid: APP_ID }, 41004],
    ['a wrong grant_type', { grant_type: 'x', appid: APP_ID, secret: APP_SECRET }, 40002],
    ['a non-string appid', { grant_type: 'client_credential', appid: 7, secret: APP_SECRET }, 41002],
  ])('%s → %i', async (_name, body, errcode) => {
    const harness = await start();
    expectError(await harness.post('/cgi-bin/stable_token', body), errcode);
  });

  test('GET → 43002, no body → 44002, malformed JSON → 47001', async () => {
    const harness = await start();
    expectError(await harness.get('/cgi-bin/stable_token', TOKEN_QUERY), 43002, 'require POST method');
    expectError(await harness.post('/cgi-bin/stable_token'), 44002, 'empty post data');
    expectError(await harness.post('/cgi-bin/stable_token', '{"grant_type":'), 47001, 'data format error');
  });
});

describe('cgi-bin/ticket/getticket', () => {
  test('issues jsapi and wx_card tickets, which are not access tokens', async () => {
    const harness = await start();
    const token = await harness.accessToken();
    for (const type of ['jsapi', 'wx_card']) {
      const body = await harness.get('/cgi-bin/ticket/getticket', { access_token: token, type });
      expect(body).toMatchObject({ errcode: 0, errmsg: 'ok', expires_in: 7200 });
      expect(typeof body.ticket).toBe('string');
      expect((body.ticket ?? '').length).toBeGreaterThan(40);
      expectError(await callWith(harness, body.ticket ?? ''), 40001);
    }
    // Tickets do not replace the access token.
    await harness.advance(400);
    await expectTokenWorks(harness, token);
    const { body } = await harness.control<StatsBody>('GET', '/emulator/stats');
    expect(body.counters['issued:jsapi']).toBe(1);
    expect(body.counters['issued:wx_card']).toBe(1);
  });

  test('a new ticket replaces the previous one of its type', async () => {
    const harness = await start();
    const token = await harness.accessToken();
    const first = await harness.get('/cgi-bin/ticket/getticket', { access_token: token, type: 'jsapi' });
    const second = await harness.get('/cgi-bin/ticket/getticket', { access_token: token, type: 'jsapi' });
    expect(second.ticket).not.toBe(first.ticket);
  });

  test.each([['bogus'], ['']])('type %j → 40097', async (type) => {
    const harness = await start();
    const token = await harness.accessToken();
    expectError(
      await harness.get('/cgi-bin/ticket/getticket', { access_token: token, type }),
      40097,
      'invalid args',
    );
  });

  test('requires an access token', async () => {
    const harness = await start();
    expectError(await harness.get('/cgi-bin/ticket/getticket', { type: 'jsapi' }), 41001);
  });
});

describe('access-token checks on an authenticated route', () => {
  test.each([
    ['no access_token', undefined, 41001, 'access_token missing'],
    ['an empty access_token', '', 41001, 'access_token missing'],
    ['garbage', 'garbage', 40014, 'invalid access_token'],
    ['a too-short token', '1_abc', 40014, 'invalid access_token'],
    [
      'an unknown well-formed token',
      UNKNOWN_TOKEN,
      40001,
      'invalid credential, access_token is invalid or not latest',
    ],
  ])('%s → %i', async (_name, token, errcode, errmsg) => {
    const harness = await start();
    await harness.accessToken();
    const query: Record<string, string> = token === undefined ? {} : { access_token: token };
    expectError(await harness.get('/cgi-bin/getcallbackip', query), errcode, errmsg);
  });

  test('an expired token → 42001', async () => {
    const harness = await start();
    const token = await harness.accessToken();
    await harness.advance(7201);
    expectError(await callWith(harness, token), 42001, 'access_token expired');
  });
});

describe('request validation', () => {
  test('wrong method: 43001 on a GET route, 43002 on a POST route', async () => {
    const harness = await start();
    expectError(await harness.post('/cgi-bin/token', {}, TOKEN_QUERY), 43001, 'require GET method');
    expectError(await harness.api('DELETE', '/cgi-bin/getcallbackip'), 43001);
    expectError(await harness.get('/cgi-bin/openapi/quota/get'), 43002, 'require POST method');
    expectError(await harness.api('PUT', '/cgi-bin/clear_quota', { body: '{}' }), 43002);
  });

  test('empty body 44002, malformed JSON or a non-object 47001 (before the token check)', async () => {
    const harness = await start();
    const path = '/cgi-bin/openapi/quota/get';
    expectError(await harness.post(path), 44002, 'empty post data');
    expectError(await harness.post(path, ''), 44002);
    for (const body of ['{', 'not json', '[]', '[{"cgi_path":"/cgi-bin/token"}]', '"text"', '42', 'null']) {
      expectError(await harness.post(path, body), 47001, 'data format error');
    }
    const token = await harness.accessToken();
    expectError(await harness.post(path, '[1,2]', { access_token: token }), 47001);
  });

  test('an unknown path → 40066, whatever the method', async () => {
    const harness = await start();
    expectError(await harness.get('/cgi-bin/does/not/exist'), 40066, 'invalid url');
    expectError(await harness.post('/cgi-bin/does/not/exist', '{}'), 40066);
    expectError(await harness.get('/'), 40066);
    expectError(await harness.get('/emulator'), 40066);
  });

  test('a body over maxBodyBytes: 40006 on the API, 413 on the control API', async () => {
    const harness = await start({ maxBodyBytes: 64 });
    const big = JSON.stringify({ cgi_path: 'x'.repeat(200) });
    expectError(await harness.post('/cgi-bin/openapi/quota/get', big), 40006);
    const answer = await harness.control<{ error: string }>('POST', '/emulator/users', big);
    expect(answer.status).toBe(413);
    expect(typeof answer.body.error).toBe('string');
  });
});

describe('quotas', () => {
  test('openapi/quota/get reports daily_limit, used and remain', async () => {
    const harness = await start({ quotaLimits: { '/cgi-bin/token': 5 } });
    await harness.advanceToNextDay();
    const token = await harness.accessToken();
    await harness.accessToken();
    const query = { access_token: token };
    const quota = await harness.post('/cgi-bin/openapi/quota/get', { cgi_path: '/cgi-bin/token' }, query);
    expect(quota).toMatchObject({
      errcode: 0,
      errmsg: 'ok',
      quota: { daily_limit: 5, used: 2, remain: 3 },
    });
    await callWith(harness, token);
    const ips = await harness.post(
      '/cgi-bin/openapi/quota/get',
      { cgi_path: '/cgi-bin/getcallbackip' },
      query,
    );
    expect(ips.quota).toEqual({ daily_limit: 10000, used: 1, remain: 9999 });
    const unused = await harness.post(
      '/cgi-bin/openapi/quota/get',
      { cgi_path: '/cgi-bin/menu/create' },
      query,
    );
    expect(unused.quota).toEqual({ daily_limit: 1000, used: 0, remain: 1000 });
  });

  test('openapi/quota/get: 76021 for unknown paths, 76022 for /sns/, 40097 without cgi_path', async () => {
    const harness = await start();
    const query = { access_token: await harness.accessToken() };
    const path = '/cgi-bin/openapi/quota/get';
    for (const cgiPath of ['/cgi-bin/nothing', 'cgi-bin/token', '/__proto__', 'constructor']) {
      expectError(await harness.post(path, { cgi_path: cgiPath }, query), 76021);
    }
    expectError(await harness.post(path, { cgi_path: '/sns/oauth2/access_token' }, query), 76022);
    expectError(await harness.post(path, {}, query), 40097);
    expectError(await harness.post(path, { cgi_path: 5 }, query), 40097);
  });

  test('clear_quota resets every daily count', async () => {
    const harness = await start({ quotaLimits: { '/cgi-bin/token': 2 } });
    await harness.advanceToNextDay();
    const token = await harness.accessToken();
    await harness.accessToken();
    expectError(await harness.get('/cgi-bin/token', TOKEN_QUERY), 45009);
    const cleared = await harness.post('/cgi-bin/clear_quota', { appid: APP_ID }, { access_token: token });
    expect(cleared).toEqual({ errcode: 0, errmsg: 'ok' });
    const quota = await harness.post(
      '/cgi-bin/openapi/quota/get',
      { cgi_path: '/cgi-bin/token' },
      {
        access_token: token,
      },
    );
    expect(quota.quota).toEqual({ daily_limit: 2, used: 0, remain: 2 });
    await harness.accessToken();
  });

  test('clear_quota checks its appid: 41002 missing, 40013 wrong; it needs an access token', async () => {
    const harness = await start();
    const query = { access_token: await harness.accessToken() };
    expectError(await harness.post('/cgi-bin/clear_quota', {}, query), 41002);
    expectError(await harness.post('/cgi-bin/clear_quota', { appid: 'wx1' }, query), 40013);
    expectError(await harness.post('/cgi-bin/clear_quota', { appid: APP_ID }), 41001);
  });

  test('10 resets a month, shared by clear_quota and clear_quota/v2, then 48006; a new month allows 10 more', async () => {
    const harness = await start();
    await harness.advanceToNextMonth();
    const token = await harness.accessToken();
    for (let i = 0; i < 4; i++) {
      const body = await harness.post('/cgi-bin/clear_quota', { appid: APP_ID }, { access_token: token });
      expect(body).toEqual({ errcode: 0, errmsg: 'ok' });
    }
    for (let i = 0; i < 3; i++) {
      const body = await harness.post('/cgi-bin/clear_quota/v2', { appid: APP_ID, appsecret: APP_SECRET });
      expect(body).toEqual({ errcode: 0, errmsg: 'ok' });
    }
    for (let i = 0; i < 3; i++) {
      const body = await harness.post('/cgi-bin/clear_quota/v2', undefined, {
        appid: APP_ID,
        appsecret: APP_SECRET,
      });
      expect(body).toEqual({ errcode: 0, errmsg: 'ok' });
    }
    const limit = 'forbid to clear quota because of reaching the limit';
    expectError(
      await harness.post('/cgi-bin/clear_quota', { appid: APP_ID }, { access_token: token }),
      48006,
      limit,
    );
    expectError(
      await harness.post('/cgi-bin/clear_quota/v2', { appid: APP_ID, appsecret: APP_SECRET }),
      48006,
    );
    await harness.advanceToNextMonth();
    const again = await harness.post('/cgi-bin/clear_quota/v2', { appid: APP_ID, appsecret: APP_SECRET });
    expect(again).toEqual({ errcode: 0, errmsg: 'ok' });
  });

  test.each([
    ['a wrong secret', { appid: APP_ID, appsecret: 'nope' }, 40125],
    ['a wrong appid', { appid: 'wx1', appsecret: APP_SECRET }, 40013],
    ['no appid', { appsecret: APP_SECRET }, 41002],
    ['no appsecret', { appid: APP_ID }, 41004],
  ])('clear_quota/v2 with %s → %i (body or query)', async (_name, params, errcode) => {
    const harness = await start();
    expectError(await harness.post('/cgi-bin/clear_quota/v2', params), errcode);
    expectError(await harness.post('/cgi-bin/clear_quota/v2', undefined, params), errcode);
  });

  test('a failed clear_quota/v2 does not use up a reset', async () => {
    const harness = await start();
    await harness.advanceToNextMonth();
    for (let i = 0; i < 12; i++) {
      expectError(await harness.post('/cgi-bin/clear_quota/v2', { appid: APP_ID, appsecret: 'x' }), 40125);
    }
    const body = await harness.post('/cgi-bin/clear_quota/v2', { appid: APP_ID, appsecret: APP_SECRET });
    expect(body).toEqual({ errcode: 0, errmsg: 'ok' });
  });
});

describe('IP lists', () => {
  test.each([['/cgi-bin/getcallbackip'], ['/cgi-bin/get_api_domain_ip']])(
    '%s answers an ip_list without errcode',
    async (path) => {
      const harness = await start();
      const token = await harness.accessToken();
      const body = await harness.get(path, { access_token: token });
      expect(Object.keys(body)).toEqual(['ip_list']);
      expect(body.ip_list?.length).toBeGreaterThan(0);
      for (const ip of body.ip_list ?? []) expect(ip).toMatch(/^\d+\.\d+\.\d+\.\d+(\/\d+)?$/);
      expectError(await harness.get(path), 41001);
      expectError(await harness.post(path, '{}', { access_token: token }), 43001);
    },
  );
});

describe('cgi-bin/callback/check', () => {
  test('40201 without a webhook; with one, dns and ping results for its host', async () => {
    const harness = await start();
    const query = { access_token: await harness.accessToken() };
    const path = '/cgi-bin/callback/check';
    expectError(await harness.post(path, { action: 'all', check_operator: 'DEFAULT' }, query), 40201);
    await harness.control('PATCH', '/emulator/app', { webhook: 'http://127.0.0.1:9/wechat' });
    const all = await harness.post(path, { action: 'all', check_operator: 'UNICOM' }, query);
    expect(all.errcode).toBeUndefined();
    expect(all.dns).toEqual([{ ip: '127.0.0.1', real_operator: 'UNICOM' }]);
    expect(all.ping).toEqual([expect.objectContaining({ ip: '127.0.0.1', from_operator: 'UNICOM' })]);
    const dns = await harness.post(path, { action: 'dns', check_operator: 'CAP' }, query);
    expect(Object.keys(dns)).toEqual(['dns']);
    const ping = await harness.post(path, { action: 'ping', check_operator: 'CHINANET' }, query);
    expect(Object.keys(ping)).toEqual(['ping']);
    expectError(await harness.post(path, { action: 'trace', check_operator: 'CAP' }, query), 40202);
    expectError(await harness.post(path, { action: 'all', check_operator: 'MOBILE' }, query), 40203);
    expectError(await harness.post(path, { action: 'all', check_operator: 'CAP' }), 41001);
  });
});

describe('faults', () => {
  test('the next N calls fail with the errcode, then calls are normal again', async () => {
    const harness = await start();
    const token = await harness.accessToken();
    const armed = await harness.control<unknown[]>('POST', '/emulator/faults', {
      path: '/cgi-bin/getcallbackip',
      errcode: -1,
      times: 2,
    });
    expect(armed.status).toBe(200);
    expect(armed.body).toEqual([{ path: '/cgi-bin/getcallbackip', errcode: -1, times: 2 }]);
    expectError(await callWith(harness, token), -1, 'system error');
    expect((await harness.control('GET', '/emulator/faults')).body).toEqual([
      { path: '/cgi-bin/getcallbackip', errcode: -1, times: 1 },
    ]);
    expectError(await callWith(harness, token), -1);
    await expectTokenWorks(harness, token);
    await expectTokenWorks(harness, token);
    expect((await harness.control('GET', '/emulator/faults')).body).toEqual([]);
    const { body } = await harness.control<StatsBody>('GET', '/emulator/stats');
    expect(body.counters['faults:applied']).toBe(2);
  });

  test('45009 on cgi-bin/token, once (times defaults to 1)', async () => {
    const harness = await start();
    const armed = await harness.control('POST', '/emulator/faults', {
      path: '/cgi-bin/token',
      errcode: 45009,
    });
    expect(armed.status).toBe(200);
    expectError(await harness.get('/cgi-bin/token', TOKEN_QUERY), 45009, 'reach max api daily quota limit');
    await harness.accessToken();
    await harness.accessToken();
  });

  test('faulted calls are not counted against the daily quota', async () => {
    const harness = await start({ quotaLimits: { '/cgi-bin/token': 1 } });
    await harness.advanceToNextDay();
    await harness.control('POST', '/emulator/faults', { path: '/cgi-bin/token', errcode: -1, times: 3 });
    for (let i = 0; i < 3; i++) expectError(await harness.get('/cgi-bin/token', TOKEN_QUERY), -1);
    await harness.accessToken();
    expectError(await harness.get('/cgi-bin/token', TOKEN_QUERY), 45009);
  });

  test('a fault applies before the token check (a system error can happen to any call)', async () => {
    const harness = await start();
    await harness.control('POST', '/emulator/faults', { path: '/cgi-bin/getcallbackip', errcode: -1 });
    expectError(await harness.get('/cgi-bin/getcallbackip'), -1);
    expectError(await harness.get('/cgi-bin/getcallbackip'), 41001);
  });

  test('delayMs delays the answer, which still comes, alone or with an errcode', async () => {
    const harness = await start();
    const token = await harness.accessToken();
    await harness.control('POST', '/emulator/faults', { path: '/cgi-bin/getcallbackip', delayMs: 30 });
    await expectTokenWorks(harness, token);
    await harness.control('POST', '/emulator/faults', {
      path: '/cgi-bin/get_api_domain_ip',
      delayMs: 30,
      errcode: 45011,
      times: 1,
    });
    expectError(await harness.get('/cgi-bin/get_api_domain_ip', { access_token: token }), 45011);
    const ok = await harness.get('/cgi-bin/get_api_domain_ip', { access_token: token });
    expect(ok.errcode).toBeUndefined();
  });

  test('DELETE /emulator/faults disarms every fault', async () => {
    const harness = await start();
    const token = await harness.accessToken();
    await harness.control('POST', '/emulator/faults', {
      path: '/cgi-bin/getcallbackip',
      errcode: -1,
      times: 5,
    });
    await harness.control('POST', '/emulator/faults', { path: '/cgi-bin/token', errcode: -1, times: 5 });
    const cleared = await harness.control('DELETE', '/emulator/faults');
    expect(cleared).toEqual({ status: 200, body: [] });
    await expectTokenWorks(harness, token);
    await harness.accessToken();
  });

  test.each([
    ['no path', { errcode: -1 }],
    ['a path without a leading slash', { path: 'cgi-bin/token', errcode: -1 }],
    ['an empty path', { path: '', errcode: -1 }],
    ['neither errcode nor delayMs', { path: '/cgi-bin/token' }],
    ['times 0', { path: '/cgi-bin/token', errcode: -1, times: 0 }],
    ['times 1.5', { path: '/cgi-bin/token', errcode: -1, times: 1.5 }],
    ['a string errcode', { path: '/cgi-bin/token', errcode: '-1' }],
    ['a negative delayMs', { path: '/cgi-bin/token', delayMs: -5 }],
    ['a delayMs over 10 minutes', { path: '/cgi-bin/token', delayMs: 600_001 }],
    ['an array', [{ path: '/cgi-bin/token', errcode: -1 }]],
    ['not JSON', 'path=/cgi-bin/token'],
  ])('a fault with %s → 400', async (_name, body) => {
    const harness = await start();
    const answer = await harness.control<{ error: string }>('POST', '/emulator/faults', body);
    expect(answer.status).toBe(400);
    expect(typeof answer.body.error).toBe('string');
    expect((await harness.control('GET', '/emulator/faults')).body).toEqual([]);
  });
});

describe('stats', () => {
  test('counts calls per API path, failed ones included, and issued tokens', async () => {
    const harness = await start();
    const empty = await harness.control<StatsBody>('GET', '/emulator/stats');
    expect(empty).toEqual({ status: 200, body: { calls: {}, counters: {} } });
    const token = await harness.accessToken();
    await harness.accessToken();
    await harness.get('/cgi-bin/token', { ...TOKEN_QUERY, secret: 'bad' });
    await callWith(harness, token);
    await harness.get('/cgi-bin/unknown');
    await harness.control('GET', '/emulator/users');
    const { body } = await harness.control<StatsBody>('GET', '/emulator/stats');
    expect(body.calls).toEqual({
      '/cgi-bin/token': 3,
      '/cgi-bin/getcallbackip': 1,
      '(unknown)': 1,
    });
    expect(body.counters['issued:token']).toBe(2);
  });
});

describe('control API', () => {
  test('creates users with a generated openid in the platform shape', async () => {
    const harness = await start();
    const before = await harness.now();
    const created = await harness.control<UserBody>('POST', '/emulator/users', {});
    expect(created.status).toBe(200);
    expect(created.body.openid).toMatch(/^o[A-Za-z0-9_-]{27}$/);
    expect(created.body.subscribed).toBe(true);
    expect(created.body.subscribeTime).toBeGreaterThanOrEqual(before);
    expect(typeof created.body.nickname).toBe('string');
    const bare = await harness.control<UserBody>('POST', '/emulator/users');
    expect(bare.status).toBe(200);
    expect(bare.body.openid).not.toBe(created.body.openid);
  });

  test('creates a user with a custom openid and nickname; a duplicate is 409', async () => {
    const harness = await start();
    const body = { openid: 'oCustom_user-1', nickname: '小明', subscribed: false };
    const created = await harness.control<UserBody>('POST', '/emulator/users', body);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ openid: 'oCustom_user-1', nickname: '小明', subscribed: false });
    expect(created.body.subscribeTime).toBe(0);
    const duplicate = await harness.control<{ error: string }>('POST', '/emulator/users', {
      openid: 'oCustom_user-1',
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toContain('oCustom_user-1');
  });

  test.each([
    ['an openid with a space', { openid: 'o abc' }],
    ['an openid with a slash', { openid: 'o/abc' }],
    ['an empty openid', { openid: '' }],
    ['a numeric openid', { openid: 123 }],
    ['an openid over 64 characters', { openid: `o${'a'.repeat(64)}` }],
    ['the openid __proto__', { openid: '__proto__' }],
    ['a non-boolean subscribed', { subscribed: 'yes' }],
    ['an empty nickname', { nickname: '' }],
  ])('creating a user with %s → 400', async (_name, body) => {
    const harness = await start();
    const answer = await harness.control<{ error: string }>('POST', '/emulator/users', body);
    expect(answer.status).toBe(400);
    expect(typeof answer.body.error).toBe('string');
    expect((await harness.control('GET', '/emulator/users')).body).toEqual([]);
  });

  test('openids that are names of Object.prototype members are ordinary openids', async () => {
    const harness = await start();
    expect((await harness.control('GET', '/emulator/users/constructor')).status).toBe(404);
    expect((await harness.control('GET', '/emulator/users/toString/inbox')).status).toBe(404);
    const created = await harness.control<UserBody>('POST', '/emulator/users', { openid: 'constructor' });
    expect(created.status).toBe(200);
    const got = await harness.control<UserBody>('GET', '/emulator/users/constructor');
    expect(got.status).toBe(200);
    expect(got.body.openid).toBe('constructor');
  });

  test('lists users, gets one, and a new user has an empty inbox', async () => {
    const harness = await start();
    const a = await harness.control<UserBody>('POST', '/emulator/users', { openid: 'oUserA' });
    const b = await harness.control<UserBody>('POST', '/emulator/users', {});
    const list = await harness.control<UserBody[]>('GET', '/emulator/users');
    expect(list.status).toBe(200);
    expect(list.body.map((u) => u.openid).sort()).toEqual([a.body.openid, b.body.openid].sort());
    const got = await harness.control<UserBody>('GET', `/emulator/users/${b.body.openid}`);
    expect(got).toEqual({ status: 200, body: b.body });
    expect(await harness.control('GET', '/emulator/users/oUserA/inbox')).toEqual({ status: 200, body: [] });
  });

  test('unknown users are 404, on get and inbox', async () => {
    const harness = await start();
    const got = await harness.control<{ error: string }>('GET', '/emulator/users/oNobody');
    expect(got.status).toBe(404);
    expect(got.body.error).toContain('oNobody');
    expect((await harness.control('GET', '/emulator/users/oNobody/inbox')).status).toBe(404);
    expect((await harness.control('POST', '/emulator/users/oNobody/send', { MsgType: 'text' })).status).toBe(
      404,
    );
  });

  test('percent-encoded openids are decoded; malformed encoding is 400', async () => {
    const harness = await start();
    await harness.control('POST', '/emulator/users', { openid: 'o-enc_1' });
    expect((await harness.control('GET', '/emulator/users/o%2Denc%5F1')).status).toBe(200);
    const bad = await harness.control<{ error: string }>('GET', '/emulator/users/%E0%A4%A');
    expect(bad.status).toBe(400);
    expect((await harness.control('GET', '/emulator/users/100%')).status).toBe(400);
  });

  test('unknown control routes are 404, wrong methods 405', async () => {
    const harness = await start();
    for (const path of ['/emulator/nope', '/emulator/', '/emulator/users/a/b/c', '/emulator/stats/x']) {
      const answer = await harness.control<{ error: string }>('GET', path);
      expect(answer.status).toBe(404);
      expect(typeof answer.body.error).toBe('string');
    }
    const wrong: [string, string][] = [
      ['DELETE', '/emulator/users'],
      ['PUT', '/emulator/users'],
      ['POST', '/emulator/stats'],
      ['DELETE', '/emulator/clock'],
      ['POST', '/emulator/app'],
      ['GET', '/emulator/users/x/send'],
      ['GET', '/emulator/verify'],
    ];
    for (const [method, path] of wrong) {
      const answer = await harness.control<{ error: string }>(method, path);
      expect(answer.status, `${method} ${path}`).toBe(405);
    }
  });

  test('a control body that is not a JSON object is 400', async () => {
    const harness = await start();
    for (const body of ['not json', '[]', '"x"', '1', 'null', '{"a":']) {
      const answer = await harness.control<{ error: string }>('POST', '/emulator/users', body);
      expect(answer.status, body).toBe(400);
    }
    expect((await harness.control('GET', '/emulator/users')).body).toEqual([]);
    // Whitespace alone counts as no body.
    expect((await harness.control('POST', '/emulator/users', '  \n')).status).toBe(200);
  });

  test('PATCH /emulator/app changes settings and validates them', async () => {
    const harness = await start({ token: 'tok', mode: 'safe' });
    const app = await harness.control<Record<string, unknown>>('GET', '/emulator/app');
    expect(app.status).toBe(200);
    expect(app.body).toMatchObject({ appId: APP_ID, appSecret: APP_SECRET, token: 'tok', mode: 'safe' });
    expect(app.body.webhook).toBeUndefined();
    const key = `${'A'.repeat(42)}b`;
    const patched = await harness.control<Record<string, unknown>>('PATCH', '/emulator/app', {
      webhook: 'http://127.0.0.1:9/wechat',
      mode: 'plain',
      accountType: 'subscription',
      token: 'tok2',
      encodingAESKey: key,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      appId: APP_ID,
      webhook: 'http://127.0.0.1:9/wechat',
      mode: 'plain',
      accountType: 'subscription',
      token: 'tok2',
      encodingAESKey: key,
    });
    expect((await harness.control('GET', '/emulator/app')).body).toEqual(patched.body);
    expect((await harness.control('PATCH', '/emulator/app', {})).body).toEqual(patched.body);
  });

  test.each([
    ['a non-http webhook', { webhook: 'ftp://example.com/' }],
    ['an unparseable webhook', { webhook: 'http://[' }],
    ['an empty webhook', { webhook: '' }],
    ['an unknown mode', { mode: 'aes' }],
    ['an unknown accountType', { accountType: 'enterprise' }],
    ['a short encodingAESKey', { encodingAESKey: 'abc' }],
    ['an encodingAESKey with bad characters', { encodingAESKey: `${'A'.repeat(42)}=` }],
    ['a numeric token', { token: 5 }],
  ])('PATCH /emulator/app with %s → 400, nothing changed', async (_name, body) => {
    const harness = await start({ mode: 'safe' });
    const before = (await harness.control('GET', '/emulator/app')).body;
    // A valid field beside the bad one must not be applied either.
    const answer = await harness.control<{ error: string }>('PATCH', '/emulator/app', {
      mode: 'compatible',
      ...body,
    });
    expect(answer.status).toBe(400);
    expect(typeof answer.body.error).toBe('string');
    expect((await harness.control('GET', '/emulator/app')).body).toEqual(before);
  });

  test('the clock: GET shows it, POST moves it forward only', async () => {
    const harness = await start();
    const first = await harness.control<{ now: number; offsetSeconds: number }>('GET', '/emulator/clock');
    expect(first.body.offsetSeconds).toBe(0);
    const moved = await harness.control<{ now: number; offsetSeconds: number }>('POST', '/emulator/clock', {
      advanceSeconds: 3600,
    });
    expect(moved.status).toBe(200);
    expect(moved.body.offsetSeconds).toBe(3600);
    expect(moved.body.now).toBeGreaterThanOrEqual(first.body.now + 3600);
    for (const advanceSeconds of [-1, '60', null, 1e300]) {
      const answer = await harness.control('POST', '/emulator/clock', { advanceSeconds });
      expect(answer.status, String(advanceSeconds)).toBe(400);
    }
    expect((await harness.control('POST', '/emulator/clock', {})).status).toBe(400);
    expect(
      (await harness.control<{ offsetSeconds: number }>('GET', '/emulator/clock')).body.offsetSeconds,
    ).toBe(3600);
    // The API keeps working after a large (but allowed) move.
    await harness.advance(100 * 365 * 86_400);
    await harness.accessToken();
  });

  test('send and verify need a webhook: 409 without one', async () => {
    const harness = await start();
    await harness.control('POST', '/emulator/users', { openid: 'oSender' });
    const send = await harness.control<{ error: string }>('POST', '/emulator/users/oSender/send', {
      MsgType: 'text',
      Content: 'hi',
    });
    expect(send.status).toBe(409);
    expect(send.body.error).toMatch(/webhook/);
    expect((await harness.control('POST', '/emulator/verify')).status).toBe(409);
  });
});

test('RID_SUFFIX matches the platform sample', () => {
  expect('reach max api daily quota limit rid: 617682e0-09059ac5-34a8e2ea').toMatch(RID_SUFFIX);
});
