import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DEFAULT_OAUTH_OPENID } from '../../src/emulator/api/oauth.js';
import {
  APP_ID,
  APP_SECRET,
  type EmulatorHarness,
  emulatorPerTest,
  expectError,
  startHarness,
} from './helpers.js';

const AUTHORIZE = '/connect/oauth2/authorize';
const CONFIRM = '/connect/oauth2/authorize/confirm';
const TOKEN = '/sns/oauth2/access_token';
const REFRESH = '/sns/oauth2/refresh_token';
const USERINFO = '/sns/userinfo';
const AUTH = '/sns/auth';
const CALLBACK = 'https://app.example.com/wechat/callback';
const USER = 'oOAuthTestUser';

const start = emulatorPerTest();

/** The authorize URL's query, in the documented order, with `extra` appended. */
function authorizeQuery(
  scope: string,
  overrides: Readonly<Record<string, string | null>> = {},
  extra: Readonly<Record<string, string>> = {},
): string {
  const params: Record<string, string | null> = {
    appid: APP_ID,
    redirect_uri: CALLBACK,
    response_type: 'code',
    scope,
    state: 'abc123',
    ...overrides,
  };
  const parts = Object.entries(params)
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
  for (const [key, value] of Object.entries(extra)) parts.push(`${key}=${encodeURIComponent(value)}`);
  return parts.join('&');
}

/** Opens the authorize page as a browser would (without following redirects). */
function open(harness: EmulatorHarness, query: string): Promise<Response> {
  return fetch(`${harness.url}${AUTHORIZE}?${query}`, { redirect: 'manual' });
}

async function createUser(harness: EmulatorHarness, openid = USER, nickname = '小明'): Promise<void> {
  const { status } = await harness.control('POST', '/emulator/users', { openid, nickname });
  expect(status).toBe(200);
}

/** The query of a redirect's Location. */
function redirected(response: Response): URL {
  expect(response.status).toBe(302);
  const location = response.headers.get('location');
  expect(location).not.toBeNull();
  return new URL(location ?? '');
}

/** A code for USER by the silent scope. */
async function baseCode(harness: EmulatorHarness, openid = USER): Promise<string> {
  const location = redirected(await open(harness, authorizeQuery('snsapi_base', {}, { openid })));
  return location.searchParams.get('code') ?? '';
}

/** The consent page's ticket. */
function ticketOf(html: string): string {
  return /name="ticket" value="([A-Za-z0-9]+)"/.exec(html)?.[1] ?? '';
}

function submit(harness: EmulatorHarness, ticket: string, action: string): Promise<Response> {
  return fetch(`${harness.url}${CONFIRM}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ticket, action }).toString(),
    redirect: 'manual',
  });
}

/** A code for USER by the consent scope (允许 clicked). */
async function userinfoCode(harness: EmulatorHarness, openid = USER): Promise<string> {
  const page = await open(harness, authorizeQuery('snsapi_userinfo', {}, { openid }));
  expect(page.status).toBe(200);
  const location = redirected(await submit(harness, ticketOf(await page.text()), 'allow'));
  return location.searchParams.get('code') ?? '';
}

function exchange(harness: EmulatorHarness, code: string, overrides: Record<string, string> = {}) {
  return harness.get(TOKEN, {
    appid: APP_ID,
    secret: APP_SECRET,
    code,
    grant_type: 'authorization_code',
    ...overrides,
  });
}

describe('the authorize page', () => {
  test('snsapi_base redirects at once to redirect_uri with a code and the state', async () => {
    const harness = await start();
    await createUser(harness);
    const location = redirected(await open(harness, authorizeQuery('snsapi_base', {}, { openid: USER })));
    expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
    expect(location.searchParams.get('code')).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(location.searchParams.get('state')).toBe('abc123');
    expect([...location.searchParams.keys()]).toEqual(['code', 'state']);
  });

  test('a redirect_uri with a query and a fragment keeps both: the code goes before the fragment', async () => {
    const harness = await start();
    await createUser(harness);
    const uri = 'https://app.example.com/cb?from=menu&x=1#/orders';
    const response = await open(
      harness,
      authorizeQuery('snsapi_base', { redirect_uri: uri }, { openid: USER }),
    );
    const location = response.headers.get('location') ?? '';
    expect(location).toMatch(
      /^https:\/\/app\.example\.com\/cb\?from=menu&x=1&code=[A-Za-z0-9]{32}&state=abc123#\/orders$/,
    );
  });

  test('snsapi_userinfo shows a consent page in Chinese with the account name and 允许/拒绝', async () => {
    const harness = await start();
    await createUser(harness);
    await harness.control('PATCH', '/emulator/oauth', { accountName: '示例服务号' });
    const response = await open(harness, authorizeQuery('snsapi_userinfo', {}, { openid: USER }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain('示例服务号');
    expect(html).toContain('申请获得以下权限');
    expect(html).toContain('>允许<');
    expect(html).toContain('>拒绝<');
    expect(html).toContain('<span id="nickname">小明</span>');
    expect(ticketOf(html)).toMatch(/^[A-Za-z0-9]{32}$/);
  });

  test('允许 redirects with a code for that user; the ticket works once', async () => {
    const harness = await start();
    await createUser(harness);
    const page = await open(harness, authorizeQuery('snsapi_userinfo', {}, { openid: USER }));
    const ticket = ticketOf(await page.text());
    const location = redirected(await submit(harness, ticket, 'allow'));
    expect(location.searchParams.get('state')).toBe('abc123');
    const code = location.searchParams.get('code') ?? '';
    const token = await exchange(harness, code);
    expect(token).toMatchObject({ openid: USER, scope: 'snsapi_userinfo', expires_in: 7200 });

    const again = await submit(harness, ticket, 'allow');
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('授权请求已失效');
  });

  test('拒绝 redirects to redirect_uri with the state and no code', async () => {
    const harness = await start();
    await createUser(harness);
    const page = await open(harness, authorizeQuery('snsapi_userinfo', {}, { openid: USER }));
    const location = redirected(await submit(harness, ticketOf(await page.text()), 'deny'));
    expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
    expect(location.searchParams.has('code')).toBe(false);
    expect(location.searchParams.get('state')).toBe('abc123');
    const { body } = await harness.control<{ counters: Record<string, number> }>('GET', '/emulator/stats');
    expect(body.counters['oauth:refused']).toBe(1);
  });

  test('a consent page left open past 10 minutes can no longer be answered', async () => {
    const harness = await start();
    await createUser(harness);
    const page = await open(harness, authorizeQuery('snsapi_userinfo', {}, { openid: USER }));
    const ticket = ticketOf(await page.text());
    await harness.advance(601);
    expect((await submit(harness, ticket, 'allow')).status).toBe(400);
  });

  test('the confirm endpoint refuses an unknown action and a GET', async () => {
    const harness = await start();
    await createUser(harness);
    const page = await open(harness, authorizeQuery('snsapi_userinfo', {}, { openid: USER }));
    const ticket = ticketOf(await page.text());
    expect((await submit(harness, ticket, 'maybe')).status).toBe(400);
    const get = await fetch(`${harness.url}${CONFIRM}`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    // The ticket survived the bad answer.
    expect(redirected(await submit(harness, ticket, 'allow')).searchParams.has('code')).toBe(true);
  });

  test('without an openid the default user is used, created on first use', async () => {
    const harness = await start();
    const location = redirected(await open(harness, authorizeQuery('snsapi_base')));
    const token = await exchange(harness, location.searchParams.get('code') ?? '');
    expect(token.openid).toBe(DEFAULT_OAUTH_OPENID);
    const { status, body } = await harness.control<{ nickname: string; subscribed: boolean }>(
      'GET',
      `/emulator/users/${DEFAULT_OAUTH_OPENID}`,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ nickname: '微信用户', subscribed: false });
  });

  test('a pre-created default user keeps its nickname', async () => {
    const harness = await start();
    await createUser(harness, DEFAULT_OAUTH_OPENID, '默认小红');
    const page = await open(harness, authorizeQuery('snsapi_userinfo'));
    expect(await page.text()).toContain('<span id="nickname">默认小红</span>');
  });

  test('an unknown openid (emulator extension) is an error page, not a new user', async () => {
    const harness = await start();
    const response = await open(harness, authorizeQuery('snsapi_base', {}, { openid: 'oNobody' }));
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('oNobody');
  });

  test.each([
    ['appid missing', authorizeQuery('snsapi_base', { appid: null }), 10012],
    ['appid empty', authorizeQuery('snsapi_base', { appid: '' }), 10012],
    ['another appid', authorizeQuery('snsapi_base', { appid: 'wx9999999999999999' }), 40013],
    ['redirect_uri missing', authorizeQuery('snsapi_base', { redirect_uri: null }), 10011],
    ['redirect_uri not a URL', authorizeQuery('snsapi_base', { redirect_uri: 'not a url' }), 10003],
    [
      'redirect_uri javascript:',
      authorizeQuery('snsapi_base', { redirect_uri: 'javascript:alert(1)' }),
      10003,
    ],
    ['scope missing', authorizeQuery('snsapi_base', { scope: null }), 10010],
    ['scope unknown', authorizeQuery('snsapi_login'), 10005],
    ['state missing', authorizeQuery('snsapi_base', { state: null }), 10013],
    ['state empty', authorizeQuery('snsapi_base', { state: '' }), 10013],
  ])('%s → error page %i', async (_name, query, errcode) => {
    const harness = await start();
    const response = await open(harness, query);
    expect(response.status).toBe(400);
    expect(response.headers.get('x-wechat-errcode')).toBe(String(errcode));
    const html = await response.text();
    expect(html).toContain('Oops! Something went wrong:(');
    expect(html).toContain(`错误码：${errcode}`);
  });

  test('response_type other than code, and parameters out of the documented order, are refused', async () => {
    const harness = await start();
    const wrongType = await open(harness, authorizeQuery('snsapi_base', { response_type: 'token' }));
    expect(wrongType.status).toBe(400);
    expect(await wrongType.text()).toContain('response_type');
    const outOfOrder = `scope=snsapi_base&appid=${APP_ID}&redirect_uri=${encodeURIComponent(CALLBACK)}&response_type=code&state=s`;
    const response = await open(harness, outOfOrder);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('参数顺序错误');
  });

  test('a subscription account has no web authorisation (10005)', async () => {
    const harness = await start({ accountType: 'subscription' });
    const response = await open(harness, authorizeQuery('snsapi_base'));
    expect(response.headers.get('x-wechat-errcode')).toBe('10005');
  });

  test('authorised domains: a redirect_uri elsewhere gets 10003', async () => {
    const harness = await start();
    await createUser(harness);
    const { status, body } = await harness.control('PATCH', '/emulator/oauth', {
      domains: ['app.example.com'],
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ domains: ['app.example.com'] });
    expect((await open(harness, authorizeQuery('snsapi_base', {}, { openid: USER }))).status).toBe(302);
    const elsewhere = await open(
      harness,
      authorizeQuery('snsapi_base', { redirect_uri: 'https://evil.example.net/cb' }, { openid: USER }),
    );
    expect(elsewhere.headers.get('x-wechat-errcode')).toBe('10003');
    expect((await harness.control('PATCH', '/emulator/oauth', { domains: 'x' })).status).toBe(400);
    expect((await harness.control('PATCH', '/emulator/oauth', { colour: 'red' })).status).toBe(400);
  });

  test('state and redirect_uri are HTML-escaped on the consent page', async () => {
    const harness = await start();
    await createUser(harness, USER, '<b>昵称</b>');
    const state = `"><script>alert(1)</script>'`;
    const uri = 'https://app.example.com/cb?q="><img src=x onerror=alert(2)>';
    const response = await open(
      harness,
      authorizeQuery('snsapi_userinfo', { state, redirect_uri: uri }, { openid: USER }),
    );
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62;&#39;');
    expect(html).toContain('&#60;b&#62;昵称&#60;/b&#62;');
    // The state comes back unchanged (URL-encoded) after 允许.
    const location = redirected(await submit(harness, ticketOf(html), 'allow'));
    expect(location.searchParams.get('state')).toBe(state);
  });

  test('error pages escape what they show', async () => {
    const harness = await start();
    const response = await open(harness, authorizeQuery('snsapi_base', {}, { openid: '<script>x</script>' }));
    const html = await response.text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;');
  });
});

describe('sns/oauth2/access_token', () => {
  test('exchanges a code once: the token response, then 40163 on reuse', async () => {
    const harness = await start();
    await createUser(harness);
    const code = await baseCode(harness);
    const token = await exchange(harness, code);
    expect(token.errcode).toBeUndefined();
    expect(token).toMatchObject({ expires_in: 7200, openid: USER, scope: 'snsapi_base' });
    expect(typeof token.access_token).toBe('string');
    expect(typeof token.refresh_token).toBe('string');
    expect(token).not.toHaveProperty('unionid');
    expect(token).not.toHaveProperty('is_snapshotuser');
    expectError(await exchange(harness, code), 40163, 'code been used');
  });

  test('a code expires after 5 minutes on the emulator clock (42003)', async () => {
    const harness = await start();
    await createUser(harness);
    const kept = await baseCode(harness);
    const code = await baseCode(harness);
    await harness.advance(299);
    expect((await exchange(harness, kept)).openid).toBe(USER);
    await harness.advance(2);
    expectError(await exchange(harness, code), 42003, 'code expired');
  });

  test('an unknown code is 40029, a missing one 41008', async () => {
    const harness = await start();
    expectError(await exchange(harness, 'NotACodeNotACodeNotACodeNotACode'), 40029, 'invalid code');
    expectError(await exchange(harness, ''), 41008, 'missing code');
    expectError(await exchange(harness, 'constructor'), 40029);
  });

  test('appid, secret and grant_type are checked first', async () => {
    const harness = await start();
    await createUser(harness);
    const code = await baseCode(harness);
    expectError(await exchange(harness, code, { appid: '' }), 41002);
    expectError(await exchange(harness, code, { appid: 'wx9999999999999999' }), 40013);
    expectError(await exchange(harness, code, { secret: '' }), 41004);
    expectError(await exchange(harness, code, { secret: 'wrong' }), 40125);
    expectError(await exchange(harness, code, { grant_type: 'client_credential' }), 40002);
    // None of these used the code up.
    expect((await exchange(harness, code)).openid).toBe(USER);
  });

  test('needs no account access_token, and its web token is no account token', async () => {
    const harness = await start();
    await createUser(harness);
    const token = await exchange(harness, await baseCode(harness));
    expectError(
      await harness.get('/cgi-bin/getcallbackip', { access_token: String(token.access_token) }),
      40001,
    );
  });

  test('unionid comes with snsapi_userinfo when the account is bound to an open platform', async () => {
    const harness = await start({ openPlatformId: 'open123' });
    await createUser(harness);
    const base = await exchange(harness, await baseCode(harness));
    expect(base).not.toHaveProperty('unionid');
    const full = await exchange(harness, await userinfoCode(harness));
    expect(full.unionid).toMatch(/^o[A-Za-z0-9_-]{27}$/);
  });

  test('the GET-only route refuses POST (43001)', async () => {
    const harness = await start();
    expectError(await harness.post(TOKEN, {}), 43001);
  });
});

describe('sns/oauth2/refresh_token', () => {
  test('gives a new access_token with the same refresh_token, for 30 days', async () => {
    const harness = await start();
    await createUser(harness);
    const first = await exchange(harness, await userinfoCode(harness));
    const refresh = String(first.refresh_token);
    const query = { appid: APP_ID, grant_type: 'refresh_token', refresh_token: refresh };
    await harness.advance(7200);
    const renewed = await harness.get(REFRESH, query);
    expect(renewed).toMatchObject({
      expires_in: 7200,
      refresh_token: refresh,
      openid: USER,
      scope: 'snsapi_userinfo',
    });
    expect(renewed.access_token).not.toBe(first.access_token);
    expect(
      (await harness.get(USERINFO, { access_token: String(renewed.access_token), openid: USER })).openid,
    ).toBe(USER);
    await harness.advance(30 * 24 * 3600);
    expectError(await harness.get(REFRESH, query), 42002, 'refresh_token expired');
  });

  test('bad requests: 40030 unknown, 41003 missing, 40002 grant_type, 41002/40013 appid', async () => {
    const harness = await start();
    const query = { appid: APP_ID, grant_type: 'refresh_token', refresh_token: 'nope' };
    expectError(await harness.get(REFRESH, query), 40030, 'invalid refresh_token');
    expectError(await harness.get(REFRESH, { ...query, refresh_token: '' }), 41003);
    expectError(await harness.get(REFRESH, { ...query, grant_type: 'authorization_code' }), 40002);
    expectError(await harness.get(REFRESH, { ...query, appid: '' }), 41002);
    expectError(await harness.get(REFRESH, { ...query, appid: 'wx9999999999999999' }), 40013);
  });
});

describe('sns/userinfo and sns/auth', () => {
  test('userinfo answers the profile with a snsapi_userinfo token', async () => {
    const harness = await start();
    await createUser(harness);
    const token = await exchange(harness, await userinfoCode(harness));
    const info = await harness.get(USERINFO, {
      access_token: String(token.access_token),
      openid: USER,
      lang: 'zh_CN',
    });
    expect(info).toEqual({
      openid: USER,
      nickname: '小明',
      sex: 0,
      province: '',
      city: '',
      country: '',
      headimgurl: expect.stringMatching(/^https:\/\/thirdwx\.qlogo\.cn\/mmopen\/.+\/132$/),
      privilege: [],
    });
  });

  test('userinfo with a snsapi_base token is 48001', async () => {
    const harness = await start();
    await createUser(harness);
    const token = await exchange(harness, await baseCode(harness));
    expectError(
      await harness.get(USERINFO, { access_token: String(token.access_token), openid: USER }),
      48001,
    );
  });

  test('token problems: 41001 missing, 41009 no openid, 40001 unknown, 40003 another user, 42001 expired', async () => {
    const harness = await start();
    await createUser(harness);
    const token = String((await exchange(harness, await userinfoCode(harness))).access_token);
    expectError(await harness.get(USERINFO, { openid: USER }), 41001);
    expectError(await harness.get(USERINFO, { access_token: token }), 41009);
    expectError(await harness.get(USERINFO, { access_token: 'nope', openid: USER }), 40001);
    expectError(await harness.get(USERINFO, { access_token: token, openid: 'oSomeoneElse' }), 40003);
    expectError(
      await harness.get(AUTH, { access_token: token, openid: 'oSomeoneElse' }),
      40003,
      'invalid openid',
    );
    await harness.advance(7200);
    expectError(await harness.get(USERINFO, { access_token: token, openid: USER }), 42001);
    expectError(await harness.get(AUTH, { access_token: token, openid: USER }), 42001);
  });

  test('sns/auth answers ok for a valid token of either scope', async () => {
    const harness = await start();
    await createUser(harness);
    const token = String((await exchange(harness, await baseCode(harness))).access_token);
    expect(await harness.get(AUTH, { access_token: token, openid: USER })).toEqual({
      errcode: 0,
      errmsg: 'ok',
    });
  });

  test('a revoked user (password change) gets 42007 on userinfo and refresh', async () => {
    const harness = await start();
    await createUser(harness);
    const token = await exchange(harness, await userinfoCode(harness));
    const { body } = await harness.control('POST', '/emulator/oauth/revoke', { openid: USER });
    expect(body).toEqual({ revoked: 2 });
    expectError(
      await harness.get(USERINFO, { access_token: String(token.access_token), openid: USER }),
      42007,
    );
    expectError(
      await harness.get(REFRESH, {
        appid: APP_ID,
        grant_type: 'refresh_token',
        refresh_token: String(token.refresh_token),
      }),
      42007,
    );
  });
});

describe('state and stats', () => {
  test('codes and tokens survive a restart from the state file', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'wechat-mp-oauth-'));
    try {
      const statePath = join(directory, 'state.json');
      const first = await startHarness({ statePath });
      await createUser(first);
      const code = await baseCode(first);
      await first.close();
      const second = await startHarness({ statePath });
      try {
        expect((await exchange(second, code)).openid).toBe(USER);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  test('pages and sns calls are counted; sns calls have no daily quota', async () => {
    const harness = await start({ quotaLimits: {} });
    await createUser(harness);
    await exchange(harness, await baseCode(harness));
    const { body } = await harness.control<{
      calls: Record<string, number>;
      counters: Record<string, number>;
    }>('GET', '/emulator/stats');
    expect(body.calls[AUTHORIZE]).toBe(1);
    expect(body.calls[TOKEN]).toBe(1);
    expect(body.counters['issued:oauth_code']).toBe(1);
    const { body: settings } = await harness.control('GET', '/emulator/oauth');
    expect(settings).toEqual({ accountName: '测试公众号', domains: [], defaultOpenid: DEFAULT_OAUTH_OPENID });
  });
});
