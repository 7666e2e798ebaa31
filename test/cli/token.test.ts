import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import { runCaptured } from '../helpers/cli.js';

const APP_ID = 'wx0123456789abcdef';
const SECRET = 'token-test-secret';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ appId: APP_ID, appSecret: SECRET });
});
afterAll(async () => {
  await emulator.close();
});

const run = (argv: string[], env: Record<string, string> = {}) => runCaptured(['token', ...argv], { env });

const account = () => ['--app-id', APP_ID, '--app-secret', SECRET, '--base-url', emulator.url];
const issued = () => Object.keys(emulator.state.credentials);

describe('wechat-mp token', () => {
  test('--show prints the token alone on stdout', async () => {
    const { code, stdout, stderr } = await run([...account(), '--show']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^\S+\n$/);
    expect(issued()).toContain(stdout.trim());
  });

  test('without --show: lifetime and quota, and never the token', async () => {
    const { code, stdout, stderr } = await run(account());
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain(`✓ access_token of ${APP_ID} from /cgi-bin/stable_token at ${emulator.url}`);
    expect(stdout).toMatch(/expires in {3}\d+ h \d+ min \(\d+ s\), at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
    expect(stdout).toMatch(/quota {8}\/cgi-bin\/stable_token: \d+ of 500000 used today, \d+ left/);
    expect(stdout).toContain('not shown (--show prints it alone)');
    expect(issued().length).toBeGreaterThan(0);
    for (const token of issued()) {
      expect(stdout).not.toContain(token);
      expect(stderr).not.toContain(token);
    }
  });

  test('--classic uses cgi-bin/token and its quota', async () => {
    const { code, stdout } = await run([...account(), '--classic']);
    expect(code).toBe(0);
    expect(stdout).toContain('from /cgi-bin/token at');
    expect(stdout).toMatch(/\/cgi-bin\/token: \d+ of 2000 used today/);
    for (const token of issued()) expect(stdout).not.toContain(token);
  });

  test('the credentials can come from the environment', async () => {
    const { code, stdout } = await run(['--show'], {
      WECHAT_APP_ID: APP_ID,
      WECHAT_APP_SECRET: SECRET,
      WECHAT_BASE_URL: emulator.url,
    });
    expect(code).toBe(0);
    expect(issued()).toContain(stdout.trim());
  });

  test('a bad secret exits 1 with the errcode, its meaning and the rid', async () => {
    const { code, stdout, stderr } = await run([...account(), '--app-secret', 'wrong', '--show']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('wechat-mp token:');
    expect(stderr).toContain('40125');
    expect(stderr).toContain('invalid appsecret');
    expect(stderr).toMatch(/\[rid [0-9a-f-]+\]/);
  });

  test('an unreachable API host exits 1 with a hint', async () => {
    const { code, stderr } = await run([...account(), '--base-url', 'http://127.0.0.1:1']);
    expect(code).toBe(1);
    expect(stderr).toContain('connection failed');
    expect(stderr).toContain('check --base-url');
  });

  test.each([
    [['--app-secret', 's'], 'missing the AppID: pass --app-id, or set WECHAT_APP_ID'],
    [['--app-id', APP_ID], 'missing the AppSecret'],
    [['--app-id', APP_ID, '--app-secret', 's', '--stable', '--classic'], 'exclusive'],
    [['--app-id', APP_ID, '--app-secret', 's', '--base-url', 'api.weixin.qq.com'], 'must be an http://'],
    [['--app-id', APP_ID, '--app-secret', 's', 'extra'], 'unexpected argument "extra"'],
    [['--app-id', '', '--app-secret', 's'], '--app-id must not be empty'],
  ])('%j is a usage error', async (args, message) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  test('--help', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: wechat-mp token [options]');
  });
});
