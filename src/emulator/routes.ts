import type { EmulatorClock } from './clock.js';
import type { VerifyResult } from './push.js';
import type { EmulatorState, EmulatorUser, InboxEntry } from './state.js';

/** A JSON value as the emulator reads and writes it; `bigint` is written as a bare number. */
export type Json = string | number | bigint | boolean | null | Json[] | { [key: string]: Json | undefined };

/** A JSON object. */
export type JsonObject = { [key: string]: Json | undefined };

/** What a push to the webhook came to, as `POST /emulator/users/{openid}/send` reports it. */
export interface PushResult {
  /** How many deliveries were made (1 + retries). */
  attempts: number;
  /** `replied` with a valid reply, `empty` for `success`/empty, `failed` otherwise. */
  status: 'replied' | 'empty' | 'failed';
  /** The reply as the user sees it, when there was one. */
  reply?: Json;
  /** Time from the first delivery to the answer that ended the push (ms). */
  latencyMs: number;
  /** Why the push failed, in words. */
  reason?: string;
  /** What the user saw instead of a reply, when the push failed. */
  shown?: string;
  /** The MsgId of the pushed message (ordinary messages only). */
  msgId?: string;
  /** The XML document that was pushed (before encryption). */
  pushed: string;
}

/** An armed fault: the next `times` calls of `path` fail with `errcode` and/or wait `delayMs`. */
export interface Fault {
  /** API path, e.g. `/cgi-bin/token`. */
  path: string;
  /** The errcode to fail with; absent to only delay. */
  errcode?: number;
  /** Delay before answering, in ms. */
  delayMs?: number;
  /** How many more calls it applies to. */
  times: number;
}

/** What `/emulator/stats` reports. */
export interface EmulatorStats {
  /** Calls per WeChat API path. */
  calls: Record<string, number>;
  /** Other counters: `issued:token`, `push:replied`, `push:failed`… */
  counters: Record<string, number>;
}

/** The services every emulator module gets: state, clock and the shared platform operations. */
export interface Platform {
  /** The whole mutable state; call {@link Platform.changed} after changing it. */
  readonly state: EmulatorState;
  /** The emulator's clock. */
  readonly clock: EmulatorClock;
  /** Marks the state as changed, so it is saved (with `--state`) after the current request. */
  changed(): void;
  /** The user with this openid, or a 40003 `invalid openid` platform error. */
  user(openid: string): EmulatorUser;
  /** Appends to a user's inbox. */
  deliver(openid: string, entry: Omit<InboxEntry, 'at'>): void;
  /** Builds, signs, encrypts and pushes a message from a user to the webhook (see push.ts). */
  push(openid: string, fields: JsonObject): Promise<PushResult>;
  /**
   * Pushes a system event (MASSSENDJOBFINISH, TEMPLATESENDJOBFINISH…) with `from` as
   * FromUserName: it does not count as the user's interaction, and a reply to it goes nowhere.
   */
  pushSystemEvent(from: string, fields: JsonObject): Promise<PushResult>;
  /** Performs the URL-verification handshake against the webhook (see push.ts). */
  verify(): Promise<VerifyResult>;
  /** Counts an event in `/emulator/stats`. */
  count(name: string): void;
  /** Call counters, as `/emulator/stats` reports them. */
  readonly stats: EmulatorStats;
  /** Armed faults, consumed by the API routes they name. */
  readonly faults: Fault[];
}

/** One call to a WeChat API route. */
export interface ApiCall {
  /** The query string. */
  readonly query: URLSearchParams;
  /** The JSON body, for routes that take one. */
  readonly body: JsonObject | undefined;
  /** The body as received. */
  readonly rawBody: Buffer;
  /** The caller's IP address. */
  readonly ip: string;
  /** The platform. */
  readonly platform: Platform;
}

/** A route of the WeChat API (`api.weixin.qq.com` paths). */
export interface ApiRoute {
  /** The HTTP method the platform requires; the other one gets 43001/43002. */
  readonly method: 'GET' | 'POST';
  /** The path, e.g. `/cgi-bin/token`. */
  readonly path: string;
  /** Whether `access_token` is required (default true). */
  readonly auth?: boolean;
  /**
   * How the body is read: `json` requires a JSON object (44002 empty, 47001 malformed),
   * `optional-json` accepts none, `none` ignores it. Default: `json` for POST, `none` for GET.
   */
  readonly body?: 'json' | 'optional-json' | 'none';
  /** Answers the call: a JSON object (errcode 0 is added when absent and `ok` is wanted), or throws PlatformError. */
  handle(call: ApiCall): JsonObject | Promise<JsonObject>;
}

/** One request to the emulator's control API (`/emulator/...`). */
export interface ControlCall {
  /** Values of the `:name` segments of the route's path. */
  readonly params: Readonly<Record<string, string>>;
  /** The query string. */
  readonly query: URLSearchParams;
  /** The JSON body (`{}` when none was sent). */
  readonly body: JsonObject;
  /** The platform. */
  readonly platform: Platform;
}

/** A route of the control API. Handlers throw {@link ControlError} for bad requests. */
export interface ControlRoute {
  /** The HTTP method. */
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** The path, with `:name` segments, e.g. `/emulator/users/:openid/inbox`. */
  readonly path: string;
  /** Answers with a JSON value. */
  handle(call: ControlCall): Json | Promise<Json>;
}

/** A bad request to the control API: answered with `status` and `{ "error": message }`. */
export class ControlError extends Error {
  /** The HTTP status to answer with. */
  readonly status: number;

  /** @param status - HTTP status. @param message - what was wrong. */
  constructor(status: number, message: string) {
    super(message);
    this.name = 'ControlError';
    this.status = status;
  }
}

/** One request to a page route. */
export interface PageCall {
  /** The query string. */
  readonly query: URLSearchParams;
  /** The body as received (an HTML form arrives as `application/x-www-form-urlencoded`). */
  readonly rawBody: Buffer;
  /** The platform. */
  readonly platform: Platform;
}

/**
 * What a page route answers: any status, headers and text body. `text/html; charset=utf-8` is
 * the default content type of a body; a redirect is `{ status: 302, headers: { location } }`.
 */
export interface PageResponse {
  /** The HTTP status. */
  readonly status: number;
  /** Response headers (lower-case names). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The body; none for a redirect. */
  readonly body?: string;
}

/**
 * A browser-facing route, such as the OAuth authorize page of `open.weixin.qq.com`: it answers
 * HTML or a redirect instead of the API's JSON envelope, needs no access_token, and is not
 * subject to quotas, faults or the rid log. Pages must HTML-escape every value from the request.
 */
export interface PageRoute {
  /** The HTTP method; another one gets 405. */
  readonly method: 'GET' | 'POST';
  /** The exact path, e.g. `/connect/oauth2/authorize`. */
  readonly path: string;
  /** Answers the request. */
  handle(call: PageCall): PageResponse | Promise<PageResponse>;
}

/** A group of routes: one file per API module registers its routes by exporting one of these. */
export interface EmulatorModule {
  /** WeChat API routes. */
  readonly api?: readonly ApiRoute[];
  /** Control API routes. */
  readonly control?: readonly ControlRoute[];
  /** Browser-facing pages (HTML or redirects), served on their own paths. */
  readonly pages?: readonly PageRoute[];
}
