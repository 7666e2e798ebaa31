// The webhook against the emulator's push side, over real HTTP: the emulator signs, encrypts
// and pushes like the platform, the webhook (createWebhook + toNodeHandler on node:http) verifies,
// routes and answers, and the emulator judges the answer and fills the user's inbox.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Emulator, InboxEntry, MessageMode, PushResult } from '../../src/emulator.js';
import { startEmulator } from '../../src/emulator.js';
import { WeChatReplyError } from '../../src/protocol/errors.js';
import type { InboundMessage } from '../../src/protocol/messages.js';
import { parseMessage } from '../../src/protocol/parse-message.js';
import type { Reply } from '../../src/protocol/replies.js';
import { toNodeHandler } from '../../src/server/adapters/node.js';
import type { HandlerResult, WebhookContext } from '../../src/server/context.js';
import { createWebhook, type WebhookApp, type WebhookOptions } from '../../src/server/webhook.js';
import { MemoryStore } from '../../src/store/memory.js';
import { control as controlAt } from '../helpers/control.js';

const APP = {
  appId: 'wx5e0b0c7a11d2f001',
  appSecret: '5e0b0c7a11d2f0015e0b0c7a11d2f001',
  token: 'webhookTestToken',
  encodingAESKey: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq',
  originalId: 'gh_5e0b0c7a11d2',
};

let emulator: Emulator;
let server: Server;
/** The webhook the HTTP server currently serves: each test installs its own. */
let current: WebhookApp | undefined;

beforeAll(async () => {
  emulator = await startEmulator({ ...APP, mode: 'safe' });
  server = createServer((req, res) => {
    if (current === undefined) {
      res.writeHead(503).end();
      return;
    }
    toNodeHandler(current)(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await control('PATCH', '/emulator/app', { webhook: `http://127.0.0.1:${port}/wechat` });
});

afterAll(async () => {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  await emulator.close();
});

// ---- helpers -----------------------------------------------------------------------------------

const control = <T>(method: string, path: string, body?: object) =>
  controlAt<T>(emulator.url, method, path, body);

/** A new user of the account; its openid. */
async function newUser(options: { subscribed?: boolean } = {}): Promise<string> {
  return (await control<{ openid: string }>('POST', '/emulator/users', options)).openid;
}

/** The user sends something to the account; the emulator pushes it and judges the answer. */
function send(openid: string, fields: Record<string, unknown>): Promise<PushResult> {
  return control<PushResult>('POST', `/emulator/users/${openid}/send`, fields);
}

function inbox(openid: string): Promise<InboxEntry[]> {
  return control<InboxEntry[]>('GET', `/emulator/users/${openid}/inbox`);
}

function setMode(mode: MessageMode): Promise<unknown> {
  return control('PATCH', '/emulator/app', { mode });
}

/** The document the emulator pushed, parsed as the webhook parses it. */
function pushed(result: PushResult): InboundMessage {
  return parseMessage(result.pushed);
}

/** Waits until `check` holds, polling every 20 ms, for at most `timeoutMs`. */
async function until(check: () => Promise<boolean> | boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface Harness {
  readonly app: WebhookApp;
  readonly store: MemoryStore;
  /** What onError received. */
  readonly errors: { error: unknown; ctx: WebhookContext }[];
  readonly warnings: string[];
  /** What logger.error received. */
  readonly logged: { message: string; error: unknown }[];
}

/** Installs a fresh webhook for the account, with recorders for onError and the logger. */
function webhook(options: Partial<WebhookOptions> & { withOnError?: boolean } = {}): Harness {
  const { withOnError = true, ...rest } = options;
  const store = new MemoryStore();
  const errors: Harness['errors'] = [];
  const warnings: string[] = [];
  const logged: Harness['logged'] = [];
  const app = createWebhook({
    token: APP.token,
    appId: APP.appId,
    encodingAESKey: APP.encodingAESKey,
    store,
    logger: {
      warn: (message) => warnings.push(message),
      error: (message, error) => logged.push({ message, error }),
    },
    ...(withOnError ? { onError: (error: unknown, ctx: WebhookContext) => errors.push({ error, ctx }) } : {}),
    ...rest,
  });
  current = app;
  return { app, store, errors, warnings, logged };
}

function replyOf(result: PushResult): Reply {
  expect(result.status, result.reason).toBe('replied');
  return result.reply as unknown as Reply;
}

function textOf(result: PushResult): string {
  const reply = replyOf(result);
  if (reply.type !== 'text') throw new Error(`expected a text reply, got ${reply.type}`);
  return reply.content;
}

// ---- every mode × every kind of answer -----------------------------------------------------------

interface AnswerCase {
  readonly name: string;
  readonly result: HandlerResult;
  /** The reply the emulator reads back; absent for "no reply". */
  readonly reply?: Reply;
  /** Whether the user sees it (a handover to customer service shows nothing). */
  readonly shown: boolean;
}

const ANSWERS: readonly AnswerCase[] = [
  { name: 'nothing (success)', result: undefined, shown: false },
  { name: 'an empty string (success)', result: '', shown: false },
  {
    name: 'a string',
    result: '你好，<b>world</b> & "friends"',
    reply: { type: 'text', content: '你好，<b>world</b> & "friends"' },
    shown: true,
  },
  {
    name: 'a text reply',
    result: { type: 'text', content: '第一行\n<a href="https://example.com/?a=1&b=2">链接</a>' },
    reply: { type: 'text', content: '第一行\n<a href="https://example.com/?a=1&b=2">链接</a>' },
    shown: true,
  },
  {
    name: 'an image reply',
    result: { type: 'image', mediaId: 'IMAGE_MEDIA_ID' },
    reply: { type: 'image', mediaId: 'IMAGE_MEDIA_ID' },
    shown: true,
  },
  {
    name: 'a voice reply',
    result: { type: 'voice', mediaId: 'VOICE_MEDIA_ID' },
    reply: { type: 'voice', mediaId: 'VOICE_MEDIA_ID' },
    shown: true,
  },
  {
    name: 'a video reply',
    result: { type: 'video', mediaId: 'VIDEO_MEDIA_ID', title: '视频', description: 'A video' },
    reply: { type: 'video', mediaId: 'VIDEO_MEDIA_ID', title: '视频', description: 'A video' },
    shown: true,
  },
  {
    name: 'a music reply',
    result: {
      type: 'music',
      thumbMediaId: 'THUMB_MEDIA_ID',
      title: '歌',
      description: 'A song',
      musicUrl: 'https://example.com/song.mp3',
      hqMusicUrl: 'https://example.com/song-hq.mp3',
    },
    reply: {
      type: 'music',
      thumbMediaId: 'THUMB_MEDIA_ID',
      title: '歌',
      description: 'A song',
      musicUrl: 'https://example.com/song.mp3',
      hqMusicUrl: 'https://example.com/song-hq.mp3',
    },
    shown: true,
  },
  {
    name: 'a news reply',
    result: {
      type: 'news',
      articles: [
        {
          title: '文档',
          description: 'Read me',
          picUrl: 'https://example.com/p.png',
          url: 'https://example.com',
        },
      ],
    },
    reply: {
      type: 'news',
      articles: [
        {
          title: '文档',
          description: 'Read me',
          picUrl: 'https://example.com/p.png',
          url: 'https://example.com',
        },
      ],
    },
    shown: true,
  },
  {
    name: 'a handover to customer service',
    result: { type: 'transfer_customer_service', kfAccount: 'test1@test' },
    reply: { type: 'transfer_customer_service', kfAccount: 'test1@test' },
    shown: false,
  },
];

describe.each(['plain', 'compatible', 'safe'] as const)('%s mode', (mode) => {
  beforeAll(async () => {
    await setMode(mode);
  });

  test.each(ANSWERS)('$name', async ({ result, reply, shown }) => {
    const { app, errors, logged } = webhook();
    let calls = 0;
    let encrypted: string | null = null;
    app.on('text', (ctx) => {
      calls += 1;
      encrypted = new URL(ctx.request.url, 'http://webhook').searchParams.get('encrypt_type');
      expect(ctx.message.Content).toBe(`hello in ${mode} mode`);
      return result;
    });
    const openid = await newUser();
    const pushedResult = await send(openid, { MsgType: 'text', Content: `hello in ${mode} mode` });

    expect(calls).toBe(1);
    expect(encrypted).toBe(mode === 'plain' ? null : 'aes');
    expect(errors).toEqual([]);
    expect(logged).toEqual([]);
    expect(pushedResult.attempts).toBe(1);
    if (reply === undefined) {
      expect(pushedResult.status, pushedResult.reason).toBe('empty');
      expect(app.stats).toMatchObject({ received: 1, replied: 0 });
    } else {
      expect(replyOf(pushedResult)).toEqual(reply);
      expect(app.stats).toMatchObject({ received: 1, replied: 1 });
    }
    const entries = await inbox(openid);
    expect(entries).toEqual(shown ? [expect.objectContaining({ kind: 'reply', message: reply })] : []);
  });
});

// ---- every message and event reaches its route, parsed ------------------------------------------

interface Hit {
  readonly route: string;
  readonly message: InboundMessage;
}

const PIC_A = '1b5f7c23b5bf75682a53e7b6d163e185';
const PIC_B = '5a75aaca956d97be686719218f275c6b';
const ADDRESS = ' 广州市海珠区客村艺苑路 106号';

/**
 * A webhook with a route for every type; each handler asserts the parsed fields it sees (a
 * failed assertion is a thrown error: onError records it and the push is answered success) and
 * answers `route:<name>`.
 */
function routeEverything(): Harness & { hits: Hit[] } {
  const harness = webhook();
  const hits: Hit[] = [];
  const hit = (route: string, ctx: WebhookContext) => {
    expect(ctx.message.ToUserName).toBe(APP.originalId);
    expect(ctx.message.FromUserName).toBe(ctx.openid);
    expect(Number.isInteger(ctx.message.CreateTime)).toBe(true);
    expect(ctx.message.raw.FromUserName).toBe(ctx.openid);
    hits.push({ route, message: ctx.message });
    return `route:${route}`;
  };
  const { app } = harness;
  app.on('text', (ctx) => {
    expect(ctx.message.Content).toBe('你好 <world> & "friends"');
    expect(ctx.message.MsgId).toMatch(/^\d{19}$/);
    return hit('text', ctx);
  });
  app.on('image', (ctx) => {
    expect(ctx.message.PicUrl).toBe('http://mmbiz.qpic.cn/mmbiz/pic.jpg');
    expect(ctx.message.MediaId).toBe('IMAGE_MEDIA');
    expect(ctx.message.MsgId).toMatch(/^\d{19}$/);
    return hit('image', ctx);
  });
  app.on('voice', (ctx) => {
    expect(ctx.message).toMatchObject({
      MediaId: 'VOICE_MEDIA',
      Format: 'amr',
      MediaId16K: 'VOICE_16K',
      Recognition: '腾讯微信团队',
    });
    return hit('voice', ctx);
  });
  app.on('video', (ctx) => {
    expect(ctx.message).toMatchObject({ MediaId: 'VIDEO_MEDIA', ThumbMediaId: 'VIDEO_THUMB' });
    return hit('video', ctx);
  });
  app.on('shortvideo', (ctx) => {
    expect(ctx.message).toMatchObject({ MediaId: 'SHORT_MEDIA', ThumbMediaId: 'SHORT_THUMB' });
    return hit('shortvideo', ctx);
  });
  app.on('location', (ctx) => {
    expect(ctx.message.Location_X).toBe(23.134521);
    expect(ctx.message.Location_Y).toBe(113.358803);
    expect(ctx.message.Scale).toBe(20);
    expect(ctx.message.Label).toBe('位置信息');
    return hit('location', ctx);
  });
  app.on('link', (ctx) => {
    expect(ctx.message).toMatchObject({
      Title: '公众平台官网链接',
      Description: '公众平台官网链接 & more',
      Url: 'https://mp.weixin.qq.com/?a=1&b=2',
    });
    return hit('link', ctx);
  });
  app.on('event:subscribe', (ctx) => {
    if (ctx.message.Ticket !== undefined) {
      expect(ctx.message.EventKey).toBe('qrscene_123123');
      expect(ctx.message.Ticket).toBe('TICKET_SUBSCRIBE');
      return hit('subscribe:qrscene', ctx);
    }
    expect(ctx.message.EventKey ?? '').toBe('');
    return hit('subscribe', ctx);
  });
  app.on('event:unsubscribe', (ctx) => {
    hit('unsubscribe', ctx);
    return undefined; // the user can no longer receive anything
  });
  app.on('event:SCAN', (ctx) => {
    expect(ctx.message).toMatchObject({ EventKey: '123123', Ticket: 'TICKET_SCAN' });
    return hit('SCAN', ctx);
  });
  app.on('event:LOCATION', (ctx) => {
    expect(ctx.message).toMatchObject({ Latitude: 23.137466, Longitude: 113.352425, Precision: 119.38504 });
    return hit('LOCATION', ctx);
  });
  app.on('event:CLICK', (ctx) => {
    expect(ctx.message.EventKey).toBe('MENU_KEY');
    return hit('CLICK', ctx);
  });
  app.on('event:VIEW', (ctx) => {
    expect(ctx.message.EventKey).toBe('https://example.com/page?x=1');
    expect(ctx.message.MenuId).toBe('410418124');
    return hit('VIEW', ctx);
  });
  app.on('event:scancode_push', (ctx) => {
    expect(ctx.message.EventKey).toBe('6');
    expect(ctx.message.ScanCodeInfo).toEqual({ ScanType: 'qrcode', ScanResult: 'https://example.com/qr' });
    return hit('scancode_push', ctx);
  });
  app.on('event:pic_sysphoto', (ctx) => {
    expect(ctx.message.EventKey).toBe('6');
    expect(ctx.message.SendPicsInfo).toEqual({
      Count: 2,
      PicList: [{ PicMd5Sum: PIC_A }, { PicMd5Sum: PIC_B }],
    });
    return hit('pic_sysphoto', ctx);
  });
  app.on('event:location_select', (ctx) => {
    expect(ctx.message.EventKey).toBe('7');
    expect(ctx.message.SendLocationInfo).toEqual({
      Location_X: 23,
      Location_Y: 113,
      Scale: 15,
      Label: ADDRESS,
      Poiname: '',
    });
    return hit('location_select', ctx);
  });
  app.on('event:view_miniprogram', (ctx) => {
    expect(ctx.message).toMatchObject({ EventKey: 'pages/index/index', MenuId: '77' });
    return hit('view_miniprogram', ctx);
  });
  app.on('event:card_pass_check', (ctx) => {
    expect(String(ctx.message.Event)).toBe('card_pass_check');
    expect(ctx.message.raw).toMatchObject({ CardId: 'pFS7Fjg8kV1IdDz01r4SQwMkuCKc', RefuseReason: '无' });
    return hit('card_pass_check', ctx);
  });
  app.on('event', (ctx) => hit(`event:${String(ctx.message.Event)}`, ctx));
  app.otherwise((ctx) => {
    expect(String(ctx.message.MsgType)).toBe('device_text');
    expect(ctx.message.raw).toMatchObject({ DeviceType: 'gh_device', DeviceID: 'dev1', Content: 'aGk=' });
    return hit('otherwise', ctx);
  });
  return { ...harness, hits };
}

interface MessageCase {
  readonly name: string;
  readonly fields: Record<string, unknown>;
  readonly route: string;
  /** Whether the sender starts as a non-follower (who may only follow). */
  readonly unsubscribed?: boolean;
  /** Whether the handler answers (nothing is answered to an unfollow). */
  readonly replied?: boolean;
}

const MESSAGES: readonly MessageCase[] = [
  { name: 'text', route: 'text', fields: { MsgType: 'text', Content: '你好 <world> & "friends"' } },
  {
    name: 'image',
    route: 'image',
    fields: { MsgType: 'image', PicUrl: 'http://mmbiz.qpic.cn/mmbiz/pic.jpg', MediaId: 'IMAGE_MEDIA' },
  },
  {
    name: 'voice',
    route: 'voice',
    fields: {
      MsgType: 'voice',
      MediaId: 'VOICE_MEDIA',
      Format: 'amr',
      MediaId16K: 'VOICE_16K',
      Recognition: '腾讯微信团队',
    },
  },
  {
    name: 'video',
    route: 'video',
    fields: { MsgType: 'video', MediaId: 'VIDEO_MEDIA', ThumbMediaId: 'VIDEO_THUMB' },
  },
  {
    name: 'shortvideo',
    route: 'shortvideo',
    fields: { MsgType: 'shortvideo', MediaId: 'SHORT_MEDIA', ThumbMediaId: 'SHORT_THUMB' },
  },
  {
    name: 'location',
    route: 'location',
    fields: {
      MsgType: 'location',
      Location_X: 23.134521,
      Location_Y: 113.358803,
      Scale: 20,
      Label: '位置信息',
    },
  },
  {
    name: 'link',
    route: 'link',
    fields: {
      MsgType: 'link',
      Title: '公众平台官网链接',
      Description: '公众平台官网链接 & more',
      Url: 'https://mp.weixin.qq.com/?a=1&b=2',
    },
  },
  {
    name: 'event subscribe',
    route: 'subscribe',
    unsubscribed: true,
    fields: { MsgType: 'event', Event: 'subscribe' },
  },
  {
    name: 'event subscribe through a QR code (qrscene_)',
    route: 'subscribe:qrscene',
    unsubscribed: true,
    fields: { MsgType: 'event', Event: 'subscribe', EventKey: 'qrscene_123123', Ticket: 'TICKET_SUBSCRIBE' },
  },
  {
    name: 'event unsubscribe',
    route: 'unsubscribe',
    replied: false,
    fields: { MsgType: 'event', Event: 'unsubscribe' },
  },
  {
    name: 'event SCAN',
    route: 'SCAN',
    fields: { MsgType: 'event', Event: 'SCAN', EventKey: '123123', Ticket: 'TICKET_SCAN' },
  },
  {
    name: 'event LOCATION',
    route: 'LOCATION',
    fields: {
      MsgType: 'event',
      Event: 'LOCATION',
      Latitude: 23.137466,
      Longitude: 113.352425,
      Precision: 119.38504,
    },
  },
  { name: 'event CLICK', route: 'CLICK', fields: { MsgType: 'event', Event: 'CLICK', EventKey: 'MENU_KEY' } },
  {
    name: 'event VIEW',
    route: 'VIEW',
    fields: {
      MsgType: 'event',
      Event: 'VIEW',
      EventKey: 'https://example.com/page?x=1',
      MenuId: '410418124',
    },
  },
  {
    name: 'event scancode_push',
    route: 'scancode_push',
    fields: {
      MsgType: 'event',
      Event: 'scancode_push',
      EventKey: '6',
      ScanCodeInfo: { ScanType: 'qrcode', ScanResult: 'https://example.com/qr' },
    },
  },
  {
    name: 'event pic_sysphoto with SendPicsInfo',
    route: 'pic_sysphoto',
    fields: {
      MsgType: 'event',
      Event: 'pic_sysphoto',
      EventKey: '6',
      SendPicsInfo: { Count: 2, PicList: { item: [{ PicMd5Sum: PIC_A }, { PicMd5Sum: PIC_B }] } },
    },
  },
  {
    name: 'event location_select',
    route: 'location_select',
    fields: {
      MsgType: 'event',
      Event: 'location_select',
      EventKey: '7',
      SendLocationInfo: { Location_X: 23, Location_Y: 113, Scale: 15, Label: ADDRESS, Poiname: '' },
    },
  },
  {
    name: 'event view_miniprogram',
    route: 'view_miniprogram',
    fields: { MsgType: 'event', Event: 'view_miniprogram', EventKey: 'pages/index/index', MenuId: '77' },
  },
  {
    name: 'an unknown event, on its own route',
    route: 'card_pass_check',
    fields: {
      MsgType: 'event',
      Event: 'card_pass_check',
      CardId: 'pFS7Fjg8kV1IdDz01r4SQwMkuCKc',
      RefuseReason: '无',
    },
  },
  {
    name: 'an unknown event, on the catch-all event route',
    route: 'event:debug_demo',
    fields: { MsgType: 'event', Event: 'debug_demo', EventKey: 'demo' },
  },
  {
    name: 'an unknown MsgType',
    route: 'otherwise',
    fields: {
      MsgType: 'device_text',
      DeviceType: 'gh_device',
      DeviceID: 'dev1',
      Content: 'aGk=',
      SessionID: '9',
    },
  },
];

describe('every message and event the emulator pushes reaches its route, parsed', () => {
  beforeAll(async () => {
    await setMode('safe');
  });

  test.each(MESSAGES)('$name → $route', async ({ fields, route, unsubscribed, replied = true }) => {
    const { hits, errors, app } = routeEverything();
    const openid = await newUser(unsubscribed ? { subscribed: false } : {});
    const result = await send(openid, fields);

    expect(errors.map(({ error }) => String(error))).toEqual([]);
    expect(hits.map((h) => h.route)).toEqual([route]);
    const message = hits[0]!.message;
    expect(message.FromUserName).toBe(openid);
    expect(message.CreateTime).toBe(pushed(result).CreateTime);
    if (result.msgId !== undefined) expect((message as { MsgId?: string }).MsgId).toBe(result.msgId);
    if (replied) {
      expect(textOf(result)).toBe(`route:${route}`);
      expect(await inbox(openid)).toEqual([
        expect.objectContaining({ kind: 'reply', message: { type: 'text', content: `route:${route}` } }),
      ]);
    } else {
      expect(result.status).toBe('empty');
      expect(await inbox(openid)).toEqual([]);
    }
    expect(app.stats).toMatchObject({ received: 1, replied: replied ? 1 : 0 });
  });
});

// ---- routing -------------------------------------------------------------------------------------

describe('routing', () => {
  beforeAll(async () => {
    await setMode('compatible');
  });

  test('hears, key, on and otherwise: the first matching route answers', async () => {
    const { app, errors } = webhook();
    app.hears('exact', () => 'hears:exact');
    app.hears(/^order (\d+)$/, (ctx) => `hears:order #${/\d+/.exec(ctx.message.Content)?.[0]}`);
    app.key('MENU_KEY', (ctx) => `key:${ctx.message.MsgType === 'event' ? String(ctx.message.Event) : ''}`);
    app.on('text', (ctx) => `on:text ${ctx.message.Content}`);
    app.on('text', () => 'never: an earlier on(text) matches first');
    app.on('event:CLICK', (ctx) => `on:CLICK ${ctx.message.EventKey}`);
    app.otherwise((ctx) => `otherwise:${String(ctx.message.MsgType)}`);
    const openid = await newUser();
    const answers: Record<string, string> = {};
    const sends: [string, Record<string, unknown>][] = [
      ['exact', { MsgType: 'text', Content: 'exact' }],
      ['exact, padded', { MsgType: 'text', Content: '  exact \n' }],
      ['exactly', { MsgType: 'text', Content: 'exactly' }],
      ['order', { MsgType: 'text', Content: 'order 42' }],
      ['order, no number', { MsgType: 'text', Content: 'order now' }],
      ['CLICK MENU_KEY', { MsgType: 'event', Event: 'CLICK', EventKey: 'MENU_KEY' }],
      ['SCAN MENU_KEY', { MsgType: 'event', Event: 'SCAN', EventKey: 'MENU_KEY', Ticket: 'T' }],
      ['CLICK OTHER', { MsgType: 'event', Event: 'CLICK', EventKey: 'OTHER_KEY' }],
      ['image', { MsgType: 'image', PicUrl: 'http://example.com/p.jpg', MediaId: 'M' }],
      ['VIEW', { MsgType: 'event', Event: 'VIEW', EventKey: 'https://example.com/' }],
    ];
    for (const [name, fields] of sends) answers[name] = textOf(await send(openid, fields));
    expect(answers).toEqual({
      exact: 'hears:exact',
      'exact, padded': 'hears:exact',
      exactly: 'on:text exactly',
      order: 'hears:order #42',
      'order, no number': 'on:text order now',
      'CLICK MENU_KEY': 'key:CLICK',
      'SCAN MENU_KEY': 'key:SCAN',
      'CLICK OTHER': 'on:CLICK OTHER_KEY',
      image: 'otherwise:image',
      VIEW: 'otherwise:event',
    });
    expect(errors).toEqual([]);
  });

  test('with no matching route and no otherwise, the push is answered success', async () => {
    const { app } = webhook();
    app.on('image', () => 'image only');
    const openid = await newUser();
    const result = await send(openid, { MsgType: 'text', Content: 'hi' });
    expect(result.status).toBe('empty');
    expect(await inbox(openid)).toEqual([]);
  });

  test('middleware runs in order around the handler, shares state and can rewrite the reply', async () => {
    const { app, errors } = webhook();
    const order: string[] = [];
    app.use(async (ctx, next) => {
      order.push('a:before');
      ctx.state.trace = ['a'];
      const result = await next();
      order.push('a:after');
      return typeof result === 'string' ? `[${result}]` : result;
    });
    app.use(async (ctx, next) => {
      order.push('b:before');
      (ctx.state.trace as string[]).push('b');
      const result = await next();
      order.push('b:after');
      return result;
    });
    app.on('text', (ctx) => {
      order.push('handler');
      return `handled after ${(ctx.state.trace as string[]).join('>')}`;
    });
    const openid = await newUser();

    expect(textOf(await send(openid, { MsgType: 'text', Content: 'hi' }))).toBe('[handled after a>b]');
    expect(order).toEqual(['a:before', 'b:before', 'handler', 'b:after', 'a:after']);

    // Middleware also runs around a push no route matches.
    order.length = 0;
    const unmatched = await send(openid, {
      MsgType: 'image',
      PicUrl: 'http://example.com/p.jpg',
      MediaId: 'M',
    });
    expect(unmatched.status).toBe('empty');
    expect(order).toEqual(['a:before', 'b:before', 'b:after', 'a:after']);
    expect(errors).toEqual([]);
  });

  test('middleware that does not call next() answers without the handlers', async () => {
    const { app, errors } = webhook();
    let later = 0;
    let handled = 0;
    app.use((ctx, next) => {
      if (ctx.message.MsgType === 'text' && ctx.message.Content === 'spam') return '已屏蔽';
      if (ctx.message.MsgType === 'text' && ctx.message.Content === 'silence') return undefined;
      return next();
    });
    app.use((_ctx, next) => {
      later += 1;
      return next();
    });
    app.on('text', () => {
      handled += 1;
      return 'handled';
    });
    const openid = await newUser();
    expect(textOf(await send(openid, { MsgType: 'text', Content: 'spam' }))).toBe('已屏蔽');
    expect((await send(openid, { MsgType: 'text', Content: 'silence' })).status).toBe('empty');
    expect({ later, handled }).toEqual({ later: 0, handled: 0 });
    expect(textOf(await send(openid, { MsgType: 'text', Content: 'hello' }))).toBe('handled');
    expect({ later, handled }).toEqual({ later: 1, handled: 1 });
    expect(errors).toEqual([]);
  });

  test('next() called twice is an error: the user gets success and onError is called', async () => {
    const { app, errors } = webhook();
    let handled = 0;
    app.use(async (_ctx, next) => {
      await next();
      return next();
    });
    app.on('text', () => {
      handled += 1;
      return 'twice?';
    });
    const openid = await newUser();
    const result = await send(openid, { MsgType: 'text', Content: 'hi' });
    expect(result.status).toBe('empty');
    expect(handled).toBe(1);
    expect(errors).toHaveLength(1);
    expect(String(errors[0]?.error)).toMatch(/next\(\) called more than once/);
    expect(errors[0]?.ctx.openid).toBe(openid);
    expect(await inbox(openid)).toEqual([]);
    expect(app.stats).toMatchObject({ received: 1, replied: 0 });
  });

  test('a throwing handler: the user gets success and onError gets the error and the context', async () => {
    const { app, errors } = webhook();
    const boom = new Error('boom');
    app.on('text', () => {
      throw boom;
    });
    app.on('event:CLICK', async () => {
      await Promise.resolve();
      throw new TypeError('async boom');
    });
    const openid = await newUser();
    const result = await send(openid, { MsgType: 'text', Content: 'hi' });
    expect(result.status).toBe('empty');
    expect((await send(openid, { MsgType: 'event', Event: 'CLICK', EventKey: 'K' })).status).toBe('empty');
    expect(errors.map((e) => e.error)).toEqual([boom, new TypeError('async boom')]);
    expect(errors[0]?.ctx.message).toMatchObject({ MsgType: 'text', Content: 'hi', MsgId: result.msgId });
    expect(await inbox(openid)).toEqual([]);
  });

  test('without onError, a throwing handler is logged', async () => {
    const { app, logged } = webhook({ withOnError: false });
    const boom = new Error('boom');
    app.on('text', () => {
      throw boom;
    });
    const openid = await newUser();
    expect((await send(openid, { MsgType: 'text', Content: 'hi' })).status).toBe('empty');
    expect(logged).toEqual([{ message: expect.stringContaining('a handler failed'), error: boom }]);
  });

  test('an invalid reply (an empty news) is answered success and reported to onError', async () => {
    const { app, errors: logged } = webhook();
    app.on('text', () => ({ type: 'news', articles: [] }));
    app.on('event:CLICK', () => ({ type: 'image', mediaId: '' }));
    const openid = await newUser();
    expect((await send(openid, { MsgType: 'text', Content: 'news please' })).status).toBe('empty');
    expect((await send(openid, { MsgType: 'event', Event: 'CLICK', EventKey: 'IMG' })).status).toBe('empty');
    expect(logged).toHaveLength(2);
    for (const { error } of logged) expect(error).toBeInstanceOf(WeChatReplyError);
    expect(await inbox(openid)).toEqual([]);
    expect(app.stats).toMatchObject({ received: 2, replied: 0 });
  });
});

// ---- URL verification --------------------------------------------------------------------------

describe('URL verification through POST /emulator/verify', () => {
  test('the webhook answers the echostr, running no handler', async () => {
    const { app } = webhook();
    let handled = 0;
    app.use((_ctx, next) => {
      handled += 1;
      return next();
    });
    const result = await control<{ ok: boolean; status: number; echostr: string; body: string }>(
      'POST',
      '/emulator/verify',
    );
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(result.body).toBe(result.echostr);
    expect(handled).toBe(0);
    expect(app.stats).toMatchObject({ received: 0, rejected: {} });
  });

  test('a webhook configured with another token fails the handshake with 401', async () => {
    const { app, warnings } = webhook({ token: 'notTheToken' });
    const result = await control<{ ok: boolean; status: number; reason: string }>('POST', '/emulator/verify');
    expect(result).toMatchObject({ ok: false, status: 401 });
    expect(app.stats.rejected).toEqual({ 'bad-signature': 1 });
    expect(warnings).toHaveLength(1);
  });
});

// ---- the 48-hour window ----------------------------------------------------------------------------

describe('the 48-hour window', () => {
  const key = (openid: string) => `${APP.appId}:interaction:${openid}`;

  test("a user's push records its CreateTime; system events do not", async () => {
    await setMode('safe');
    const { app, store, errors } = webhook();
    const seen: string[] = [];
    app.on('event:MASSSENDJOBFINISH', (ctx) => {
      expect(ctx.message).toMatchObject({ MsgID: '1000001625', Status: 'send success', SentCount: 75 });
      seen.push('MASSSENDJOBFINISH');
    });
    app.on('event:TEMPLATESENDJOBFINISH', (ctx) => {
      expect(ctx.message).toMatchObject({ MsgID: '200163836', Status: 'success' });
      seen.push('TEMPLATESENDJOBFINISH');
    });
    app.otherwise(() => 'ok');
    const massSendFinished = {
      MsgType: 'event',
      Event: 'MASSSENDJOBFINISH',
      MsgID: '1000001625',
      Status: 'send success',
      TotalCount: 100,
      FilterCount: 80,
      SentCount: 75,
      ErrorCount: 5,
    };

    // A system event alone opens no window.
    const system = await newUser();
    await send(system, massSendFinished);
    expect(await store.get(key(system))).toBeUndefined();

    // A message does.
    const openid = await newUser();
    const first = await send(openid, { MsgType: 'text', Content: 'hi' });
    const firstTime = pushed(first).CreateTime;
    await until(async () => (await store.get(key(openid))) !== undefined);
    expect(await store.get(key(openid))).toBe(String(firstTime));

    // Later system events leave it where it was.
    await control('POST', '/emulator/clock', { advanceSeconds: 120 });
    await send(openid, massSendFinished);
    await send(openid, {
      MsgType: 'event',
      Event: 'TEMPLATESENDJOBFINISH',
      MsgID: '200163836',
      Status: 'success',
    });
    expect(seen).toEqual(['MASSSENDJOBFINISH', 'MASSSENDJOBFINISH', 'TEMPLATESENDJOBFINISH']);
    expect(await store.get(key(openid))).toBe(String(firstTime));

    // A user's event moves it.
    const click = await send(openid, { MsgType: 'event', Event: 'CLICK', EventKey: 'K' });
    const clickTime = pushed(click).CreateTime;
    expect(clickTime).toBeGreaterThanOrEqual(firstTime + 120);
    await until(async () => (await store.get(key(openid))) === String(clickTime));
    expect(errors).toEqual([]);
  });

  test('an unfollow does not open the window', async () => {
    const { store } = webhook();
    const openid = await newUser();
    await send(openid, { MsgType: 'event', Event: 'unsubscribe' });
    expect(await store.get(key(openid))).toBeUndefined();
  });
});
