import { createHash, randomBytes } from 'node:crypto';
import { PlatformError } from '../platform-error.js';
import type {
  ControlRoute,
  EmulatorModule,
  JsonObject,
  PageResponse,
  PageRoute,
  Platform,
} from '../routes.js';
import { ControlError } from '../routes.js';
import { type EmulatorUser, moduleState, randomAlnum } from '../state.js';

/** The two scopes of web authorisation (网页授权). */
export type OAuthScope = 'snsapi_base' | 'snsapi_userinfo';

/** An OAuth code lives 5 minutes unused, and works once. */
export const OAUTH_CODE_LIFETIME_S = 300;
/** A web access_token lives 7200 s. */
export const OAUTH_TOKEN_LIFETIME_S = 7200;
/** A refresh_token lives 30 days from the authorisation (refreshing does not extend it). */
export const OAUTH_REFRESH_LIFETIME_S = 30 * 24 * 3600;
/** How long a consent page can be answered. */
const CONSENT_LIFETIME_S = 600;
/** Used and expired codes and tokens are remembered this long, to answer "used"/"expired" rather than "invalid". */
const REMEMBER_S = 24 * 3600;

/**
 * The simulated user of the authorize page when the URL names none (emulator extension
 * `&openid=…`): created on first use, nickname `微信用户`, not following the account. Create a
 * user with this openid beforehand (`POST /emulator/users`) to choose its nickname.
 */
export const DEFAULT_OAUTH_OPENID = 'oEmulatorWebUser000000000000';

/** The authorize URL's documented parameters, in the order the platform requires. */
const PARAM_ORDER = ['appid', 'redirect_uri', 'response_type', 'scope', 'state'] as const;

/** Settings of web authorisation, as the account's console holds them. */
export interface OAuthSettings {
  /** The account's name, shown on the consent page. */
  accountName: string;
  /**
   * The 网页授权域名: redirect_uri hosts allowed (`host` or `host:port`); empty allows any,
   * so tests need no setup.
   */
  domains: string[];
}

interface IssuedCode {
  openid: string;
  scope: OAuthScope;
  /** Emulator ms. */
  issuedAt: number;
  /** Emulator ms of the exchange, once used. */
  usedAt?: number;
}

interface IssuedWebToken {
  openid: string;
  scope: OAuthScope;
  /** Emulator ms. */
  expiresAt: number;
  /** The user changed their password (`POST /emulator/oauth/revoke`): 42007 from now on. */
  revoked?: boolean;
}

interface PendingConsent {
  redirectUri: string;
  state: string;
  openid: string;
  /** Emulator ms. */
  createdAt: number;
}

interface OAuthModuleState {
  settings: OAuthSettings;
  codes: Record<string, IssuedCode>;
  accessTokens: Record<string, IssuedWebToken>;
  refreshTokens: Record<string, IssuedWebToken>;
  consents: Record<string, PendingConsent>;
}

function oauthState(platform: Platform): OAuthModuleState {
  return moduleState<OAuthModuleState>(platform.state, 'oauth', () => ({
    settings: { accountName: '测试公众号', domains: [] },
    codes: {},
    accessTokens: {},
    refreshTokens: {},
    consents: {},
  }));
}

/** A record's own entry (never one of Object.prototype's members, for keys such as `constructor`). */
function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Forgets codes, tokens and consents nobody can use any more, so the state stays small. */
function prune(platform: Platform, oauth: OAuthModuleState): void {
  const now = platform.clock.nowMs();
  const forget = (record: Record<string, { expiresAt: number }>) => {
    for (const [key, value] of Object.entries(record))
      if (value.expiresAt + REMEMBER_S * 1000 < now) delete record[key];
  };
  for (const [code, value] of Object.entries(oauth.codes))
    if (value.issuedAt + REMEMBER_S * 1000 < now) delete oauth.codes[code];
  forget(oauth.accessTokens);
  forget(oauth.refreshTokens);
  for (const [ticket, value] of Object.entries(oauth.consents))
    if (value.createdAt + CONSENT_LIFETIME_S * 1000 < now) delete oauth.consents[ticket];
}

// ---- the sns/* API ------------------------------------------------------------------------------

/** A string query parameter, or the platform's "missing" errcode. */
function requiredParam(query: URLSearchParams, name: string, errcode: number): string {
  const value = query.get(name);
  if (value === null || value === '') throw new PlatformError(errcode);
  return value;
}

/** The appid must be the account's (41002 missing, 40013 another). */
function checkAppId(platform: Platform, query: URLSearchParams): void {
  const appid = requiredParam(query, 'appid', 41002);
  if (appid !== platform.state.app.appId) throw new PlatformError(40013);
}

/** A web token in the platform's shape (`NN_…`), distinct from the account's access_token. */
function newWebToken(platform: Platform): string {
  return `${platform.clock.now() % 100}_${randomBytes(60).toString('base64url')}`;
}

/** Issues a web access_token for an authorisation and answers the token response. */
function issueAccessToken(platform: Platform, oauth: OAuthModuleState, grant: IssuedWebToken): string {
  const token = newWebToken(platform);
  oauth.accessTokens[token] = {
    openid: grant.openid,
    scope: grant.scope,
    expiresAt: platform.clock.nowMs() + OAUTH_TOKEN_LIFETIME_S * 1000,
  };
  platform.count('issued:oauth_access_token');
  platform.changed();
  return token;
}

/**
 * The web access_token of a `sns/userinfo` or `sns/auth` call: 41001 missing, 40001 unknown,
 * 42001 expired, 42007 revoked (password change), 40003 issued to another openid.
 */
function webToken(platform: Platform, query: URLSearchParams): IssuedWebToken {
  const token = requiredParam(query, 'access_token', 41001);
  const openid = requiredParam(query, 'openid', 41009);
  const grant = own(oauthState(platform).accessTokens, token);
  if (grant === undefined) throw new PlatformError(40001);
  if (grant.revoked === true) throw new PlatformError(42007);
  if (platform.clock.nowMs() >= grant.expiresAt) throw new PlatformError(42001);
  if (grant.openid !== openid) throw new PlatformError(40003);
  return grant;
}

/** The avatar URL of a simulated user: the platform's shape, stable per openid (never fetched). */
function avatarOf(openid: string): string {
  const digest = createHash('sha256').update(openid).digest('base64url');
  return `https://thirdwx.qlogo.cn/mmopen/vi_32/${digest}/132`;
}

const api: EmulatorModule['api'] = [
  {
    method: 'GET',
    path: '/sns/oauth2/access_token',
    auth: false,
    handle({ query, platform }) {
      checkAppId(platform, query);
      const secret = requiredParam(query, 'secret', 41004);
      if (secret !== platform.state.app.appSecret) throw new PlatformError(40125);
      if (query.get('grant_type') !== 'authorization_code') throw new PlatformError(40002);
      const code = requiredParam(query, 'code', 41008);
      const oauth = oauthState(platform);
      const issued = own(oauth.codes, code);
      const now = platform.clock.nowMs();
      if (issued === undefined) throw new PlatformError(40029);
      if (issued.usedAt !== undefined) throw new PlatformError(40163);
      if (now >= issued.issuedAt + OAUTH_CODE_LIFETIME_S * 1000) throw new PlatformError(42003);
      issued.usedAt = now;
      prune(platform, oauth);
      const grant: IssuedWebToken = {
        openid: issued.openid,
        scope: issued.scope,
        expiresAt: now + OAUTH_REFRESH_LIFETIME_S * 1000,
      };
      const refreshToken = newWebToken(platform);
      oauth.refreshTokens[refreshToken] = grant;
      const response: JsonObject = {
        access_token: issueAccessToken(platform, oauth, grant),
        expires_in: OAUTH_TOKEN_LIFETIME_S,
        refresh_token: refreshToken,
        openid: issued.openid,
        scope: issued.scope,
      };
      const unionid = own(platform.state.users, issued.openid)?.unionid;
      if (issued.scope === 'snsapi_userinfo' && unionid !== undefined) response.unionid = unionid;
      return response;
    },
  },
  {
    method: 'GET',
    path: '/sns/oauth2/refresh_token',
    auth: false,
    handle({ query, platform }) {
      checkAppId(platform, query);
      if (query.get('grant_type') !== 'refresh_token') throw new PlatformError(40002);
      const refreshToken = requiredParam(query, 'refresh_token', 41003);
      const oauth = oauthState(platform);
      const grant = own(oauth.refreshTokens, refreshToken);
      if (grant === undefined) throw new PlatformError(40030);
      if (grant.revoked === true) throw new PlatformError(42007);
      if (platform.clock.nowMs() >= grant.expiresAt) throw new PlatformError(42002);
      prune(platform, oauth);
      return {
        access_token: issueAccessToken(platform, oauth, grant),
        expires_in: OAUTH_TOKEN_LIFETIME_S,
        refresh_token: refreshToken,
        openid: grant.openid,
        scope: grant.scope,
      };
    },
  },
  {
    method: 'GET',
    path: '/sns/userinfo',
    auth: false,
    handle({ query, platform }) {
      const grant = webToken(platform, query);
      if (grant.scope !== 'snsapi_userinfo') throw new PlatformError(48001);
      const user = platform.user(grant.openid);
      const response: JsonObject = {
        openid: user.openid,
        nickname: user.nickname,
        sex: 0,
        province: '',
        city: '',
        country: '',
        headimgurl: avatarOf(user.openid),
        privilege: [],
      };
      if (user.unionid !== undefined) response.unionid = user.unionid;
      return response;
    },
  },
  {
    method: 'GET',
    path: '/sns/auth',
    auth: false,
    handle({ query, platform }) {
      webToken(platform, query);
      return { errcode: 0, errmsg: 'ok' };
    },
  },
];

// ---- the authorize page (open.weixin.qq.com) --------------------------------------------------

/** Escapes text for HTML content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Pages run no script and load nothing: even a missed escape could not execute. */
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
} as const;

const STYLE =
  'body{font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#ededed;margin:0}' +
  'main{max-width:420px;margin:48px auto;background:#fff;padding:24px;border-radius:8px}' +
  'h1{font-size:20px}button{display:block;width:100%;margin-top:12px;padding:10px;font-size:16px;' +
  'border:0;border-radius:4px}.allow{background:#07c160;color:#fff}.deny{background:#f2f2f2;color:#07c160}' +
  '.note{color:#888;font-size:12px;word-break:break-all}';

function page(
  status: number,
  title: string,
  content: string,
  headers: Record<string, string> = {},
): PageResponse {
  const body =
    `<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>\n` +
    `<body><main>\n${content}\n</main></body></html>\n`;
  return { status, headers: { ...PAGE_HEADERS, ...headers }, body };
}

/**
 * The platform's error page: its text, and the page errcode in the page and in the
 * `x-wechat-errcode` header (for tests). HTTP 400 (the platform shows these pages with 200;
 * 400 lets a script tell them from the consent page). `errcode` undefined for checks only the
 * emulator makes.
 */
function errorPage(errcode: number | undefined, message: string, status = 400): PageResponse {
  const code = errcode === undefined ? '' : `<p class="errcode">错误码：${errcode}</p>\n`;
  return page(
    status,
    '微信授权',
    `<h1>Oops! Something went wrong:(</h1>\n<p class="message">${escapeHtml(message)}</p>\n${code}` +
      '<p class="note">wechat-mp emulator</p>',
    errcode === undefined ? {} : { 'x-wechat-errcode': String(errcode) },
  );
}

/** The page errors of the authorize URL, as the platform words them. */
const PAGE_ERRORS: Readonly<Record<number, string>> = {
  10003: 'redirect_uri 域名与后台配置不一致',
  10005: '此公众号并没有这些 scope 的权限',
  10010: 'scope 不能为空',
  10011: 'redirect_uri 不能为空',
  10012: 'appid 不能为空',
  10013: 'state 不能为空',
  40013: '不合法的 appid',
};

class PageError extends Error {
  readonly errcode: number | undefined;
  readonly status: number;

  constructor(errcode: number | undefined, message?: string, status = 400) {
    super(message ?? (errcode === undefined ? 'error' : (PAGE_ERRORS[errcode] ?? 'error')));
    this.errcode = errcode;
    this.status = status;
  }
}

/** `redirect` with `params` added to its query (before any `#fragment`), as the platform redirects. */
function withParams(redirect: string, params: Readonly<Record<string, string>>): string {
  const hash = redirect.indexOf('#');
  const base = hash === -1 ? redirect : redirect.slice(0, hash);
  const fragment = hash === -1 ? '' : redirect.slice(hash);
  const added = Object.entries(params)
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&');
  const separator = !base.includes('?') ? '?' : base.endsWith('?') || base.endsWith('&') ? '' : '&';
  return `${base}${separator}${added}${fragment}`;
}

function redirectTo(location: string): PageResponse {
  return { status: 302, headers: { location, 'referrer-policy': 'no-referrer' } };
}

/** The checked redirect_uri (10011 empty, 10003 not an http(s) URL or not an authorised domain). */
function redirectUri(oauth: OAuthModuleState, value: string | null): string {
  if (value === null || value === '') throw new PageError(10011);
  if (!/^https?:\/\//i.test(value) || !URL.canParse(value)) throw new PageError(10003);
  const url = new URL(value);
  const { domains } = oauth.settings;
  if (domains.length > 0 && !domains.includes(url.host) && !domains.includes(url.hostname)) {
    throw new PageError(10003);
  }
  return url.href;
}

/** The simulated user: the one named by `openid` (emulator extension), else the default one. */
function pageUser(platform: Platform, openid: string | null): EmulatorUser {
  if (openid !== null) {
    const user = own(platform.state.users, openid);
    if (user === undefined) {
      throw new PageError(
        undefined,
        `模拟器：没有 openid 为 ${openid} 的用户（先用 POST /emulator/users 创建）`,
        404,
      );
    }
    return user;
  }
  const existing = own(platform.state.users, DEFAULT_OAUTH_OPENID);
  if (existing !== undefined) return existing;
  const user: EmulatorUser = {
    openid: DEFAULT_OAUTH_OPENID,
    nickname: '微信用户',
    subscribed: false,
    subscribeTime: 0,
    lastInteraction: 0,
  };
  if (platform.state.app.openPlatformId !== undefined) {
    user.unionid = `o${randomBytes(21).toString('base64url').slice(0, 27)}`;
  }
  platform.state.users[user.openid] = user;
  platform.state.inbox[user.openid] = [];
  platform.changed();
  return user;
}

/** Issues a single-use code for the user and scope. */
function issueCode(platform: Platform, oauth: OAuthModuleState, openid: string, scope: OAuthScope): string {
  prune(platform, oauth);
  const code = randomAlnum(32);
  oauth.codes[code] = { openid, scope, issuedAt: platform.clock.nowMs() };
  platform.count('issued:oauth_code');
  platform.changed();
  return code;
}

function consentPage(
  platform: Platform,
  user: EmulatorUser,
  ticket: string,
  pending: PendingConsent,
): PageResponse {
  const { settings } = oauthState(platform);
  return page(
    200,
    '微信授权',
    [
      `<h1>${escapeHtml(settings.accountName)}</h1>`,
      '<p>申请获得以下权限：</p>',
      '<ul><li>获得你的公开信息（昵称、头像等）</li></ul>',
      `<p class="user">当前微信用户：<span id="nickname">${escapeHtml(user.nickname)}</span></p>`,
      '<form method="post" action="/connect/oauth2/authorize/confirm">',
      `<input type="hidden" name="ticket" value="${escapeHtml(ticket)}">`,
      '<button class="allow" type="submit" name="action" value="allow">允许</button>',
      '<button class="deny" type="submit" name="action" value="deny">拒绝</button>',
      '</form>',
      `<p class="note">AppID：${escapeHtml(platform.state.app.appId)}<br>` +
        `回调地址：<span id="redirect-uri">${escapeHtml(pending.redirectUri)}</span><br>` +
        `state：<span id="state">${escapeHtml(pending.state)}</span><br>wechat-mp emulator</p>`,
    ].join('\n'),
  );
}

/**
 * `GET /connect/oauth2/authorize`: checks the URL as the platform does, then `snsapi_base`
 * redirects at once with a code and `snsapi_userinfo` shows the consent page.
 */
function authorize(platform: Platform, query: URLSearchParams): PageResponse {
  const keys = [...query.keys()];
  const positions = PARAM_ORDER.map((name) => keys.indexOf(name)).filter((index) => index !== -1);
  if (positions.some((index, i) => i > 0 && index < (positions[i - 1] ?? 0))) {
    throw new PageError(
      undefined,
      `参数顺序错误：必须按 ${PARAM_ORDER.join('、')} 的顺序（平台用正则匹配链接）`,
    );
  }
  const appid = query.get('appid');
  if (appid === null || appid === '') throw new PageError(10012);
  if (appid !== platform.state.app.appId) throw new PageError(40013);
  const oauth = oauthState(platform);
  const redirect = redirectUri(oauth, query.get('redirect_uri'));
  if (query.get('response_type') !== 'code') {
    throw new PageError(undefined, 'response_type 参数错误：必须为 code');
  }
  const scope = query.get('scope');
  if (scope === null || scope === '') throw new PageError(10010);
  if (scope !== 'snsapi_base' && scope !== 'snsapi_userinfo') throw new PageError(10005);
  // Web authorisation belongs to service accounts (服务号); subscription accounts lack it.
  if (platform.state.app.accountType !== 'service') throw new PageError(10005);
  const state = query.get('state');
  if (state === null || state === '') throw new PageError(10013);
  const user = pageUser(platform, query.get('openid'));

  if (scope === 'snsapi_base') {
    const code = issueCode(platform, oauth, user.openid, scope);
    return redirectTo(withParams(redirect, { code, state }));
  }
  prune(platform, oauth);
  const ticket = randomAlnum(32);
  const pending: PendingConsent = {
    redirectUri: redirect,
    state,
    openid: user.openid,
    createdAt: platform.clock.nowMs(),
  };
  oauth.consents[ticket] = pending;
  platform.changed();
  return consentPage(platform, user, ticket, pending);
}

/**
 * `POST /connect/oauth2/authorize/confirm` (emulator only): the consent page's answer.
 * 允许 redirects with a code; 拒绝 redirects with the state only.
 */
function confirm(platform: Platform, rawBody: Buffer): PageResponse {
  const form = new URLSearchParams(rawBody.toString('utf8'));
  const ticket = form.get('ticket') ?? '';
  const oauth = oauthState(platform);
  prune(platform, oauth);
  const pending = own(oauth.consents, ticket);
  if (pending === undefined) {
    throw new PageError(undefined, '授权请求已失效，请重新进入页面');
  }
  const action = form.get('action');
  if (action !== 'allow' && action !== 'deny') {
    throw new PageError(undefined, 'action 必须为 allow 或 deny');
  }
  delete oauth.consents[ticket];
  platform.changed();
  if (action === 'deny') {
    platform.count('oauth:refused');
    return redirectTo(withParams(pending.redirectUri, { state: pending.state }));
  }
  const code = issueCode(platform, oauth, pending.openid, 'snsapi_userinfo');
  return redirectTo(withParams(pending.redirectUri, { code, state: pending.state }));
}

function answering(handle: () => PageResponse): PageResponse {
  try {
    return handle();
  } catch (error) {
    if (error instanceof PageError) return errorPage(error.errcode, error.message, error.status);
    throw error;
  }
}

const pages: PageRoute[] = [
  {
    method: 'GET',
    path: '/connect/oauth2/authorize',
    handle: ({ query, platform }) => answering(() => authorize(platform, query)),
  },
  {
    method: 'POST',
    path: '/connect/oauth2/authorize/confirm',
    handle: ({ rawBody, platform }) => answering(() => confirm(platform, rawBody)),
  },
];

// ---- control ------------------------------------------------------------------------------------

function settingsView(platform: Platform): JsonObject {
  const { settings } = oauthState(platform);
  return {
    accountName: settings.accountName,
    domains: [...settings.domains],
    defaultOpenid: DEFAULT_OAUTH_OPENID,
  };
}

const control: ControlRoute[] = [
  { method: 'GET', path: '/emulator/oauth', handle: ({ platform }) => settingsView(platform) },
  {
    method: 'PATCH',
    path: '/emulator/oauth',
    handle({ body, platform }) {
      const unknown = Object.keys(body).filter((key) => key !== 'accountName' && key !== 'domains');
      if (unknown.length > 0)
        throw new ControlError(400, `unknown field "${unknown[0]}": set "accountName" or "domains"`);
      const { settings } = oauthState(platform);
      const { accountName, domains } = body;
      if (accountName !== undefined) {
        if (typeof accountName !== 'string' || accountName === '')
          throw new ControlError(400, '"accountName" must be a non-empty string');
      }
      if (domains !== undefined) {
        if (
          !Array.isArray(domains) ||
          !domains.every((d) => typeof d === 'string' && /^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(d))
        ) {
          throw new ControlError(
            400,
            '"domains" must be a list of hosts such as "example.com" or "127.0.0.1:8080"',
          );
        }
      }
      if (typeof accountName === 'string') settings.accountName = accountName;
      if (Array.isArray(domains)) settings.domains = domains.map((d) => String(d).toLowerCase());
      platform.changed();
      return settingsView(platform);
    },
  },
  {
    method: 'POST',
    path: '/emulator/oauth/revoke',
    handle({ body, platform }) {
      const { openid } = body;
      if (typeof openid !== 'string' || openid === '')
        throw new ControlError(400, '"openid" must be a non-empty string');
      const oauth = oauthState(platform);
      let revoked = 0;
      for (const grant of [...Object.values(oauth.accessTokens), ...Object.values(oauth.refreshTokens)]) {
        if (grant.openid === openid && grant.revoked !== true) {
          grant.revoked = true;
          revoked += 1;
        }
      }
      platform.changed();
      return { revoked };
    },
  },
];

/**
 * Web authorisation (网页授权): the authorize page (`/connect/oauth2/authorize`, HTML and
 * redirects), `sns/oauth2/access_token`, `sns/oauth2/refresh_token`, `sns/userinfo`, `sns/auth`,
 * and `/emulator/oauth` settings (account name, authorised domains, revoking a user's tokens).
 */
export const oauthModule: EmulatorModule = { api, pages, control };
