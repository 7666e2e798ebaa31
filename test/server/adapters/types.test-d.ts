// The adapters declare only the shapes they use; these lines prove the real frameworks' types
// accept them exactly as the docs show.
import Router from '@koa/router';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import Koa from 'koa';
import bodyParser from 'koa-bodyparser';
import { describe, expectTypeOf, test } from 'vitest';
import { expressWebhook } from '../../../src/express.js';
import { type FastifyWebhookOptions, fastifyWebhook } from '../../../src/fastify.js';
import { createWebhook } from '../../../src/index.js';
import { koaWebhook } from '../../../src/koa.js';

const wechat = createWebhook({ token: 'token' });

describe('the adapters fit the real frameworks', () => {
  test('Express: as a route handler and as middleware, after body parsers', () => {
    const handler = expressWebhook(wechat);
    const app = express();
    app.use(express.json(), express.text({ type: '*/*' }));
    app.post('/wechat', handler);
    app.get('/wechat', handler);
    app.all('/all', handler);
    app.use('/mounted', handler);
    app.route('/route').get(handler).post(handler);
    express.Router().post('/wechat', handler);
    expectTypeOf(handler).toExtend<express.RequestHandler>();
  });

  test('Koa: as a router route and as app middleware, after koa-bodyparser', () => {
    const middleware = koaWebhook(wechat);
    const app = new Koa();
    app.use(bodyParser({ enableTypes: ['json', 'form', 'text', 'xml'] }));
    app.use(middleware);
    const router = new Router();
    router.post('/wechat', middleware);
    router.get('/wechat', middleware);
    router.all('/all', middleware);
    app.use(router.routes());
    expectTypeOf(middleware).toExtend<Koa.Middleware>();
  });

  test('Fastify: registered with its options', async () => {
    const fastify = Fastify();
    fastify.addContentTypeParser('text/xml', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    await fastify.register(fastifyWebhook, { app: wechat, path: '/wechat' });
    await fastify.register(fastifyWebhook, { app: wechat, path: '/', prefix: '/wechat2' });
    // @ts-expect-error: the path is required
    await fastify.register(fastifyWebhook, { app: wechat });
    expectTypeOf<FastifyWebhookOptions>().toHaveProperty('app');
  });

  test('Fetch: app.handle is a Hono / Next.js / Bun handler', () => {
    const hono = new Hono();
    hono.post('/wechat', (c) => wechat.handle(c.req.raw));
    hono.get('/wechat', (c) => wechat.handle(c.req.raw));
    const bunLike: { fetch(request: Request): Promise<Response> } = { fetch: (r) => wechat.handle(r) };
    const POST: (request: Request) => Promise<Response> = (request) => wechat.handle(request);
    expectTypeOf(bunLike.fetch).toEqualTypeOf(POST);
  });
});
