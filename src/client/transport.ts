import {
  type RequestSummary,
  redactQuery,
  WeChatConnectionError,
  WeChatHttpError,
  WeChatTimeoutError,
} from './errors.js';
import { parseJsonLossless } from './json.js';

/** A query value; `undefined` is left out. */
export type QueryValue = string | number | boolean | undefined;

/** One HTTP exchange with the platform. */
export interface Exchange {
  readonly method: 'GET' | 'POST';
  readonly baseURL: string;
  readonly path: string;
  readonly query: URLSearchParams;
  /** A JSON body, sent as UTF-8 without \u escapes (the platform refuses escaped CJK). */
  readonly json?: unknown;
  /** A multipart body (uploads: the file goes in the `media` field). */
  readonly form?: FormData;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly fetch: typeof fetch;
}

/** A file the platform sent instead of JSON. */
export interface BinaryResponse {
  /** The bytes. */
  readonly data: Buffer;
  /** The Content-Type. */
  readonly contentType: string;
  /** The file name from Content-Disposition, when given. */
  readonly filename?: string;
}

/** What came back: parsed JSON (64-bit ids as strings) or a file. */
export type ExchangeResult =
  | { readonly kind: 'json'; readonly body: unknown }
  | { readonly kind: 'binary'; readonly file: BinaryResponse };

/** The request as errors and hooks show it. */
export function summarize(exchange: Pick<Exchange, 'method' | 'path' | 'query'>): RequestSummary {
  return { method: exchange.method, path: exchange.path, query: redactQuery(exchange.query) };
}

/**
 * Sends one request. JSON answers are parsed losslessly; any other content type is returned as
 * a file (downloads), except that a JSON error body where a file was expected still parses as
 * JSON so the caller sees the errcode. Network failures and timeouts become
 * {@link WeChatConnectionError} / {@link WeChatTimeoutError}; non-2xx statuses {@link WeChatHttpError}.
 */
export async function exchange(x: Exchange): Promise<ExchangeResult> {
  const url = new URL(x.path, x.baseURL);
  url.search = x.query.toString();
  const headers: Record<string, string> = {};
  let body: string | FormData | undefined;
  if (x.form !== undefined) body = x.form;
  else if (x.json !== undefined) {
    body = JSON.stringify(x.json);
    headers['content-type'] = 'application/json; charset=utf-8';
  }
  // A plain controller and timer, cleared once the body is read: cheaper than AbortSignal.timeout,
  // whose timer outlives the request.
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), x.timeoutMs);
  const signal = x.signal === undefined ? timeout.signal : AbortSignal.any([x.signal, timeout.signal]);
  let response: Response;
  let bytes: Buffer;
  try {
    response = await x.fetch(url, { method: x.method, headers, body: body ?? null, signal });
    bytes = Buffer.from(await response.arrayBuffer());
  } catch (error) {
    if (x.signal?.aborted) throw error;
    if (timeout.signal.aborted) throw new WeChatTimeoutError(summarize(x), x.timeoutMs, error);
    throw new WeChatConnectionError(summarize(x), error);
  } finally {
    clearTimeout(timer);
  }
  const contentType = response.headers.get('content-type') ?? '';
  if (!response.ok) throw new WeChatHttpError(response.status, summarize(x), bytes.toString('utf8'));
  const looksJson = /json|text\/plain/i.test(contentType) || (contentType === '' && bytes[0] === 0x7b);
  if (looksJson) {
    const text = bytes.toString('utf8');
    try {
      return { kind: 'json', body: parseJsonLossless(text) };
    } catch {
      if (/json/i.test(contentType))
        throw new WeChatHttpError(response.status, summarize(x), `invalid JSON: ${text}`);
    }
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
  const file: BinaryResponse = {
    data: bytes,
    contentType,
    ...(filename === undefined ? {} : { filename: decodeURIComponent(filename) }),
  };
  return { kind: 'binary', file };
}
