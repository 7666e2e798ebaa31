// A web page inside WeChat, end to end: log the user in with web authorisation (网页授权) and
// configure the JS-SDK. Run it against the emulator, which plays WeChat and its consent page:
//
//   npx tsx examples/oauth-page/server.ts
//
// then open the printed URL in a browser. Imported by test/browser/oauth.test.ts through
// startExample().
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import {
  createOAuthState,
  type OAuthScope,
  type OAuthUserInfo,
  verifyOAuthState,
  WeChatClient,
  WeChatOAuthCodeError,
  WeChatOAuthStateError,
} from '../../src/index.js';

/** Options of {@link startExample}. */
export interface ExampleOptions {
  /**
   * The emulator (or any platform stand-in): the API host of the client and the host of the
   * authorize page. Leave out for the real platform.
   */
  readonly emulatorUrl?: string;
  /** The account. */
  readonly appId: string;
  readonly appSecret: string;
  /** Signs the OAuth state; default a random one per start (logins in flight die with a restart). */
  readonly stateSecret?: string;
  /** Port to listen on; default a free one. */
  readonly port?: number;
  /** The URL browsers reach this server at (the redirect_uri's base); default `http://127.0.0.1:<port>`. */
  readonly publicUrl?: string;
}

/** A running example. */
export interface RunningExample {
  /** Its base URL. */
  readonly url: string;
  /** Where a login starts (`/login`, scope snsapi_userinfo). */
  readonly loginUrl: string;
  /** The client it uses. */
  readonly client: WeChatClient;
  close(): Promise<void>;
}

interface Session {
  profile?: { openid: string; nickname?: string; scope: string };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function cookies(req: IncomingMessage): Map<string, string> {
  const found = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0) found.set(part.slice(0, index).trim(), part.slice(index + 1).trim());
  }
  return found;
}

function html(res: ServerResponse, status: number, title: string, body: string): void {
  const text =
    `<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>\n` +
    `<body>\n${body}\n</body></html>\n`;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

function redirect(res: ServerResponse, location: string, headers: Record<string, string> = {}): void {
  res.writeHead(302, { location, ...headers });
  res.end();
}

/** Starts the example's server. */
export async function startExample(options: ExampleOptions): Promise<RunningExample> {
  const client = new WeChatClient({
    appId: options.appId,
    appSecret: options.appSecret,
    ...(options.emulatorUrl === undefined ? {} : { baseURL: options.emulatorUrl }),
  });
  const stateSecret = options.stateSecret ?? randomBytes(32).toString('hex');
  const sessions = new Map<string, Session>();
  let base = '';

  /** The browser's session id: a random, HttpOnly cookie; the OAuth state is bound to it. */
  const session = (req: IncomingMessage, res: ServerResponse): [string, Session] => {
    let sid = cookies(req).get('sid');
    if (sid === undefined || !sessions.has(sid)) {
      sid = randomBytes(18).toString('base64url');
      sessions.set(sid, {});
      res.setHeader('set-cookie', `sid=${sid}; Path=/; HttpOnly; SameSite=Lax`);
    }
    return [sid, sessions.get(sid) ?? {}];
  };

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>> = {
    async '/'(_req, res) {
      html(
        res,
        200,
        '示例',
        '<h1>网页授权示例</h1>\n<p><a id="login" href="/login">用微信登录</a> · ' +
          '<a href="/login?scope=snsapi_base">静默授权（snsapi_base）</a></p>',
      );
    },

    // 1. Send the user to the authorize page with a signed state bound to this browser.
    async '/login'(req, res, url) {
      const [sid] = session(req, res);
      const scope: OAuthScope =
        url.searchParams.get('scope') === 'snsapi_base' ? 'snsapi_base' : 'snsapi_userinfo';
      const state = createOAuthState(stateSecret, { bind: sid, data: scope, ttlSeconds: 600 });
      const target = client.oauth.authorizeUrl({
        redirectUri: `${base}/callback`,
        scope,
        state,
        ...(options.emulatorUrl === undefined ? {} : { host: options.emulatorUrl }),
      });
      redirect(res, target);
    },

    // 2. WeChat sends the user back: check the state, exchange the code once, then redirect to a
    //    URL without the code (a refresh of /profile never replays it).
    async '/callback'(req, res, url) {
      const [sid, current] = session(req, res);
      try {
        verifyOAuthState(stateSecret, url.searchParams.get('state'), { bind: sid });
      } catch (error) {
        if (!(error instanceof WeChatOAuthStateError)) throw error;
        html(
          res,
          400,
          '登录失败',
          `<h1>登录失败</h1>\n<p id="error">state 无效（${escapeHtml(error.reason)}），请重新登录。</p>`,
        );
        return;
      }
      const code = url.searchParams.get('code');
      if (code === null || code === '') {
        html(
          res,
          200,
          '未授权',
          '<h1>未授权</h1>\n<p id="refused">没有 code：你拒绝了授权 (no code: authorisation refused)。</p>\n' +
            '<p><a href="/login">重新登录</a></p>',
        );
        return;
      }
      try {
        const token = await client.oauth.exchangeCode(code, options.appSecret);
        let profile: OAuthUserInfo | undefined;
        if (token.scope.split(',').includes('snsapi_userinfo')) {
          profile = await client.oauth.userInfo(token.access_token, token.openid);
        }
        current.profile = {
          openid: token.openid,
          scope: token.scope,
          ...(profile === undefined ? {} : { nickname: profile.nickname }),
        };
        redirect(res, '/profile');
      } catch (error) {
        if (!(error instanceof WeChatOAuthCodeError)) throw error;
        html(res, 400, '登录失败', `<h1>登录失败</h1>\n<p id="error">${escapeHtml(error.reason)}</p>`);
      }
    },

    // 3. The page: the profile, and wx.config with a signature for this very URL.
    async '/profile'(req, res) {
      const [, current] = session(req, res);
      if (current.profile === undefined) {
        redirect(res, '/login');
        return;
      }
      const config = await client.jssdk.config({
        url: `${base}/profile`,
        jsApiList: ['updateAppMessageShareData', 'updateTimelineShareData'],
      });
      // In WeChat the page loads https://res.wx.qq.com/open/js/jweixin-1.6.0.js; offline, a stub
      // `wx` records the config so the page (and the browser test) works without the network.
      const json = JSON.stringify(config).replaceAll('<', '\\u003c');
      const { profile } = current;
      html(
        res,
        200,
        '我的资料',
        [
          '<h1>我的资料</h1>',
          `<p>昵称：<span id="nickname">${escapeHtml(profile.nickname ?? '（静默授权，无昵称）')}</span></p>`,
          `<p>OpenID：<span id="openid">${escapeHtml(profile.openid)}</span></p>`,
          '<p id="jssdk">wx.config …</p>',
          '<script>',
          'window.wx = window.wx || { config: function (c) { window.__wxConfig = c; }, ready: function (f) { f(); }, error: function () {} };',
          `wx.config(${json});`,
          "wx.ready(function () { document.getElementById('jssdk').textContent = 'wx.config ok: ' + window.__wxConfig.signature; });",
          '</script>',
        ].join('\n'),
      );
    },
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://example');
    const route = Object.hasOwn(routes, url.pathname) ? routes[url.pathname] : undefined;
    if (route === undefined || req.method !== 'GET') {
      html(res, 404, 'Not found', '<p>Not found</p>');
      return;
    }
    route(req, res, url).catch((error: unknown) => {
      if (!res.headersSent) html(res, 500, 'Error', `<p>${escapeHtml(String(error))}</p>`);
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  base = (options.publicUrl ?? `http://127.0.0.1:${port}`).replace(/\/+$/, '');

  return {
    url: base,
    loginUrl: `${base}/login`,
    client,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// `npx tsx examples/oauth-page/server.ts`: the emulator and the example, until Ctrl-C.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { startEmulator } = await import('../../src/emulator.js');
  const appId = 'wx0123456789abcdef';
  const appSecret = 'example-app-secret';
  const emulator = await startEmulator({ appId, appSecret });
  const example = await startExample({ emulatorUrl: emulator.url, appId, appSecret });
  console.log(`emulator: ${emulator.url}`);
  console.log(`open ${example.url}/ and log in (the emulator's consent page plays WeChat)`);
  const stop = async () => {
    await example.close();
    await emulator.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
