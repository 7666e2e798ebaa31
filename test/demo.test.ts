// The README's first command, `npm run demo`, in script mode: the emulator and the demo bot
// wired together, a scripted conversation, every step checked.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const root = join(import.meta.dirname, '..');

test('npm run demo -- --script plays the whole conversation and exits 0', async () => {
  const child = spawn(
    process.execPath,
    [join(root, 'node_modules/tsx/dist/cli.mjs'), 'examples/demo-bot/demo.ts', '--script'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(output).toContain('all steps behaved');
  expect(output).toMatch(/公众号 \(客服消息\): 这个回答用了 6 秒/);
  // The bot installed its menu: /click goes through a real tap on it.
  expect(output).toContain('(menu tap: 帮助)');
  expect(output).toContain('(menu tap: 通知)');
  // notify: a template message from the emulator's library, then the passive reply.
  expect(output).toMatch(/公众号 \(模板消息\): 订单号:DEMO0001\n\s+商品名称:无线蓝牙耳机/);
  expect(output).toContain('公众号: 已发送模板消息');
  // oauth: the reply links the web page example, which logs this follower in (snsapi_base).
  expect(output).toMatch(/^web page http:\/\/127\.0\.0\.1:\d+\//m);
  expect(output).toMatch(/302 → 模拟器 \/connect\/oauth2\/authorize/);
  expect(output).toMatch(/200 我的资料：OpenID o\S+（就是聊天里的这位关注者），wx\.config 已签名/);
  expect(output).not.toContain('✗');
  expect(code).toBe(0);
}, 60_000);
