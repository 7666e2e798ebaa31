import { createServer, type RequestListener, type Server } from 'node:http';
import Router from '@koa/router';
import Koa from 'koa';
import bodyParser from 'koa-bodyparser';
import { afterEach, describe, expect, test } from 'vitest';
import { koaWebhook } from '../../../src/koa.js';
import { abortProbe, close, echoWebhook, expectWorkingWebhook, listen, pushAndHangUp } from './harness.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(close));
});

async function serve(app: { callback(): RequestListener }): Promise<string> {
  const server = createServer(app.callback());
  servers.push(server);
  return listen(server);
}

describe('koaWebhook with a real Koa and a real emulator', () => {
  test('router.get + router.post, no body parser', async () => {
    const wechat = echoWebhook();
    const router = new Router().get('/wx', koaWebhook(wechat)).post('/wx', koaWebhook(wechat));
    const url = await serve(new Koa().use(router.routes()));
    await expectWorkingWebhook(`${url}/wx`);
    expect(wechat.stats.received).toBe(1);
  });

  test('after koa-bodyparser reading text/xml: ctx.request.rawBody is used', async () => {
    let rawBody: unknown;
    const app = new Koa()
      .use(bodyParser({ enableTypes: ['json', 'form', 'text', 'xml'], extendTypes: { text: ['text/xml'] } }))
      .use(async (ctx, next) => {
        rawBody = ctx.request.rawBody;
        await next();
      })
      .use(new Router().all('/wx', koaWebhook(echoWebhook())).routes());
    const url = await serve(app);
    await expectWorkingWebhook(`${url}/wx`);
    expect(rawBody).toEqual(expect.stringContaining('<Encrypt>'));
  });

  test('after koa-bodyparser that leaves text/xml alone: the stream is read', async () => {
    const app = new Koa().use(bodyParser()).use(new Router().all('/wx', koaWebhook(echoWebhook())).routes());
    await expectWorkingWebhook(`${await serve(app)}/wx`);
  });

  test('as plain app middleware under a rewritten path: handlers see the URL WeChat called', async () => {
    const wechat = echoWebhook();
    const seen: string[] = [];
    wechat.use((ctx, next) => {
      seen.push(ctx.request.url.split('?')[0] ?? '');
      return next();
    });
    // What koa-mount does: strip the mount point from the path for the middleware below it.
    const app = new Koa().use(async (ctx, next) => {
      if (!ctx.path.startsWith('/mounted')) return;
      ctx.path = ctx.path.slice('/mounted'.length) || '/';
      await next();
    });
    app.use(koaWebhook(wechat));
    await expectWorkingWebhook(`${await serve(app)}/mounted/wx`);
    expect(seen).toEqual(['/mounted/wx']);
  });

  test('a handler error takes the Koa error path (500)', async () => {
    const errors: unknown[] = [];
    const app = new Koa().use(koaWebhook({ process: () => Promise.reject(new Error('boom')) }));
    app.on('error', (error) => errors.push(error));
    const response = await fetch(`${await serve(app)}/wx?signature=s&timestamp=1&nonce=n&echostr=e`);
    expect(response.status).toBe(500);
    expect(errors).toEqual([expect.objectContaining({ message: 'boom' })]);
  });

  test('the request signal aborts when the client hangs up', async () => {
    const probe = abortProbe();
    const url = await serve(new Koa().use(koaWebhook(probe.app)));
    await pushAndHangUp(`${url}/wx`);
    await probe.aborted;
  });
});
