import { TOKEN_INVALID_ERRCODES } from '../protocol/errcodes.js';
import { WeChatError } from '../protocol/errors.js';
import { MemoryStore } from '../store/memory.js';
import type { Store } from '../store/store.js';
import { CustomMessageApi } from './api/custom.js';
import { JsSdkApi } from './api/jssdk.js';
import { MassApi } from './api/mass.js';
import { MenuApi } from './api/menu.js';
import { OAuthApi } from './api/oauth.js';
import { QuotaApi } from './api/quota.js';
import { TemplateApi } from './api/template.js';
import { UsersApi } from './api/users.js';
import {
  CredentialManager,
  type CredentialManagerOptions,
  type RefreshReason,
} from './credential-manager.js';
import {
  WeChatApiError,
  WeChatConnectionError,
  WeChatHttpError,
  WeChatRateLimitError,
  WeChatTimeoutError,
  WeChatTokenInvalidError,
  WeChatTokenUnavailableError,
} from './errors.js';
import { RateGovernor, type RateLimit } from './rate-governor.js';
import {
  type BinaryResponse,
  type ExchangeResult,
  exchange,
  type QueryValue,
  summarize,
} from './transport.js';

/** Observability hooks; each is optional and must not throw. */
export interface ClientHooks {
  /** Before each attempt. */
  request?(event: { method: string; path: string; attempt: number }): void;
  /** After each attempt: `errcode` 0 for success, `error` for a failure without errcode. */
  response?(event: {
    method: string;
    path: string;
    attempt: number;
    ms: number;
    errcode?: number;
    error?: string;
  }): void;
  /** This process fetched a new token or ticket. */
  tokenRefresh?(event: { name: string; reason: RefreshReason; expiresIn: number }): void;
  /** A call is about to be repeated. */
  retry?(event: { method: string; path: string; attempt: number; delayMs: number; reason: string }): void;
}

/** Where the client writes what it does; messages never contain a token, secret or code. */
export interface ClientLogger {
  /** Every request and its outcome. */
  debug(message: string): void;
  /** Retries and refreshes. */
  warn(message: string): void;
}

/** Options of {@link WeChatClient}. */
export interface WeChatClientOptions {
  /** The account's AppID. */
  readonly appId: string;
  /** The account's AppSecret (not needed with `consumerOnly`). */
  readonly appSecret?: string;
  /**
   * The API host. Default `https://api.weixin.qq.com`; the emulator's URL in tests. A list means
   * failover: a connection failure moves to the next host.
   */
  readonly baseURL?: string | readonly string[];
  /** Where tokens, tickets, leases and counters live. Default a {@link MemoryStore} (one process only). */
  readonly store?: Store;
  /** `stable` (`cgi-bin/stable_token`, the default) or `classic` (`cgi-bin/token`). */
  readonly tokenEndpoint?: 'stable' | 'classic';
  /** Never fetch tokens: read them from the store, which a central refresher fills. */
  readonly consumerOnly?: boolean;
  /** Timeout of each HTTP attempt. Default 10 000 ms. */
  readonly timeoutMs?: number;
  /** Retries of calls that are safe to repeat, after -1 or a network failure. Default 2. */
  readonly maxRetries?: number;
  /** Per-API budgets shared through the store: calls beyond them are refused locally. */
  readonly rateLimits?: Readonly<Record<string, RateLimit>>;
  /** Tuning of token and ticket caching (see CredentialManagerOptions). */
  readonly tokenCache?: Pick<
    CredentialManagerOptions,
    'safetyMarginMs' | 'refreshAheadMs' | 'leaseMs' | 'waitMs' | 'localTtlMs'
  >;
  /** Observability hooks. */
  readonly hooks?: ClientHooks;
  /** A logger; none by default. */
  readonly logger?: ClientLogger;
  /** The fetch implementation. Default the global `fetch`. */
  readonly fetch?: typeof fetch;
}

/** Options of one call through {@link WeChatClient.request}. */
export interface RequestOptions {
  /** Query parameters (`access_token` is added for you). */
  readonly query?: Readonly<Record<string, QueryValue>>;
  /** A JSON body. */
  readonly json?: unknown;
  /** A multipart body, for uploads. */
  readonly form?: FormData;
  /** Whether the call needs an access_token. Default true. */
  readonly auth?: boolean;
  /**
   * Whether repeating the call is harmless, so -1 and network failures may be retried.
   * Default: true for GET, false for POST (a repeated send could deliver twice).
   */
  readonly idempotent?: boolean;
  /** Timeout of each attempt, overriding the client's. */
  readonly timeoutMs?: number;
  /** Retries, overriding the client's. */
  readonly maxRetries?: number;
  /** Aborts the call. */
  readonly signal?: AbortSignal;
}

const BACKOFF_BASE_MS = 200;
const BACKOFF_CAP_MS = 5000;

/**
 * The API client of one Official Account. It keeps one access_token for the whole cluster (see
 * {@link CredentialManager}), adds it to every call, turns platform errors into typed errors,
 * refreshes and repeats once when the platform refuses the token, and retries only what is safe.
 *
 * @example
 * ```ts
 * const client = new WeChatClient({ appId, appSecret, store: new RedisStore({ url }) });
 * const { ip_list } = await client.request<{ ip_list: string[] }>('GET', '/cgi-bin/getcallbackip');
 * ```
 */
export class WeChatClient {
  /** The base error class, for `catch (e) { if (e instanceof WeChatClient.WeChatError) … }`. */
  static readonly WeChatError = WeChatError;
  /** The platform answered with an errcode. */
  static readonly WeChatApiError = WeChatApiError;
  /** The access_token was refused even after a refresh. */
  static readonly WeChatTokenInvalidError = WeChatTokenInvalidError;
  /** A call or quota limit was hit. */
  static readonly WeChatRateLimitError = WeChatRateLimitError;
  /** A non-2xx HTTP status. */
  static readonly WeChatHttpError = WeChatHttpError;
  /** The request could not be made. */
  static readonly WeChatConnectionError = WeChatConnectionError;
  /** The request timed out. */
  static readonly WeChatTimeoutError = WeChatTimeoutError;

  /** The account's AppID. */
  readonly appId: string;
  /** The store shared with other processes. */
  readonly store: Store;
  /** The access_token manager. */
  readonly accessToken: CredentialManager;
  /** The JS-SDK `jsapi_ticket` manager. */
  readonly jsapiTicket: CredentialManager;
  /** The card `api_ticket` (`wx_card`) manager. */
  readonly cardTicket: CredentialManager;
  /** Quota, rid and network tools. */
  readonly quota: QuotaApi;
  /** Customer-service messages (客服消息). */
  readonly custom: CustomMessageApi;
  /** Template messages (模板消息) and one-time subscription messages. */
  readonly template: TemplateApi;
  /** Mass messages (群发). */
  readonly mass: MassApi;
  /** Followers: profiles, lists, remarks. */
  readonly users: UsersApi;
  /** The custom menu (自定义菜单). */
  readonly menu: MenuApi;
  /** OAuth web authorisation (网页授权). */
  readonly oauth: OAuthApi;
  /** JS-SDK configuration for pages inside WeChat. */
  readonly jssdk: JsSdkApi;

  readonly #options: WeChatClientOptions;
  readonly #hosts: readonly string[];
  #host = 0;
  readonly #governor: RateGovernor;

  /** @param options - see {@link WeChatClientOptions}. */
  constructor(options: WeChatClientOptions) {
    if (!options.appId) throw new TypeError('WeChatClient: appId is required');
    if (!options.appSecret && !options.consumerOnly) {
      throw new TypeError('WeChatClient: appSecret is required unless consumerOnly is set');
    }
    this.#options = options;
    this.appId = options.appId;
    this.store = options.store ?? new MemoryStore();
    const base = options.baseURL ?? 'https://api.weixin.qq.com';
    this.#hosts = typeof base === 'string' ? [base] : [...base];
    if (this.#hosts.length === 0) throw new TypeError('WeChatClient: baseURL must not be an empty list');
    this.#governor = new RateGovernor(this.store, this.#key('rate'), options.rateLimits ?? {});

    const manager = (name: string, key: string, fetch: CredentialManagerOptions['fetch']) =>
      new CredentialManager({
        ...options.tokenCache,
        name,
        store: this.store,
        key: this.#key(key),
        fetch,
        consumerOnly: options.consumerOnly ?? false,
        onRefresh: (event) => {
          options.logger?.warn(
            `wechat-mp: refreshed ${event.name} (${event.reason}), valid ${event.expiresIn} s`,
          );
          options.hooks?.tokenRefresh?.(event);
        },
      });
    this.accessToken = manager('access_token', 'access_token', (reason) => this.#fetchAccessToken(reason));
    this.jsapiTicket = manager('jsapi_ticket', 'jsapi_ticket', () => this.#fetchTicket('jsapi'));
    this.cardTicket = manager('wx_card_ticket', 'wx_card_ticket', () => this.#fetchTicket('wx_card'));
    this.quota = new QuotaApi(this);
    this.custom = new CustomMessageApi(this);
    this.template = new TemplateApi(this);
    this.mass = new MassApi(this);
    this.users = new UsersApi(this);
    this.menu = new MenuApi(this);
    this.oauth = new OAuthApi(this, options.appSecret);
    this.jssdk = new JsSdkApi(this);
  }

  /** The store key of `name` for this account: every key is namespaced by appId. */
  #key(name: string): string {
    return `${this.appId}:${name}`;
  }

  /**
   * Calls any API path: the escape hatch for endpoints without a typed method. The token is
   * added, errors are raised as {@link WeChatApiError}, and the parsed JSON (64-bit ids as
   * strings) is returned.
   */
  async request<T = unknown>(method: 'GET' | 'POST', path: string, options: RequestOptions = {}): Promise<T> {
    const result = await this.#call(method, path, options);
    if (result.kind === 'binary') {
      throw new WeChatHttpError(
        200,
        summarize({ method, path, query: new URLSearchParams() }),
        'expected JSON, got a file',
      );
    }
    return result.body as T;
  }

  /** Downloads a file (media, QR codes); a JSON error in its place is raised as {@link WeChatApiError}. */
  async download(
    method: 'GET' | 'POST',
    path: string,
    options: RequestOptions = {},
  ): Promise<BinaryResponse> {
    const result = await this.#call(method, path, options);
    if (result.kind === 'json') {
      throw new WeChatHttpError(
        200,
        summarize({ method, path, query: new URLSearchParams() }),
        'expected a file, got JSON',
      );
    }
    return result.file;
  }

  /**
   * Deletes everything wechat-mp stored for this account (tokens, tickets, leases, counters,
   * dedupe records, interaction times): the developer norms require deleting an account's data
   * when it stops using the service. Returns how many keys were deleted.
   */
  async purge(): Promise<number> {
    this.accessToken.reset();
    this.jsapiTicket.reset();
    this.cardTicket.reset();
    return this.store.deletePrefix(`${this.appId}:`);
  }

  async #call(method: 'GET' | 'POST', path: string, options: RequestOptions): Promise<ExchangeResult> {
    const auth = options.auth ?? true;
    const idempotent = options.idempotent ?? method === 'GET';
    const maxRetries = options.maxRetries ?? this.#options.maxRetries ?? 2;
    const baseQuery = new URLSearchParams();
    for (const [key, value] of Object.entries(options.query ?? {}))
      if (value !== undefined) baseQuery.set(key, String(value));
    await this.#governor.admit(path, summarize({ method, path, query: baseQuery }));

    let retries = 0;
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      const query = new URLSearchParams(baseQuery);
      const token = auth ? await this.accessToken.get() : undefined;
      if (token !== undefined) query.set('access_token', token);
      const started = performance.now();
      this.#options.hooks?.request?.({ method, path, attempt });
      let result: ExchangeResult;
      try {
        result = await exchange({
          method,
          baseURL: this.#hosts[this.#host] as string,
          path,
          query,
          json: options.json,
          ...(options.form === undefined ? {} : { form: options.form }),
          timeoutMs: options.timeoutMs ?? this.#options.timeoutMs ?? 10_000,
          ...(options.signal === undefined ? {} : { signal: options.signal }),
          fetch: this.#options.fetch ?? fetch,
        });
      } catch (error) {
        const ms = Math.round(performance.now() - started);
        this.#report(method, path, attempt, ms, undefined, error);
        if (!(error instanceof WeChatConnectionError) || retries >= maxRetries) throw error;
        // A refused connection never reached the server: safe to repeat any call, on the next host.
        const notSent = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(
          String((error.cause as Error)?.cause ?? error.cause),
        );
        if (!idempotent && !notSent) throw error;
        this.#host = (this.#host + 1) % this.#hosts.length;
        await this.#backoff(method, path, ++retries, error.message);
        continue;
      }
      const errcode = result.kind === 'json' ? errcodeOf(result.body) : 0;
      this.#report(method, path, attempt, Math.round(performance.now() - started), errcode);
      if (errcode === 0) return result;

      const body = result.kind === 'json' ? (result.body as { errmsg?: unknown }) : {};
      const errmsg = typeof body.errmsg === 'string' ? body.errmsg : '';
      const summary = summarize({ method, path, query });
      if (token !== undefined && TOKEN_INVALID_ERRCODES.has(errcode) && !refreshed) {
        refreshed = true; // once: a second refusal is reported, never looped on
        await this.accessToken.invalidate(token, errcode === 42001 ? 'expired' : 'refused');
        this.#options.logger?.warn(
          `wechat-mp: ${path} refused the access_token (${errcode}); refreshing once`,
        );
        continue;
      }
      if (errcode === -1 && idempotent && retries < maxRetries) {
        await this.#backoff(method, path, ++retries, 'system busy (-1)');
        continue;
      }
      throw WeChatApiError.from(errcode, errmsg, summary);
    }
  }

  #report(
    method: string,
    path: string,
    attempt: number,
    ms: number,
    errcode?: number,
    error?: unknown,
  ): void {
    const outcome = error === undefined ? `errcode ${errcode}` : String((error as Error).message ?? error);
    this.#options.logger?.debug(`wechat-mp: ${method} ${path} #${attempt} → ${outcome} in ${ms} ms`);
    this.#options.hooks?.response?.({
      method,
      path,
      attempt,
      ms,
      ...(errcode === undefined ? {} : { errcode }),
      ...(error === undefined ? {} : { error: String((error as Error).message ?? error) }),
    });
  }

  async #backoff(method: string, path: string, retry: number, reason: string): Promise<void> {
    const exponential = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (retry - 1));
    const delayMs = Math.round(exponential * (0.5 + Math.random() / 2));
    this.#options.logger?.warn(`wechat-mp: retrying ${method} ${path} in ${delayMs} ms: ${reason}`);
    this.#options.hooks?.retry?.({ method, path, attempt: retry + 1, delayMs, reason });
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }

  async #fetchAccessToken(reason: RefreshReason): Promise<{ value: string; expiresIn: number }> {
    const secret = this.#options.appSecret ?? '';
    const body =
      this.#options.tokenEndpoint === 'classic'
        ? await this.request<TokenResponse>('GET', '/cgi-bin/token', {
            auth: false,
            query: { grant_type: 'client_credential', appid: this.appId, secret },
          })
        : await this.request<TokenResponse>('POST', '/cgi-bin/stable_token', {
            auth: false,
            idempotent: reason !== 'invalid',
            json: {
              grant_type: 'client_credential',
              appid: this.appId,
              secret,
              force_refresh: reason === 'invalid',
            },
          });
    if (typeof body.access_token !== 'string' || typeof body.expires_in !== 'number') {
      throw new WeChatTokenUnavailableError('the token endpoint answered without access_token/expires_in');
    }
    return { value: body.access_token, expiresIn: body.expires_in };
  }

  async #fetchTicket(type: 'jsapi' | 'wx_card'): Promise<{ value: string; expiresIn: number }> {
    const body = await this.request<{ ticket?: unknown; expires_in?: unknown }>(
      'GET',
      '/cgi-bin/ticket/getticket',
      {
        query: { type },
      },
    );
    if (typeof body.ticket !== 'string' || typeof body.expires_in !== 'number') {
      throw new WeChatTokenUnavailableError('ticket/getticket answered without ticket/expires_in');
    }
    return { value: body.ticket, expiresIn: body.expires_in };
  }
}

interface TokenResponse {
  access_token?: unknown;
  expires_in?: unknown;
}

function errcodeOf(body: unknown): number {
  if (typeof body !== 'object' || body === null) return 0;
  const errcode = (body as { errcode?: unknown }).errcode;
  return typeof errcode === 'number' ? errcode : 0;
}
