import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, test } from 'vitest';
import { fastifyWebhook } from '../../../src/fastify.js';
import { abortProbe, echoWebhook, expectWorkingWebhook, pushAndHangUp, signedQuery } from './harness.js';

const servers: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(fastify: FastifyInstance): Promise<string> {
  servers.push(fastify);
  return fastify.listen({ port: 0, host: '127.0.0.1' });
}

describe('fastifyWebhook with a real Fastify and a real emulator', () => {
  test('registered on a path, no parser for text/xml anywhere else', async () => {
    const wechat = echoWebhook();
    const url = await serve(Fastify().register(fastifyWebhook, { app: wechat, path: '/wx' }));
    await expectWorkingWebhook(`${url}/wx`);
    expect(wechat.stats.received).toBe(1);
  });

  test("the user's own text/xml parser (to a string) and JSON routes keep working beside it", async () => {
    const fastify = Fastify();
    fastify.addContentTypeParser('text/xml', { parseAs: 'string' }, (_request, body, done) =>
      done(null, body),
    );
    fastify.post('/echo', async (request) => ({ type: typeof request.body, body: request.body }));
    await fastify.register(fastifyWebhook, { app: echoWebhook(), path: '/wx' });
    const url = await serve(fastify);
    await expectWorkingWebhook(`${url}/wx`);
    const xml = await fetch(`${url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: '<xml/>',
    });
    expect(await xml.json()).toEqual({ type: 'string', body: '<xml/>' });
    const json = await fetch(`${url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(await json.json()).toEqual({ type: 'object', body: { a: 1 } });
  });

  test('under a registration prefix', async () => {
    const fastify = Fastify();
    await fastify.register(fastifyWebhook, { app: echoWebhook(), path: '/wx', prefix: '/hooks' });
    await expectWorkingWebhook(`${await serve(fastify)}/hooks/wx`);
  });

  test('a push without a content type still reaches the webhook', async () => {
    const url = await serve(Fastify().register(fastifyWebhook, { app: echoWebhook(), path: '/wx' }));
    const response = await fetch(`${url}/wx?${signedQuery}&encrypt_type=aes&msg_signature=bad`, {
      method: 'POST',
      body: new Blob(['<xml><Encrypt>abc</Encrypt></xml>']),
    });
    expect([response.status, await response.text()]).toEqual([401, 'bad-signature']);
  });

  test('the request signal aborts when the client hangs up', async () => {
    const probe = abortProbe();
    const url = await serve(Fastify().register(fastifyWebhook, { app: probe.app, path: '/wx' }));
    await pushAndHangUp(`${url}/wx`);
    await probe.aborted;
  });
});
