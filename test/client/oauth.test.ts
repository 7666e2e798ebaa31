import { afterEach, describe, expect, test } from 'vitest';
import {
  createOAuthState,
  OAUTH_STATE_MAX_DATA_BYTES,
  OAuthApi,
  verifyOAuthState,
  WeChatOAuthCodeError,
  WeChatOAuthScopeError,
  WeChatOAuthStateError,
  WeChatOAuthTokenError,
} from '../../src/client/api/oauth.js';
import { WeChatClient } from '../../src/client/client.js';
import { WeChatApiError } from '../../src/client/errors.js';
import type { Emulator } from '../../src/emulator.js';
import { APP_ID, APP_SECRET, advance, calls, clientFor, control, emulatorPool } from './helpers.js';

const USER = 'oClientOAuthUser';
const CALLBACK = 'https://app.example.com/auth/callback?next=%2Forders&tab=1';
const SECRET = 'a-state-secret-of-32-characters!';

const pool = emulatorPool();
afterEach(pool.closeAll);

async function setup(options: { openPlatformId?: string } = {}): Promise<Emulator> {
  const emulator = await pool.start(options);
  await control(emulator.url, 'POST', '/emulator/users', { openid: USER, nickname: '小明' });
  return emulator;
}

/** Walks the authorize URL as the user's browser: for snsapi_userinfo, answers 允许. */
async function authorize(emulator: Emulator, scope: 'snsapi_base' | 'snsapi_userinfo'): Promise<string> {
  const client = clientFor(emulator.url);
  const url = client.oauth.authorizeUrl({ redirectUri: CALLBACK, scope, state: 'xyz', host: emulator.url });
  let response = await fetch(`${url.replace('#wechat_redirect', '')}&openid=${USER}`, { redirect: 'manual' });
  if (scope === 'snsapi_userinfo') {
    const ticket = /name="ticket" value="([A-Za-z0-9]+)"/.exec(await response.text())?.[1] ?? '';
    response = await fetch(`${emulator.url}/connect/oauth2/authorize/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `ticket=${ticket}&action=allow`,
      redirect: 'manual',
    });
  }
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location') ?? '');
  expect(location.searchParams.get('next')).toBe('/orders');
  expect(location.searchParams.get('state')).toBe('xyz');
  return location.searchParams.get('code') ?? '';
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('authorizeUrl', () => {
  test('the documented parameter order, an encoded redirect_uri and #wechat_redirect', () => {
    const client = clientFor('http://127.0.0.1:1');
    expect(client.oauth.authorizeUrl({ redirectUri: CALLBACK, scope: 'snsapi_base', state: 'abc123' })).toBe(
      `https://open.weixin.qq.com/connect/oauth2/authorize?appid=${APP_ID}` +
        '&redirect_uri=https%3A%2F%2Fapp.example.com%2Fauth%2Fcallback%3Fnext%3D%252Forders%26tab%3D1' +
        '&response_type=code&scope=snsapi_base&state=abc123#wechat_redirect',
    );
  });

  test('host overrides the page host (the emulator), forcePopup is appended after state', () => {
    const client = clientFor('http://127.0.0.1:1');
    const url = client.oauth.authorizeUrl({
      redirectUri: 'https://a.example/cb',
      scope: 'snsapi_userinfo',
      state: 's',
      forcePopup: true,
      host: 'http://127.0.0.1:4000/',
    });
    expect(url).toBe(
      `http://127.0.0.1:4000/connect/oauth2/authorize?appid=${APP_ID}&redirect_uri=https%3A%2F%2Fa.example%2Fcb` +
        '&response_type=code&scope=snsapi_userinfo&state=s&forcePopup=true#wechat_redirect',
    );
  });

  test('refuses a state outside [A-Za-z0-9]{1,128}, a relative redirectUri and an unknown scope', () => {
    const { oauth } = clientFor('http://127.0.0.1:1');
    const ok = { redirectUri: 'https://a.example/cb', scope: 'snsapi_base', state: 's' } as const;
    expect(() => oauth.authorizeUrl({ ...ok, state: '' })).toThrow(TypeError);
    expect(() => oauth.authorizeUrl({ ...ok, state: 'a-b' })).toThrow(/letters and digits/);
    expect(() => oauth.authorizeUrl({ ...ok, state: 'a'.repeat(129) })).toThrow(TypeError);
    expect(() => oauth.authorizeUrl({ ...ok, state: 'a'.repeat(128) })).not.toThrow();
    expect(() => oauth.authorizeUrl({ ...ok, redirectUri: '/cb' })).toThrow(/absolute/);
    expect(() => oauth.authorizeUrl({ ...ok, scope: 'snsapi_login' as 'snsapi_base' })).toThrow(/scope/);
  });
});

describe('against the emulator', () => {
  test('snsapi_userinfo: exchange, userInfo, check, refresh', async () => {
    const emulator = await setup({ openPlatformId: 'open1' });
    const client = clientFor(emulator.url);
    const token = await client.oauth.exchangeCode(await authorize(emulator, 'snsapi_userinfo'), APP_SECRET);
    expect(token).toMatchObject({ openid: USER, scope: 'snsapi_userinfo', expires_in: 7200 });
    expect(token.unionid).toMatch(/^o/);

    const info = await client.oauth.userInfo(token.access_token, token.openid);
    expect(info).toMatchObject({
      openid: USER,
      nickname: '小明',
      sex: 0,
      privilege: [],
      unionid: token.unionid,
    });
    expect(await client.oauth.check(token.access_token, token.openid)).toBe(true);
    expect(await client.oauth.check(token.access_token, 'oSomeoneElse')).toBe(false);

    await advance(emulator.url, 7200);
    expect(await client.oauth.check(token.access_token, token.openid)).toBe(false);
    const expired = await rejection(client.oauth.userInfo(token.access_token, token.openid));
    expect(expired).toBeInstanceOf(WeChatOAuthTokenError);
    expect(expired).toMatchObject({ errcode: 42001, token: 'access_token', reason: 'expired' });
    expect((expired as Error).message).toContain('client.oauth.refresh');

    const renewed = await client.oauth.refresh(token.refresh_token);
    expect(renewed.openid).toBe(USER);
    expect((await client.oauth.userInfo(renewed.access_token, USER, 'en')).nickname).toBe('小明');
    // No account access_token was needed for any of it.
    expect(await calls(emulator.url, '/cgi-bin/stable_token')).toBe(0);
  });

  test('a replayed code is a WeChatOAuthCodeError with reason used, saying why', async () => {
    const emulator = await setup();
    const client = clientFor(emulator.url);
    const code = await authorize(emulator, 'snsapi_base');
    await client.oauth.exchangeCode(code, APP_SECRET);
    const error = await rejection(client.oauth.exchangeCode(code, APP_SECRET));
    expect(error).toBeInstanceOf(WeChatOAuthCodeError);
    expect(error).toBeInstanceOf(WeChatApiError);
    expect(error).toMatchObject({ errcode: 40163, reason: 'used', errmsg: 'code been used' });
    expect((error as WeChatOAuthCodeError).rid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
    const { message } = error as Error;
    expect(message).toContain('already used');
    expect(message).toContain('back button or page refresh');
    // The code and the secret never appear in the error.
    expect(message).not.toContain(code);
    expect(message).not.toContain(APP_SECRET);
    expect((error as WeChatOAuthCodeError).request.query).toMatchObject({
      code: '[redacted]',
      secret: '[redacted]',
    });
  });

  test('an expired code (reason expired), an unknown one (invalid), an empty one (missing)', async () => {
    const emulator = await setup();
    const client = clientFor(emulator.url);
    const code = await authorize(emulator, 'snsapi_base');
    await advance(emulator.url, 301);
    expect(await rejection(client.oauth.exchangeCode(code, APP_SECRET))).toMatchObject({
      errcode: 42003,
      reason: 'expired',
    });
    expect(
      await rejection(client.oauth.exchangeCode('NotACodeNotACodeNotACodeNotACode', APP_SECRET)),
    ).toMatchObject({ errcode: 40029, reason: 'invalid' });
    expect(await rejection(client.oauth.exchangeCode('', APP_SECRET))).toMatchObject({
      errcode: 41008,
      reason: 'missing',
    });
  });

  test('a wrong secret is a plain WeChatApiError (40125); no secret at all a TypeError', async () => {
    const emulator = await setup();
    const client = clientFor(emulator.url);
    const code = await authorize(emulator, 'snsapi_base');
    const error = await rejection(client.oauth.exchangeCode(code, 'wrong-secret'));
    expect(error).toBeInstanceOf(WeChatApiError);
    expect(error).not.toBeInstanceOf(WeChatOAuthCodeError);
    expect(error).toMatchObject({ errcode: 40125 });
    const consumer = new WeChatClient({ appId: APP_ID, consumerOnly: true, baseURL: emulator.url });
    await expect(consumer.oauth.exchangeCode(code)).rejects.toThrow(TypeError);
  });

  test('the client passes its AppSecret to client.oauth', async () => {
    const emulator = await setup();
    const token = await clientFor(emulator.url).oauth.exchangeCode(await authorize(emulator, 'snsapi_base'));
    expect(token.openid).toBe(USER);
  });

  test('an OAuthApi constructed with the secret exchanges without it', async () => {
    const emulator = await setup();
    const oauth = new OAuthApi(clientFor(emulator.url), APP_SECRET);
    const token = await oauth.exchangeCode(await authorize(emulator, 'snsapi_base'));
    expect(token.openid).toBe(USER);
  });

  test('the exchange is never retried: a -1 fails at once instead of replaying the code', async () => {
    const emulator = await setup();
    const client = clientFor(emulator.url);
    const code = await authorize(emulator, 'snsapi_base');
    await control(emulator.url, 'POST', '/emulator/faults', {
      path: '/sns/oauth2/access_token',
      errcode: -1,
    });
    expect(await rejection(client.oauth.exchangeCode(code, APP_SECRET))).toMatchObject({ errcode: -1 });
    expect(await calls(emulator.url, '/sns/oauth2/access_token')).toBe(1);
  });

  test('userInfo with a snsapi_base token is a WeChatOAuthScopeError (48001)', async () => {
    const emulator = await setup();
    const client = clientFor(emulator.url);
    const token = await client.oauth.exchangeCode(await authorize(emulator, 'snsapi_base'), APP_SECRET);
    const error = await rejection(client.oauth.userInfo(token.access_token, token.openid));
    expect(error).toBeInstanceOf(WeChatOAuthScopeError);
    expect(error).toMatchObject({ errcode: 48001 });
    expect((error as Error).message).toContain('snsapi_userinfo');
    expect(await client.oauth.check(token.access_token, token.openid)).toBe(true);
  });

  test('refresh errors: unknown (invalid), 30 days old (expired), after a password change (revoked)', async () => {
    const emulator = await setup();
    const client = clientFor(emulator.url);
    expect(await rejection(client.oauth.refresh('nope'))).toMatchObject({
      errcode: 40030,
      token: 'refresh_token',
      reason: 'invalid',
    });
    const first = await client.oauth.exchangeCode(await authorize(emulator, 'snsapi_userinfo'), APP_SECRET);
    await control(emulator.url, 'POST', '/emulator/oauth/revoke', { openid: USER });
    const revoked = await rejection(client.oauth.refresh(first.refresh_token));
    expect(revoked).toBeInstanceOf(WeChatOAuthTokenError);
    expect(revoked).toMatchObject({ errcode: 42007, reason: 'revoked' });
    expect(await rejection(client.oauth.userInfo(first.access_token, USER))).toMatchObject({
      errcode: 42007,
      token: 'access_token',
      reason: 'revoked',
    });

    const second = await client.oauth.exchangeCode(await authorize(emulator, 'snsapi_base'), APP_SECRET);
    await advance(emulator.url, 30 * 24 * 3600);
    const expired = await rejection(client.oauth.refresh(second.refresh_token));
    expect(expired).toMatchObject({ errcode: 42002, reason: 'expired' });
    expect((expired as Error).message).toContain('authorize URL again');
  });

  test('the logger never sees a code', async () => {
    const emulator = await setup();
    const lines: string[] = [];
    const logger = { debug: (line: string) => lines.push(line), warn: (line: string) => lines.push(line) };
    const client = clientFor(emulator.url, { logger });
    const code = await authorize(emulator, 'snsapi_base');
    await client.oauth.exchangeCode(code, APP_SECRET);
    await rejection(client.oauth.exchangeCode(code, APP_SECRET));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).not.toContain(code);
      expect(line).not.toContain(APP_SECRET);
    }
  });
});

describe('signed state', () => {
  const now = 1_800_000_000;

  test('round trip: letters and digits only, at most 128 characters, data carried', () => {
    const state = createOAuthState(SECRET, { data: '/orders/42', now });
    expect(state).toMatch(/^[A-Za-z0-9]{1,128}$/);
    expect(verifyOAuthState(SECRET, state, { now: now + 599 })).toEqual({
      data: '/orders/42',
      expiresAt: now + 600,
    });
    const full = createOAuthState(SECRET, { data: 'x'.repeat(OAUTH_STATE_MAX_DATA_BYTES), now });
    expect(full).toHaveLength(128);
    expect(verifyOAuthState(SECRET, full, { now }).data).toHaveLength(OAUTH_STATE_MAX_DATA_BYTES);
    expect(verifyOAuthState(SECRET, createOAuthState(SECRET), {}).data).toBe('');
    expect(verifyOAuthState(SECRET, createOAuthState(SECRET, { data: '订单', now }), { now }).data).toBe(
      '订单',
    );
  });

  test('two states differ (a nonce) even for the same data and time', () => {
    expect(createOAuthState(SECRET, { now })).not.toBe(createOAuthState(SECRET, { now }));
  });

  test('expired states are refused', () => {
    const state = createOAuthState(SECRET, { ttlSeconds: 60, now });
    const error = rejectionOf(() => verifyOAuthState(SECRET, state, { now: now + 60 }));
    expect(error).toBeInstanceOf(WeChatOAuthStateError);
    expect(error).toMatchObject({ reason: 'expired' });
  });

  test('tampered states are refused: data, expiry, signature, another secret, another session', () => {
    const state = createOAuthState(SECRET, { data: 'a', ttlSeconds: 60, now, bind: 'session-1' });
    const flip = (index: number) => {
      const c = state[index] ?? '';
      const replacement = c === '0' ? '1' : '0';
      return `${state.slice(0, index)}${replacement}${state.slice(index + 1)}`;
    };
    const later = createOAuthState(SECRET, { data: 'a', ttlSeconds: 86_400, now, bind: 'session-1' });
    const spliced = `${state.slice(0, 32)}${later.slice(32)}`; // old signature, longer expiry
    for (const forged of [flip(0), flip(35), flip(state.length - 1), spliced]) {
      expect(rejectionOf(() => verifyOAuthState(SECRET, forged, { now, bind: 'session-1' }))).toMatchObject({
        reason: 'signature',
      });
    }
    expect(
      rejectionOf(() =>
        verifyOAuthState('another-secret-of-enough-length', state, { now, bind: 'session-1' }),
      ),
    ).toMatchObject({ reason: 'signature' });
    expect(rejectionOf(() => verifyOAuthState(SECRET, state, { now, bind: 'session-2' }))).toMatchObject({
      reason: 'signature',
    });
    expect(rejectionOf(() => verifyOAuthState(SECRET, state, { now }))).toMatchObject({
      reason: 'signature',
    });
    expect(verifyOAuthState(SECRET, state, { now, bind: 'session-1' }).data).toBe('a');
  });

  test('malformed states are refused before any signature check', () => {
    for (const bad of [
      undefined,
      null,
      '',
      'abc',
      'x'.repeat(129),
      `${'g'.repeat(32)}00000000aaaaaaaaaaaa`,
    ]) {
      expect(rejectionOf(() => verifyOAuthState(SECRET, bad))).toMatchObject({ reason: 'malformed' });
    }
  });

  test('a short secret, oversized data and a bad ttl are programming errors', () => {
    expect(() => createOAuthState('short')).toThrow(TypeError);
    expect(() => verifyOAuthState('short', 'x')).toThrow(TypeError);
    expect(() => createOAuthState(SECRET, { data: 'x'.repeat(OAUTH_STATE_MAX_DATA_BYTES + 1) })).toThrow(
      RangeError,
    );
    expect(() => createOAuthState(SECRET, { ttlSeconds: 0 })).toThrow(RangeError);
  });
});

function rejectionOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
