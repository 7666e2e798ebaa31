import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AbortSignalLike, type RawRequest, WebhookRejection } from '../receive.js';
import type { RawResponse } from '../webhook.js';

/** Anything with the webhook's Fetch-shaped entry point. */
export interface FetchHandler {
  handle(request: Request): Promise<Response>;
}

/** A Node request that a framework may already have read (`body` set by a body parser). */
export type NodeRequest = IncomingMessage & { body?: unknown; rawBody?: unknown; originalUrl?: string };

/**
 * The raw body of a Node request, whether or not a framework's body parser read it first: a
 * string or Buffer left by a raw/text parser (or a `rawBody` some parsers keep) is used as is;
 * an unread stream is read. A body already parsed into an object cannot be restored, which is
 * reported instead of silently verifying the wrong bytes.
 */
export async function rawBodyOf(req: NodeRequest, limit = Number.POSITIVE_INFINITY): Promise<Buffer> {
  for (const candidate of [req.rawBody, req.body]) {
    if (typeof candidate === 'string') return Buffer.from(candidate, 'utf8');
    if (Buffer.isBuffer(candidate)) return candidate;
  }
  if (req.readableEnded) {
    throw new Error(
      'the request body was already consumed by a body parser; mount the webhook before it, or use a raw/text parser',
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
      reject(new WebhookRejection(413, 'too-large', `body exceeds ${limit} bytes`));
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/**
 * Builds a Fetch `Request` from a Node request. Its `signal` aborts when the client goes away
 * before the answer is sent, which the deadline logic uses to know the platform gave up.
 */
export async function toFetchRequest(req: NodeRequest, res: ServerResponse, body?: Buffer): Promise<Request> {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  const host = req.headers.host ?? 'localhost';
  const url = new URL(req.originalUrl ?? req.url ?? '/', `http://${host}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
  }
  const method = req.method ?? 'GET';
  const payload = method === 'GET' || method === 'HEAD' ? undefined : (body ?? (await rawBodyOf(req)));
  // content-length may describe a body a parser already changed; the Request measures its own.
  headers.delete('content-length');
  return new Request(url, { method, headers, body: payload ?? null, signal: controller.signal });
}

/** Writes a Fetch `Response` to a Node response. */
export async function sendFetchResponse(res: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = { 'content-length': String(body.length) };
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  res.end(body);
}

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
    async readBody(limit) {
      const declared = Number(req.headers['content-length']);
      if (body === undefined && declared > limit) {
        throw new WebhookRejection(413, 'too-large', `body of ${declared} bytes exceeds ${limit}`);
      }
      const bytes = body === undefined ? await rawBodyOf(req, limit) : Buffer.from(body);
      if (bytes.length > limit) throw new WebhookRejection(413, 'too-large', `body exceeds ${limit} bytes`);
      return bytes.toString('utf8');
    },
    signal: new ClientGone(res),
  };
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
