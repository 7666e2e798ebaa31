/**
 * `wechat-mp/express`: the Express adapter of the webhook server.
 *
 * @packageDocumentation
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { nodeRawRequest, type RawHandler, writeRawResponse } from './server/adapters/node.js';

/**
 * An Express (or Connect) request handler answering WeChat with the webhook `app`. It reads the
 * raw body itself, or takes the string or Buffer a text/raw body parser left in `req.body`, so
 * it works with or without parsers installed before it (parsers that do not handle `text/xml`,
 * like `express.json()`, leave the body unread). Errors go to `next(err)`.
 *
 * Only the shape of Express is used: Express is not a dependency of wechat-mp.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { createWebhook } from 'wechat-mp';
 * import { expressWebhook } from 'wechat-mp/express';
 *
 * const wechat = createWebhook({ token, appId, encodingAESKey });
 * wechat.on('text', (ctx) => `你说：${ctx.message.Content}`);
 * express().all('/wechat', expressWebhook(wechat)).listen(3000);
 * ```
 */
export function expressWebhook(
  app: RawHandler,
): (
  req: IncomingMessage & { body?: unknown; rawBody?: unknown; originalUrl?: string },
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => void {
  return (req, res, next) => {
    app.process(nodeRawRequest(req, res)).then(
      (answer) => writeRawResponse(res, answer),
      (error: unknown) => {
        if (next !== undefined) return next(error);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end();
      },
    );
  };
}
