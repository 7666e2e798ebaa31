// The whole web-authorisation flow in a real browser: the example app redirects to the emulator's
// authorize page, the simulated user clicks 允许 or 拒绝, and the browser lands back on the example.
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type RunningExample, startExample } from '../../examples/oauth-page/server.js';
import type { JsSdkConfig } from '../../src/client/api/jssdk.js';
import { DEFAULT_OAUTH_OPENID } from '../../src/emulator/api/oauth.js';
import { type Emulator, startEmulator } from '../../src/emulator.js';
import { jsapiSignature } from '../../src/protocol/jssdk.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumAvailable } from '../helpers/chromium.js';

const APP_ID = 'wxb10e5e7b10e5e7b1';
const APP_SECRET = 'b10e5e7bb10e5e7bb10e5e7bb10e5e7b';
const NICKNAME = '浏览器小明';

const available = chromiumAvailable();

describe.skipIf(!available)('web authorisation in chromium', () => {
  let emulator: Emulator;
  let example: RunningExample;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ appId: APP_ID, appSecret: APP_SECRET });
    // The user the authorize page plays when the URL names none: give them a nickname.
    const created = await fetch(`${emulator.url}/emulator/users`, {
      method: 'POST',
      body: JSON.stringify({ openid: DEFAULT_OAUTH_OPENID, nickname: NICKNAME }),
    });
    expect(created.status).toBe(200);
    await fetch(`${emulator.url}/emulator/oauth`, {
      method: 'PATCH',
      body: JSON.stringify({ accountName: '浏览器测试号' }),
    });
    example = await startExample({ emulatorUrl: emulator.url, appId: APP_ID, appSecret: APP_SECRET });
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS],
      headless: true,
    });
  }, 60_000);

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await example?.close();
    await emulator?.close();
  });

  /** A fresh browser profile (no cookies) on the example's login URL, stopped at the consent page. */
  async function consentPage(): Promise<Page> {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(example.loginUrl);
    await page.waitForURL((url) => url.pathname === '/connect/oauth2/authorize');
    expect(
      page.url().startsWith(`${emulator.url}/connect/oauth2/authorize?appid=${APP_ID}&redirect_uri=`),
    ).toBe(true);
    await expect(page.locator('h1').textContent()).resolves.toBe('浏览器测试号');
    await expect(page.locator('#nickname').textContent()).resolves.toBe(NICKNAME);
    return page;
  }

  test('允许: the user lands on the example page showing their nickname, with a valid wx.config', async () => {
    const page = await consentPage();
    await page.getByRole('button', { name: '允许' }).click();
    await page.waitForURL(`${example.url}/profile`);
    await expect(page.locator('#nickname').textContent()).resolves.toBe(NICKNAME);
    await expect(page.locator('#openid').textContent()).resolves.toBe(DEFAULT_OAUTH_OPENID);

    // The inline wx stub ran wx.config and wx.ready with the server's signed config …
    await expect(page.locator('#jssdk').textContent()).resolves.toMatch(/^wx\.config ok: [0-9a-f]{40}$/);
    const config = (await page.evaluate('window.__wxConfig')) as JsSdkConfig;
    const href = (await page.evaluate('location.href')) as string;
    expect(config.appId).toBe(APP_ID);
    // … signed for the URL the browser really shows, with the account's current ticket.
    const ticket = await example.client.jsapiTicket.get();
    expect(config.signature).toBe(
      jsapiSignature({
        jsapiTicket: ticket,
        nonceStr: config.nonceStr,
        timestamp: config.timestamp,
        url: href,
      }),
    );

    // A refresh does not replay the code: the callback redirected to a URL without it.
    await page.reload();
    await expect(page.locator('#nickname').textContent()).resolves.toBe(NICKNAME);
  });

  test('拒绝: the user lands on the example page saying there is no code', async () => {
    const page = await consentPage();
    await page.getByRole('button', { name: '拒绝' }).click();
    await page.waitForURL((url) => url.pathname === '/callback');
    const url = new URL(page.url());
    expect(url.searchParams.has('code')).toBe(false);
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9]+$/);
    await expect(page.locator('#refused').textContent()).resolves.toContain('no code');
  });

  test('a callback opened in another browser (state bound to the first) is refused', async () => {
    const page = await consentPage();
    const consentUrl = page.url();
    const other = await browser.newContext();
    contexts.push(other);
    const stranger = await other.newPage();
    // The attacker's browser completes the consent the victim's browser started.
    await stranger.goto(consentUrl);
    await stranger.getByRole('button', { name: '允许' }).click();
    await stranger.waitForURL((url) => url.pathname === '/callback');
    await expect(stranger.locator('#error').textContent()).resolves.toContain('state 无效');
  });
});
