// The interactive demo as a person meets it: a real terminal (tmux), keys typed into the chat,
// the screen read back. CI installs tmux; without it on a developer machine the test is skipped.
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

const root = join(import.meta.dirname, '..');
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
if (!hasTmux && process.env.CI) throw new Error('tmux is not installed, and CI requires the terminal test');
const session = `wechat-mp-demo-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-t', session, '-p');

async function waitForScreen(pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = screen();
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`screen never showed ${pattern}:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe.runIf(hasTmux)('the interactive demo in a terminal', () => {
  afterAll(() => {
    spawnSync('tmux', ['kill-session', '-t', session]);
  });

  test('typing a message shows the bot reply; Ctrl-C leaves no process behind', async () => {
    const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
    tmux(
      'new-session',
      '-d',
      '-s',
      session,
      '-x',
      '120',
      '-y',
      '40',
      '-c',
      root,
      `${process.execPath} ${tsx} examples/demo-bot/demo.ts`,
    );
    await waitForScreen(/你>/);
    tmux('send-keys', '-t', session, '/subscribe', 'Enter');
    await waitForScreen(/欢迎关注/);
    tmux('send-keys', '-t', session, 'hello tmux', 'Enter');
    expect(await waitForScreen(/你说：hello tmux/)).toContain('公众号: 你说：hello tmux');
    tmux('send-keys', '-t', session, 'C-c');
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && spawnSync('pgrep', ['-f', 'examples/demo-bot/demo[.]ts$']).status === 0) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(spawnSync('pgrep', ['-f', 'examples/demo-bot/demo[.]ts$']).status).not.toBe(0);
  }, 60_000);
});
