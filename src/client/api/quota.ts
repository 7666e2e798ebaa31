import type { WeChatClient } from '../client.js';
import { WeChatRateLimitError } from '../errors.js';

/** `openapi/quota/get`: one API's daily quota. */
export interface ApiQuota {
  /** Calls allowed per day. */
  daily_limit: number;
  /** Calls made today. */
  used: number;
  /** Calls left today. */
  remain: number;
}

/** `openapi/rid/get`: what the platform recorded of a failed call. */
export interface RidInfo {
  /** Unix seconds of the call. */
  invoke_time: number;
  /** Its duration. */
  cost_in_ms: number;
  /** The query string, credentials shortened. */
  request_url: string;
  /** The request body. */
  request_body: string;
  /** The response body. */
  response_body: string;
  /** The caller's IP. */
  client_ip: string;
}

/** `callback/check`: reachability of the server URL from the platform's networks. */
export interface CallbackCheckResult {
  /** DNS answers per operator. */
  dns?: { ip: string; real_operator: string }[];
  /** Ping results per operator. */
  ping?: { ip: string; from_operator: string; package_loss: string; time: string }[];
}

const CLEARS_PER_MONTH = 10;
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/**
 * Quota and diagnostics: per-API quotas and their reset, failed-call lookup by rid, the
 * platform's IP lists and the callback network check.
 */
export class QuotaApi {
  readonly #client: WeChatClient;

  /** @param client - the client these calls go through. */
  constructor(client: WeChatClient) {
    this.#client = client;
  }

  /** Today's quota of one API, e.g. `get('/cgi-bin/message/custom/send')`. */
  async get(cgiPath: string): Promise<ApiQuota> {
    const body = await this.#client.request<{ quota: ApiQuota }>('POST', '/cgi-bin/openapi/quota/get', {
      json: { cgi_path: cgiPath },
      idempotent: true,
    });
    return body.quota;
  }

  /**
   * Resets every daily quota of the account (`clear_quota`). The platform allows 10 a month,
   * shared with the console; the client counts them in the store and refuses the 11th unless
   * `force` is set (e.g. after resets made in the console).
   */
  async clear(options: { force?: boolean } = {}): Promise<void> {
    await this.#guard(options.force ?? false, '/cgi-bin/clear_quota');
    await this.#client.request('POST', '/cgi-bin/clear_quota', { json: { appid: this.#client.appId } });
    await this.#countClear();
  }

  /**
   * Resets every daily quota with the AppSecret instead of an access_token (`clear_quota/v2`),
   * for when the token endpoint's own quota is used up. Shares the 10 a month.
   */
  async clearWithSecret(appSecret: string, options: { force?: boolean } = {}): Promise<void> {
    await this.#guard(options.force ?? false, '/cgi-bin/clear_quota/v2');
    await this.#client.request('POST', '/cgi-bin/clear_quota/v2', {
      auth: false,
      json: { appid: this.#client.appId, appsecret: appSecret },
    });
    await this.#countClear();
  }

  /** What the platform recorded of a failed call, by the rid of its error. */
  async rid(rid: string): Promise<RidInfo> {
    const body = await this.#client.request<{ request: RidInfo }>('POST', '/cgi-bin/openapi/rid/get', {
      json: { rid },
      idempotent: true,
    });
    return body.request;
  }

  /** The addresses the platform pushes from (for a firewall allow-list). */
  async callbackIp(): Promise<string[]> {
    return (await this.#client.request<{ ip_list: string[] }>('GET', '/cgi-bin/getcallbackip')).ip_list;
  }

  /** The addresses of the API domain. */
  async apiDomainIp(): Promise<string[]> {
    return (await this.#client.request<{ ip_list: string[] }>('GET', '/cgi-bin/get_api_domain_ip')).ip_list;
  }

  /** Asks the platform to resolve and ping the configured server URL from its networks. */
  async checkCallback(
    action: 'all' | 'dns' | 'ping' = 'all',
    operator: 'CHINANET' | 'UNICOM' | 'CAP' | 'DEFAULT' = 'DEFAULT',
  ): Promise<CallbackCheckResult> {
    return this.#client.request<CallbackCheckResult>('POST', '/cgi-bin/callback/check', {
      json: { action, check_operator: operator },
      idempotent: true,
    });
  }

  #monthKey(): string {
    const month = new Date(Date.now() + CHINA_OFFSET_MS).toISOString().slice(0, 7);
    return `${this.#client.appId}:quota_clears:${month}`;
  }

  async #guard(force: boolean, path: string): Promise<void> {
    const used = Number((await this.#client.store.get(this.#monthKey())) ?? 0);
    if (used >= CLEARS_PER_MONTH && !force) {
      throw new WeChatRateLimitError(
        48006,
        `${used} quota resets already used this month (the platform allows ${CLEARS_PER_MONTH}); pass { force: true } to try anyway`,
        { method: 'POST', path, query: {} },
        true,
      );
    }
  }

  async #countClear(): Promise<void> {
    await this.#client.store.increment(this.#monthKey(), 32 * 24 * 3600 * 1000);
  }
}
