// POST /emulator/users/{openid}/click: a simulated user taps a menu button over the control API.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from 'vitest';
import { startEmulator } from '../../src/emulator.js';
import { parseMessage } from '../../src/protocol/parse-message.js';

test('a tap pushes the button event to the webhook; a bad target is a 400, an unknown key a 404', async () => {
  const pushed: string[] = [];
  const webhook = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      pushed.push(body);
      res.end('success');
    });
  });
  await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  const emulator = await startEmulator({
    appId: 'wx0123456789abcdef',
    appSecret: 'secret',
    mode: 'plain',
    webhook: `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/`,
  });
  try {
    const call = async (path: string, body?: unknown, method = 'POST') =>
      fetch(`${emulator.url}${path}`, {
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const { access_token } = (await (
      await call(
        '/cgi-bin/token?grant_type=client_credential&appid=wx0123456789abcdef&secret=secret',
        undefined,
        'GET',
      )
    ).json()) as { access_token: string };
    const menu = {
      button: [
        { type: 'click', name: '帮助', key: 'MENU_HELP' },
        { type: 'view', name: '官网', url: 'https://example.com/' },
      ],
    };
    expect(
      await (await call(`/cgi-bin/menu/create?access_token=${access_token}`, menu)).json(),
    ).toMatchObject({ errcode: 0 });
    const { openid } = (await (await call('/emulator/users', {})).json()) as { openid: string };

    expect((await call(`/emulator/users/${openid}/click`, { key: 'MENU_HELP' })).status).toBe(200);
    expect((await call(`/emulator/users/${openid}/click`, { path: [1] })).status).toBe(200);
    const events = pushed.map((xml) => parseMessage(xml));
    expect(
      events.map((m) =>
        m.MsgType === 'event' ? [String(m.Event), (m as { EventKey?: string }).EventKey] : [],
      ),
    ).toEqual([
      ['CLICK', 'MENU_HELP'],
      ['VIEW', 'https://example.com/'],
    ]);
    expect((await call(`/emulator/users/${openid}/click`, { key: 'NOPE' })).status).toBe(404);
    expect((await call(`/emulator/users/${openid}/click`, { path: 'x' })).status).toBe(400);
  } finally {
    await emulator.close();
    await new Promise<void>((resolve) => webhook.close(() => resolve()));
  }
});
