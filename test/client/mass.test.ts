import { afterEach, describe, expect, test } from 'vitest';
import type { MassSendAllMessage } from '../../src/client/api/mass.js';
import { WeChatApiError, WeChatRateLimitError } from '../../src/client/errors.js';
import type { EmulatorOptions } from '../../src/emulator.js';
import { inboxOf } from '../helpers/inbox.js';
import { rejection } from '../helpers/rejection.js';
import { APP_ID, advance, calls, clientFor, control, emulatorPool, fault } from './helpers.js';

const SENDALL = '/cgi-bin/message/mass/sendall';
const SEND = '/cgi-bin/message/mass/send';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const TO_ALL: MassSendAllMessage = {
  filter: { is_to_all: true },
  msgtype: 'text',
  text: { content: '本周活动' },
};

const pool = emulatorPool();
afterEach(pool.closeAll);

/** An emulator with followers `oA` and `oB`. */
async function setup(options: EmulatorOptions = {}): Promise<string> {
  const { url } = await pool.start(options);
  for (const openid of ['oA', 'oB']) await control(url, 'POST', '/emulator/users', { openid });
  return url;
}

function chinaDay(seconds: number): string {
  return new Date(seconds * 1000 + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

describe('client.mass against the emulator', () => {
  test('uploadImage, uploadNews, then sendAll of the news: ids are strings', async () => {
    const url = await setup();
    const client = clientFor(url);
    const image = await client.mass.uploadImage(new Blob([PNG], { type: 'image/png' }), 'cover.png');
    expect(image.url).toMatch(/^http:\/\/mmbiz\.qpic\.cn\/mmbiz_png\//);
    const news = await client.mass.uploadNews([
      {
        thumb_media_id: 'THUMB',
        title: '上新',
        content: `<p><img src="${image.url}"></p>`,
        show_cover_pic: 1,
      },
    ]);
    expect(news.type).toBe('news');
    const sent = await client.mass.sendAll({
      filter: { is_to_all: true },
      msgtype: 'mpnews',
      mpnews: { media_id: news.media_id },
      send_ignore_reprint: 0,
    });
    expect(sent.errmsg).toBe('send job submission success');
    expect(sent.msg_id).toMatch(/^\d+$/);
    expect(sent.msg_data_id).toMatch(/^\d+$/);
    expect(await inboxOf(url, 'oA', 'mass')).toEqual([
      { msg_id: sent.msg_id, msgtype: 'mpnews', mpnews: { media_id: news.media_id } },
    ]);
  });

  test('send to an openid list; get; delete; the platform’s errors as WeChatApiError', async () => {
    const url = await setup();
    const client = clientFor(url);
    const sent = await client.mass.send({ touser: ['oA', 'oB'], msgtype: 'voice', voice: { media_id: 'V' } });
    expect(sent.msg_data_id).toBeUndefined();
    expect(await inboxOf(url, 'oB', 'mass')).toHaveLength(1);
    expect(await client.mass.get(sent.msg_id)).toEqual({ msg_id: sent.msg_id, msg_status: 'SEND_SUCCESS' });
    await client.mass.delete(sent.msg_id);
    expect((await client.mass.get(sent.msg_id)).msg_status).toBe('DELETE');

    const few = await rejection(
      client.mass.send({ touser: ['oA'], msgtype: 'text', text: { content: 'x' } }),
    );
    expect(few).toBeInstanceOf(WeChatApiError);
    expect((few as WeChatApiError).errcode).toBe(40130);
    const unknown = await rejection(client.mass.get('123'));
    expect((unknown as WeChatApiError).errcode).toBe(40059);
    const idx = await rejection(client.mass.delete(sent.msg_id, 1));
    expect((idx as WeChatApiError).errcode).toBe(40060);
  });

  test('delete one article of news', async () => {
    const url = await setup();
    const client = clientFor(url);
    const article = { thumb_media_id: 'T', title: 'A', content: 'c' };
    const news = await client.mass.uploadNews([article, article]);
    const sent = await client.mass.sendAll({
      filter: { is_to_all: true },
      msgtype: 'mpnews',
      mpnews: { media_id: news.media_id },
    });
    await client.mass.delete(sent.msg_id, 2);
    expect((await client.mass.get(sent.msg_id)).msg_status).toBe('SEND_SUCCESS');
    await client.mass.delete(sent.msg_id, 1);
    expect((await client.mass.get(sent.msg_id)).msg_status).toBe('DELETE');
  });

  test('preview by openid and by towxname', async () => {
    const url = await setup();
    const client = clientFor(url);
    const preview = await client.mass.preview({
      touser: 'oA',
      msgtype: 'wxcard',
      wxcard: { card_id: 'CARD' },
    });
    expect(preview).toEqual({
      errcode: 0,
      errmsg: 'preview success',
      msg_id: expect.stringMatching(/^\d+$/),
    });
    await client.mass.preview({
      towxname: 'oB',
      msgtype: 'image',
      images: { media_ids: ['I1'], recommend: '看看' },
    });
    expect(await inboxOf(url, 'oA', 'mass')).toEqual([
      { msg_id: preview.msg_id, msgtype: 'wxcard', wxcard: { card_id: 'CARD' }, preview: true },
    ]);
    expect(await inboxOf(url, 'oB', 'mass')).toHaveLength(1);
  });

  test('getSpeed and setSpeed', async () => {
    const client = clientFor(await setup());
    expect(await client.mass.getSpeed()).toEqual({ speed: 0, realspeed: 80 });
    await client.mass.setSpeed(4);
    expect(await client.mass.getSpeed()).toEqual({ speed: 4, realspeed: 10 });
  });

  test('a send is never retried: -1 is thrown after one call', async () => {
    const url = await setup();
    await fault(url, { path: SENDALL, errcode: -1 });
    const error = await rejection(clientFor(url).mass.sendAll(TO_ALL));
    expect((error as WeChatApiError).errcode).toBe(-1);
    expect(await calls(url, SENDALL)).toBe(1);
    expect(await inboxOf(url, 'oA', 'mass')).toEqual([]);
  });

  test('clientmsgid: the platform’s 45066 and 45065 come through', async () => {
    const url = await setup();
    const client = clientFor(url);
    await client.mass.sendAll({ ...TO_ALL, clientmsgid: 'weekly-42' });
    const again = await rejection(client.mass.sendAll({ ...TO_ALL, clientmsgid: 'weekly-42' }));
    expect(again).toBeInstanceOf(WeChatRateLimitError);
    expect((again as WeChatRateLimitError).errcode).toBe(45066);
    await advance(url, 61);
    const duplicate = await rejection(client.mass.sendAll({ ...TO_ALL, clientmsgid: 'weekly-42' }));
    expect((duplicate as WeChatApiError).errcode).toBe(45065);
    expect(await inboxOf(url, 'oA', 'mass')).toHaveLength(1);
  });
});

describe('the frequency, checked locally from the store', () => {
  test('subscription account: the second send of the day is refused with no call made', async () => {
    const url = await setup({ accountType: 'subscription' });
    const client = clientFor(url);
    const now = Math.floor(Date.now() / 1000);
    expect(await client.mass.remainingSends('subscription', now)).toBe(1);
    await client.mass.sendAll(TO_ALL, { accountType: 'subscription', now });
    expect(await client.store.get(`${APP_ID}:mass:day:${chinaDay(now)}`)).toBe('1');
    expect(await client.mass.remainingSends('subscription', now)).toBe(0);

    const error = await rejection(client.mass.sendAll(TO_ALL, { accountType: 'subscription', now }));
    expect(error).toBeInstanceOf(WeChatRateLimitError);
    expect((error as WeChatRateLimitError).local).toBe(true);
    expect((error as WeChatRateLimitError).errcode).toBe(45028);
    expect((error as Error).message).toMatch(/refused locally, no call made/);
    expect(await calls(url, SENDALL)).toBe(1);

    // Tags count too for a subscription account; the next day is free again.
    const tag = { ...TO_ALL, filter: { is_to_all: false, tag_id: 2 } } as const;
    await expect(client.mass.sendAll(tag, { accountType: 'subscription', now })).rejects.toMatchObject({
      local: true,
    });
    expect(await client.mass.remainingSends('subscription', now + 86_400)).toBe(1);
    expect(await calls(url, SENDALL)).toBe(1);
  });

  test('without accountType the platform decides: its 45028 is not local', async () => {
    const url = await setup({ accountType: 'subscription' });
    const client = clientFor(url);
    await client.mass.sendAll(TO_ALL);
    const error = await rejection(client.mass.sendAll(TO_ALL));
    expect(error).toBeInstanceOf(WeChatRateLimitError);
    expect((error as WeChatRateLimitError).errcode).toBe(45028);
    expect((error as WeChatRateLimitError).local).toBe(false);
    expect(await calls(url, SENDALL)).toBe(2);
    // The successful send was counted all the same.
    expect(await client.mass.remainingSends('subscription')).toBe(0);
  });

  test('service account: the fifth send to all of the month is refused locally; tag sends go through', async () => {
    const url = await setup({ accountType: 'service' });
    const client = clientFor(url);
    const now = Math.floor(Date.now() / 1000);
    for (let i = 0; i < 4; i++) {
      expect(await client.mass.remainingSends('service', now)).toBe(4 - i);
      await client.mass.sendAll(TO_ALL, { accountType: 'service', now });
    }
    const error = await rejection(client.mass.sendAll(TO_ALL, { accountType: 'service', now }));
    expect((error as WeChatRateLimitError).local).toBe(true);
    expect((error as WeChatRateLimitError).errcode).toBe(45028);
    expect(await calls(url, SENDALL)).toBe(4);
    expect(await inboxOf(url, 'oA', 'mass')).toHaveLength(4);

    // A tag send is not checked locally (the limit is per follower): the platform answers.
    const tag = { ...TO_ALL, filter: { is_to_all: false, tag_id: 2 } } as const;
    const result = await client.mass.sendAll(tag, { accountType: 'service', now });
    expect(result.errcode).toBe(0);
    expect(await calls(url, SENDALL)).toBe(5);
    // send() by openid list is never checked locally: the platform refuses (everyone had 4).
    const listed = await rejection(
      client.mass.send({ touser: ['oA', 'oB'], msgtype: 'text', text: { content: 'x' } }),
    );
    expect((listed as WeChatRateLimitError).local).toBe(false);
    expect(await calls(url, SEND)).toBe(1);
  });
});
