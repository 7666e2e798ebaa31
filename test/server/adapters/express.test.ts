import type { Server } from 'node:http';
import express, { type ErrorRequestHandler } from 'express';
import { afterEach, describe, expect, test } from 'vitest';
import { expressWebhook } from '../../../src/express.js';
import {
  abortProbe,
  close,
  echoWebhook,
  expectWorkingWebhook,
  pushAndHangUp,
  signedQuery,
} from './harness.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(close));
});

async function serve(app: express.Express): Promise<string> {
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

describe('expressWebhook with a real Express and a real emulator', () => {
  test('app.get + app.post, no body parser', async () => {
    const wechat = echoWebhook();
    const handler = expressWebhook(wechat);
    const url = await serve(express().get('/wx', handler).post('/wx', handler));
    await expectWorkingWebhook(`${url}/wx`);
    expect(wechat.stats.received).toBe(1);
  });

  test('after express.text({ type: "*/*" }): the parsed string is used', async () => {
    const app = express().use(express.text({ type: '*/*' }));
    let parsed: unknown;
    app.use((req, _res, next) => {
      parsed = req.body;
      next();
    });
    const url = await serve(app.all('/wx', expressWebhook(echoWebhook())));
    await expectWorkingWebhook(`${url}/wx`);
    expect(typeof parsed).toBe('string');
  });

  test('after express.raw({ type: "*/*" }): the parsed Buffer is used', async () => {
    const app = express().use(express.raw({ type: '*/*' }));
    const url = await serve(app.all('/wx', expressWebhook(echoWebhook())));
    await expectWorkingWebhook(`${url}/wx`);
  });

  test("a body a parser already read is still held to the webhook's limit (413)", async () => {
    const wechat = echoWebhook();
    // express.text takes up to 100 kB; the webhook's default limit is 64 KiB.
    const app = express().use(express.text({ type: '*/*' }));
    const url = await serve(app.post('/wx', expressWebhook(wechat)));
    const response = await fetch(`${url}/wx?${signedQuery}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: `<xml>${'a'.repeat(70 * 1024)}</xml>`,
    });
    expect([response.status, await response.text()]).toEqual([413, 'too-large']);
    expect(wechat.stats.rejected).toEqual({ 'too-large': 1 });
  });

  test('after express.json() + express.urlencoded(), mounted with app.use: the stream is read', async () => {
    const app = express().use(express.json(), express.urlencoded({ extended: false }));
    const url = await serve(app.use('/hooks/wx', expressWebhook(echoWebhook())));
    await expectWorkingWebhook(`${url}/hooks/wx`);
  });

  test('a parser that turned the body into an object: the error goes to next(err)', async () => {
    const errors: string[] = [];
    const onError: ErrorRequestHandler = (error: Error, _req, res, _next) => {
      errors.push(error.message);
      res.status(500).send('handled');
    };
    const app = express()
      .use(express.text({ type: '*/*' }), (req, _res, next) => {
        req.body = { xml: req.body };
        next();
      })
      .post('/wx', expressWebhook(echoWebhook()))
      .use(onError);
    const url = await serve(app);
    const response = await fetch(`${url}/wx?${signedQuery}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: '<xml/>',
    });
    expect([response.status, await response.text()]).toEqual([500, 'handled']);
    expect(errors).toEqual([expect.stringContaining('already consumed by a body parser')]);
  });

  test('the request signal aborts when the client hangs up', async () => {
    const probe = abortProbe();
    const url = await serve(express().post('/wx', expressWebhook(probe.app)));
    await pushAndHangUp(`${url}/wx`);
    await probe.aborted;
  });
});
