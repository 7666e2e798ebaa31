// `npm run demo`: the emulator and the demo bot wired together on free ports, in safe mode, and
// a chat in the terminal as a follower. `npm run demo -- --script` plays a scripted
// conversation instead, checks every step, and exits 0 only if all of them behaved.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeHandler, WeChatClient } from 'wechat-mp';
import { startEmulator } from 'wechat-mp/emulator';
import { ChatSession, describeEntry, pushFor } from '../../src/cli/chat/session.js';
import { runCli } from '../../src/cli/run.js';
import { startExample } from '../oauth-page/server.js';
import { addNotifyTemplate, createDemoBot, installMenu } from './bot.js';

const account = {
  appId: 'wx5d0c0de5d0c0de50',
  appSecret: 'demo-app-secret-0000000000000000',
  token: 'demotoken',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
};

/**
 * Starts the emulator, the web page example (OAuth + JS-SDK) and the bot, which installs its
 * menu and its template first; `stop()` closes all three.
 */
export async function startDemo(options: { slowMs?: number } = {}) {
  const emulator = await startEmulator({ ...account, mode: 'safe' });
  const page = await startExample({
    emulatorUrl: emulator.url,
    appId: account.appId,
    appSecret: account.appSecret,
  });
  const pageUrl = `${page.url}/`;
  const client = new WeChatClient({
    appId: account.appId,
    appSecret: account.appSecret,
    baseURL: emulator.url,
  });
  await installMenu(client, pageUrl);
  const templateId = await addNotifyTemplate(client);
  const bot = createDemoBot({ ...account, client, templateId, pageUrl, ...options });
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
    pageUrl,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await page.close();
      await emulator.close();
    },
  };
}

/** One step of the scripted conversation: what the follower does and what must come back. */
interface Step {
  /** What the follower types, as in the chat: `/click KEY` taps the menu button KEY. */
  readonly send: string;
  /** What must arrive: every pattern matches one of the lines received. */
  readonly expect: RegExp | readonly RegExp[];
  /** How long to wait for the answer (late answers arrive as customer-service messages). */
  readonly waitMs?: number;
  /** The menu button the step must have tapped (a tap, not an event made up by the chat). */
  readonly taps?: string;
  /** Then open the link of the answer as the follower's browser would, and check the page. */
  readonly openLink?: boolean;
}

const SCRIPT: readonly Step[] = [
  { send: '/subscribe', expect: /欢迎关注/ },
  { send: '你好', expect: /你说：你好/ },
  { send: 'help', expect: /slow/ },
  { send: '/click MENU_HELP', expect: /echo/, taps: '帮助' },
  { send: 'notify', expect: [/公众号 \(模板消息\): 订单号:DEMO0001/, /^公众号: 已发送模板消息$/] },
  { send: '/click 通知', expect: [/公众号 \(模板消息\): 订单号:DEMO0002/, /已发送模板消息/], taps: '通知' },
  { send: 'oauth', expect: /网页授权.*http:\/\/127\.0\.0\.1:\d+\//, openLink: true },
  { send: '/location 23.1 113.3 广州塔', expect: /广州塔/ },
  { send: '/image', expect: /图片/ },
  { send: 'slow', expect: /客服消息.*还是送到了/, waitMs: 12_000 },
];

/**
 * Opens the page at `pageUrl` as the follower's browser: the home page, then a silent login
 * (`snsapi_base`, which needs no tap on a consent page), redirect by redirect. fetch has no
 * cookie jar, so the session cookie the example binds its OAuth state to is carried by hand.
 * Resolves to the lines to print and whether the profile page showed this very follower.
 */
async function openPage(
  pageUrl: string,
  emulatorUrl: string,
  openid: string,
): Promise<{ lines: string[]; ok: boolean }> {
  const heading = (html: string) => /<h1>(.*?)<\/h1>/.exec(html)?.[1] ?? '';
  const home = await fetch(pageUrl);
  const lines = [`浏览器> ${pageUrl} → ${home.status} ${heading(await home.text())}`];
  let url = new URL('login?scope=snsapi_base', pageUrl);
  lines.push(`浏览器> ${url.pathname}${url.search}（静默授权，无需点“允许”）`);
  let cookie: string | undefined;
  let response: Response | undefined;
  for (let hop = 0; hop < 6; hop++) {
    response = await fetch(url, { redirect: 'manual', headers: cookie === undefined ? {} : { cookie } });
    cookie = response.headers.get('set-cookie')?.split(';')[0] ?? cookie;
    const location = response.headers.get('location');
    if (response.status !== 302 || location === null) break;
    url = new URL(location, url);
    const onEmulator = url.origin === new URL(emulatorUrl).origin;
    // The emulator plays WeChat: `openid` says which of its users holds the phone.
    if (onEmulator) url.searchParams.set('openid', openid);
    const shown = url.searchParams.has('code') ? `${url.pathname}?code=…` : url.pathname;
    lines.push(`  ${response.status} → ${onEmulator ? '模拟器 ' : ''}${shown}`);
  }
  const page = response === undefined ? '' : await response.text();
  const shownOpenid = /<span id="openid">(.*?)<\/span>/.exec(page)?.[1];
  const signed = /"signature":"[0-9a-f]{40}"/.test(page);
  lines.push(
    `  ${response?.status ?? '-'} ${heading(page)}：OpenID ${shownOpenid ?? '?'}` +
      `${shownOpenid === openid ? '（就是聊天里的这位关注者）' : ''}，wx.config ${signed ? '已签名' : '没有签名'}`,
  );
  return { lines, ok: home.status === 200 && response?.status === 200 && shownOpenid === openid && signed };
}

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
    const expected = step.expect instanceof RegExp ? [step.expect] : step.expect;
    const arrived = (lines: readonly string[]) =>
      expected.every((pattern) => lines.some((line) => pattern.test(line)));
    const outcome = await chat.send(pushFor(step.send) ?? {});
    if (outcome.tapped !== undefined) print(`  (menu tap: ${outcome.tapped})`);
    const lines: string[] = [];
    const deadline = Date.now() + (step.waitMs ?? 2000);
    while (!arrived(lines) && Date.now() < deadline) {
      lines.push(...(await chat.waitForNew(Math.max(0, deadline - Date.now()))).map(describeEntry));
    }
    for (const line of lines) print(`  ${line.replaceAll('\n', '\n    ')}`);
    if (outcome.status === 'empty') print(`  (passive answer: success after ${outcome.latencyMs} ms)`);
    let ok = outcome.status !== 'failed' && arrived(lines);
    if (step.taps !== undefined && outcome.tapped !== step.taps) ok = false;
    if (step.openLink === true) {
      const link = /https?:\/\/\S+/.exec(lines.join('\n'))?.[0];
      const opened = link === undefined ? undefined : await openPage(link, emulatorUrl, chat.openid);
      for (const line of opened?.lines ?? ['(no link to open)']) print(`  ${line}`);
      ok &&= opened?.ok === true;
    }
    if (!ok) failures += 1;
    print(
      `  ${ok ? '✓' : `✗ expected ${expected.join(' and ')}${step.taps ? ` after a tap on ${step.taps}` : ''}`}`,
    );
  }
  return failures;
}

async function main(): Promise<void> {
  const scripted = process.argv.includes('--script') || !process.stdin.isTTY;
  const demo = await startDemo();
  let code = 0;
  try {
    console.log(`emulator ${demo.emulator.url}  ·  bot ${demo.webhook}  ·  safe mode`);
    console.log(`web page ${demo.pageUrl}  (OAuth login + JS-SDK: open it in a browser)`);
    console.log('menu     帮助 · 通知 · 更多 ▸ 网页 / 时间  (tap with /click 帮助 or /click MENU_HELP)');
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
