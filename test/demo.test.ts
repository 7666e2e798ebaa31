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
  expect(output).not.toContain('✗');
  expect(code).toBe(0);
}, 60_000);
