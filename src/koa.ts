/**
 * `wechat-mp/koa`: the Koa adapter of the webhook server.
 *
 * @packageDocumentation
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { nodeRawRequest, type RawHandler } from './server/adapters/node.js';

/** The parts of a Koa context the adapter uses. */
interface KoaContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly originalUrl: string;
  readonly request: { readonly body?: unknown; readonly rawBody?: unknown };
  status: number;
  body: unknown;
  set(field: string, value: string): void;
}

/**
 * A Koa middleware answering WeChat with the webhook `app`: mount it on the webhook's path
 * (`router.all('/wechat', …)`). It uses the raw body koa-bodyparser keeps in
 * `ctx.request.rawBody` when that parser read it first, and reads `ctx.req` itself otherwise, so
 * it works with or without a body parser. It answers through `ctx.status`, `ctx.body` and the
 * headers, and does not call `next`.
 *
 * Only the shape of Koa is used: Koa is not a dependency of wechat-mp.
 *
 * @example
 * ```ts
 * import Koa from 'koa';
 * import Router from '@koa/router';
 * import { createWebhook } from 'wechat-mp';
 * import { koaWebhook } from 'wechat-mp/koa';
 *
 * const wechat = createWebhook({ token, appId, encodingAESKey });
 * wechat.on('text', (ctx) => `你说：${ctx.message.Content}`);
 * const router = new Router().all('/wechat', koaWebhook(wechat));
 * new Koa().use(router.routes()).listen(3000);
 * ```
 */
export function koaWebhook(app: RawHandler): (ctx: KoaContext) => Promise<void> {
  return async (ctx) => {
    const kept = [ctx.request.rawBody, ctx.request.body].find(
      (b): b is string | Buffer => typeof b === 'string' || Buffer.isBuffer(b),
    );
    // koa-mount and the like rewrite req.url: handlers get the URL WeChat called.
    const request = Object.assign(nodeRawRequest(ctx.req, ctx.res, kept), { url: ctx.originalUrl });
    const answer = await app.process(request);
    ctx.status = answer.status;
    ctx.set('content-type', answer.contentType);
    ctx.body = answer.body;
  };
}
