// `npm run demo`: the emulator and the demo bot wired together on free ports, in safe mode, and
// a chat in the terminal as a follower. `npm run demo -- --script` plays a scripted
// conversation instead, checks every step, and exits 0 only if all of them behaved.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeHandler, WeChatClient } from 'wechat-mp';
import { startEmulator } from 'wechat-mp/emulator';
import { ChatSession, describeEntry, pushFor } from '../../src/cli/chat/session.js';
import { runCli } from '../../src/cli/run.js';
import { createDemoBot } from './bot.js';

const account = {
  appId: 'wx5d0c0de5d0c0de50',
  appSecret: 'demo-app-secret-0000000000000000',
  token: 'demotoken',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};

/** Starts the emulator and the bot; `stop()` closes both. */
export async function startDemo(options: { slowMs?: number } = {}) {
  const emulator = await startEmulator({ ...account, mode: 'safe' });
  const client = new WeChatClient({
    appId: account.appId,
    appSecret: account.appSecret,
    baseURL: emulator.url,
  });
  const bot = createDemoBot({ ...account, client, ...options });
  const server = createServer(toNodeHandler(bot));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const webhook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat`;
  await fetch(`${emulator.url}/emulator/app`, { method: 'PATCH', body: JSON.stringify({ webhook }) });
  const verified = (await (await fetch(`${emulator.url}/emulator/verify`, { method: 'POST' })).json()) as {
    ok: boolean;
  };
  if (!verified.ok) throw new Error('the emulator could not verify the bot URL');
  return {
    emulator,
    webhook,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await emulator.close();
    },
  };
}

/** One step of the scripted conversation: what the follower does and what must come back. */
interface Step {
  readonly send: string;
  readonly expect: RegExp;
  /** How long to wait for the answer (late answers arrive as customer-service messages). */
  readonly waitMs?: number;
}

const SCRIPT: readonly Step[] = [
  { send: '/subscribe', expect: /欢迎关注/ },
  { send: '你好', expect: /你说：你好/ },
  { send: 'help', expect: /slow/ },
  { send: '/click MENU_HELP', expect: /echo/ },
  { send: '/location 23.1 113.3 广州塔', expect: /广州塔/ },
  { send: '/image', expect: /图片/ },
  { send: 'slow', expect: /客服消息.*还是送到了/, waitMs: 12_000 },
];

/** Plays {@link SCRIPT}; prints a transcript; resolves to the number of failed steps. */
export async function playScript(
  emulatorUrl: string,
  print: (line: string) => void = console.log,
): Promise<number> {
  const chat = new ChatSession(emulatorUrl);
  await chat.join(undefined, '演示用户');
  let failures = 0;
  for (const step of SCRIPT) {
    print(`你> ${step.send}`);
    const outcome = await chat.send(pushFor(step.send) ?? {});
    const lines: string[] = [];
    const deadline = Date.now() + (step.waitMs ?? 2000);
    while (!lines.some((line) => step.expect.test(line)) && Date.now() < deadline) {
      lines.push(...(await chat.waitForNew(Math.max(0, deadline - Date.now()))).map(describeEntry));
    }
    for (const line of lines) print(`  ${line.replaceAll('\n', '\n    ')}`);
    if (outcome.status === 'empty') print(`  (passive answer: success after ${outcome.latencyMs} ms)`);
    const ok = outcome.status !== 'failed' && lines.some((line) => step.expect.test(line));
    if (!ok) failures += 1;
    print(`  ${ok ? '✓' : `✗ expected ${step.expect}`}`);
  }
  return failures;
}

async function main(): Promise<void> {
  const scripted = process.argv.includes('--script') || !process.stdin.isTTY;
  const demo = await startDemo();
  let code = 0;
  try {
    console.log(`emulator ${demo.emulator.url}  ·  bot ${demo.webhook}  ·  safe mode`);
    if (scripted) {
      const failures = await playScript(demo.emulator.url);
      console.log(failures === 0 ? '\nall steps behaved' : `\n${failures} step(s) failed`);
      code = failures === 0 ? 0 : 1;
    } else {
      code = await runCli(['chat', demo.emulator.url, '--nickname', '演示用户'], {
        stdout: process.stdout,
        stderr: process.stderr,
      });
    }
  } finally {
    await demo.stop();
  }
  process.exit(code);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.once('SIGINT', () => process.exit(0));
  await main();
}
