import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { WeChatError } from '../../protocol/errors.js';
import type { WeChatClient } from '../client.js';
import { type RequestSummary, WeChatApiError } from '../errors.js';

/** The web-authorisation scopes: silent (`snsapi_base`, openid only) or with consent (`snsapi_userinfo`). */
export type OAuthScope = 'snsapi_base' | 'snsapi_userinfo';

/** Where the authorize page lives by default. */
export const OAUTH_AUTHORIZE_HOST = 'https://open.weixin.qq.com';

/** Options of {@link OAuthApi.authorizeUrl}. */
export interface AuthorizeUrlOptions {
  /** Where WeChat sends the user back, with `?code=…&state=…`; its domain must be the account's 网页授权域名. */
  readonly redirectUri: string;
  /** `snsapi_base` (silent, openid only) or `snsapi_userinfo` (consent page; nickname and avatar). */
  readonly scope: OAuthScope;
  /**
   * Returned unchanged on the callback: 1-128 letters and digits, as the platform documents.
   * Use {@link createOAuthState} for a signed, expiring one that protects the callback from CSRF.
   */
  readonly state: string;
  /** Force the consent page even when the user agreed before (`forcePopup=true`). */
  readonly forcePopup?: boolean;
  /**
   * The host of the authorize page. Default {@link OAUTH_AUTHORIZE_HOST}; the emulator's `url`
   * in tests (it serves the page at the same path).
   */
  readonly host?: string;
}

/** `sns/oauth2/access_token` and `sns/oauth2/refresh_token`: the user's web access_token. */
export interface OAuthToken {
  /** The web access_token: only for `sns/*` calls about this user (not the account's access_token). */
  access_token: string;
  /** Seconds it is valid: 7200. */
  expires_in: number;
  /** Renews the access_token for 30 days from the authorisation ({@link OAuthApi.refresh}). */
  refresh_token: string;
  /** The user's OpenID for this account. */
  openid: string;
  /** The scope granted. */
  scope: string;
  /** The UnionID, when the account is bound to an open-platform account and the scope is `snsapi_userinfo`. */
  unionid?: string;
  /**
   * 1 for a virtual user of the snapshot page (快照页): the user did not really authorise, and
   * the openid is not theirs. Absent for real users.
   */
  is_snapshotuser?: number;
}

/** `sns/userinfo`: the user's public profile. */
export interface OAuthUserInfo {
  openid: string;
  nickname: string;
  /** 1 male, 2 female, 0 unknown (the platform now mostly answers 0). */
  sex: number;
  /** Usually empty today. */
  province: string;
  /** Usually empty today. */
  city: string;
  /** Usually empty today. */
  country: string;
  /** The avatar URL (its last segment picks the size: 0, 46, 64, 96, 132); empty without an avatar. */
  headimgurl: string;
  /** Privileges such as `chinaunicom`. */
  privilege: string[];
  /** Present when the account is bound to an open-platform account. */
  unionid?: string;
}

/** The languages of `sns/userinfo` (for province, city and country names). */
export type OAuthLang = 'zh_CN' | 'zh_TW' | 'en';

/** Why a code was refused: already exchanged, unknown, past its 5 minutes, or absent. */
export type OAuthCodeProblem = 'used' | 'invalid' | 'expired' | 'missing';

const CODE_PROBLEMS: ReadonlyMap<number, { reason: OAuthCodeProblem; note: string }> = new Map([
  [
    40163,
    {
      reason: 'used',
      note:
        'This code was already used: a code works once (back button or page refresh on the callback URL?). ' +
        'Exchange it once, keep the result in your session and redirect to a URL without the code',
    },
  ],
  [
    40029,
    {
      reason: 'invalid',
      note: 'This code is not valid: mistyped or truncated, or issued for another AppID',
    },
  ],
  [
    42003,
    {
      reason: 'expired',
      note: 'This code expired: exchange it within 5 minutes of the redirect',
    },
  ],
  [
    41008,
    {
      reason: 'missing',
      note: 'No code was given: did the user refuse, or was the callback opened without one?',
    },
  ],
] as const);

/**
 * The platform refused an OAuth code (40163 used, 40029 invalid, 42003 expired, 41008 missing).
 * `reason` says which; none of them is fixed by retrying: send the user through the authorize
 * URL again.
 */
export class WeChatOAuthCodeError extends WeChatApiError {
  /** Why the code was refused. */
  readonly reason: OAuthCodeProblem;

  /** @param reason - why. The other parameters are those of {@link WeChatApiError}. */
  constructor(
    reason: OAuthCodeProblem,
    errcode: number,
    errmsg: string,
    request: RequestSummary,
    note?: string,
  ) {
    super(errcode, errmsg, request, note);
    this.reason = reason;
  }
}

/** Why a web token was refused: unknown, expired, or void because the user changed their password. */
export type OAuthTokenProblem = 'invalid' | 'expired' | 'revoked';

/**
 * The platform refused a web access_token or refresh_token. For an `access_token`, refresh it
 * ({@link OAuthApi.refresh}); for a `refresh_token` (30 days old, or revoked) the user must
 * authorise again.
 */
export class WeChatOAuthTokenError extends WeChatApiError {
  /** Which token was refused. */
  readonly token: 'access_token' | 'refresh_token';
  /** Why. */
  readonly reason: OAuthTokenProblem;

  /** @param token - which. @param reason - why. The rest as {@link WeChatApiError}. */
  constructor(
    token: 'access_token' | 'refresh_token',
    reason: OAuthTokenProblem,
    errcode: number,
    errmsg: string,
    request: RequestSummary,
    note?: string,
  ) {
    super(errcode, errmsg, request, note);
    this.token = token;
    this.reason = reason;
  }
}

/** `sns/userinfo` with a token of scope `snsapi_base` (48001): the profile needs `snsapi_userinfo`. */
export class WeChatOAuthScopeError extends WeChatApiError {}

const ACCESS_TOKEN_PROBLEMS: ReadonlyMap<number, OAuthTokenProblem> = new Map([
  [40001, 'invalid'],
  [40014, 'invalid'],
  [42001, 'expired'],
  [42007, 'revoked'],
] as const);

const REFRESH_TOKEN_PROBLEMS: ReadonlyMap<number, OAuthTokenProblem> = new Map([
  [40030, 'invalid'],
  [42002, 'expired'],
  [42007, 'revoked'],
] as const);

/** The errmsg as the platform sent it (rid included), to rebuild an error as a subclass. */
function rawErrmsg(error: WeChatApiError): string {
  return error.rid === undefined ? error.errmsg : `${error.errmsg} rid: ${error.rid}`;
}

/** Matches `[A-Za-z0-9]{1,128}`: the documented form of `state`. */
const STATE_SHAPE = /^[A-Za-z0-9]{1,128}$/;

/**
 * Web authorisation (网页授权) for pages opened inside WeChat: build the authorize URL, exchange
 * the callback's code for the user's openid (and web access_token), refresh it, read the profile.
 * These calls use the AppSecret or the user's web token, never the account's access_token, and
 * have no daily quota. Codes, tokens and the secret are redacted from errors and logs.
 *
 * Sign the `state` with {@link createOAuthState} and check it with {@link verifyOAuthState} in
 * the callback, so a forged callback (CSRF) is refused.
 *
 * @example
 * ```ts
 * const url = client.oauth.authorizeUrl({ redirectUri, scope: 'snsapi_userinfo', state });
 * // … in the callback:
 * const token = await client.oauth.exchangeCode(code);
 * const profile = await client.oauth.userInfo(token.access_token, token.openid);
 * ```
 */
export class OAuthApi {
  readonly #client: WeChatClient;
  readonly #appSecret: string | undefined;

  /**
   * @param client - the client these calls go through.
   * @param appSecret - the AppSecret {@link OAuthApi.exchangeCode} authenticates with, unless it
   * is given the secret itself.
   */
  constructor(client: WeChatClient, appSecret?: string) {
    this.#client = client;
    this.#appSecret = appSecret;
  }

  /** The client, for subclasses and tests. */
  protected get client(): WeChatClient {
    return this.#client;
  }

  /**
   * The authorize URL to send the user to (a link or a 302), with the parameters in the order
   * the platform requires (`appid`, `redirect_uri`, `response_type`, `scope`, `state`) and the
   * `#wechat_redirect` suffix. `redirectUri` is URL-encoded (otherwise only its first query
   * parameter would survive). Throws a TypeError for a `state` outside `[A-Za-z0-9]{1,128}`.
   */
  authorizeUrl(options: AuthorizeUrlOptions): string {
    const { redirectUri, scope, state } = options;
    if (!/^https?:\/\//i.test(redirectUri) || !URL.canParse(redirectUri)) {
      throw new TypeError(`authorizeUrl: redirectUri must be an absolute http(s) URL, got "${redirectUri}"`);
    }
    if (scope !== 'snsapi_base' && scope !== 'snsapi_userinfo') {
      throw new TypeError(
        `authorizeUrl: scope must be snsapi_base or snsapi_userinfo, got "${String(scope)}"`,
      );
    }
    if (!STATE_SHAPE.test(state)) {
      throw new TypeError('authorizeUrl: state must be 1-128 letters and digits (use createOAuthState)');
    }
    const host = (options.host ?? OAUTH_AUTHORIZE_HOST).replace(/\/+$/, '');
    const popup = options.forcePopup === true ? '&forcePopup=true' : '';
    return (
      `${host}/connect/oauth2/authorize?appid=${encodeURIComponent(this.#client.appId)}` +
      `&redirect_uri=${encodeURIComponent(redirectUri)}&response_type=code&scope=${scope}` +
      `&state=${state}${popup}#wechat_redirect`
    );
  }

  /**
   * Exchanges the callback's code (`sns/oauth2/access_token`). A code works once and for 5
   * minutes: a refused one raises {@link WeChatOAuthCodeError} with `reason` `used` (40163),
   * `invalid` (40029), `expired` (42003) or `missing` (41008). Never retried after the request
   * may have reached the platform: a repeat would find the code used and hide the real answer.
   *
   * @param appSecret - the AppSecret the exchange is authenticated with, when this OAuthApi was
   * not constructed with it (the client does not expose its own).
   */
  async exchangeCode(code: string, appSecret: string | undefined = this.#appSecret): Promise<OAuthToken> {
    if (appSecret === undefined || appSecret === '') {
      throw new TypeError('exchangeCode: pass the AppSecret: client.oauth.exchangeCode(code, appSecret)');
    }
    try {
      return await this.#client.request<OAuthToken>('GET', '/sns/oauth2/access_token', {
        auth: false,
        idempotent: false,
        query: { appid: this.#client.appId, secret: appSecret, code, grant_type: 'authorization_code' },
      });
    } catch (error) {
      const problem = error instanceof WeChatApiError ? CODE_PROBLEMS.get(error.errcode) : undefined;
      if (problem === undefined || !(error instanceof WeChatApiError)) throw error;
      throw new WeChatOAuthCodeError(
        problem.reason,
        error.errcode,
        rawErrmsg(error),
        error.request,
        problem.note,
      );
    }
  }

  /**
   * A new web access_token from a refresh_token (`sns/oauth2/refresh_token`). A refresh_token
   * lives 30 days from the authorisation; after that (42002), or when it is unknown (40030) or
   * void (42007), {@link WeChatOAuthTokenError} says the user must authorise again.
   */
  async refresh(refreshToken: string): Promise<OAuthToken> {
    try {
      return await this.#client.request<OAuthToken>('GET', '/sns/oauth2/refresh_token', {
        auth: false,
        query: { appid: this.#client.appId, grant_type: 'refresh_token', refresh_token: refreshToken },
      });
    } catch (error) {
      throw this.#tokenError(error, 'refresh_token', REFRESH_TOKEN_PROBLEMS);
    }
  }

  /**
   * The user's profile (`sns/userinfo`): needs a token of scope `snsapi_userinfo` (else
   * {@link WeChatOAuthScopeError}, 48001). An expired or unknown token raises
   * {@link WeChatOAuthTokenError}: refresh it.
   */
  async userInfo(accessToken: string, openid: string, lang: OAuthLang = 'zh_CN'): Promise<OAuthUserInfo> {
    try {
      return await this.#client.request<OAuthUserInfo>('GET', '/sns/userinfo', {
        auth: false,
        query: { access_token: accessToken, openid, lang },
      });
    } catch (error) {
      if (error instanceof WeChatApiError && error.errcode === 48001) {
        throw new WeChatOAuthScopeError(
          error.errcode,
          rawErrmsg(error),
          error.request,
          'This access_token was granted with scope snsapi_base; the profile needs scope snsapi_userinfo',
        );
      }
      throw this.#tokenError(error, 'access_token', ACCESS_TOKEN_PROBLEMS);
    }
  }

  /**
   * Whether a web access_token is still valid for this user (`sns/auth`): true, or false when
   * the platform refuses it (unknown, expired, revoked, another user's). Other failures throw.
   */
  async check(accessToken: string, openid: string): Promise<boolean> {
    try {
      await this.#client.request('GET', '/sns/auth', {
        auth: false,
        query: { access_token: accessToken, openid },
      });
      return true;
    } catch (error) {
      if (
        error instanceof WeChatApiError &&
        (ACCESS_TOKEN_PROBLEMS.has(error.errcode) || error.errcode === 40003)
      ) {
        return false;
      }
      throw error;
    }
  }

  #tokenError(
    error: unknown,
    token: 'access_token' | 'refresh_token',
    problems: ReadonlyMap<number, OAuthTokenProblem>,
  ): unknown {
    if (!(error instanceof WeChatApiError)) return error;
    const reason = problems.get(error.errcode);
    if (reason === undefined) return error;
    const note =
      token === 'refresh_token'
        ? 'The refresh_token cannot be used any more: send the user through the authorize URL again'
        : reason === 'revoked'
          ? 'The user changed their password: send them through the authorize URL again'
          : 'Refresh the web access_token with client.oauth.refresh(refresh_token)';
    return new WeChatOAuthTokenError(token, reason, error.errcode, rawErrmsg(error), error.request, note);
  }
}

// ---- signed state -------------------------------------------------------------------------------

/** Options of {@link createOAuthState}. */
export interface CreateOAuthStateOptions {
  /**
   * Up to 38 bytes (UTF-8) carried through the round trip, e.g. a short path to return to;
   * readable by anyone (signed, not encrypted). Keep anything larger in your session.
   */
  readonly data?: string;
  /** How long the state is accepted. Default 600 s. */
  readonly ttlSeconds?: number;
  /**
   * A value of the browser's session (e.g. a random cookie set before the redirect): signed
   * into the state but not written in it, so only that browser can complete the login — the
   * protection against login CSRF. {@link verifyOAuthState} must be given the same value.
   */
  readonly bind?: string;
  /** The current time in Unix seconds (default now). */
  readonly now?: number;
}

/** Options of {@link verifyOAuthState}. */
export interface VerifyOAuthStateOptions {
  /** The session value given to {@link createOAuthState} as `bind`. */
  readonly bind?: string;
  /** The current time in Unix seconds (default now). */
  readonly now?: number;
}

/** A state that {@link verifyOAuthState} accepted. */
export interface VerifiedOAuthState {
  /** The `data` it carries ('' when none). */
  readonly data: string;
  /** When it stops being accepted (Unix seconds). */
  readonly expiresAt: number;
}

/** Why a state was refused: not one of ours, signature wrong (tampered, other secret or session), or too old. */
export type OAuthStateProblem = 'malformed' | 'signature' | 'expired';

/** {@link verifyOAuthState} refused a state: treat the callback as forged, and start the login again. */
export class WeChatOAuthStateError extends WeChatError {
  /** Why. */
  readonly reason: OAuthStateProblem;

  /** @param reason - why. @param message - the detail. */
  constructor(reason: OAuthStateProblem, message: string) {
    super(message);
    this.reason = reason;
  }
}

const MAC_CHARS = 32; // 128 bits of HMAC-SHA256, hex
const EXPIRY_CHARS = 8; // Unix seconds, base 36
const NONCE_CHARS = 12;
/** What is left of the 128 characters for `data`, hex-encoded. */
export const OAUTH_STATE_MAX_DATA_BYTES = (128 - MAC_CHARS - EXPIRY_CHARS - NONCE_CHARS) / 2;
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const SIGNED_STATE = new RegExp(
  `^[0-9a-f]{${MAC_CHARS}}[0-9a-z]{${EXPIRY_CHARS}}[A-Za-z0-9]{${NONCE_CHARS}}(?:[0-9a-f]{2})*$`,
);

function checkSecret(secret: string): void {
  if (typeof secret !== 'string' || Buffer.byteLength(secret) < 16) {
    throw new TypeError('OAuth state: the secret must be a string of at least 16 bytes');
  }
}

function stateMac(secret: string, body: string, bind: string): string {
  return createHmac('sha256', secret)
    .update(`wechat-mp:oauth-state:v1\n${body}\n${bind}`, 'utf8')
    .digest('hex')
    .slice(0, MAC_CHARS);
}

/**
 * A signed, expiring OAuth `state`: only letters and digits, at most 128 characters, as the
 * platform requires. Layout: 32 hex of HMAC-SHA256, the expiry (8 base-36 digits), a 12-character
 * nonce, then `data` in hex. Keep `secret` on the server (not the AppSecret: a random value of
 * its own, e.g. from an environment variable).
 */
export function createOAuthState(secret: string, options: CreateOAuthStateOptions = {}): string {
  checkSecret(secret);
  const data = Buffer.from(options.data ?? '', 'utf8');
  if (data.length > OAUTH_STATE_MAX_DATA_BYTES) {
    throw new RangeError(
      `createOAuthState: data is ${data.length} bytes; at most ${OAUTH_STATE_MAX_DATA_BYTES} fit in a state`,
    );
  }
  const ttl = options.ttlSeconds ?? 600;
  if (!Number.isFinite(ttl) || ttl <= 0) throw new RangeError('createOAuthState: ttlSeconds must be > 0');
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const expiry = Math.floor(now + ttl)
    .toString(36)
    .padStart(EXPIRY_CHARS, '0');
  let nonce = '';
  for (const byte of randomBytes(NONCE_CHARS)) nonce += ALNUM[byte % ALNUM.length];
  const body = `${expiry}${nonce}${data.toString('hex')}`;
  return `${stateMac(secret, body, options.bind ?? '')}${body}`;
}

/**
 * Checks a state from the callback: signed with `secret` (and `bind`), and not expired. Answers
 * its data, or throws {@link WeChatOAuthStateError} with `reason` `malformed`, `signature` or
 * `expired`.
 */
export function verifyOAuthState(
  secret: string,
  state: string | null | undefined,
  options: VerifyOAuthStateOptions = {},
): VerifiedOAuthState {
  checkSecret(secret);
  if (typeof state !== 'string' || state.length > 128 || !SIGNED_STATE.test(state)) {
    throw new WeChatOAuthStateError('malformed', 'OAuth state refused: not a state this application signed');
  }
  const mac = Buffer.from(state.slice(0, MAC_CHARS), 'utf8');
  const body = state.slice(MAC_CHARS);
  const expected = Buffer.from(stateMac(secret, body, options.bind ?? ''), 'utf8');
  if (!timingSafeEqual(mac, expected)) {
    throw new WeChatOAuthStateError(
      'signature',
      'OAuth state refused: bad signature (tampered, signed with another secret, or for another browser session)',
    );
  }
  const expiresAt = Number.parseInt(body.slice(0, EXPIRY_CHARS), 36);
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (now >= expiresAt) {
    throw new WeChatOAuthStateError(
      'expired',
      `OAuth state refused: it expired ${now - expiresAt} s ago; start the login again`,
    );
  }
  const data = Buffer.from(body.slice(EXPIRY_CHARS + NONCE_CHARS), 'hex').toString('utf8');
  return { data, expiresAt };
}
