import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AbortSignalLike, type RawRequest, WebhookRejection } from '../receive.js';
import type { RawResponse } from '../webhook.js';

/** Anything with the webhook's Fetch-shaped entry point. */
export interface FetchHandler {
  handle(request: Request): Promise<Response>;
}

/** A Node request that a framework may already have read (`body` set by a body parser). */
export type NodeRequest = IncomingMessage & { body?: unknown; rawBody?: unknown; originalUrl?: string };

/** Anything with the webhook core's light entry point: the app from `createWebhook`. */
export interface RawHandler {
  process(request: RawRequest): Promise<RawResponse>;
}

/**
 * The webhook core's view of a Node request, without building a Fetch `Request` (the costliest
 * step of a push on node:http). `body` is what a framework already read, if anything; the signal
 * aborts when the client goes away before the answer is written.
 */
export function nodeRawRequest(req: NodeRequest, res: ServerResponse, body?: Buffer | string): RawRequest {
  return {
    method: req.method ?? 'GET',
    url: req.originalUrl ?? req.url ?? '/',
    readBody: (limit) => readNodeBody(req, limit, body ?? keptBody(req)),
    signal: new ClientGone(res),
  };
}

/**
 * The raw body a framework's parser left on the request, if any: a string or Buffer from a
 * raw/text parser, or the `rawBody` some parsers keep beside the parsed one.
 */
function keptBody(req: NodeRequest): Buffer | string | undefined {
  for (const candidate of [req.rawBody, req.body]) {
    if (typeof candidate === 'string' || Buffer.isBuffer(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The body of a push as UTF-8: `kept` if a framework read it already, else read from the stream
 * with no more machinery than one promise and three listeners, as every push pays for it. Past
 * `limit` bytes it is refused with a 413; a body already parsed into an object cannot be
 * restored, which is reported instead of silently verifying the wrong bytes.
 */
function readNodeBody(req: NodeRequest, limit: number, kept: Buffer | string | undefined): Promise<string> {
  if (kept !== undefined) {
    const size = typeof kept === 'string' ? Buffer.byteLength(kept) : kept.length;
    if (size > limit) return Promise.reject(tooLarge(`body exceeds ${limit} bytes`));
    return Promise.resolve(typeof kept === 'string' ? kept : kept.toString('utf8'));
  }
  const declared = Number(req.headers['content-length']);
  if (declared > limit) return Promise.reject(tooLarge(`body of ${declared} bytes exceeds ${limit}`));
  if (req.readableEnded) {
    return Promise.reject(
      new Error(
        'the request body was already consumed by a body parser; mount the webhook before it, or use a raw/text parser',
      ),
    );
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += bytes.length;
      if (size <= limit) {
        chunks.push(bytes);
        return;
      }
      // Stop keeping the body but drain it, so the connection can still carry the 413.
      req.off('data', onData);
      req.resume();
      reject(tooLarge(`body exceeds ${limit} bytes`));
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks, size).toString('utf8')));
    req.on('error', reject);
  });
}

function tooLarge(message: string): WebhookRejection {
  return new WebhookRejection(413, 'too-large', message);
}

/**
 * Tells when the client hung up before the answer was written: a lighter stand-in for an
 * `AbortSignal` (creating one per request showed up in profiles). It listens to the response
 * only once somebody listens to it, which a push answered at once never does.
 */
class ClientGone implements AbortSignalLike {
  readonly #res: ServerResponse;
  #listeners: (() => void)[] | undefined;

  constructor(res: ServerResponse) {
    this.#res = res;
  }

  get aborted(): boolean {
    // Node marks a response destroyed when its connection closes, written or not.
    return this.#res.destroyed && !this.#res.writableFinished;
  }

  addEventListener(_type: 'abort', listener: () => void): void {
    if (this.#listeners === undefined) {
      const listeners: (() => void)[] = [];
      this.#listeners = listeners;
      this.#res.once('close', () => {
        if (this.aborted) for (const wake of listeners.splice(0)) wake();
      });
    }
    this.#listeners.push(listener);
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    const index = this.#listeners?.indexOf(listener) ?? -1;
    if (index >= 0) this.#listeners?.splice(index, 1);
  }
}

/** Writes the webhook core's answer to a Node response. */
export function writeRawResponse(res: ServerResponse, answer: RawResponse): void {
  res.writeHead(answer.status, {
    'content-type': answer.contentType,
    'content-length': Buffer.byteLength(answer.body),
  });
  res.end(answer.body);
}

/**
 * A `(req, res)` listener for `node:http` (and anything built on it).
 *
 * @example
 * ```ts
 * createServer(toNodeHandler(app)).listen(3000);
 * ```
 */
export function toNodeHandler(app: RawHandler): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    app.process(nodeRawRequest(req, res)).then(
      (answer) => writeRawResponse(res, answer),
      (error: unknown) => {
        if (res.headersSent) return;
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(error instanceof Error ? error.message : 'internal error');
      },
    );
  };
}
