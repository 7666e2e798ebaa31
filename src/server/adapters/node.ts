import type { IncomingMessage, ServerResponse } from 'node:http';

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
export async function rawBodyOf(req: NodeRequest): Promise<Buffer> {
  for (const candidate of [req.rawBody, req.body]) {
    if (typeof candidate === 'string') return Buffer.from(candidate, 'utf8');
    if (Buffer.isBuffer(candidate)) return candidate;
  }
  if (req.readableEnded) {
    throw new Error(
      'the request body was already consumed by a body parser; mount the webhook before it, or use a raw/text parser',
    );
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
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

/**
 * A `(req, res)` listener for `node:http` (and anything built on it: Express, Connect…).
 *
 * @example
 * ```ts
 * createServer(toNodeHandler(app)).listen(3000);
 * ```
 */
export function toNodeHandler(app: FetchHandler): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    toFetchRequest(req, res)
      .then((request) => app.handle(request))
      .then((response) => sendFetchResponse(res, response))
      .catch((error: unknown) => {
        if (res.headersSent) return;
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(error instanceof Error ? error.message : 'internal error');
      });
  };
}
