/**
 * `wechat-mp/fastify`: the Fastify adapter of the webhook server.
 *
 * @packageDocumentation
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { nodeRawRequest, type RawHandler } from './server/adapters/node.js';

/** Options of {@link fastifyWebhook}. */
export interface FastifyWebhookOptions {
  /** The webhook, from `createWebhook`. */
  readonly app: RawHandler;
  /** Where WeChat calls, e.g. `/wechat` (under the `prefix` of the registration, if any). */
  readonly path: string;
}

/** The parts of a Fastify reply the plugin uses. */
interface FastifyReplyLike {
  readonly raw: ServerResponse;
  code(status: number): FastifyReplyLike;
  header(name: string, value: string): FastifyReplyLike;
  send(payload: string): FastifyReplyLike;
}

/** The parts of a Fastify instance the plugin uses. */
interface FastifyLike {
  removeAllContentTypeParsers(): void;
  addContentTypeParser(
    contentType: string[],
    options: { parseAs: 'buffer' },
    parser: (request: unknown, body: Buffer, done: (error: null, body: Buffer) => void) => void,
  ): void;
  route(options: {
    method: string[];
    url: string;
    handler: (request: { raw: IncomingMessage; body: unknown }, reply: FastifyReplyLike) => Promise<unknown>;
  }): unknown;
}

/**
 * A Fastify plugin answering WeChat with the webhook `app` on GET and POST `path`. Its routes
 * live in their own encapsulated context that reads every body as raw bytes, so they work
 * whatever content-type parsers the rest of the server has (without one, Fastify would refuse
 * WeChat's `text/xml` with 415).
 *
 * Only the shape of Fastify is used: Fastify is not a dependency of wechat-mp.
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { createWebhook } from 'wechat-mp';
 * import { fastifyWebhook } from 'wechat-mp/fastify';
 *
 * const wechat = createWebhook({ token, appId, encodingAESKey });
 * wechat.on('text', (ctx) => `你说：${ctx.message.Content}`);
 * await Fastify().register(fastifyWebhook, { app: wechat, path: '/wechat' }).listen({ port: 3000 });
 * ```
 */
export async function fastifyWebhook(fastify: FastifyLike, options: FastifyWebhookOptions): Promise<void> {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    ['text/xml', 'application/xml', 'text/plain', '*'],
    { parseAs: 'buffer' },
    (_request, body, done) => done(null, body),
  );
  fastify.route({
    method: ['GET', 'POST'],
    url: options.path,
    handler: async (request, reply) => {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const answer = await options.app.process(nodeRawRequest(request.raw, reply.raw, body));
      return reply.code(answer.status).header('content-type', answer.contentType).send(answer.body);
    },
  });
}
