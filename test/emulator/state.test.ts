import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { type EmulatorOptions, EmulatorStateError, startEmulator } from '../../src/emulator.js';
import { APP_ID, APP_SECRET, EmulatorHarness, expectError, ridOf, startHarness } from './helpers.js';

const directories: string[] = [];
const running: EmulatorHarness[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((harness) => harness.close()));
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

/** A state path inside a fresh temporary directory (in a sub-directory that does not exist yet). */
function newStatePath(): { directory: string; statePath: string } {
  const root = mkdtempSync(join(tmpdir(), 'wechat-mp-state-'));
  directories.push(root);
  const directory = join(root, 'data');
  return { directory, statePath: join(directory, 'state.json') };
}

async function start(options: EmulatorOptions): Promise<EmulatorHarness> {
  const harness = await startHarness(options);
  running.push(harness);
  return harness;
}

/** Starts without the account options, so the account can only come from the state file. */
async function restart(options: EmulatorOptions): Promise<EmulatorHarness> {
  const harness = new EmulatorHarness(await startEmulator(options));
  running.push(harness);
  return harness;
}

async function stop(harness: EmulatorHarness): Promise<void> {
  running.splice(running.indexOf(harness), 1);
  await harness.close();
}

function readState(statePath: string): Record<string, unknown> {
  return JSON.parse(readFileSync(statePath, 'utf8')) as Record<string, unknown>;
}

interface ClockBody {
  now: number;
  offsetSeconds: number;
}

describe('statePath persistence', () => {
  test('tokens, users, quota counts, the clock offset and rids survive close() and a restart', async () => {
    const { statePath } = newStatePath();
    const first = await start({ statePath, quotaLimits: { '/cgi-bin/token': 10 }, token: 'server-token' });
    await first.advanceToNextDay();
    await first.advance(1234);
    const replaced = await first.accessToken();
    const token = await first.accessToken();
    const stable = await first.stableToken();
    const user = await first.control('POST', '/emulator/users', { openid: 'oPersisted', nickname: '老王' });
    expect(user.status).toBe(200);
    const rid = ridOf(await first.get('/cgi-bin/getcallbackip', { access_token: 'garbage' }));
    const clock = await first.control<ClockBody>('GET', '/emulator/clock');
    await stop(first);

    const second = await restart({ statePath });
    // The account came back from the file.
    const app = await second.control<Record<string, unknown>>('GET', '/emulator/app');
    expect(app.body).toMatchObject({ appId: APP_ID, appSecret: APP_SECRET, token: 'server-token' });
    // Tokens issued before the restart still work, the replaced one within its 5 minutes.
    for (const value of [token, replaced, stable.access_token ?? '']) {
      const body = await second.get('/cgi-bin/getcallbackip', { access_token: value });
      expect(body.errcode).toBeUndefined();
    }
    expect((await second.stableToken()).access_token).toBe(stable.access_token);
    // The clock offset.
    const restored = await second.control<ClockBody>('GET', '/emulator/clock');
    expect(restored.body.offsetSeconds).toBe(clock.body.offsetSeconds);
    expect(restored.body.now).toBeGreaterThanOrEqual(clock.body.now);
    // Users and their inboxes.
    const users = await second.control<{ openid: string; nickname: string }[]>('GET', '/emulator/users');
    expect(users.body).toEqual([expect.objectContaining({ openid: 'oPersisted', nickname: '老王' })]);
    expect((await second.control('GET', '/emulator/users/oPersisted/inbox')).body).toEqual([]);
    // Quota counts and limits (stable_token is counted too).
    const quota = await second.post(
      '/cgi-bin/openapi/quota/get',
      { cgi_path: '/cgi-bin/token' },
      {
        access_token: token,
      },
    );
    expect(quota.quota).toEqual({ daily_limit: 10, used: 2, remain: 8 });
    const stableQuota = await second.post(
      '/cgi-bin/openapi/quota/get',
      { cgi_path: '/cgi-bin/stable_token' },
      {
        access_token: token,
      },
    );
    expect(stableQuota.quota?.used).toBe(2); // one call before the restart, one after
    // The rid log.
    const found = await second.post('/cgi-bin/openapi/rid/get', { rid }, { access_token: token });
    expect(found.errcode).toBe(0);
    expect(found.request?.request_url).toBe('access_token=garbagxxxx');
    // The replaced token still expires on time after the restart.
    await second.advance(301);
    expectError(await second.get('/cgi-bin/getcallbackip', { access_token: replaced }), 40001);
  });

  test('the file is created at start and rewritten atomically after every change', async () => {
    const { directory, statePath } = newStatePath();
    const harness = await start({ statePath });
    expect(readdirSync(directory)).toEqual(['state.json']);
    expect(readState(statePath)).toMatchObject({ version: 1, users: {}, app: { appId: APP_ID } });

    await harness.control('POST', '/emulator/users', { openid: 'oWritten' });
    expect(Object.keys(readState(statePath).users as object)).toEqual(['oWritten']);
    const token = await harness.accessToken();
    expect(Object.keys(readState(statePath).credentials as object)).toEqual([token]);
    await harness.advance(60);
    expect(readState(statePath).clockOffsetMs).toBe(60_000);
    for (let i = 0; i < 20; i++) await harness.get('/cgi-bin/getcallbackip', { access_token: token });
    expect(readdirSync(directory)).toEqual(['state.json']);

    await stop(harness);
    expect(readdirSync(directory)).toEqual(['state.json']);
    expect(readState(statePath)).toMatchObject({ version: 1, clockOffsetMs: 60_000 });
  });

  test('options given on restart override the stored app config; the rest is kept', async () => {
    const { statePath } = newStatePath();
    const first = await start({
      statePath,
      webhook: 'http://127.0.0.1:9/old',
      token: 'kept-token',
      mode: 'safe',
      quotaLimits: { '/cgi-bin/token': 10 },
    });
    const before = (await first.control<Record<string, unknown>>('GET', '/emulator/app')).body;
    await stop(first);

    const second = await restart({
      statePath,
      webhook: 'http://127.0.0.1:9/new',
      mode: 'plain',
      quotaLimits: { '/cgi-bin/token': 3 },
    });
    const after = (await second.control<Record<string, unknown>>('GET', '/emulator/app')).body;
    expect(after).toEqual({ ...before, webhook: 'http://127.0.0.1:9/new', mode: 'plain' });
    const token = await second.accessToken();
    const quota = await second.post(
      '/cgi-bin/openapi/quota/get',
      { cgi_path: '/cgi-bin/token' },
      {
        access_token: token,
      },
    );
    expect(quota.quota?.daily_limit).toBe(3);
    await stop(second);
    expect(readState(statePath).app).toMatchObject({ webhook: 'http://127.0.0.1:9/new', mode: 'plain' });

    // A new secret on restart replaces the stored one.
    const third = await restart({ statePath, appSecret: 'rotated-secret' });
    expectError(
      await third.get('/cgi-bin/token', {
        grant_type: 'client_credential',
        appid: APP_ID,
        secret: APP_SECRET,
      }),
      40125,
    );
    const rotated = await third.get('/cgi-bin/token', {
      grant_type: 'client_credential',
      appid: APP_ID,
      secret: 'rotated-secret',
    });
    expect(typeof rotated.access_token).toBe('string');
  });

  test('a PATCHed app and users created through the control API are what a restart sees', async () => {
    const { statePath } = newStatePath();
    const first = await start({ statePath });
    await first.control('PATCH', '/emulator/app', {
      webhook: 'http://127.0.0.1:9/patched',
      mode: 'compatible',
    });
    await first.control('POST', '/emulator/users', {});
    await first.control('POST', '/emulator/users', {});
    const users = (await first.control<unknown[]>('GET', '/emulator/users')).body;
    await stop(first);
    const second = await restart({ statePath });
    expect((await second.control('GET', '/emulator/app')).body).toMatchObject({
      webhook: 'http://127.0.0.1:9/patched',
      mode: 'compatible',
    });
    expect((await second.control('GET', '/emulator/users')).body).toEqual(users);
  });
});

describe('a corrupt state file', () => {
  /** A valid state document, as an emulator writes it. */
  async function validState(): Promise<Record<string, unknown>> {
    const { statePath } = newStatePath();
    const harness = await start({ statePath });
    await harness.accessToken();
    await stop(harness);
    return readState(statePath);
  }

  const cases: [string, (valid: Record<string, unknown>) => string][] = [
    ['not JSON', () => 'this is not JSON {'],
    ['empty', () => ''],
    ['truncated JSON', (valid) => JSON.stringify(valid).slice(0, 40)],
    ['a JSON array', () => '[]'],
    ['a JSON string', () => '"state"'],
    ['null', () => 'null'],
    ['an object of the wrong shape', () => '{"hello":"world"}'],
    ['only a version', () => '{"version":1}'],
    ['another version', (valid) => JSON.stringify({ ...valid, version: 2 })],
    ['a malformed clock offset', (valid) => JSON.stringify({ ...valid, clockOffsetMs: 'soon' })],
    ['users as an array', (valid) => JSON.stringify({ ...valid, users: [] })],
    ['an app without appId', (valid) => JSON.stringify({ ...valid, app: { appSecret: 'x' } })],
    ['a non-numeric lastMsgId', (valid) => JSON.stringify({ ...valid, lastMsgId: 'abc' })],
  ];

  test.each(cases)(
    '%s: startEmulator rejects with EmulatorStateError and leaves the file as it was',
    async (_name, make) => {
      const valid = await validState();
      const { directory, statePath } = newStatePath();
      mkdirSync(directory, { recursive: true });
      const bytes = Buffer.from(make(valid), 'utf8');
      writeFileSync(statePath, bytes);

      const started = startEmulator({ statePath, appId: APP_ID, appSecret: APP_SECRET });
      await expect(started).rejects.toBeInstanceOf(EmulatorStateError);
      await expect(started).rejects.toThrow(statePath);
      expect(readFileSync(statePath).equals(bytes)).toBe(true);
      expect(readdirSync(directory)).toEqual(['state.json']);
    },
  );

  test('the valid document used above does load', async () => {
    const valid = await validState();
    const { directory, statePath } = newStatePath();
    mkdirSync(directory, { recursive: true });
    writeFileSync(statePath, JSON.stringify(valid));
    const harness = await restart({ statePath });
    expect((await harness.control('GET', '/emulator/app')).body).toMatchObject({ appId: APP_ID });
  });
});
