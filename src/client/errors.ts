import { describeErrcode, RATE_LIMIT_ERRCODES, TOKEN_INVALID_ERRCODES } from '../protocol/errcodes.js';
import { WeChatError } from '../protocol/errors.js';

/** A request as errors and hooks show it: credentials in the query are redacted. */
export interface RequestSummary {
  /** HTTP method. */
  readonly method: string;
  /** API path, e.g. `/cgi-bin/user/info`. */
  readonly path: string;
  /** The query with `access_token`, `secret`, `appsecret`, `code` and `refresh_token` redacted. */
  readonly query: Readonly<Record<string, string>>;
}

const SECRET_PARAMS = new Set(['access_token', 'secret', 'appsecret', 'code', 'refresh_token', 'ticket']);

/** Redacts credentials from a query so it can be logged or thrown. */
export function redactQuery(query: URLSearchParams): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [key, value] of query) shown[key] = SECRET_PARAMS.has(key.toLowerCase()) ? '[redacted]' : value;
  return shown;
}

const RID = /[,\s]*\brid:\s*([0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8})\s*$/i;
const HINT = /[,\s]*\bhints?:\s*\[[^\]]*\]/gi;

/** Splits the platform's errmsg into the message and its rid (`… rid: 617682e0-09059ac5-34a8e2ea`). */
export function splitErrmsg(errmsg: string): { errmsg: string; rid: string | undefined } {
  const match = RID.exec(errmsg);
  const text = (match === null ? errmsg : errmsg.slice(0, match.index)).replace(HINT, '').trim();
  return { errmsg: text, rid: match?.[1] };
}

/**
 * The platform answered with a non-zero `errcode`. `errmsg` is the platform's text without the
 * rid suffix, `rid` the request id (look it up with `client.quota.rid(rid)`), `meaning` the
 * documented meaning of the code.
 */
export class WeChatApiError extends WeChatError {
  /** The platform's errcode. */
  readonly errcode: number;
  /** The platform's errmsg, rid and hints removed. */
  readonly errmsg: string;
  /** The request id the platform gave, if any. */
  readonly rid: string | undefined;
  /** The documented meaning (Chinese) and our summary (English), when the code is known. */
  readonly meaning: string | undefined;
  /** The request that failed, credentials redacted. */
  readonly request: RequestSummary;

  /** Use {@link WeChatApiError.from} to get the right subclass. */
  constructor(errcode: number, rawErrmsg: string, request: RequestSummary, note?: string) {
    const { errmsg, rid } = splitErrmsg(rawErrmsg);
    const info = describeErrcode(errcode);
    const meaning =
      info === undefined
        ? undefined
        : [info.meaningZh, info.summary].filter(Boolean).join(' — ') || undefined;
    super(
      `${request.method} ${request.path} failed: ${errcode} ${errmsg}${meaning ? ` (${meaning})` : ''}` +
        `${note ? `. ${note}` : ''}${rid ? ` [rid ${rid}]` : ''}`,
    );
    this.errcode = errcode;
    this.errmsg = errmsg;
    this.rid = rid;
    this.meaning = meaning;
    this.request = request;
  }

  /** Builds the error for a platform answer, choosing the subclass callers branch on. */
  static from(errcode: number, errmsg: string, request: RequestSummary): WeChatApiError {
    if (TOKEN_INVALID_ERRCODES.has(errcode)) return new WeChatTokenInvalidError(errcode, errmsg, request);
    if (RATE_LIMIT_ERRCODES.has(errcode)) return new WeChatRateLimitError(errcode, errmsg, request);
    if (errcode === 45015) return new WeChatWindowClosedError(errcode, errmsg, request);
    return new WeChatApiError(errcode, errmsg, request);
  }
}

/** The access_token was refused (40001, 40014, 42001) even after one refresh. */
export class WeChatTokenInvalidError extends WeChatApiError {}

/**
 * A call or quota limit was hit (45009 daily quota, 45011 per-minute, …), by the platform or by
 * the client's own rate governor (`local`). Never retried blindly.
 */
export class WeChatRateLimitError extends WeChatApiError {
  /** True when the client refused locally, before the platform did. */
  readonly local: boolean;

  /** @param local - whether the client's governor refused the call without sending it. */
  constructor(errcode: number, errmsg: string, request: RequestSummary, local = false) {
    const note =
      errcode === 45009
        ? `The daily quota of ${request.path} is used up: see client.quota.get('${request.path}'); ` +
          'client.quota.clear() resets all quotas (10 times a month)'
        : undefined;
    super(errcode, errmsg, request, note);
    this.local = local;
  }
}

/**
 * The customer-service window is closed (45015 `response out of time limit or subscription is
 * canceled`): the user has not interacted with the account within 48 hours, or no longer follows
 * it. Raised for the platform's answer, and by the client itself (`local`) when
 * `client.custom.send(message, { checkWindow: true })` finds no recent interaction in the store,
 * before any call is made. Waiting does not help: only the user can reopen the window.
 */
export class WeChatWindowClosedError extends WeChatApiError {
  /** True when the client refused locally, without calling the platform. */
  readonly local: boolean;
  /** For a local refusal: the user's last interaction the store holds (Unix seconds), if any. */
  readonly lastInteraction: number | undefined;

  /**
   * @param options - `local` for a refusal by the client, with the `lastInteraction` it found
   * and a `note` saying why.
   */
  constructor(
    errcode: number,
    errmsg: string,
    request: RequestSummary,
    options: { local?: boolean; lastInteraction?: number; note?: string } = {},
  ) {
    super(errcode, errmsg, request, options.note);
    this.local = options.local ?? false;
    this.lastInteraction = options.lastInteraction;
  }
}

/** The server answered with an HTTP status other than 2xx. */
export class WeChatHttpError extends WeChatError {
  /** The HTTP status. */
  readonly status: number;
  /** The request, credentials redacted. */
  readonly request: RequestSummary;

  /** @param status - HTTP status. @param request - the request. @param body - the start of the body. */
  constructor(status: number, request: RequestSummary, body: string) {
    super(`${request.method} ${request.path} answered HTTP ${status}: ${body.slice(0, 200)}`);
    this.status = status;
    this.request = request;
  }
}

/** The request could not be sent or got no answer (DNS, refused, reset, timeout). */
export class WeChatConnectionError extends WeChatError {
  /** The request, credentials redacted. */
  readonly request: RequestSummary;

  /** @param request - the request. @param cause - the underlying error. */
  constructor(request: RequestSummary, cause: unknown, message?: string) {
    super(message ?? `${request.method} ${request.path}: connection failed (${describeCause(cause)})`, {
      cause,
    });
    this.request = request;
  }
}

/** The request took longer than its timeout. */
export class WeChatTimeoutError extends WeChatConnectionError {
  /** @param request - the request. @param timeoutMs - the timeout that passed. */
  constructor(request: RequestSummary, timeoutMs: number, cause?: unknown) {
    super(request, cause, `${request.method} ${request.path}: no answer within ${timeoutMs} ms`);
  }
}

/** A token or ticket could not be obtained (consumer-only mode with none stored, or a wait that timed out). */
export class WeChatTokenUnavailableError extends WeChatError {}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const code = (cause as Error & { cause?: { code?: string } }).cause?.code;
    return code ?? cause.message;
  }
  return String(cause);
}
