import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import type { MessageMode } from '../../src/emulator/state.js';
import { MessageCrypto } from '../../src/protocol/crypto.js';
import { type Reply, renderReply } from '../../src/protocol/replies.js';
import { checkSignature } from '../../src/protocol/signature.js';
import { parseXml, type XmlObject } from '../../src/protocol/xml.js';

const APP = {
  appId: 'wx0123456789abcdef',
  appSecret: 'secret0123456789',
  token: 'pushTestToken',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  originalId: 'gh_0123456789ab',
};
const crypto = new MessageCrypto(APP);
const SHOWN = '该公众号暂时无法提供服务，请稍后再试';

/** One request the webhook received. */
interface Hit {
  readonly method: string;
  readonly query: URLSearchParams;
  readonly contentType: string | undefined;
  readonly body: string;
}

/** What the webhook answers to a hit: a status and body, or `hang` to never answer. */
type Answer = { status?: number; body: string } | 'hang';

/** A real webhook on 127.0.0.1: records every hit and answers with the current handler. */
class Webhook {
  readonly hits: Hit[] = [];
  answer: (hit: Hit, index: number) => Answer = () => ({ body: 'success' });
  readonly #server: Server;

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(): Promise<Webhook> {
    const server = createServer();
    const webhook = new Webhook(server);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://webhook');
        const hit: Hit = {
          method: req.method ?? '',
          query: url.searchParams,
          contentType: req.headers['content-type'],
          body: Buffer.concat(chunks).toString('utf8'),
        };
        webhook.hits.push(hit);
        const answer = webhook.answer(hit, webhook.hits.length - 1);
        if (answer === 'hang') return;
        res.writeHead(answer.status ?? 200, { 'content-type': 'text/xml; charset=utf-8' });
        res.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return webhook;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/wechat`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }
}

let emulator: Emulator | undefined;
let webhook: Webhook | undefined;

afterEach(async () => {
  await emulator?.close();
  await webhook?.close();
  emulator = undefined;
  webhook = undefined;
});

async function setup(
  mode: MessageMode,
  withWebhook = true,
): Promise<{ emulator: Emulator; webhook: Webhook }> {
  webhook = await Webhook.start();
  emulator = await startEmulator({
    ...APP,
    mode,
    ...(withWebhook ? { webhook: webhook.url } : {}),
    pushTimeoutMs: 300,
    pushRetries: 3,
  });
  return { emulator, webhook };
}

async function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const init: RequestInit = { method };
  if (body !== undefined) init.body = JSON.stringify(body);
  const response = await fetch(`${emulator?.url}${path}`, init);
  return { status: response.status, json: await response.json() };
}

interface PushResultJson {
  attempts: number;
  status: 'replied' | 'empty' | 'failed';
  reply?: Reply;
  latencyMs: number;
  reason?: string;
  shown?: string;
  msgId?: string;
  pushed: string;
}

async function createUser(openid: string, subscribed = true): Promise<void> {
  const { status } = await call('POST', '/emulator/users', { openid, subscribed });
  expect(status).toBe(200);
}

async function send(openid: string, body: unknown): Promise<PushResultJson> {
  const { status, json } = await call('POST', `/emulator/users/${openid}/send`, body);
  expect(status, JSON.stringify(json)).toBe(200);
  return json as PushResultJson;
}

async function inbox(openid: string): Promise<{ kind: string; message: Reply; attempts?: number }[]> {
  return (await call('GET', `/emulator/users/${openid}/inbox`)).json as {
    kind: string;
    message: Reply;
    attempts?: number;
  }[];
}

async function counters(): Promise<Record<string, number>> {
  return ((await call('GET', '/emulator/stats')).json as { counters: Record<string, number> }).counters;
}

function root(xml: string): XmlObject {
  const { name, value } = parseXml(xml);
  expect(name).toBe('xml');
  return value as XmlObject;
}

/**
 * Opens a push as a webhook must: checks `signature`, and in the encrypted modes `msg_signature`,
 * then decrypts. Returns the plain document.
 */
function openPush(hit: Hit, mode: MessageMode): string {
  const q = (name: string) => hit.query.get(name) ?? '';
  expect(hit.method).toBe('POST');
  expect(hit.contentType).toBe('text/xml');
  expect(
    checkSignature({
      token: APP.token,
      signature: q('signature'),
      timestamp: q('timestamp'),
      nonce: q('nonce'),
    }),
  ).toBe(true);
  if (mode === 'plain') {
    expect(hit.query.has('encrypt_type')).toBe(false);
    expect(hit.query.has('msg_signature')).toBe(false);
    return hit.body;
  }
  expect(q('encrypt_type')).toBe('aes');
  const body = root(hit.body);
  const encrypt = body.Encrypt as string;
  const params = { msgSignature: q('msg_signature'), timestamp: q('timestamp'), nonce: q('nonce'), encrypt };
  expect(crypto.verify(params)).toBe(true);
  return crypto.verifyAndDecrypt(params).message;
}

/** A reply to the user as the webhook renders it, encrypted when asked. */
function reply(openid: string, value: Reply | string, encrypted = false): Answer {
  const xml = renderReply(value, { to: openid, from: APP.originalId, createTime: 1_700_000_000 });
  return { body: encrypted ? crypto.encryptReply(xml) : xml };
}

describe('pushes in each mode', () => {
  test('plain: signed plain XML with the full envelope; the reply lands in the inbox', async () => {
    const { webhook } = await setup('plain');
    await createUser('oPlain');
    webhook.answer = () => reply('oPlain', '你好');
    const result = await send('oPlain', { MsgType: 'text', Content: 'hi' });

    expect(webhook.hits).toHaveLength(1);
    const hit = webhook.hits[0]!;
    expect(hit.query.get('openid')).toBe('oPlain');
    const doc = root(openPush(hit, 'plain'));
    expect(doc.ToUserName).toBe(APP.originalId);
    expect(doc.FromUserName).toBe('oPlain');
    expect(doc.MsgType).toBe('text');
    expect(doc.Content).toBe('hi');
    expect(doc.CreateTime).toMatch(/^\d{10}$/);
    expect(Math.abs(Number(doc.CreateTime) - Date.now() / 1000)).toBeLessThan(120);
    expect(doc.MsgId).toMatch(/^\d{19}$/);
    expect(BigInt(doc.MsgId as string)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    expect(hit.body).toContain(`<MsgId>${doc.MsgId}</MsgId></xml>`);

    expect(result).toMatchObject({ attempts: 1, status: 'replied', msgId: doc.MsgId, pushed: hit.body });
    expect(result.reply).toEqual({ type: 'text', content: '你好' });
    expect(result.reason).toBeUndefined();
    expect(await inbox('oPlain')).toMatchObject([
      { kind: 'reply', message: { type: 'text', content: '你好' }, attempts: 1 },
    ]);
    expect((await counters())['push:replied']).toBe(1);
  });

  test('MsgIds of consecutive messages follow each other; events have none', async () => {
    const { webhook } = await setup('plain');
    await createUser('oIds');
    const first = await send('oIds', { MsgType: 'text', Content: '1' });
    const second = await send('oIds', { MsgType: 'image', PicUrl: 'http://x/p.jpg', MediaId: 'm' });
    const event = await send('oIds', { MsgType: 'event', Event: 'CLICK', EventKey: 'k' });
    expect(BigInt(second.msgId!) - BigInt(first.msgId!)).toBe(1n);
    expect(event.msgId).toBeUndefined();
    expect(root(webhook.hits[2]!.body).MsgId).toBeUndefined();
    expect(emulator?.state.lastMsgId).toBe(second.msgId);
  });

  test('compatible: plain fields plus <Encrypt> last; plain and encrypted replies are both accepted', async () => {
    const { webhook } = await setup('compatible');
    await createUser('oCompat');
    webhook.answer = (_hit, i) => reply('oCompat', `answer ${i}`, i === 1);
    const first = await send('oCompat', { MsgType: 'text', Content: 'hi' });
    const second = await send('oCompat', { MsgType: 'text', Content: 'again' });

    const hit = webhook.hits[0]!;
    const body = root(hit.body);
    expect(Object.keys(body)).toEqual([
      'ToUserName',
      'FromUserName',
      'CreateTime',
      'MsgType',
      'Content',
      'MsgId',
      'Encrypt',
    ]);
    expect(body.Content).toBe('hi');
    const plain = openPush(hit, 'compatible');
    expect(plain).toBe(first.pushed);
    expect(hit.body.startsWith(plain.slice(0, -'</xml>'.length))).toBe(true);
    expect(root(plain).MsgId).toBe(first.msgId);

    expect(first).toMatchObject({ status: 'replied', reply: { type: 'text', content: 'answer 0' } });
    expect(second).toMatchObject({ status: 'replied', reply: { type: 'text', content: 'answer 1' } });
    expect((await inbox('oCompat')).map((e) => e.message)).toEqual([
      { type: 'text', content: 'answer 0' },
      { type: 'text', content: 'answer 1' },
    ]);
  });

  test('safe: only ToUserName and Encrypt; the encrypted reply is verified, decrypted and delivered', async () => {
    const { webhook } = await setup('safe');
    await createUser('oSafe');
    webhook.answer = () => reply('oSafe', { type: 'image', mediaId: 'MEDIA' }, true);
    const result = await send('oSafe', { MsgType: 'text', Content: 'hi' });

    const hit = webhook.hits[0]!;
    expect(hit.query.get('openid')).toBe('oSafe');
    const body = root(hit.body);
    expect(Object.keys(body)).toEqual(['ToUserName', 'Encrypt']);
    expect(body.ToUserName).toBe(APP.originalId);
    const doc = root(openPush(hit, 'safe'));
    expect(doc).toMatchObject({ ToUserName: APP.originalId, FromUserName: 'oSafe', Content: 'hi' });
    expect(doc.MsgId).toBe(result.msgId);

    expect(result).toMatchObject({
      attempts: 1,
      status: 'replied',
      reply: { type: 'image', mediaId: 'MEDIA' },
    });
    expect((await inbox('oSafe'))[0]?.message).toEqual({ type: 'image', mediaId: 'MEDIA' });
  });

  test('the webhook URL keeps its own query string', async () => {
    const { emulator, webhook } = await setup('plain');
    await call('PATCH', '/emulator/app', { webhook: `${webhook.url}?tenant=a` });
    expect(emulator.state.app.webhook).toContain('tenant=a');
    await createUser('oQuery');
    await send('oQuery', { MsgType: 'text', Content: 'hi' });
    expect(webhook.hits[0]?.query.get('tenant')).toBe('a');
    expect(webhook.hits[0]?.query.get('openid')).toBe('oQuery');
  });
});

describe('answers that are not replies', () => {
  test('success, an empty body and whitespace mean "no reply", in safe mode too', async () => {
    const { webhook } = await setup('safe');
    await createUser('oEmpty');
    const bodies = ['success', '', '  \n'];
    webhook.answer = (_hit, i) => ({ body: bodies[i] ?? '' });
    for (const _ of bodies) {
      const result = await send('oEmpty', { MsgType: 'text', Content: 'hi' });
      expect(result).toMatchObject({ attempts: 1, status: 'empty' });
      expect(result.reply).toBeUndefined();
      expect(result.shown).toBeUndefined();
    }
    expect(await inbox('oEmpty')).toEqual([]);
    expect((await counters())['push:empty']).toBe(3);
  });
});

describe('timeouts and retries', () => {
  test('a retry carries the same MsgId and document with a new nonce, signature and ciphertext', async () => {
    const { webhook } = await setup('safe');
    await createUser('oRetry');
    webhook.answer = (_hit, i) => (i < 2 ? 'hang' : reply('oRetry', 'late but there', true));
    const result = await send('oRetry', { MsgType: 'text', Content: 'hi' });

    expect(result).toMatchObject({ attempts: 3, status: 'replied', reply: { content: 'late but there' } });
    expect(webhook.hits).toHaveLength(3);
    const plains = webhook.hits.map((hit) => openPush(hit, 'safe'));
    expect(new Set(plains)).toEqual(new Set([result.pushed]));
    expect(root(plains[0]!).MsgId).toBe(result.msgId);
    for (const name of ['nonce', 'signature', 'msg_signature']) {
      expect(new Set(webhook.hits.map((hit) => hit.query.get(name))).size).toBe(3);
    }
    expect(new Set(webhook.hits.map((hit) => root(hit.body).Encrypt)).size).toBe(3);
    expect(await inbox('oRetry')).toMatchObject([{ kind: 'reply', attempts: 3 }]);
  });

  test('when every attempt times out the push fails after 1 + retries attempts', async () => {
    const { webhook } = await setup('plain');
    await createUser('oSlow');
    webhook.answer = () => 'hang';
    const result = await send('oSlow', { MsgType: 'text', Content: 'hi' });
    expect(result).toMatchObject({ attempts: 4, status: 'failed', shown: SHOWN });
    expect(result.reason).toBe('no answer within 300 ms after 4 attempts');
    expect(webhook.hits).toHaveLength(4);
    expect(new Set(webhook.hits.map((hit) => root(hit.body).MsgId)).size).toBe(1);
    expect(await inbox('oSlow')).toEqual([]);
    expect((await counters())['push:failed']).toBe(1);
  });

  test('an HTTP 5xx is retried; the answer after it decides', async () => {
    const { webhook } = await setup('plain');
    await createUser('o5xx');
    webhook.answer = (_hit, i) => (i === 0 ? { status: 503, body: 'busy' } : { body: 'success' });
    expect(await send('o5xx', { MsgType: 'text', Content: 'hi' })).toMatchObject({
      attempts: 2,
      status: 'empty',
    });

    webhook.answer = () => ({ status: 500, body: 'boom' });
    const result = await send('o5xx', { MsgType: 'text', Content: 'hi' });
    expect(result).toMatchObject({
      attempts: 4,
      status: 'failed',
      reason: 'webhook answered HTTP 500 after 4 attempts',
    });
  });

  test('an HTTP 4xx fails at once, without retry', async () => {
    const { webhook } = await setup('plain');
    await createUser('o4xx');
    webhook.answer = () => ({ status: 403, body: 'forbidden' });
    const result = await send('o4xx', { MsgType: 'text', Content: 'hi' });
    expect(result).toMatchObject({ attempts: 1, status: 'failed', reason: 'webhook answered HTTP 403' });
    expect(webhook.hits).toHaveLength(1);
  });

  test('a webhook nobody listens on fails after every attempt', async () => {
    const { webhook } = await setup('plain');
    await createUser('oGone');
    await webhook.close();
    const result = await send('oGone', { MsgType: 'text', Content: 'hi' });
    expect(result).toMatchObject({ attempts: 4, status: 'failed', shown: SHOWN });
    expect(result.reason).toMatch(/^cannot reach the webhook: .*ECONNREFUSED.* after 4 attempts$/);
  });
});

describe('invalid replies', () => {
  test('malformed XML fails without retry', async () => {
    const { webhook } = await setup('plain');
    await createUser('oBad');
    webhook.answer = () => ({ body: '<xml><ToUserName>oBad</xml>' });
    const result = await send('oBad', { MsgType: 'text', Content: 'hi' });
    expect(result).toMatchObject({ attempts: 1, status: 'failed', shown: SHOWN });
    expect(result.reason).toMatch(/^reply is not well-formed XML: /);
    expect(webhook.hits).toHaveLength(1);

    webhook.answer = () => ({ body: '{"reply":"json"}' });
    expect((await send('oBad', { MsgType: 'text', Content: 'hi' })).reason).toMatch(/not well-formed XML/);
    expect(await inbox('oBad')).toEqual([]);
    expect((await counters())['push:failed']).toBe(2);
  });

  test('a reply addressed to someone else, or from another account, fails', async () => {
    const { webhook } = await setup('plain');
    await createUser('oMe');
    webhook.answer = () => reply('oSomeoneElse', 'hi');
    const result = await send('oMe', { MsgType: 'text', Content: 'hi' });
    expect(result).toMatchObject({
      status: 'failed',
      reason: 'reply addressed to "oSomeoneElse", not to the user',
    });

    webhook.answer = () => ({
      body: renderReply('hi', { to: 'oMe', from: 'gh_other', createTime: 1_700_000_000 }),
    });
    expect((await send('oMe', { MsgType: 'text', Content: 'hi' })).reason).toMatch(
      /^reply sent from "gh_other", not from the account gh_0123456789ab$/,
    );
  });

  test('a reply of the wrong shape fails with parseReply’s reason', async () => {
    const { webhook } = await setup('plain');
    await createUser('oShape');
    webhook.answer = () => ({
      body: '<xml><ToUserName>oShape</ToUserName><FromUserName>gh_0123456789ab</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType></xml>',
    });
    const result = await send('oShape', { MsgType: 'text', Content: 'hi' });
    expect(result.status).toBe('failed');
    expect(result.reason).toMatch(/^reply is not a valid passive reply: .*Content/);
  });

  test('safe mode: a plain reply, a bad msg_signature or another appid fail', async () => {
    const { webhook } = await setup('safe');
    await createUser('oStrict');
    const plain = renderReply('hi', { to: 'oStrict', from: APP.originalId, createTime: 1_700_000_000 });

    webhook.answer = () => ({ body: plain });
    const notEncrypted = await send('oStrict', { MsgType: 'text', Content: 'hi' });
    expect(notEncrypted).toMatchObject({ status: 'failed', shown: SHOWN });
    expect(notEncrypted.reason).toMatch(/^reply is not encrypted/);

    const other = new MessageCrypto({ ...APP, token: 'anotherToken' });
    webhook.answer = () => ({ body: other.encryptReply(plain) });
    expect((await send('oStrict', { MsgType: 'text', Content: 'hi' })).reason).toBe(
      'msg_signature of the reply does not match',
    );

    const foreign = new MessageCrypto({ ...APP, appId: 'wxanotherapp00000' });
    webhook.answer = () => ({ body: foreign.encryptReply(plain) });
    const wrongApp = await send('oStrict', { MsgType: 'text', Content: 'hi' });
    expect(wrongApp.status).toBe('failed');
    expect(wrongApp.reason).toMatch(/^cannot decrypt the reply: .*wxanotherapp00000.*ValidateAppidError/);

    expect(webhook.hits).toHaveLength(3);
    expect(await inbox('oStrict')).toEqual([]);
    expect((await counters())['push:failed']).toBe(3);
  });

  test('plain mode refuses an encrypted reply', async () => {
    const { webhook } = await setup('plain');
    await createUser('oPlainOnly');
    webhook.answer = () => reply('oPlainOnly', 'hi', true);
    const result = await send('oPlainOnly', { MsgType: 'text', Content: 'hi' });
    expect(result).toMatchObject({ status: 'failed' });
    expect(result.reason).toMatch(/encrypted but the account is in plain mode/);
  });
});

describe('news replies', () => {
  const news: Reply = {
    type: 'news',
    articles: [{ title: 'One', url: 'https://e.x/1' }, { title: 'Two' }, { title: 'Three' }],
  };

  test('a user message shows only the first article; an event shows them all', async () => {
    const { webhook } = await setup('plain');
    await createUser('oNews');
    webhook.answer = () => reply('oNews', news);
    const toText = await send('oNews', { MsgType: 'text', Content: 'news?' });
    expect(toText.reply).toEqual({ type: 'news', articles: [{ title: 'One', url: 'https://e.x/1' }] });
    const toClick = await send('oNews', { MsgType: 'event', Event: 'CLICK', EventKey: 'news' });
    expect(toClick.status).toBe('replied');

    const entries = await inbox('oNews');
    expect(entries.map((e) => (e.message.type === 'news' ? e.message.articles.length : 0))).toEqual([1, 3]);
  });
});

describe('the send request', () => {
  test('an unknown openid is 404; no webhook is 409 until one is configured', async () => {
    const { webhook } = await setup('plain', false);
    expect(
      (await call('POST', '/emulator/users/oNobody/send', { MsgType: 'text', Content: 'x' })).status,
    ).toBe(404);
    await createUser('oWaiting');
    const noWebhook = await call('POST', '/emulator/users/oWaiting/send', { MsgType: 'text', Content: 'x' });
    expect(noWebhook.status).toBe(409);
    expect(webhook.hits).toHaveLength(0);

    await call('PATCH', '/emulator/app', { webhook: webhook.url });
    expect((await send('oWaiting', { MsgType: 'text', Content: 'x' })).status).toBe('empty');
  });

  test.each([
    [{}, '"MsgType" must be a non-empty string'],
    [{ MsgType: '' }, '"MsgType" must be a non-empty string'],
    [{ MsgType: 1 }, '"MsgType" must be a non-empty string'],
    [{ MsgType: 'event' }, '"Event" must be a non-empty string'],
    [
      { MsgType: 'text', Content: true },
      '"Content" must be a string, a finite number, an object or an array; got boolean',
    ],
    [
      { MsgType: 'text', Content: null },
      '"Content" must be a string, a finite number, an object or an array; got null',
    ],
    [
      { MsgType: 'event', Event: 'scancode_push', ScanCodeInfo: { ScanType: false } },
      '"ScanCodeInfo.ScanType" must be',
    ],
    [
      { MsgType: 'x', List: [['a']] },
      '"List[0]" must be a string, a finite number, an object or an array; got an array',
    ],
    [{ MsgType: 'text', 'bad name': 'x' }, '"bad name" cannot be an XML element name'],
    [{ MsgType: 'text', Content: 'x', ToUserName: 'gh_fake' }, '"ToUserName" is set by the emulator'],
    [{ MsgType: 'text', Content: 'x', FromUserName: 'oFake' }, '"FromUserName" is set by the emulator'],
    [{ MsgType: 'text', Content: 'x', CreateTime: 1 }, '"CreateTime" is set by the emulator'],
    [{ MsgType: 'text', Content: 'x', MsgId: '1' }, '"MsgId" is set by the emulator'],
    [{ MsgType: 'text', Content: 'x', Encrypt: 'abc' }, '"Encrypt" is set by the emulator'],
    [
      { MsgType: 'x', A: { B: { C: { D: { E: { F: { G: { H: { I: 'deep' } } } } } } } } },
      'nests deeper than 8',
    ],
  ])('%j is refused with 400', async (body, message) => {
    const { webhook } = await setup('plain');
    await createUser('oBody');
    const { status, json } = await call('POST', '/emulator/users/oBody/send', body);
    expect(status).toBe(400);
    expect((json as { error: string }).error).toContain(message);
    expect(webhook.hits).toHaveLength(0);
  });

  test('a body that is not a JSON object is refused with 400', async () => {
    await setup('plain');
    await createUser('oJson');
    const response = await fetch(`${emulator?.url}/emulator/users/oJson/send`, {
      method: 'POST',
      body: '[1]',
    });
    expect(response.status).toBe(400);
  });
});

describe('events and the user', () => {
  test('subscribe, a nested scancode event and unsubscribe; an unfollowed user can only subscribe', async () => {
    const { emulator, webhook } = await setup('safe');
    await createUser('oFan', false);

    const refused = await call('POST', '/emulator/users/oFan/send', { MsgType: 'text', Content: 'hi' });
    expect(refused.status).toBe(409);
    expect(webhook.hits).toHaveLength(0);

    webhook.answer = () =>
      reply('oFan', { type: 'news', articles: [{ title: 'Welcome' }, { title: 'Menu' }] }, true);
    const subscribed = await send('oFan', {
      MsgType: 'event',
      Event: 'subscribe',
      EventKey: 'qrscene_123',
      Ticket: 't',
    });
    expect(subscribed).toMatchObject({ status: 'replied', attempts: 1 });
    expect(subscribed.msgId).toBeUndefined();
    const doc = root(openPush(webhook.hits[0]!, 'safe'));
    expect(doc).toMatchObject({
      ToUserName: APP.originalId,
      FromUserName: 'oFan',
      MsgType: 'event',
      Event: 'subscribe',
      EventKey: 'qrscene_123',
      Ticket: 't',
    });
    expect(doc.MsgId).toBeUndefined();
    const user = emulator.state.users.oFan!;
    expect(user.subscribed).toBe(true);
    expect(user.subscribeTime).toBe(Number(doc.CreateTime));
    expect(user.lastInteraction).toBe(Number(doc.CreateTime));
    expect((await inbox('oFan'))[0]?.message).toMatchObject({ type: 'news', articles: [{}, {}] });

    webhook.answer = () => ({ body: 'success' });
    await call('POST', '/emulator/clock', { advanceSeconds: 3600 });
    await send('oFan', {
      MsgType: 'event',
      Event: 'scancode_push',
      EventKey: 'k',
      ScanCodeInfo: { ScanType: 'qrcode', ScanResult: 'x' },
    });
    const scan = root(openPush(webhook.hits[1]!, 'safe'));
    expect(scan.ScanCodeInfo).toEqual({ ScanType: 'qrcode', ScanResult: 'x' });
    expect(user.lastInteraction).toBe(Number(scan.CreateTime));
    expect(user.lastInteraction).toBeGreaterThanOrEqual(user.subscribeTime + 3600);

    await send('oFan', { MsgType: 'event', Event: 'unsubscribe' });
    const fetched = (await call('GET', '/emulator/users/oFan')).json as { subscribed: boolean };
    expect(fetched.subscribed).toBe(false);
    expect(
      (await call('POST', '/emulator/users/oFan/send', { MsgType: 'event', Event: 'CLICK' })).status,
    ).toBe(409);
  });

  test('numbers and repeated elements are written as the platform writes them', async () => {
    const { webhook } = await setup('plain');
    await createUser('oLoc');
    await send('oLoc', {
      MsgType: 'event',
      Event: 'pic_sysphoto',
      EventKey: 'k',
      SendPicsInfo: { Count: 2, PicList: { item: [{ PicMd5Sum: 'a' }, { PicMd5Sum: 'b' }] } },
    });
    const body = webhook.hits[0]!.body;
    expect(body).toContain('<Count>2</Count>');
    expect(root(body).SendPicsInfo).toEqual({
      Count: '2',
      PicList: { item: [{ PicMd5Sum: 'a' }, { PicMd5Sum: 'b' }] },
    });
  });
});

describe('URL verification', () => {
  /** A webhook doing the GET handshake with the given token. */
  function handshake(token: string): (hit: Hit) => Answer {
    return (hit) => {
      const q = (name: string) => hit.query.get(name) ?? '';
      const ok = checkSignature({
        token,
        signature: q('signature'),
        timestamp: q('timestamp'),
        nonce: q('nonce'),
      });
      return ok ? { body: q('echostr') } : { status: 401, body: 'invalid signature' };
    };
  }

  test('a webhook with the right token echoes echostr', async () => {
    const { webhook } = await setup('safe');
    webhook.answer = handshake(APP.token);
    const { status, json } = await call('POST', '/emulator/verify');
    expect(status).toBe(200);
    const hit = webhook.hits[0]!;
    expect(hit.method).toBe('GET');
    expect(hit.query.get('echostr')).toMatch(/^[1-9]\d{18}$/);
    expect(hit.query.has('msg_signature')).toBe(false);
    expect(json).toEqual({
      ok: true,
      status: 200,
      echostr: hit.query.get('echostr'),
      body: hit.query.get('echostr'),
    });
  });

  test('a webhook with another token fails, and so does one echoing something else', async () => {
    const { webhook } = await setup('plain');
    webhook.answer = handshake('wrongToken');
    const wrongToken = (await call('POST', '/emulator/verify')).json;
    expect(wrongToken).toMatchObject({ ok: false, status: 401, body: 'invalid signature' });
    expect((wrongToken as { reason: string }).reason).toBe('webhook answered HTTP 401');

    webhook.answer = (hit) => ({ body: `"${hit.query.get('echostr')}"` });
    const quoted = (await call('POST', '/emulator/verify')).json as { ok: boolean; reason: string };
    expect(quoted.ok).toBe(false);
    expect(quoted.reason).toMatch(/^the body is not exactly the echostr/);
    expect((await counters())['verify:failed']).toBe(2);
  });
});
