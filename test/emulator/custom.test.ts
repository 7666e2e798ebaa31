import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type EmulatorOptions, EmulatorStateError, startEmulator } from '../../src/emulator.js';
import { Account } from '../helpers/account.js';
import { tempStatePath } from '../helpers/state-file.js';
import { startWebhook } from '../helpers/webhook.js';
import { type ApiBody, EmulatorHarness, emulatorPerTest, expectError, RID_SUFFIX } from './helpers.js';

const SEND = '/cgi-bin/message/custom/send';
const TYPING = '/cgi-bin/message/custom/typing';
const LIMITS = '/emulator/custom/limits';
const HOUR = 3600;
const WINDOW = 48 * HOUR;
const USER = 'oCustomUser';

// ---- an emulator with a webhook, a user and helpers ---------------------------------------------

const start = emulatorPerTest();

class CustomAccount extends Account {
  send(body: object): Promise<ApiBody> {
    return this.post(SEND, body);
  }

  typing(touser: string, command: unknown = 'Typing'): Promise<ApiBody> {
    return this.post(TYPING, { touser, command });
  }

  /** The user pushes a message (or event) to the account, as the real platform would. */
  async push(openid: string, fields: object = { MsgType: 'text', Content: '你好' }): Promise<void> {
    const { status, body } = await this.harness.control<{ status: string }>(
      'POST',
      `/emulator/users/${openid}/send`,
      fields,
    );
    expect(status).toBe(200);
    expect(body.status).toBe('empty');
  }
}

/** An emulator with a webhook and the user {@link USER}, who has just written to the account. */
async function account(options: EmulatorOptions = {}, interacted = true): Promise<CustomAccount> {
  const harness = await start({ webhook: (await startWebhook()).url, ...options });
  const result = await CustomAccount.start(harness, [USER]);
  if (interacted) await result.push(USER);
  return result;
}

function text(content: string, touser = USER): object {
  return { touser, msgtype: 'text', text: { content } };
}

// ---- every msgtype --------------------------------------------------------------------------------

/** One valid body per msgtype, with every documented field, so the inbox shows it unchanged. */
const VALID: Readonly<Record<string, object>> = {
  text: { text: { content: '你好 <a href="https://example.com">link</a>' } },
  image: { image: { media_id: 'MEDIA_IMAGE' } },
  voice: { voice: { media_id: 'MEDIA_VOICE' } },
  video: { video: { media_id: 'MEDIA_VIDEO', thumb_media_id: 'THUMB', title: '标题', description: '描述' } },
  music: {
    music: {
      title: 'Song',
      description: 'Artist',
      musicurl: 'https://example.com/a.mp3',
      hqmusicurl: 'https://example.com/a-hq.mp3',
      thumb_media_id: 'THUMB',
    },
  },
  news: {
    news: {
      articles: [
        { title: 'T', description: 'D', url: 'https://example.com/', picurl: 'https://example.com/p.jpg' },
      ],
    },
  },
  mpnews: { mpnews: { media_id: 'MEDIA_NEWS' } },
  mpnewsarticle: { mpnewsarticle: { article_id: 'ARTICLE_ID' } },
  msgmenu: {
    msgmenu: {
      head_content: '您对本次服务是否满意呢？',
      list: [
        { id: '101', content: '满意' },
        { id: '102', content: '不满意' },
      ],
      tail_content: '欢迎再次光临',
    },
  },
  wxcard: { wxcard: { card_id: 'CARD_ID' } },
  miniprogrampage: {
    miniprogrampage: {
      title: 'Page',
      appid: 'wxa0123456789abcde',
      pagepath: 'pages/index/index?x=1',
      thumb_media_id: 'THUMB',
    },
  },
};

describe('message/custom/send: every msgtype', () => {
  test.each(Object.entries(VALID))('%s is accepted and delivered to the inbox', async (msgtype, payload) => {
    const api = await account();
    const body = await api.send({ touser: USER, msgtype, ...payload });
    expect(body).toEqual({ errcode: 0, errmsg: 'ok' });
    const inbox = await api.inbox(USER);
    const last = inbox[inbox.length - 1];
    expect(last).toMatchObject({ kind: 'custom', message: { msgtype, ...payload } });
    expect(Object.keys(last?.message as object).sort()).toEqual(['msgtype', msgtype].sort());
    expect(typeof last?.at).toBe('number');
  });

  test('a video or music without its optional fields; a news article with only some fields', async () => {
    const api = await account();
    for (const body of [
      { msgtype: 'video', video: { media_id: 'M' } },
      { msgtype: 'music', music: { musicurl: 'u', hqmusicurl: 'h', thumb_media_id: 'T' } },
      { msgtype: 'news', news: { articles: [{ title: 'Only a title' }] } },
    ]) {
      expect((await api.send({ touser: USER, ...body })).errcode).toBe(0);
    }
    expect(await api.inboxOf(USER, 'custom')).toHaveLength(3);
  });

  test('customservice.kf_account is kept in the delivered message', async () => {
    const api = await account();
    const body = { ...text('来自客服'), customservice: { kf_account: 'test1@kftest' } };
    expect((await api.send(body)).errcode).toBe(0);
    expect(await api.inboxOf(USER, 'custom')).toEqual([
      { msgtype: 'text', text: { content: '来自客服' }, customservice: { kf_account: 'test1@kftest' } },
    ]);
  });

  test('undocumented fields are not delivered; neither is the payload of another msgtype', async () => {
    const api = await account();
    const body = {
      touser: USER,
      msgtype: 'text',
      text: { content: 'x', extra: 1 },
      image: { media_id: 'M' },
    };
    expect((await api.send(body)).errcode).toBe(0);
    expect(await api.inboxOf(USER, 'custom')).toEqual([{ msgtype: 'text', text: { content: 'x' } }]);
  });
});

// ---- validation -------------------------------------------------------------------------------------

/** [what, body, errcode] — every body is otherwise sendable to {@link USER}. */
const INVALID: readonly (readonly [string, object, number])[] = [
  ['no touser', { msgtype: 'text', text: { content: 'x' } }, 40003],
  ['an empty touser', { touser: '', msgtype: 'text', text: { content: 'x' } }, 40003],
  ['a touser that is not a string', { touser: 42, msgtype: 'text', text: { content: 'x' } }, 40003],
  ['an unknown touser', { touser: 'oNobody', msgtype: 'text', text: { content: 'x' } }, 40003],
  ['no msgtype', { touser: USER, text: { content: 'x' } }, 40008],
  ['an unknown msgtype', { touser: USER, msgtype: 'sticker', sticker: {} }, 40008],
  ['the mini-program-only msgtype link', { touser: USER, msgtype: 'link', link: { title: 't' } }, 40008],
  ['a msgtype in the wrong case', { touser: USER, msgtype: 'TEXT', text: { content: 'x' } }, 40008],
  ['no payload object', { touser: USER, msgtype: 'text' }, 47001],
  ['a payload that is not an object', { touser: USER, msgtype: 'text', text: 'hello' }, 47001],
  ['a payload that is an array', { touser: USER, msgtype: 'image', image: ['M'] }, 47001],
  ['text without content', { touser: USER, msgtype: 'text', text: {} }, 44004],
  ['text with empty content', { touser: USER, msgtype: 'text', text: { content: '' } }, 44004],
  ['text with a numeric content', { touser: USER, msgtype: 'text', text: { content: 5 } }, 47001],
  ['image without media_id', { touser: USER, msgtype: 'image', image: {} }, 40007],
  ['voice with an empty media_id', { touser: USER, msgtype: 'voice', voice: { media_id: '' } }, 40007],
  ['video without media_id', { touser: USER, msgtype: 'video', video: { title: 't' } }, 40007],
  [
    'video with a numeric title',
    { touser: USER, msgtype: 'video', video: { media_id: 'M', title: 1 } },
    47001,
  ],
  [
    'music without musicurl',
    { touser: USER, msgtype: 'music', music: { hqmusicurl: 'h', thumb_media_id: 'T' } },
    47001,
  ],
  [
    'music without hqmusicurl',
    { touser: USER, msgtype: 'music', music: { musicurl: 'u', thumb_media_id: 'T' } },
    47001,
  ],
  [
    'music without thumb_media_id',
    { touser: USER, msgtype: 'music', music: { musicurl: 'u', hqmusicurl: 'h' } },
    40007,
  ],
  ['news without articles', { touser: USER, msgtype: 'news', news: {} }, 44003],
  ['news with no article', { touser: USER, msgtype: 'news', news: { articles: [] } }, 44003],
  [
    'news with two articles (1 is the maximum)',
    { touser: USER, msgtype: 'news', news: { articles: [{ title: 'a' }, { title: 'b' }] } },
    45008,
  ],
  ['news with an empty article', { touser: USER, msgtype: 'news', news: { articles: [{}] } }, 44003],
  ['news with a string article', { touser: USER, msgtype: 'news', news: { articles: ['a'] } }, 47001],
  ['news with articles not a list', { touser: USER, msgtype: 'news', news: { articles: {} } }, 47001],
  ['mpnews without media_id', { touser: USER, msgtype: 'mpnews', mpnews: {} }, 40007],
  ['mpnewsarticle without article_id', { touser: USER, msgtype: 'mpnewsarticle', mpnewsarticle: {} }, 47001],
  [
    'msgmenu without head_content',
    { touser: USER, msgmenu: { list: [{ id: '1', content: 'a' }], tail_content: '' }, msgtype: 'msgmenu' },
    47001,
  ],
  [
    'msgmenu without tail_content',
    { touser: USER, msgtype: 'msgmenu', msgmenu: { head_content: 'h', list: [{ id: '1', content: 'a' }] } },
    47001,
  ],
  [
    'msgmenu with an empty list',
    { touser: USER, msgtype: 'msgmenu', msgmenu: { head_content: 'h', list: [], tail_content: 't' } },
    44005,
  ],
  [
    'msgmenu without a list',
    { touser: USER, msgtype: 'msgmenu', msgmenu: { head_content: 'h', tail_content: 't' } },
    44005,
  ],
  [
    'msgmenu with an item without id',
    {
      touser: USER,
      msgtype: 'msgmenu',
      msgmenu: { head_content: 'h', list: [{ content: 'a' }], tail_content: 't' },
    },
    47001,
  ],
  [
    'msgmenu with an item without content',
    {
      touser: USER,
      msgtype: 'msgmenu',
      msgmenu: { head_content: 'h', list: [{ id: '1' }], tail_content: 't' },
    },
    47001,
  ],
  ['wxcard without card_id', { touser: USER, msgtype: 'wxcard', wxcard: {} }, 47001],
  [
    'miniprogrampage without appid',
    {
      touser: USER,
      msgtype: 'miniprogrampage',
      miniprogrampage: { title: 't', pagepath: 'p', thumb_media_id: 'T' },
    },
    40166,
  ],
  [
    'miniprogrampage without pagepath',
    {
      touser: USER,
      msgtype: 'miniprogrampage',
      miniprogrampage: { title: 't', appid: 'wxa', thumb_media_id: 'T' },
    },
    40165,
  ],
  [
    'miniprogrampage without thumb_media_id',
    {
      touser: USER,
      msgtype: 'miniprogrampage',
      miniprogrampage: { title: 't', appid: 'wxa', pagepath: 'p' },
    },
    40007,
  ],
  [
    'miniprogrampage without title',
    {
      touser: USER,
      msgtype: 'miniprogrampage',
      miniprogrampage: { appid: 'wxa', pagepath: 'p', thumb_media_id: 'T' },
    },
    47001,
  ],
  ['customservice not an object', { ...text('x'), customservice: 'test1@kftest' }, 47001],
  ['a kf_account without @', { ...text('x'), customservice: { kf_account: 'test1' } }, 61452],
  [
    'a kf_account with a long prefix',
    { ...text('x'), customservice: { kf_account: `${'a'.repeat(11)}@x` } },
    61452,
  ],
  ['a customservice without kf_account', { ...text('x'), customservice: {} }, 61452],
];

describe('message/custom/send: validation', () => {
  test.each(INVALID)('%s → %i, nothing delivered', async (_what, body, errcode) => {
    const api = await account();
    expectError(await api.send(body), errcode);
    expect(await api.inboxOf(USER, 'custom')).toEqual([]);
  });

  test('errmsgs are the platform’s', async () => {
    const api = await account();
    expectError(await api.send(text('x', 'oNobody')), 40003, 'invalid openid');
    expectError(await api.send({ touser: USER, msgtype: 'nope' }), 40008, 'invalid message type');
    expectError(await api.send(text('')), 44004, 'empty content');
    const two = { touser: USER, msgtype: 'news', news: { articles: [{ title: 'a' }, { title: 'b' }] } };
    expectError(await api.send(two), 45008, 'article size out of limit');
  });

  test('the common checks come first: no token 41001, an empty body 44002, bad JSON 47001, GET 43002', async () => {
    const api = await account();
    expectError(await api.harness.post(SEND, text('x')), 41001);
    expectError(await api.harness.post(SEND, '', { access_token: api.token }), 44002);
    expectError(await api.harness.post(SEND, '{"touser":', { access_token: api.token }), 47001);
    expectError(await api.harness.get(SEND, { access_token: api.token }), 43002);
  });

  test('failed sends do not use up the window', async () => {
    const api = await account();
    for (let i = 0; i < 10; i++)
      expect((await api.send({ touser: USER, msgtype: 'text' })).errcode).toBe(47001);
    for (let i = 0; i < 5; i++) expect((await api.send(text(`#${i}`))).errcode).toBe(0);
  });
});

// ---- the 48-hour window -----------------------------------------------------------------------------

describe('the 48-hour window (45015)', () => {
  test('a user who never interacted cannot be sent anything', async () => {
    const api = await account({}, false);
    expectError(await api.send(text('hi')), 45015, 'response out of time limit or subscription is canceled');
    expect(await api.inboxOf(USER, 'custom')).toEqual([]);
  });

  test('open until 48 h after the user’s message, closed after; a new message reopens it', async () => {
    const api = await account();
    await api.advance(WINDOW - 120);
    expect((await api.send(text('still open'))).errcode).toBe(0);
    await api.advance(240);
    expectError(await api.send(text('too late')), 45015);
    expect(await api.inboxOf(USER, 'custom')).toEqual([{ msgtype: 'text', text: { content: 'still open' } }]);

    await api.push(USER);
    expect((await api.send(text('reopened'))).errcode).toBe(0);
  });

  test('an event opens the window too (e.g. a menu click)', async () => {
    const api = await account({}, false);
    await api.push(USER, { MsgType: 'event', Event: 'CLICK', EventKey: 'V1001' });
    expect((await api.send(text('menu answer'))).errcode).toBe(0);
  });

  test('a user who unfollowed: 45015, even right after the unsubscribe event', async () => {
    const api = await account();
    expect((await api.send(text('before'))).errcode).toBe(0);
    await api.push(USER, { MsgType: 'event', Event: 'unsubscribe' });
    expectError(await api.send(text('after')), 45015);
    await api.push(USER, { MsgType: 'event', Event: 'subscribe' });
    expect((await api.send(text('welcome back'))).errcode).toBe(0);
  });

  test('a user created as not following: 45015', async () => {
    const api = await account();
    await api.createUser('oNotFollowing', { subscribed: false });
    expectError(await api.send(text('x', 'oNotFollowing')), 45015);
  });
});

// ---- the cap per window (45047) -----------------------------------------------------------------------

describe('the cap per window (45047)', () => {
  test('5 messages per user interaction; the 6th gets 45047; the next user message allows 5 more', async () => {
    const api = await account();
    for (let i = 1; i <= 5; i++) expect((await api.send(text(`#${i}`))).errcode).toBe(0);
    expectError(await api.send(text('#6')), 45047, 'out of response count limit');
    expectError(await api.send({ touser: USER, msgtype: 'image', image: { media_id: 'M' } }), 45047);
    expect(await api.inboxOf(USER, 'custom')).toHaveLength(5);

    // Interactions are told apart by their time (Unix seconds, as lastInteraction): a later second.
    await api.advance(1);
    await api.push(USER);
    for (let i = 1; i <= 5; i++) expect((await api.send(text(`again #${i}`))).errcode).toBe(0);
    expectError(await api.send(text('again #6')), 45047);
  });

  test('counted per user', async () => {
    const api = await account();
    await api.createUser('oOther');
    await api.push('oOther');
    for (let i = 0; i < 5; i++) expect((await api.send(text('x'))).errcode).toBe(0);
    expectError(await api.send(text('x')), 45047);
    for (let i = 0; i < 5; i++) expect((await api.send(text('y', 'oOther'))).errcode).toBe(0);
  });

  test('45015 wins over 45047 once the window is over', async () => {
    const api = await account();
    for (let i = 0; i < 5; i++) await api.send(text('x'));
    await api.advance(WINDOW + 60);
    expectError(await api.send(text('x')), 45015);
  });

  test('the limits are configurable: GET/PATCH /emulator/custom/limits', async () => {
    const api = await account();
    const initial = await api.harness.control('GET', LIMITS);
    expect(initial).toEqual({
      status: 200,
      body: { windowSeconds: WINDOW, perWindow: 5, actionWindowSeconds: 60, perAction: 3 },
    });

    const patched = await api.harness.control('PATCH', LIMITS, { perWindow: 2, windowSeconds: 600 });
    expect(patched).toEqual({
      status: 200,
      body: { windowSeconds: 600, perWindow: 2, actionWindowSeconds: 60, perAction: 3 },
    });
    expect(api.harness.emulator.state.customLimits).toEqual({ windowSeconds: 600, perWindow: 2 });
    expect((await api.send(text('1'))).errcode).toBe(0);
    expect((await api.send(text('2'))).errcode).toBe(0);
    expectError(await api.send(text('3')), 45047);
    await api.advance(660);
    expectError(await api.send(text('4')), 45015);

    const reset = await api.harness.control('PATCH', LIMITS, { perWindow: null, windowSeconds: null });
    expect(reset.body).toEqual({
      windowSeconds: WINDOW,
      perWindow: 5,
      actionWindowSeconds: 60,
      perAction: 3,
    });
    expect((await api.send(text('5'))).errcode).toBe(0); // 660 s is well inside 48 h again
  });

  test('a follow, a menu tap or a scan opens a one-minute window of 3 messages', async () => {
    const api = await account();
    // The user's last interaction is a menu tap: the platform allows 3 messages within 1 minute.
    await api.push(USER, { MsgType: 'event', Event: 'CLICK', EventKey: 'MENU' });
    for (const n of ['1', '2', '3']) expect((await api.send(text(n))).errcode).toBe(0);
    expectError(await api.send(text('4')), 45047);
    await api.advance(61);
    expectError(await api.send(text('5')), 45015);
  });

  test('perWindow 0 refuses every message', async () => {
    const api = await account();
    await api.harness.control('PATCH', LIMITS, { perWindow: 0 });
    expectError(await api.send(text('x')), 45047);
  });

  test.each([
    [{ perWindow: -1 }, /perWindow/],
    [{ perWindow: 1.5 }, /perWindow/],
    [{ windowSeconds: 0 }, /windowSeconds/],
    [{ windowSeconds: '60' }, /windowSeconds/],
    [{ perwindow: 3 }, /unknown field "perwindow"/],
  ])('PATCH %j → 400', async (body, message) => {
    const api = await account();
    const answer = await api.harness.control<{ error: string }>('PATCH', LIMITS, body);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatch(message);
    expect((await api.harness.control('GET', LIMITS)).body).toEqual({
      windowSeconds: WINDOW,
      perWindow: 5,
      actionWindowSeconds: 60,
      perAction: 3,
    });
  });

  test('the counts and limits persist with statePath; an older state file without them loads', async () => {
    const statePath = tempStatePath();
    const first = await account({ statePath });
    await first.harness.control('PATCH', LIMITS, { perWindow: 3 });
    for (let i = 0; i < 2; i++) expect((await first.send(text('x'))).errcode).toBe(0);
    await first.harness.close();

    const saved = JSON.parse(readFileSync(statePath, 'utf8')) as Record<string, unknown>;
    expect(saved.customLimits).toEqual({ perWindow: 3 });
    expect(saved.customUsage).toMatchObject({ [USER]: { sent: 2 } });

    const second = new EmulatorHarness(await startEmulator({ statePath }));
    try {
      const restarted = await CustomAccount.start(second);
      expect((await restarted.send(text('third'))).errcode).toBe(0);
      expectError(await restarted.send(text('fourth')), 45047);
    } finally {
      await second.close();
    }

    const old = JSON.parse(readFileSync(statePath, 'utf8')) as Record<string, unknown>;
    delete old.customLimits;
    delete old.customUsage;
    writeFileSync(statePath, JSON.stringify(old));
    const third = await startEmulator({ statePath });
    await third.close();

    writeFileSync(statePath, JSON.stringify({ ...old, customUsage: { [USER]: { sent: 'many' } } }));
    await expect(startEmulator({ statePath })).rejects.toBeInstanceOf(EmulatorStateError);
  });
});

// ---- typing --------------------------------------------------------------------------------------------

describe('message/custom/typing', () => {
  test('Typing and CancelTyping right after the user’s message', async () => {
    const api = await account();
    expect(await api.typing(USER, 'Typing')).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await api.typing(USER, 'CancelTyping')).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await api.inbox(USER)).toEqual([]); // typing delivers no message
  });

  test('45081 while typing shows; again after 15 s, after CancelTyping or after a message', async () => {
    const api = await account();
    expect((await api.typing(USER)).errcode).toBe(0);
    expectError(await api.typing(USER), 45081, 'you are already typing');
    await api.advance(16);
    expect((await api.typing(USER)).errcode).toBe(0);
    expect((await api.typing(USER, 'CancelTyping')).errcode).toBe(0);
    expect((await api.typing(USER)).errcode).toBe(0);
    expect((await api.send(text('done typing'))).errcode).toBe(0);
    expect((await api.typing(USER)).errcode).toBe(0);
  });

  test('45080 without a message exchanged in the last 30 s; a customer-service message counts', async () => {
    const api = await account();
    await api.advance(40);
    expectError(await api.typing(USER), 45080);
    expect((await api.typing(USER, 'CancelTyping')).errcode).toBe(0);
    expect((await api.send(text('hello'))).errcode).toBe(0);
    expect((await api.typing(USER)).errcode).toBe(0);
  });

  test.each([['typing'], ['Cancel'], [''], [1], [null]])('command %j → 45072', async (command) => {
    const api = await account();
    expectError(await api.typing(USER, command), 45072, 'invalid command');
  });

  test('40003 for an unknown or missing touser', async () => {
    const api = await account();
    expectError(await api.typing('oNobody'), 40003);
    expectError(await api.harness.post(TYPING, { command: 'Typing' }, { access_token: api.token }), 40003);
  });

  test('45015 outside the window and for a user who unfollowed', async () => {
    const api = await account();
    await api.advance(WINDOW + 60);
    expectError(await api.typing(USER), 45015);
    expectError(await api.typing(USER, 'CancelTyping'), 45015);
    await api.createUser('oGone');
    await api.push('oGone', { MsgType: 'event', Event: 'unsubscribe' });
    expectError(await api.typing('oGone'), 45015);
  });
});

// ---- robustness ------------------------------------------------------------------------------------

describe('robustness', () => {
  test('any JSON body gets a platform answer: HTTP 200, an errcode, a rid on errors', async () => {
    const api = await account();
    const field = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(USER, 'constructor', '__proto__'));
    const payload = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.dictionary(
        fc.constantFrom('content', 'media_id', 'articles', 'list', 'head_content', 'tail_content', 'appid'),
        field,
      ),
    );
    const body = fc.record(
      {
        touser: field,
        msgtype: fc.oneof(fc.constantFrom(...Object.keys(VALID), 'constructor', 'toString'), fc.string()),
        text: payload,
        news: payload,
        msgmenu: payload,
        miniprogrampage: payload,
        customservice: field,
        command: field,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async (value, typing) => {
        const answer = await api.harness.post(typing ? TYPING : SEND, value, { access_token: api.token });
        expect(typeof answer.errcode).toBe('number');
        if (answer.errcode === 0) expect(answer.errmsg).toBe('ok');
        else expect(answer.errmsg).toMatch(RID_SUFFIX);
      }),
      { numRuns: 150 },
    );
  });
});
