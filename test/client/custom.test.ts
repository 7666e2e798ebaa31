import { afterEach, describe, expect, test } from 'vitest';
import { CUSTOM_WINDOW_SECONDS, type CustomMessage } from '../../src/client/api/custom.js';
import { WeChatApiError, WeChatRateLimitError, WeChatWindowClosedError } from '../../src/client/errors.js';
import type { Emulator } from '../../src/emulator.js';
import { inboxOf } from '../helpers/inbox.js';
import { rejection } from '../helpers/rejection.js';
import { startWebhook } from '../helpers/webhook.js';
import { APP_ID, advance, calls, clientFor, control, emulatorPool, fault } from './helpers.js';

const SEND = '/cgi-bin/message/custom/send';
const TYPING = '/cgi-bin/message/custom/typing';
const OPENID = 'oClientCustomUser';
const KEY = `${APP_ID}:interaction:${OPENID}`;

const pool = emulatorPool();
afterEach(pool.closeAll);

/** An emulator with a webhook and the user {@link OPENID}, who wrote to it unless `interacted` is false. */
async function setup(interacted = true): Promise<Emulator> {
  const emulator = await pool.start({ webhook: (await startWebhook()).url });
  await control(emulator.url, 'POST', '/emulator/users', { openid: OPENID });
  if (interacted)
    await control(emulator.url, 'POST', `/emulator/users/${OPENID}/send`, { MsgType: 'text', Content: 'hi' });
  return emulator;
}

/** One message of every kind. */
const EVERY_KIND: readonly CustomMessage[] = [
  { touser: OPENID, msgtype: 'text', text: { content: '您的订单已发货' } },
  { touser: OPENID, msgtype: 'image', image: { media_id: 'IMAGE' } },
  { touser: OPENID, msgtype: 'voice', voice: { media_id: 'VOICE' } },
  { touser: OPENID, msgtype: 'video', video: { media_id: 'VIDEO', thumb_media_id: 'THUMB', title: 'T' } },
  {
    touser: OPENID,
    msgtype: 'music',
    music: { musicurl: 'https://e.com/a.mp3', hqmusicurl: 'https://e.com/b.mp3', thumb_media_id: 'THUMB' },
  },
  { touser: OPENID, msgtype: 'news', news: { articles: [{ title: 'News', url: 'https://e.com/' }] } },
  { touser: OPENID, msgtype: 'mpnews', mpnews: { media_id: 'NEWS' } },
  { touser: OPENID, msgtype: 'mpnewsarticle', mpnewsarticle: { article_id: 'ARTICLE' } },
  {
    touser: OPENID,
    msgtype: 'msgmenu',
    msgmenu: { head_content: '满意吗？', list: [{ id: '101', content: '满意' }], tail_content: '谢谢' },
  },
  { touser: OPENID, msgtype: 'wxcard', wxcard: { card_id: 'CARD' } },
  {
    touser: OPENID,
    msgtype: 'miniprogrampage',
    miniprogrampage: { title: 'Page', appid: 'wxa123', pagepath: 'pages/index', thumb_media_id: 'THUMB' },
    customservice: { kf_account: 'test1@kftest' },
  },
];

describe('client.custom against the emulator', () => {
  test('send: every kind is delivered as sent (without touser)', async () => {
    const { url } = await setup();
    await control(url, 'PATCH', '/emulator/custom/limits', { perWindow: EVERY_KIND.length });
    const client = clientFor(url);
    for (const message of EVERY_KIND) await client.custom.send(message);
    expect(await inboxOf(url, OPENID, 'custom')).toEqual(EVERY_KIND.map(({ touser: _, ...rest }) => rest));
    expect(await calls(url, SEND)).toBe(EVERY_KIND.length);
  });

  test('45015 outside the window: WeChatWindowClosedError from the platform (not local)', async () => {
    const { url } = await setup(false);
    const error = await rejection(
      clientFor(url).custom.send({ touser: OPENID, msgtype: 'text', text: { content: 'x' } }),
    );
    expect(error).toBeInstanceOf(WeChatWindowClosedError);
    expect(error).toBeInstanceOf(WeChatApiError);
    expect((error as WeChatWindowClosedError).errcode).toBe(45015);
    expect((error as WeChatWindowClosedError).local).toBe(false);
    expect((error as WeChatWindowClosedError).rid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
    expect(await calls(url, SEND)).toBe(1);
  });

  test('45015 after 48 hours of the emulator clock', async () => {
    const { url } = await setup();
    const client = clientFor(url);
    await advance(url, CUSTOM_WINDOW_SECONDS + 60);
    const error = await rejection(
      client.custom.send({ touser: OPENID, msgtype: 'text', text: { content: 'x' } }),
    );
    expect((error as WeChatApiError).errcode).toBe(45015);
  });

  test('40003 for an unknown openid: a plain WeChatApiError', async () => {
    const { url } = await setup();
    const error = await rejection(
      clientFor(url).custom.send({ touser: 'oNobody', msgtype: 'text', text: { content: 'x' } }),
    );
    expect(error).toBeInstanceOf(WeChatApiError);
    expect(error).not.toBeInstanceOf(WeChatWindowClosedError);
    expect((error as WeChatApiError).errcode).toBe(40003);
    expect((error as WeChatApiError).errmsg).toBe('invalid openid');
  });

  test('45047 past the cap: WeChatRateLimitError', async () => {
    const { url } = await setup();
    const client = clientFor(url);
    for (let i = 0; i < 5; i++)
      await client.custom.send({ touser: OPENID, msgtype: 'text', text: { content: `${i}` } });
    const error = await rejection(
      client.custom.send({ touser: OPENID, msgtype: 'text', text: { content: '6' } }),
    );
    expect(error).toBeInstanceOf(WeChatRateLimitError);
    expect((error as WeChatRateLimitError).errcode).toBe(45047);
  });

  test('send is never repeated: a -1 fails at once, with one call', async () => {
    const { url } = await setup();
    const client = clientFor(url);
    await fault(url, { path: SEND, errcode: -1, times: 1 });
    const error = await rejection(
      client.custom.send({ touser: OPENID, msgtype: 'text', text: { content: 'x' } }),
    );
    expect((error as WeChatApiError).errcode).toBe(-1);
    expect(await calls(url, SEND)).toBe(1);
    expect(await inboxOf(url, OPENID, 'custom')).toEqual([]);
  });

  test('typing: Typing and CancelTyping; 45081 while typing; 45072 for a bad command', async () => {
    const { url } = await setup();
    const client = clientFor(url);
    await client.custom.typing(OPENID);
    const again = await rejection(client.custom.typing(OPENID, 'Typing'));
    expect((again as WeChatApiError).errcode).toBe(45081);
    await client.custom.typing(OPENID, 'CancelTyping');
    const bad = await rejection(client.custom.typing(OPENID, 'typing' as 'Typing'));
    expect((bad as WeChatApiError).errcode).toBe(45072);
    expect(await calls(url, TYPING)).toBe(4);
  });
});

describe('the opt-in local window check', () => {
  const message: CustomMessage = { touser: OPENID, msgtype: 'text', text: { content: 'x' } };
  const now = () => Math.floor(Date.now() / 1000);

  test('no interaction recorded: refused locally, no call made (not even for a token)', async () => {
    const { url } = await setup();
    const client = clientFor(url);
    const error = await rejection(client.custom.send(message, { checkWindow: true }));
    expect(error).toBeInstanceOf(WeChatWindowClosedError);
    expect((error as WeChatWindowClosedError).local).toBe(true);
    expect((error as WeChatWindowClosedError).errcode).toBe(45015);
    expect((error as WeChatWindowClosedError).lastInteraction).toBeUndefined();
    expect((error as Error).message).toContain(
      `no interaction of ${OPENID} is recorded in the store (key ${KEY})`,
    );
    expect((error as Error).message).toContain('no call made');
    expect(await calls(url, SEND)).toBe(0);
    expect(await calls(url, '/cgi-bin/stable_token')).toBe(0);
  });

  test('an interaction older than 48 h: refused locally, with its time', async () => {
    const { url } = await setup();
    const client = clientFor(url);
    const old = now() - CUSTOM_WINDOW_SECONDS - 3600;
    await client.store.set(KEY, String(old));
    const error = await rejection(client.custom.send(message, { checkWindow: true }));
    expect((error as WeChatWindowClosedError).local).toBe(true);
    expect((error as WeChatWindowClosedError).lastInteraction).toBe(old);
    expect((error as Error).message).toMatch(/was 49 h ago .*the window is 48 h/);
    expect(await calls(url, SEND)).toBe(0);
  });

  test('a value that is not a Unix time: refused locally', async () => {
    const { url } = await setup();
    const client = clientFor(url);
    await client.store.set(KEY, 'yesterday');
    const error = await rejection(client.custom.send(message, { checkWindow: true }));
    expect((error as WeChatWindowClosedError).local).toBe(true);
    expect((error as Error).message).toContain(`the store holds no Unix time under ${KEY}`);
    expect(await calls(url, SEND)).toBe(0);
  });

  test('a recent interaction: the message is sent', async () => {
    const { url } = await setup();
    const client = clientFor(url);
    const recent = now() - 47 * 3600;
    await client.store.set(KEY, String(recent));
    expect(await client.custom.lastInteraction(OPENID)).toBe(recent);
    await client.custom.send(message, { checkWindow: true });
    expect(await calls(url, SEND)).toBe(1);
    expect(await inboxOf(url, OPENID, 'custom')).toEqual([{ msgtype: 'text', text: { content: 'x' } }]);
  });

  test('passing locally does not bypass the platform: its 45015 still comes through', async () => {
    const { url } = await setup(false); // the emulator's user never wrote
    const client = clientFor(url);
    await client.store.set(KEY, String(now()));
    const error = await rejection(client.custom.send(message, { checkWindow: true }));
    expect((error as WeChatWindowClosedError).local).toBe(false);
    expect(await calls(url, SEND)).toBe(1);
  });

  test('without checkWindow the store is not consulted', async () => {
    const { url } = await setup();
    const client = clientFor(url);
    await client.custom.send(message);
    expect(await client.store.get(KEY)).toBeUndefined();
    expect(await calls(url, SEND)).toBe(1);
  });

  test('checkWindow and lastInteraction on their own', async () => {
    const { url } = await setup();
    const client = clientFor(url);
    expect(await client.custom.lastInteraction(OPENID)).toBeUndefined();
    await client.store.set(KEY, '1700000000');
    expect(await client.custom.lastInteraction(OPENID)).toBe(1_700_000_000);
    await client.custom.checkWindow(OPENID, 1_700_000_000 + CUSTOM_WINDOW_SECONDS - 1);
    await expect(
      client.custom.checkWindow(OPENID, 1_700_000_000 + CUSTOM_WINDOW_SECONDS),
    ).rejects.toBeInstanceOf(WeChatWindowClosedError);
    expect(await calls(url, SEND)).toBe(0);
  });
});

test('types: the union narrows on msgtype; news takes exactly one article', () => {
  const narrow = (message: CustomMessage): string =>
    message.msgtype === 'text' ? message.text.content : message.msgtype;
  expect(narrow({ touser: OPENID, msgtype: 'text', text: { content: 'c' } })).toBe('c');
  const wrong: CustomMessage[] = [
    // @ts-expect-error two articles: the platform allows one (45008)
    { touser: OPENID, msgtype: 'news', news: { articles: [{ title: 'a' }, { title: 'b' }] } },
    // @ts-expect-error a text needs content
    { touser: OPENID, msgtype: 'text', text: {} },
    // @ts-expect-error the payload must match the msgtype
    { touser: OPENID, msgtype: 'image', voice: { media_id: 'M' } },
  ];
  expect(wrong).toHaveLength(3);
});
