import { describe, expect, test } from 'vitest';
import type { EmulatorOptions } from '../../src/emulator.js';
import type { MassSendJobFinishEvent } from '../../src/protocol/messages.js';
import { Account } from '../helpers/account.js';
import { tempStatePath } from '../helpers/state-file.js';
import { startWebhook, type Webhook } from '../helpers/webhook.js';
import { type ApiBody, emulatorPerTest, expectError, RID_SUFFIX } from './helpers.js';

const UPLOADIMG = '/cgi-bin/media/uploadimg';
const UPLOADNEWS = '/cgi-bin/media/uploadnews';
const SENDALL = '/cgi-bin/message/mass/sendall';
const SEND = '/cgi-bin/message/mass/send';
const PREVIEW = '/cgi-bin/message/mass/preview';
const GET = '/cgi-bin/message/mass/get';
const DELETE = '/cgi-bin/message/mass/delete';
const SPEED_GET = '/cgi-bin/message/mass/speed/get';
const SPEED_SET = '/cgi-bin/message/mass/speed/set';

const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);
const JPG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]);

const TO_ALL = { filter: { is_to_all: true } } as const;
const TEXT = { msgtype: 'text', text: { content: '本周活动' } } as const;

/** Waits, polling, until the webhook has received `count` MASSSENDJOBFINISH events; returns them. */
async function finishEvents(webhook: Webhook, count: number): Promise<MassSendJobFinishEvent[]> {
  const events = () =>
    webhook
      .received()
      .filter((m): m is MassSendJobFinishEvent => m.MsgType === 'event' && m.Event === 'MASSSENDJOBFINISH');
  for (let i = 0; i < 500 && events().length < count; i++) await new Promise((r) => setTimeout(r, 20));
  expect(events()).toHaveLength(count);
  return events();
}

// ---- an emulator, its token and users ----------------------------------------------------------

const start = emulatorPerTest();

class MassAccount extends Account {
  get state() {
    return this.harness.emulator.state;
  }

  /** Gives a user tags directly in the state (the tags API is a module of its own). */
  tag(openid: string, ...tagids: number[]): void {
    const user = this.state.users[openid];
    if (user === undefined) throw new Error(`no user ${openid}`);
    user.tagids = tagids;
  }

  defineTag(id: number, name: string): void {
    this.state.tags = { ...this.state.tags, [String(id)]: { id, name } };
  }

  /** Uploads a file under the form field `field` (default `media`). */
  async upload(data: Uint8Array, type = 'image/png', field = 'media'): Promise<ApiBody> {
    const form = new FormData();
    form.append(field, new Blob([data], { type }), 'file');
    const url = new URL(UPLOADIMG, this.harness.url);
    url.searchParams.set('access_token', this.token);
    const response = await fetch(url, { method: 'POST', body: form });
    expect(response.status).toBe(200);
    return (await response.json()) as ApiBody;
  }
}

async function account(options: EmulatorOptions = {}, users: readonly string[] = []): Promise<MassAccount> {
  return MassAccount.start(await start(options), users);
}

function expectSent(body: ApiBody, withDataId = false): void {
  expect(body.errcode).toBe(0);
  expect(body.errmsg).toBe('send job submission success');
  expect(typeof body.msg_id).toBe('number');
  if (withDataId) expect(typeof body.msg_data_id).toBe('number');
  else expect(body.msg_data_id).toBeUndefined();
}

// ---- preparation -------------------------------------------------------------------------------

describe('media/uploadimg', () => {
  test('a png or jpg under 1 MB gives an mmbiz URL', async () => {
    const a = await account();
    const png = await a.upload(PNG);
    expect(png.errcode).toBeUndefined();
    expect(png.url).toMatch(/^http:\/\/mmbiz\.qpic\.cn\/mmbiz_png\/[A-Za-z0-9]+\/0$/);
    expect((await a.upload(JPG, 'image/jpeg')).url).toMatch(/^http:\/\/mmbiz\.qpic\.cn\/mmbiz_jpg\//);
  });

  test('41005 no media field, 44001 an empty one, 40005 not an image, 40009 1 MB or more', async () => {
    const a = await account();
    expectError(await a.post(UPLOADIMG), 41005, 'media data missing');
    expectError(await a.upload(PNG, 'image/png', 'file'), 41005);
    expectError(await a.upload(new Uint8Array(0)), 44001, 'empty media data');
    expectError(await a.upload(Buffer.from('GIF89a........'), 'image/gif'), 40005, 'invalid file type');
    const big = Buffer.concat([PNG, Buffer.alloc(1024 * 1024)]);
    expectError(await a.upload(big), 40009, 'invalid image size');
  });
});

const ARTICLE = {
  thumb_media_id: 'THUMB',
  author: 'xxx',
  title: 'Happy Day',
  content_source_url: 'https://example.com',
  content: '<p>content</p>',
  digest: 'digest',
  show_cover_pic: 1,
  need_open_comment: 1,
  only_fans_can_comment: 0,
};

describe('media/uploadnews', () => {
  test('articles give a news media_id', async () => {
    const a = await account();
    const now = await a.harness.now();
    const body = await a.post(UPLOADNEWS, { articles: [ARTICLE, { ...ARTICLE, title: '第二篇' }] });
    expect(body.errcode).toBeUndefined();
    expect(body.type).toBe('news');
    expect(body.media_id).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(body.created_at).toBeGreaterThanOrEqual(now);
  });

  test('44003 no articles, 45008 more than 8, 40007 no thumb_media_id, 47001 a missing title or bad field', async () => {
    const a = await account();
    expectError(await a.post(UPLOADNEWS, {}), 44003, 'empty news data');
    expectError(await a.post(UPLOADNEWS, { articles: [] }), 44003);
    expectError(await a.post(UPLOADNEWS, { articles: Array(9).fill(ARTICLE) }), 45008);
    const { thumb_media_id: _, ...noThumb } = ARTICLE;
    expectError(await a.post(UPLOADNEWS, { articles: [noThumb] }), 40007, 'invalid media_id');
    expectError(await a.post(UPLOADNEWS, { articles: [{ ...ARTICLE, title: '' }] }), 47001);
    expectError(await a.post(UPLOADNEWS, { articles: [{ ...ARTICLE, show_cover_pic: 2 }] }), 47001);
    expectError(await a.post(UPLOADNEWS, { articles: ['x'] }), 47001);
  });

  test('10 a day (45009)', async () => {
    const a = await account();
    await a.nextDay();
    for (let i = 0; i < 10; i++)
      expect((await a.post(UPLOADNEWS, { articles: [ARTICLE] })).type).toBe('news');
    expectError(await a.post(UPLOADNEWS, { articles: [ARTICLE] }), 45009);
  });
});

// ---- sendall -----------------------------------------------------------------------------------

describe('message/mass/sendall', () => {
  test('to all: every follower receives it, nobody else', async () => {
    const a = await account({}, ['oA', 'oB']);
    await a.createUser('oGone', { subscribed: false });
    const body = await a.post(SENDALL, { ...TO_ALL, ...TEXT });
    expectSent(body);
    const expected = { msg_id: String(body.msg_id), msgtype: 'text', text: { content: '本周活动' } };
    expect(await a.inboxOf('oA', 'mass')).toEqual([expected]);
    expect(await a.inboxOf('oB', 'mass')).toEqual([expected]);
    expect(await a.inboxOf('oGone', 'mass')).toEqual([]);
  });

  test('msg_id and msg_data_id are bare JSON numbers; msg_data_id for mpnews and images only', async () => {
    const a = await account({}, ['oA']);
    const response = await a.harness.request('POST', SENDALL, {
      query: { access_token: a.token },
      body: { ...TO_ALL, msgtype: 'mpnews', mpnews: { media_id: 'NEWS' } },
    });
    expect(await response.text()).toMatch(
      /^\{"errcode":0,"errmsg":"send job submission success","msg_id":\d+,"msg_data_id":\d+\}$/,
    );
    expectSent(await a.post(SENDALL, { ...TO_ALL, msgtype: 'image', images: { media_ids: ['I1'] } }), true);
    expectSent(await a.post(SENDALL, { ...TO_ALL, msgtype: 'voice', voice: { media_id: 'V' } }));
  });

  test('by tag: only the followers with the tag; system tags always exist', async () => {
    const a = await account({}, ['oA', 'oB', 'oC']);
    await a.createUser('oGone', { subscribed: false });
    a.defineTag(100, '广东');
    a.tag('oA', 100);
    a.tag('oB', 2, 100);
    a.tag('oGone', 100);
    const body = await a.post(SENDALL, { filter: { is_to_all: false, tag_id: 100 }, ...TEXT });
    expectSent(body);
    expect(await a.inboxOf('oA', 'mass')).toHaveLength(1);
    expect(await a.inboxOf('oB', 'mass')).toHaveLength(1);
    expect(await a.inboxOf('oC', 'mass')).toEqual([]);
    expect(await a.inboxOf('oGone', 'mass')).toEqual([]);
    expectSent(await a.post(SENDALL, { filter: { is_to_all: false, tag_id: '2' }, ...TEXT }));
    expect(await a.inboxOf('oB', 'mass')).toHaveLength(2);
    expect(await a.inboxOf('oA', 'mass')).toHaveLength(1);
  });

  test('45159 an unknown or missing tag_id; 47001 no filter or a wrong is_to_all', async () => {
    const a = await account({}, ['oA']);
    a.defineTag(100, '广东');
    expectError(await a.post(SENDALL, { filter: { is_to_all: false, tag_id: 101 }, ...TEXT }), 45159);
    expectError(await a.post(SENDALL, { filter: { is_to_all: false }, ...TEXT }), 45159, 'invalid tag id');
    expectError(await a.post(SENDALL, { filter: { tag_id: -1 }, ...TEXT }), 45159);
    expectError(await a.post(SENDALL, TEXT), 47001);
    expectError(await a.post(SENDALL, { filter: { is_to_all: 'yes' }, ...TEXT }), 47001);
    expect(await a.inboxOf('oA', 'mass')).toEqual([]);
  });

  test('payload checks: 40008 msgtype, 40007 media_id, 44004 empty text, 47001 the rest', async () => {
    const a = await account({}, ['oA']);
    const cases: [object, number][] = [
      [{ msgtype: 'news', news: { articles: [] } }, 40008],
      [{ text: { content: 'x' } }, 40008],
      [{ msgtype: 'mpnews', mpnews: {} }, 40007],
      [{ msgtype: 'voice', voice: { media_id: '' } }, 40007],
      [{ msgtype: 'mpvideo', mpvideo: {} }, 40007],
      [{ msgtype: 'image', images: { media_ids: [] } }, 40007],
      [{ msgtype: 'image', images: { media_ids: 'I1' } }, 47001],
      [{ msgtype: 'image', images: { media_ids: ['I1'], need_open_comment: 2 } }, 47001],
      [{ msgtype: 'text', text: { content: '' } }, 44004],
      [{ msgtype: 'text', text: 'hi' }, 47001],
      [{ msgtype: 'text' }, 47001],
      [{ msgtype: 'wxcard', wxcard: {} }, 47001],
      [{ msgtype: 'mpnews', mpnews: { media_id: 'N' }, send_ignore_reprint: 2 }, 47001],
    ];
    for (const [message, errcode] of cases) {
      expectError(await a.post(SENDALL, { ...TO_ALL, ...message }), errcode);
    }
    expect(await a.inboxOf('oA', 'mass')).toEqual([]);
  });

  test('every msgtype is delivered with its documented fields', async () => {
    const a = await account({}, ['oA']);
    await a.nextMonth();
    const messages = [
      { msgtype: 'mpnews', mpnews: { media_id: 'NEWS' } },
      TEXT,
      { msgtype: 'voice', voice: { media_id: 'VOICE' } },
      {
        msgtype: 'image',
        images: {
          media_ids: ['I1', 'I2'],
          recommend: '推荐',
          need_open_comment: 1,
          only_fans_can_comment: 0,
        },
      },
      { msgtype: 'mpvideo', mpvideo: { media_id: 'VIDEO', title: 'T', description: 'D' } },
      { msgtype: 'wxcard', wxcard: { card_id: 'CARD' } },
    ];
    for (const [i, message] of messages.entries()) {
      if (i === 4) await a.nextMonth(); // a follower of a service account receives 4 a month
      const body = await a.post(SENDALL, { ...TO_ALL, ...message, send_ignore_reprint: 1, extra: 'x' });
      expectSent(body, i === 0 || i === 3);
    }
    const inbox = await a.inboxOf('oA', 'mass');
    expect(inbox.map(({ msg_id: _, ...rest }) => rest)).toEqual(messages);
  });
});

// ---- send (openid list) ------------------------------------------------------------------------

describe('message/mass/send', () => {
  test('to the listed followers: unknown openids are errors, non-followers filtered out', async () => {
    const webhook = await startWebhook();
    const a = await account({ webhook: webhook.url, mode: 'plain' }, ['oA', 'oB', 'oC']);
    await a.createUser('oGone', { subscribed: false });
    const body = await a.post(SEND, { touser: ['oA', 'oB', 'oA', 'oGone', 'oNobody'], ...TEXT });
    expectSent(body);
    expect(await a.inboxOf('oA', 'mass')).toHaveLength(1);
    expect(await a.inboxOf('oB', 'mass')).toHaveLength(1);
    expect(await a.inboxOf('oC', 'mass')).toEqual([]);
    expect(await a.inboxOf('oGone', 'mass')).toEqual([]);
    const [event] = await finishEvents(webhook, 1);
    expect(event).toMatchObject({
      MsgID: String(body.msg_id),
      Status: 'send success',
      TotalCount: 4,
      FilterCount: 3,
      SentCount: 2,
      ErrorCount: 1,
    });
  });

  test('40130 fewer than 2 openids, 40032 more than 10 000, 47001 not a list of strings', async () => {
    const a = await account({}, ['oA', 'oB']);
    expectError(
      await a.post(SEND, { touser: ['oA'], ...TEXT }),
      40130,
      'invalid openid list size, at least two openid',
    );
    expectError(await a.post(SEND, TEXT), 40130);
    const many = Array.from({ length: 10_001 }, (_, i) => `o${i}`);
    expectError(await a.post(SEND, { touser: many, ...TEXT }), 40032, 'invalid openid list size');
    expectError(await a.post(SEND, { touser: 'oA', ...TEXT }), 47001);
    expectError(await a.post(SEND, { touser: ['oA', 7], ...TEXT }), 47001);
    expect(await a.inboxOf('oA', 'mass')).toEqual([]);
  });

  test('10 000 openids are accepted', async () => {
    const a = await account({}, ['oA']);
    const many = ['oA', ...Array.from({ length: 9_999 }, (_, i) => `oUnknown${i}`)];
    expectSent(await a.post(SEND, { touser: many, ...TEXT }));
    expect(await a.inboxOf('oA', 'mass')).toHaveLength(1);
  });

  test('48001 on a subscription account', async () => {
    const a = await account({ accountType: 'subscription' }, ['oA', 'oB']);
    expectError(await a.post(SEND, { touser: ['oA', 'oB'], ...TEXT }), 48001, 'api unauthorized');
  });
});

// ---- clientmsgid -------------------------------------------------------------------------------

describe('clientmsgid', () => {
  test('45066 again within a minute, 45065 with the existing msg_id within 24 h, a new job after', async () => {
    const a = await account({}, ['oA', 'oB']);
    const first = await a.post(SENDALL, { ...TO_ALL, ...TEXT, clientmsgid: 'weekly-1' });
    expectSent(first);
    expectError(await a.post(SENDALL, { ...TO_ALL, ...TEXT, clientmsgid: 'weekly-1' }), 45066);
    await a.advance(61);
    const duplicate = await a.post(SENDALL, { ...TO_ALL, ...TEXT, clientmsgid: 'weekly-1' });
    expectError(duplicate, 45065, 'clientmsgid exist');
    expect(duplicate.msg_id).toBe(first.msg_id);
    // The same id on the other endpoint is the same record.
    await a.advance(61);
    const viaSend = await a.post(SEND, { touser: ['oA', 'oB'], ...TEXT, clientmsgid: 'weekly-1' });
    expect(viaSend.errcode).toBe(45065);
    expect(await a.inboxOf('oA', 'mass')).toHaveLength(1);
    await a.advance(24 * 3600);
    expectSent(await a.post(SENDALL, { ...TO_ALL, ...TEXT, clientmsgid: 'weekly-1' }));
    expect(await a.inboxOf('oA', 'mass')).toHaveLength(2);
  });

  test('the 45065 answer has a rid that openapi/rid/get knows', async () => {
    const a = await account({}, ['oA']);
    expectSent(await a.post(SENDALL, { ...TO_ALL, ...TEXT, clientmsgid: 'x' }));
    await a.advance(61);
    const duplicate = await a.post(SENDALL, { ...TO_ALL, ...TEXT, clientmsgid: 'x' });
    const rid = RID_SUFFIX.exec(duplicate.errmsg ?? '')?.[1] ?? '';
    const info = await a.post('/cgi-bin/openapi/rid/get', { rid });
    expect(info.errcode).toBe(0);
    expect(JSON.parse(String(info.request?.response_body)).errcode).toBe(45065);
  });

  test('45067 longer than 64 bytes; a failed send does not take the id', async () => {
    const a = await account({}, ['oA']);
    expectError(await a.post(SENDALL, { ...TO_ALL, ...TEXT, clientmsgid: '群'.repeat(22) }), 45067);
    expectError(await a.post(SENDALL, { ...TO_ALL, msgtype: 'text', text: {}, clientmsgid: 'y' }), 44004);
    expectSent(await a.post(SENDALL, { ...TO_ALL, ...TEXT, clientmsgid: 'y' }));
    expectSent(await a.post(SENDALL, { ...TO_ALL, ...TEXT, clientmsgid: 'z'.repeat(64) }));
  });
});

// ---- frequency ---------------------------------------------------------------------------------

describe('frequency', () => {
  test('subscription account: one send a day (45028), again the next day; previews do not count', async () => {
    const a = await account({ accountType: 'subscription' }, ['oA']);
    await a.nextDay();
    expectSent(await a.post(SENDALL, { ...TO_ALL, ...TEXT }));
    expect((await a.post(PREVIEW, { touser: 'oA', ...TEXT })).errcode).toBe(0);
    expectError(await a.post(SENDALL, { ...TO_ALL, ...TEXT }), 45028, 'has no masssend quota');
    a.defineTag(100, 't');
    expectError(await a.post(SENDALL, { filter: { is_to_all: false, tag_id: 100 }, ...TEXT }), 45028);
    await a.advance(3600);
    expectError(await a.post(SENDALL, { ...TO_ALL, ...TEXT }), 45028);
    await a.nextDay();
    expectSent(await a.post(SENDALL, { ...TO_ALL, ...TEXT }));
    expect(await a.inboxOf('oA', 'mass')).toHaveLength(3);
  });

  test('service account: 4 a month per follower, 45028 when every follower has had them', async () => {
    const a = await account({ accountType: 'service' }, ['oA', 'oB']);
    await a.nextMonth();
    for (let i = 0; i < 4; i++) expectSent(await a.post(SENDALL, { ...TO_ALL, ...TEXT }));
    expectError(await a.post(SENDALL, { ...TO_ALL, ...TEXT }), 45028, 'has no masssend quota');
    expectError(await a.post(SEND, { touser: ['oA', 'oB'], ...TEXT }), 45028);
    // A new follower can still be reached; the others are filtered out.
    await a.createUser('oNew');
    expectSent(await a.post(SENDALL, { ...TO_ALL, ...TEXT }));
    expect(await a.inboxOf('oA', 'mass')).toHaveLength(4);
    expect(await a.inboxOf('oNew', 'mass')).toHaveLength(1);
    await a.advance(10 * 86_400);
    expectError(await a.post(SEND, { touser: ['oA', 'oB'], ...TEXT }), 45028);
    await a.nextMonth();
    expectSent(await a.post(SENDALL, { ...TO_ALL, ...TEXT }));
    expect(await a.inboxOf('oA', 'mass')).toHaveLength(5);
  });

  test('service account: followers past their 4 are filtered out of the counts', async () => {
    const webhook = await startWebhook();
    const a = await account({ accountType: 'service', webhook: webhook.url, mode: 'plain' }, ['oA', 'oB']);
    await a.nextMonth();
    a.defineTag(100, 'vip');
    a.tag('oA', 100);
    for (let i = 0; i < 4; i++) {
      expectSent(await a.post(SENDALL, { filter: { is_to_all: false, tag_id: 100 }, ...TEXT }));
    }
    const body = await a.post(SENDALL, { ...TO_ALL, ...TEXT });
    expectSent(body);
    expect(await a.inboxOf('oA', 'mass')).toHaveLength(4);
    expect(await a.inboxOf('oB', 'mass')).toHaveLength(1);
    const events = await finishEvents(webhook, 5);
    expect(events[4]).toMatchObject({
      MsgID: String(body.msg_id),
      TotalCount: 2,
      FilterCount: 1,
      SentCount: 1,
      ErrorCount: 0,
    });
  });
});

// ---- MASSSENDJOBFINISH -------------------------------------------------------------------------

describe('MASSSENDJOBFINISH', () => {
  test('reaches the webhook after the answer, with the counts and the article URLs', async () => {
    const webhook = await startWebhook();
    const a = await account({ webhook: webhook.url, mode: 'plain' }, ['oA', 'oB', 'oC']);
    a.defineTag(100, 't');
    a.tag('oA', 100);
    a.tag('oB', 100);
    const news = await a.post(UPLOADNEWS, { articles: [ARTICLE, ARTICLE, ARTICLE] });
    const body = await a.post(SENDALL, {
      filter: { is_to_all: false, tag_id: 100 },
      msgtype: 'mpnews',
      mpnews: { media_id: news.media_id },
    });
    expectSent(body, true);
    const [event] = await finishEvents(webhook, 1);
    expect(event).toMatchObject({
      ToUserName: a.state.app.originalId,
      MsgType: 'event',
      Event: 'MASSSENDJOBFINISH',
      MsgID: String(body.msg_id),
      Status: 'send success',
      TotalCount: 2,
      FilterCount: 2,
      SentCount: 2,
      ErrorCount: 0,
      CopyrightCheckResult: { Count: 0, ResultList: [], CheckState: 1 },
    });
    expect(event?.ArticleUrlResult?.Count).toBe(3);
    expect(event?.ArticleUrlResult?.ResultList.map((item) => item.ArticleIdx)).toEqual([1, 2, 3]);
    expect(event?.ArticleUrlResult?.ResultList[0]?.ArticleUrl).toMatch(/^https:\/\/mp\.weixin\.qq\.com\/s\?/);
  });

  test('a text job has no copyright or URL results; all errors give send fail', async () => {
    const webhook = await startWebhook();
    const a = await account({ webhook: webhook.url, mode: 'plain' }, ['oA']);
    const body = await a.post(SEND, { touser: ['oX', 'oY'], ...TEXT });
    expectSent(body);
    const [event] = await finishEvents(webhook, 1);
    expect(event).toMatchObject({
      Status: 'send fail',
      TotalCount: 2,
      FilterCount: 2,
      SentCount: 0,
      ErrorCount: 2,
    });
    expect(event?.CopyrightCheckResult).toBeUndefined();
    expect(event?.ArticleUrlResult).toBeUndefined();
    expect((await a.post(GET, { msg_id: String(body.msg_id) })).msg_status).toBe('SEND_FAIL');
  });

  test('the event opens no customer-service window and a reply to it reaches nobody', async () => {
    const webhook = await startWebhook({ reply: '收到' });
    const a = await account({ webhook: webhook.url, mode: 'plain' }, ['oA', 'oB']);
    expectSent(await a.post(SENDALL, { ...TO_ALL, ...TEXT }));
    await finishEvents(webhook, 1);
    // Wait for the push's answer to be handled too: the stats count it.
    for (let i = 0; i < 500 && (a.harness.emulator.platform.stats.counters['push:replied'] ?? 0) < 1; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(a.harness.emulator.platform.stats.counters['push:replied']).toBe(1);
    expect(a.state.users.oA?.lastInteraction).toBe(0);
    expect(a.state.users.oB?.lastInteraction).toBe(0);
    expect((await a.inbox('oA')).map((e) => e.kind)).toEqual(['mass']);
    expect((await a.inbox('oB')).map((e) => e.kind)).toEqual(['mass']);
  });
});

// ---- preview, get, delete, speed ---------------------------------------------------------------

describe('message/mass/preview', () => {
  test('to an openid or a towxname (which wins); marked as a preview', async () => {
    const a = await account({}, ['oA']);
    await a.createUser('oB', { nickname: 'wx_bob' });
    const body = await a.post(PREVIEW, { touser: 'oA', ...TEXT });
    expect(body).toEqual({ errcode: 0, errmsg: 'preview success', msg_id: expect.any(Number) });
    expect(await a.inboxOf('oA', 'mass')).toEqual([{ msg_id: String(body.msg_id), ...TEXT, preview: true }]);
    expect((await a.post(PREVIEW, { touser: 'oA', towxname: 'wx_bob', ...TEXT })).errcode).toBe(0);
    expect(await a.inboxOf('oB', 'mass')).toHaveLength(1);
    expect(await a.inboxOf('oA', 'mass')).toHaveLength(1);
    expect(
      (await a.post(PREVIEW, { towxname: 'oA', image: { media_id: 'IMG' }, msgtype: 'image' })).errcode,
    ).toBe(0);
    expect((await a.inboxOf('oA', 'mass'))[1]).toMatchObject({
      msgtype: 'image',
      image: { media_id: 'IMG' },
    });
  });

  test('40003 unknown openid, 40132 unknown towxname, 43004 not following, payload checks', async () => {
    const a = await account({}, ['oA']);
    await a.createUser('oGone', { subscribed: false });
    expectError(await a.post(PREVIEW, { touser: 'oNobody', ...TEXT }), 40003);
    expectError(await a.post(PREVIEW, TEXT), 40003);
    expectError(await a.post(PREVIEW, { towxname: 'nobody', ...TEXT }), 40132, 'invalid username');
    expectError(await a.post(PREVIEW, { touser: 'oGone', ...TEXT }), 43004, 'require subscribe');
    expectError(await a.post(PREVIEW, { touser: 'oA', msgtype: 'text', text: { content: '' } }), 44004);
  });

  test('100 towxname previews a day (45009)', async () => {
    const a = await account({}, ['oA']);
    await a.nextDay();
    for (let i = 0; i < 100; i++)
      expect((await a.post(PREVIEW, { towxname: 'oA', ...TEXT })).errcode).toBe(0);
    expectError(await a.post(PREVIEW, { towxname: 'oA', ...TEXT }), 45009);
    expect((await a.post(PREVIEW, { touser: 'oA', ...TEXT })).errcode).toBe(0);
  });
});

describe('message/mass/get and delete', () => {
  test('get: the status by msg_id as a string or a number; 40059 unknown', async () => {
    const a = await account({}, ['oA']);
    const { msg_id } = await a.post(SENDALL, { ...TO_ALL, ...TEXT });
    expect(await a.post(GET, { msg_id: String(msg_id) })).toEqual({ msg_id, msg_status: 'SEND_SUCCESS' });
    expect(await a.post(GET, { msg_id })).toEqual({ msg_id, msg_status: 'SEND_SUCCESS' });
    expectError(await a.post(GET, { msg_id: '1' }), 40059, 'invalid msg id');
    expectError(await a.post(GET, { msg_id: 'abc' }), 40059);
    expectError(await a.post(GET, {}), 40059);
    expectError(await a.post(GET, { msg_id: true }), 47001);
  });

  test('delete: one article, by URL, then all; 40060 a bad index, 40059 unknown', async () => {
    const webhook = await startWebhook();
    const a = await account({ webhook: webhook.url, mode: 'plain' }, ['oA']);
    const news = await a.post(UPLOADNEWS, { articles: [ARTICLE, ARTICLE, ARTICLE] });
    const { msg_id } = await a.post(SENDALL, {
      ...TO_ALL,
      msgtype: 'mpnews',
      mpnews: { media_id: news.media_id },
    });
    const [event] = await finishEvents(webhook, 1);
    expectError(await a.post(DELETE, { msg_id, article_idx: 4 }), 40060, 'invalid article idx');
    expectError(await a.post(DELETE, { msg_id, article_idx: -1 }), 40060);
    expect(await a.post(DELETE, { msg_id, article_idx: 2 })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await a.post(GET, { msg_id })).msg_status).toBe('SEND_SUCCESS');
    const url = event?.ArticleUrlResult?.ResultList[0]?.ArticleUrl;
    expect((await a.post(DELETE, { url })).errcode).toBe(0);
    expect((await a.post(GET, { msg_id })).msg_status).toBe('SEND_SUCCESS');
    expect((await a.post(DELETE, { msg_id: String(msg_id), article_idx: 0 })).errcode).toBe(0);
    expect((await a.post(GET, { msg_id })).msg_status).toBe('DELETE');

    const text = await a.post(SENDALL, { ...TO_ALL, ...TEXT });
    expectError(await a.post(DELETE, { msg_id: text.msg_id, article_idx: 1 }), 40060);
    expect((await a.post(DELETE, { msg_id: text.msg_id })).errcode).toBe(0);
    expect((await a.post(GET, { msg_id: text.msg_id })).msg_status).toBe('DELETE');
    expectError(await a.post(DELETE, { msg_id: 42 }), 40059);
    expectError(await a.post(DELETE, { url: 'https://mp.weixin.qq.com/s?x' }), 40059);
  });

  test('deleting every article one by one deletes the message', async () => {
    const a = await account({}, ['oA']);
    const news = await a.post(UPLOADNEWS, { articles: [ARTICLE, ARTICLE] });
    const { msg_id } = await a.post(SENDALL, {
      ...TO_ALL,
      msgtype: 'mpnews',
      mpnews: { media_id: news.media_id },
    });
    await a.post(DELETE, { msg_id, article_idx: 1 });
    await a.post(DELETE, { msg_id, article_idx: 2 });
    expect((await a.post(GET, { msg_id })).msg_status).toBe('DELETE');
  });
});

describe('message/mass/speed', () => {
  test('get (level 0 by default), set 0–4; 45083 out of range, 45084 none', async () => {
    const a = await account();
    expect(await a.post(SPEED_GET)).toEqual({ speed: 0, realspeed: 80 });
    expect(await a.post(SPEED_SET, { speed: 3 })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await a.post(SPEED_GET, {})).toEqual({ speed: 3, realspeed: 30 });
    expectError(await a.post(SPEED_SET, { speed: 5 }), 45083, 'the speed out of range');
    expectError(await a.post(SPEED_SET, { speed: 1.5 }), 45083);
    expectError(await a.post(SPEED_SET, { speed: '1' }), 45083);
    expectError(await a.post(SPEED_SET, {}), 45084, 'No speed message');
    expect(await a.post(SPEED_GET)).toEqual({ speed: 3, realspeed: 30 });
  });
});

describe('state', () => {
  test('jobs, counts and the day’s send survive a restart with --state', async () => {
    const statePath = tempStatePath();
    const a = await account({ statePath, accountType: 'subscription' }, ['oA']);
    await a.nextDay();
    const { msg_id } = await a.post(SENDALL, { ...TO_ALL, ...TEXT });
    await a.harness.close();

    const b = await account({ statePath });
    expect(await b.post(GET, { msg_id })).toEqual({ msg_id, msg_status: 'SEND_SUCCESS' });
    expectError(await b.post(SENDALL, { ...TO_ALL, ...TEXT }), 45028);
    const { body: jobs } = await b.harness.control<{ msgId: string }[]>('GET', '/emulator/mass/jobs');
    expect(jobs.map((job) => job.msgId)).toEqual([String(msg_id)]);
  });
});
