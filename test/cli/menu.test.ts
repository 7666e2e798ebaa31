import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import { runCaptured } from '../helpers/cli.js';

const APP_ID = 'wx0123456789abcdef';
const SECRET = 'menu-test-secret';
const scratch = mkdtempSync(join(tmpdir(), 'wechat-mp-menu-cli-'));

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ appId: APP_ID, appSecret: SECRET });
});
afterAll(async () => {
  await emulator.close();
  rmSync(scratch, { recursive: true, force: true });
});

function run(argv: string[], stdin?: string) {
  const env = { WECHAT_APP_ID: APP_ID, WECHAT_APP_SECRET: SECRET, WECHAT_BASE_URL: emulator.url };
  return runCaptured(['menu', ...argv], { env, ...(stdin === undefined ? {} : { stdin }) });
}

function file(name: string, content: unknown): string {
  const path = join(scratch, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const MENU = {
  button: [
    { type: 'click', name: '今日歌曲', key: 'TODAY_MUSIC' },
    { name: '菜单', sub_button: [{ type: 'view', name: '搜索', url: 'https://www.soso.com/' }] },
  ],
};

describe('wechat-mp menu', () => {
  test('pull with no menu: nothing on stdout, a note on stderr, exit 0', async () => {
    const { code, stdout, stderr } = await run(['pull']);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain('no menu has been created through the API (46003)');
  });

  test('push creates the menu; pull prints it as JSON that can be pushed back', async () => {
    const pushed = await run(['push', file('menu.json', MENU)]);
    expect(pushed.code).toBe(0);
    expect(pushed.stdout).toBe('✓ menu created: 2 buttons (今日歌曲, 菜单)\n');

    const pulled = await run(['pull']);
    expect(pulled.code).toBe(0);
    const menu = JSON.parse(pulled.stdout) as { button: Array<Record<string, unknown>> };
    expect(menu.button[0]).toMatchObject({ type: 'click', name: '今日歌曲', key: 'TODAY_MUSIC' });
    expect(menu.button[1]).toMatchObject({ name: '菜单', sub_button: [{ type: 'view', name: '搜索' }] });

    const again = await run(['push', '-'], pulled.stdout);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('menu created: 2 buttons');
  });

  test('a menu breaking a rule is refused locally with the field and errcode', async () => {
    const before = emulator.state.quota.used['/cgi-bin/menu/create'] ?? 0;
    const tooLong = { button: [{ type: 'click', name: '这是一个非常长的名字', key: 'K' }] };
    const { code, stdout, stderr } = await run(['push', file('long.json', tooLong)]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('button[0].name');
    expect(stderr).toContain('errcode 40018');
    expect(stderr).toContain('nothing was sent');
    expect(emulator.state.quota.used['/cgi-bin/menu/create'] ?? 0).toBe(before);
  });

  test('an unreadable file and a file that is not JSON exit 1', async () => {
    const missing = await run(['push', join(scratch, 'nope.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('cannot read');
    const broken = await run(['push', file('broken.json', '{ "button": [')]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('is not JSON');
  });

  test('a bad secret exits 1 with 40125', async () => {
    const { code, stderr } = await run(['pull', '--app-secret', 'wrong']);
    expect(code).toBe(1);
    expect(stderr).toContain('40125');
  });

  test.each([
    [[], 'missing the action: push FILE or pull'],
    [['drop'], 'unknown action "drop"'],
    [['push'], 'menu push takes one FILE'],
    [['pull', 'x'], 'unexpected argument "x"'],
  ])('%j is a usage error', async (args, message) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  test('--help', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('wechat-mp menu push FILE');
  });
});
