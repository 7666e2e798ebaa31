// The Router on its own: `dispatch` always gives a promise; `route` gives a synchronous
// handler's answer synchronously, which lets the webhook answer such pushes without a timer.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseMessage } from '../../src/protocol/parse-message.js';
import type { WebhookContext } from '../../src/server/context.js';
import { Router } from '../../src/server/router.js';

const text = parseMessage(readFileSync(new URL('../fixtures/messages/text.xml', import.meta.url), 'utf8'));
const ctx = (): WebhookContext => ({
  message: text,
  openid: text.FromUserName,
  client: undefined,
  request: { method: 'POST', url: '/', readBody: async () => '' },
  state: {},
});

describe('Router.route', () => {
  test("gives a synchronous handler's reply as is, and an async handler's promise", async () => {
    const sync = new Router().on('text', (c) => `echo ${c.message.Content}`);
    expect(sync.route(ctx())).toBe(`echo ${(text as { Content: string }).Content}`);
    const later = new Router().on('text', async () => 'later');
    const pending = later.route(ctx());
    expect(pending).toBeInstanceOf(Promise);
    await expect(pending).resolves.toBe('later');
  });

  test('with middleware, runs it around the handler and gives a promise', async () => {
    const router = new Router()
      .use(async (_ctx, next) => `[${String(await next())}]`)
      .on('text', () => 'inner');
    const result = router.route(ctx());
    expect(result).toBeInstanceOf(Promise);
    await expect(result).resolves.toBe('[inner]');
  });

  test('a throwing handler throws from route, and rejects from dispatch', async () => {
    const router = new Router().on('text', () => {
      throw new Error('handler failed');
    });
    expect(() => router.route(ctx())).toThrow('handler failed');
    await expect(router.dispatch(ctx())).rejects.toThrow('handler failed');
  });

  test('no matching route and no otherwise: nothing, and dispatch resolves to nothing', async () => {
    const router = new Router().on('image', () => 'never');
    expect(router.route(ctx())).toBeUndefined();
    await expect(router.dispatch(ctx())).resolves.toBeUndefined();
  });
});
