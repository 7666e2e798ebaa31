import { describe, expect, test } from 'vitest';
import { blockTemplates, failTemplateDelivery, TEMPLATE_LIBRARY } from '../../src/emulator/api/template.js';
import type { EmulatorOptions } from '../../src/emulator.js';
import type { InboundMessage, TemplateSendJobFinishEvent } from '../../src/protocol/messages.js';
import { Account } from '../helpers/account.js';
import { tempStatePath } from '../helpers/state-file.js';
import { startWebhook } from '../helpers/webhook.js';
import { type ApiBody, emulatorPerTest, expectError, startHarness } from './helpers.js';

const SET_INDUSTRY = '/cgi-bin/template/api_set_industry';
const GET_INDUSTRY = '/cgi-bin/template/get_industry';
const ADD = '/cgi-bin/template/api_add_template';
const LIST = '/cgi-bin/template/get_all_private_template';
const DELETE = '/cgi-bin/template/del_private_template';
const SEND = '/cgi-bin/message/template/send';
const SUBSCRIBE = '/cgi-bin/message/template/subscribe';
const USER = 'oTemplateUser';

const isJobFinish =
  (msgid: string) =>
  (message: InboundMessage): boolean =>
    message.MsgType === 'event' &&
    message.Event === 'TEMPLATESENDJOBFINISH' &&
    (message as TemplateSendJobFinishEvent).MsgID === msgid;

// ---- an account with a token, a follower and helpers --------------------------------------------

const start = emulatorPerTest();

class TemplateAccount extends Account {
  /** A POST answered as raw text, to see how the JSON writes numbers. */
  async postRaw(path: string, body: object): Promise<string> {
    const response = await this.harness.request('POST', path, { query: { access_token: this.token }, body });
    return response.text();
  }

  async user(openid: string): Promise<{ lastInteraction: number; subscribed: boolean }> {
    return (
      await this.harness.control<{ lastInteraction: number; subscribed: boolean }>(
        'GET',
        `/emulator/users/${openid}`,
      )
    ).body;
  }

  /** Adds a template and answers its id (asserting success). */
  async add(shortId: string, keywords?: readonly string[]): Promise<string> {
    const body = await this.post(ADD, {
      template_id_short: shortId,
      ...(keywords === undefined ? {} : { keyword_name_list: keywords }),
    });
    expect(body).toMatchObject({ errcode: 0, errmsg: 'ok' });
    expect(body.template_id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    return body.template_id as string;
  }
}

async function account(options: EmulatorOptions = {}): Promise<TemplateAccount> {
  return TemplateAccount.start(await start(options), [USER]);
}

/** The data of a paid-order template (TM00015 with 商品名称 and 支付金额). */
const ORDER_DATA = { thing2: { value: '无线蓝牙耳机' }, amount3: { value: '¥99.00', color: '#173177' } };

async function orderTemplate(api: TemplateAccount): Promise<string> {
  return api.add('TM00015', ['商品名称', '支付金额']);
}

// ---- industry -------------------------------------------------------------------------------------

describe('industry', () => {
  test('an account starts in IT科技; set_industry changes it and get_industry shows it', async () => {
    const api = await account();
    expect(await api.get(GET_INDUSTRY)).toEqual({
      primary_industry: { first_class: 'IT科技', second_class: '互联网|电子商务' },
      secondary_industry: { first_class: 'IT科技', second_class: 'IT软件与服务' },
    });
    expect(await api.post(SET_INDUSTRY, { industry_id1: '13', industry_id2: 1 })).toEqual({
      errcode: 0,
      errmsg: 'ok',
    });
    expect(await api.get(GET_INDUSTRY)).toEqual({
      primary_industry: { first_class: '运输与仓储', second_class: '快递' },
      secondary_industry: { first_class: 'IT科技', second_class: '互联网|电子商务' },
    });
  });

  test('unknown industry ids are 40102; other types 40102 as well', async () => {
    const api = await account();
    for (const body of [
      { industry_id1: '42', industry_id2: '1' },
      { industry_id1: '1', industry_id2: '0' },
      { industry_id1: 'IT', industry_id2: '1' },
      { industry_id1: '1' },
      { industry_id1: 1.5, industry_id2: 2 },
    ]) {
      expectError(await api.post(SET_INDUSTRY, body), 40102, 'invalid industry id');
    }
  });

  test('the industry changes once a month (43100); setting the same one again is no change', async () => {
    const api = await account();
    expect((await api.post(SET_INDUSTRY, { industry_id1: '7', industry_id2: '8' })).errcode).toBe(0);
    expect((await api.post(SET_INDUSTRY, { industry_id1: '7', industry_id2: '8' })).errcode).toBe(0);
    expectError(await api.post(SET_INDUSTRY, { industry_id1: '1', industry_id2: '2' }), 43100);
    await api.nextMonth();
    expect((await api.post(SET_INDUSTRY, { industry_id1: '1', industry_id2: '2' })).errcode).toBe(0);
  });
});

// ---- the account's templates ----------------------------------------------------------------------

describe('private templates', () => {
  test('api_add_template copies a library template with the keywords asked for; the list shows it', async () => {
    const api = await account();
    const id = await orderTemplate(api);
    const all = await api.add('TM00015');
    expect(all).not.toBe(id);
    const list = await api.get(LIST);
    expect(list.errcode).toBeUndefined();
    expect(list.template_list).toEqual([
      {
        template_id: id,
        title: '订单支付成功通知',
        primary_industry: 'IT科技',
        deputy_industry: '互联网|电子商务',
        content: '商品名称:{{thing2.DATA}}\n支付金额:{{amount3.DATA}}',
        example: '商品名称:无线蓝牙耳机\n支付金额:¥99.00',
      },
      {
        template_id: all,
        title: '订单支付成功通知',
        primary_industry: 'IT科技',
        deputy_industry: '互联网|电子商务',
        content:
          '订单号:{{character_string1.DATA}}\n商品名称:{{thing2.DATA}}\n支付金额:{{amount3.DATA}}\n支付时间:{{time4.DATA}}',
        example:
          '订单号:NO.20240101123456\n商品名称:无线蓝牙耳机\n支付金额:¥99.00\n支付时间:2024-01-01 12:00',
      },
    ]);
  });

  test('an unknown short id is 40037; an unknown, empty or repeated keyword 47003; wrong types 47001', async () => {
    const api = await account();
    expectError(await api.post(ADD, { template_id_short: 'TM99999' }), 40037, 'invalid template_id');
    expectError(await api.post(ADD, {}), 40037);
    expectError(await api.post(ADD, { template_id_short: 15 }), 47001);
    expectError(
      await api.post(ADD, { template_id_short: 'TM00015', keyword_name_list: ['商品名称', '颜色'] }),
      47003,
      'argument invalid! keyword_name_list: no keyword "颜色"',
    );
    expectError(await api.post(ADD, { template_id_short: 'TM00015', keyword_name_list: [] }), 47003);
    expectError(
      await api.post(ADD, { template_id_short: 'TM00015', keyword_name_list: ['订单号', '订单号'] }),
      47003,
    );
    expectError(await api.post(ADD, { template_id_short: 'TM00015', keyword_name_list: '订单号' }), 47001);
    expect((await api.get(LIST)).template_list).toEqual([]);
  });

  test('a template of another industry is 45027 until the account takes that industry', async () => {
    const api = await account();
    expectError(
      await api.post(ADD, { template_id_short: 'TM00083' }),
      45027,
      'template conflict with industry',
    );
    expect((await api.post(SET_INDUSTRY, { industry_id1: '1', industry_id2: '13' })).errcode).toBe(0);
    await api.add('TM00083');
  });

  test('an account holds 25 templates (45026); deleting one makes room', async () => {
    const api = await account();
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push(await api.add('TM00015'));
    expectError(await api.post(ADD, { template_id_short: 'TM00015' }), 45026, 'template num exceeds limit');
    expect(await api.post(DELETE, { template_id: ids[3] })).toEqual({ errcode: 0, errmsg: 'ok' });
    await api.add('TM00015');
  });

  test('del_private_template removes the template; an unknown or repeated id is 40037', async () => {
    const api = await account();
    const first = await orderTemplate(api);
    const second = await orderTemplate(api);
    expect((await api.post(DELETE, { template_id: first })).errcode).toBe(0);
    expect(
      ((await api.get(LIST)).template_list as { template_id: string }[]).map((t) => t.template_id),
    ).toEqual([second]);
    expectError(await api.post(DELETE, { template_id: first }), 40037);
    expectError(await api.post(DELETE, {}), 40037);
    expectError(await api.post(DELETE, { template_id: ['x'] }), 47001);
  });

  test('every library template can be added and filled with its own example values', async () => {
    const api = await account();
    for (const [shortId, library] of Object.entries(TEMPLATE_LIBRARY)) {
      const otherIndustry = library.industry === 1 ? 2 : 1;
      await api.nextMonth();
      const set = await api.post(SET_INDUSTRY, {
        industry_id1: library.industry,
        industry_id2: otherIndustry,
      });
      expect(set.errcode).toBe(0);
      const id = await api.add(shortId);
      const data = Object.fromEntries(library.keywords.map((k) => [k.key, { value: k.example }]));
      const body = await api.post(SEND, { touser: USER, template_id: id, data });
      expect(body.errcode, `${shortId}: ${body.errmsg}`).toBe(0);
    }
  });

  test('templates and the industry survive a restart with a state file', async () => {
    const statePath = tempStatePath();
    const first = await startHarness({ statePath });
    const api = await TemplateAccount.start(first);
    const id = await orderTemplate(api);
    expect((await api.post(SET_INDUSTRY, { industry_id1: '1', industry_id2: '13' })).errcode).toBe(0);
    await first.close();

    const second = await startHarness({ statePath });
    try {
      const again = await TemplateAccount.start(second);
      const list = (await again.get(LIST)).template_list as { template_id: string }[];
      expect(list.map((t) => t.template_id)).toEqual([id]);
      expect(
        ((await again.get(GET_INDUSTRY)).secondary_industry as { second_class: string }).second_class,
      ).toBe('快递');
    } finally {
      await second.close();
    }
  });
});

// ---- message/template/send --------------------------------------------------------------------------

describe('message/template/send', () => {
  test('a send answers a 64-bit msgid as a bare JSON number and delivers the rendered message', async () => {
    const api = await account();
    const id = await orderTemplate(api);
    const raw = await api.postRaw(SEND, {
      touser: USER,
      template_id: id,
      url: 'https://shop.example.com/orders/42',
      miniprogram: { appid: 'wxa0123456789abcde', pagepath: 'pages/order?id=42' },
      data: ORDER_DATA,
    });
    const match = /^\{"errcode":0,"errmsg":"ok","msgid":(\d+)\}$/.exec(raw);
    expect(match, raw).not.toBeNull();
    const msgid = match?.[1] ?? '';
    expect(BigInt(msgid) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);

    const inbox = await api.inboxOf(USER, 'template');
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toEqual({
      msgid,
      template_id: id,
      url: 'https://shop.example.com/orders/42',
      miniprogram: { appid: 'wxa0123456789abcde', pagepath: 'pages/order?id=42' },
      data: ORDER_DATA,
      rendered: '商品名称:无线蓝牙耳机\n支付金额:¥99.00',
    });

    const next = /"msgid":(\d+)/.exec(
      await api.postRaw(SEND, { touser: USER, template_id: id, data: ORDER_DATA }),
    );
    expect(BigInt(next?.[1] ?? '0')).toBe(BigInt(msgid) + 1n);
  });

  test('an unknown or missing touser is 40003', async () => {
    const api = await account();
    const id = await orderTemplate(api);
    expectError(
      await api.post(SEND, { touser: 'oNobody', template_id: id, data: ORDER_DATA }),
      40003,
      'invalid openid',
    );
    expectError(await api.post(SEND, { template_id: id, data: ORDER_DATA }), 40003);
  });

  test('an unknown, missing or deleted template_id is 40037', async () => {
    const api = await account();
    const id = await orderTemplate(api);
    expectError(
      await api.post(SEND, { touser: USER, template_id: 'nope', data: ORDER_DATA }),
      40037,
      'invalid template_id',
    );
    expectError(await api.post(SEND, { touser: USER, data: ORDER_DATA }), 40037);
    expect((await api.post(DELETE, { template_id: id })).errcode).toBe(0);
    expectError(await api.post(SEND, { touser: USER, template_id: id, data: ORDER_DATA }), 40037);
  });

  test('data keys must match the placeholders exactly: 47003 naming the key', async () => {
    const api = await account();
    const id = await orderTemplate(api);
    const send = (data: unknown) => api.post(SEND, { touser: USER, template_id: id, data });
    expectError(
      await send({ thing2: { value: '耳机' } }),
      47003,
      'argument invalid! data.amount3 is missing',
    );
    expectError(
      await send({ ...ORDER_DATA, first: { value: '您好' } }),
      47003,
      'argument invalid! data.first is not a keyword of the template',
    );
    expectError(
      await send({ thing2: { value: '耳机' }, amount: { value: '¥1' } }),
      47003,
      'argument invalid! data.amount3 is missing',
    );
    expectError(await api.post(SEND, { touser: USER, template_id: id }), 47003);
    expect(await api.inboxOf(USER, 'template')).toEqual([]);
  });

  test('a value that is not { value: string } is 47001', async () => {
    const api = await account();
    const id = await orderTemplate(api);
    const send = (data: unknown) => api.post(SEND, { touser: USER, template_id: id, data });
    expectError(await send({ thing2: '耳机', amount3: { value: '¥1' } }), 47001, 'data format error');
    expectError(await send({ thing2: { value: 5 }, amount3: { value: '¥1' } }), 47001);
    expectError(await send({ thing2: { value: '耳机', color: 1 }, amount3: { value: '¥1' } }), 47001);
    expectError(await send([ORDER_DATA]), 47001);
  });

  test('values must meet the rule of their key prefix: 47003 naming the field', async () => {
    const api = await account();
    const id = await api.add('TM00015');
    const valid = {
      character_string1: { value: 'NO.20240101' },
      thing2: { value: '耳机' },
      amount3: { value: '99.5元' },
      time4: { value: '2024年1月1日 12:00' },
    };
    expect((await api.post(SEND, { touser: USER, template_id: id, data: valid })).errcode).toBe(0);
    const cases: [string, string, string][] = [
      [
        'thing2',
        '一二三四五六七八九十一二三四五六七八九十一',
        'argument invalid! data.thing2.value must be ≤20 characters',
      ],
      ['thing2', '  ', 'argument invalid! data.thing2.value is empty'],
      ['amount3', '九十九元', 'argument invalid! data.amount3.value must be an amount of ≤10 digits'],
      [
        'character_string1',
        '订单 1',
        'argument invalid! data.character_string1.value must be ≤32 digits, letters or symbols',
      ],
      ['time4', '明天', 'argument invalid! data.time4.value must be a time'],
    ];
    for (const [key, value, errmsg] of cases) {
      const body = await api.post(SEND, {
        touser: USER,
        template_id: id,
        data: { ...valid, [key]: { value } },
      });
      expectError(body, 47003, errmsg);
    }
    const twenty = '一二三四五六七八九十一二三四五六七八九十';
    const ok = await api.post(SEND, {
      touser: USER,
      template_id: id,
      data: { ...valid, thing2: { value: twenty } },
    });
    expect(ok.errcode).toBe(0);
  });

  test('url must be http(s) (45051); miniprogram needs appid (40166) and pagepath (40165)', async () => {
    const api = await account();
    const id = await orderTemplate(api);
    const send = (extra: object) =>
      api.post(SEND, { touser: USER, template_id: id, data: ORDER_DATA, ...extra });
    for (const url of ['ftp://example.com/x', 'javascript:alert(1)', 'example.com', 'https://']) {
      expectError(await send({ url }), 45051, 'template msg use invalid link');
    }
    expectError(await send({ url: 42 }), 47001);
    expectError(await send({ miniprogram: { pagepath: 'pages/index' } }), 40166, 'invalid weapp appid');
    expectError(
      await send({ miniprogram: { appid: 'wxa0123456789abcde' } }),
      40165,
      'invalid weapp pagepath',
    );
    expectError(await send({ miniprogram: 'wxa0123456789abcde' }), 47001);
    expect((await send({ url: 'http://example.com/a' })).errcode).toBe(0);
    expect((await send({ url: '' })).errcode).toBe(0);
    expect((await api.inboxOf(USER, 'template')).map((message) => message.url)).toEqual([
      'http://example.com/a',
      undefined,
    ]);
  });

  test('a user who does not follow the account is 43004', async () => {
    const api = await account();
    const id = await orderTemplate(api);
    await api.createUser('oNotFollowing', { subscribed: false });
    expectError(
      await api.post(SEND, { touser: 'oNotFollowing', template_id: id, data: ORDER_DATA }),
      43004,
      'require subscribe',
    );
    expect(await api.inboxOf('oNotFollowing', 'template')).toEqual([]);
  });

  test('a subscription account gets 48001 from every template-message API', async () => {
    const api = await account({ accountType: 'subscription' });
    const calls: [string, () => Promise<ApiBody>][] = [
      [SET_INDUSTRY, () => api.post(SET_INDUSTRY, { industry_id1: '1', industry_id2: '2' })],
      [GET_INDUSTRY, () => api.get(GET_INDUSTRY)],
      [ADD, () => api.post(ADD, { template_id_short: 'TM00015' })],
      [LIST, () => api.get(LIST)],
      [DELETE, () => api.post(DELETE, { template_id: 'x' })],
      [SEND, () => api.post(SEND, { touser: USER, template_id: 'x', data: ORDER_DATA })],
    ];
    for (const [path, call] of calls) {
      const body = await call();
      expect(body.errcode, path).toBe(48001);
      expectError(body, 48001, 'api unauthorized');
    }
  });

  test('a repeated client_msg_id for the same user within 10 minutes is 45065', async () => {
    const api = await account();
    const id = await orderTemplate(api);
    await api.createUser('oOtherUser');
    const send = (touser: string, client_msg_id: unknown) =>
      api.post(SEND, { touser, template_id: id, data: ORDER_DATA, client_msg_id });
    expect((await send(USER, 'ORDER_42')).errcode).toBe(0);
    expectError(await send(USER, 'ORDER_42'), 45065, 'clientmsgid exist');
    expect((await send('oOtherUser', 'ORDER_42')).errcode).toBe(0);
    expect((await send(USER, 'ORDER_43')).errcode).toBe(0);
    expect(await api.inboxOf(USER, 'template')).toHaveLength(2);

    await api.harness.advance(9 * 60);
    expectError(await send(USER, 'ORDER_42'), 45065);
    await api.harness.advance(60);
    expect((await send(USER, 'ORDER_42')).errcode).toBe(0);

    expectError(await send(USER, 'x'.repeat(65)), 45067, 'clientmsgid size out of limit');
    expect((await send(USER, 'x'.repeat(64))).errcode).toBe(0);
    expectError(await send(USER, 42), 47001);
  });

  test('a refused send does not use up its client_msg_id', async () => {
    const api = await account();
    const id = await orderTemplate(api);
    const body = { touser: USER, template_id: id, client_msg_id: 'RETRY_ME' };
    expectError(await api.post(SEND, { ...body, data: { thing2: { value: '耳机' } } }), 47003);
    expect((await api.post(SEND, { ...body, data: ORDER_DATA })).errcode).toBe(0);
  });

  test('without a webhook a send still succeeds (the job-finish event has nowhere to go)', async () => {
    const api = await account();
    const id = await orderTemplate(api);
    expect((await api.post(SEND, { touser: USER, template_id: id, data: ORDER_DATA })).errcode).toBe(0);
    expect(await api.inboxOf(USER, 'template')).toHaveLength(1);
  });
});

// ---- TEMPLATESENDJOBFINISH ---------------------------------------------------------------------------

describe('TEMPLATESENDJOBFINISH', () => {
  test('reaches the webhook after the send, from the recipient, with the msgid and success', async () => {
    const webhook = await startWebhook();
    const api = await account({ webhook: webhook.url, mode: 'plain' });
    const id = await orderTemplate(api);
    const raw = await api.postRaw(SEND, { touser: USER, template_id: id, data: ORDER_DATA });
    const msgid = /^\{"errcode":0,"errmsg":"ok","msgid":(\d+)\}$/.exec(raw)?.[1] ?? '';
    expect(msgid, raw).toMatch(/^\d{19}$/);

    const event = (await webhook.next(isJobFinish(msgid))) as TemplateSendJobFinishEvent;
    expect(event).toMatchObject({
      ToUserName: api.harness.emulator.state.app.originalId,
      FromUserName: USER,
      MsgType: 'event',
      Event: 'TEMPLATESENDJOBFINISH',
      Status: 'success',
    });
    expect(typeof event.CreateTime).toBe('number');
    // The event is not the user's interaction: it does not open the customer-service window.
    expect((await api.user(USER)).lastInteraction).toBe(0);
  });

  test('the msgid of the event is the exact 64-bit id of the send', async () => {
    const webhook = await startWebhook();
    const api = await account({ webhook: webhook.url, mode: 'plain' });
    const id = await orderTemplate(api);
    const raw = await api.postRaw(SEND, { touser: USER, template_id: id, data: ORDER_DATA });
    const msgid = /"msgid":(\d+)/.exec(raw)?.[1] ?? '';
    expect(msgid).toMatch(/^\d{19}$/);
    const event = (await webhook.next(isJobFinish(msgid))) as TemplateSendJobFinishEvent;
    expect(event.MsgID).toBe(msgid);
  });

  test('a delivery failing on the platform: failed: system failed, and nothing in the inbox', async () => {
    const webhook = await startWebhook();
    const api = await account({ webhook: webhook.url, mode: 'plain' });
    const id = await orderTemplate(api);
    failTemplateDelivery(api.harness.emulator.platform, USER);
    const raw = await api.postRaw(SEND, { touser: USER, template_id: id, data: ORDER_DATA });
    const msgid = /"msgid":(\d+)/.exec(raw)?.[1] ?? '';
    const event = (await webhook.next(isJobFinish(msgid))) as TemplateSendJobFinishEvent;
    expect(event.Status).toBe('failed: system failed');
    expect(await api.inboxOf(USER, 'template')).toEqual([]);
  });

  test('a user who blocked template messages: failed:user block, and nothing in the inbox', async () => {
    const webhook = await startWebhook();
    const api = await account({ webhook: webhook.url, mode: 'plain' });
    const id = await orderTemplate(api);
    blockTemplates(api.harness.emulator.platform, USER);
    const raw = await api.postRaw(SEND, { touser: USER, template_id: id, data: ORDER_DATA });
    const msgid = /"msgid":(\d+)/.exec(raw)?.[1] ?? '';
    expect(raw).toMatch(/^\{"errcode":0,"errmsg":"ok","msgid":\d+\}$/);
    const event = (await webhook.next(isJobFinish(msgid))) as TemplateSendJobFinishEvent;
    expect(event.Status).toBe('failed:user block');
    expect(event.FromUserName).toBe(USER);
    expect(await api.inboxOf(USER, 'template')).toEqual([]);

    blockTemplates(api.harness.emulator.platform, USER, false);
    const again = /"msgid":(\d+)/.exec(
      await api.postRaw(SEND, { touser: USER, template_id: id, data: ORDER_DATA }),
    );
    const success = (await webhook.next(isJobFinish(again?.[1] ?? ''))) as TemplateSendJobFinishEvent;
    expect(success.Status).toBe('success');
    expect(await api.inboxOf(USER, 'template')).toHaveLength(1);
  });

  test('blockTemplates of an unknown user throws 40003', async () => {
    const api = await account();
    expect(() => blockTemplates(api.harness.emulator.platform, 'oNobody')).toThrow(/40003/);
  });

  test('reaches an encrypted (safe-mode) webhook too', async () => {
    // The webhook cannot decrypt: check that the push arrives and the emulator carries on.
    const webhook = await startWebhook();
    const api = await account({ webhook: webhook.url });
    const id = await orderTemplate(api);
    expect((await api.post(SEND, { touser: USER, template_id: id, data: ORDER_DATA })).errcode).toBe(0);
    expect(await webhook.first()).toMatch(/<Encrypt>/);
  });

  test('a webhook that is down does not disturb the emulator', async () => {
    const webhook = await startWebhook();
    const api = await account({ webhook: webhook.url, mode: 'plain', pushRetries: 0 });
    const id = await orderTemplate(api);
    await webhook.close();
    expect((await api.post(SEND, { touser: USER, template_id: id, data: ORDER_DATA })).errcode).toBe(0);
    expect((await api.post(SEND, { touser: USER, template_id: id, data: ORDER_DATA })).errcode).toBe(0);
    expect(await api.inboxOf(USER, 'template')).toHaveLength(2);
  });
});

// ---- message/template/subscribe ------------------------------------------------------------------------

describe('message/template/subscribe (one-time subscription)', () => {
  const VALID = {
    touser: USER,
    template_id: 'ONE_TIME_TEMPLATE_ID',
    url: 'https://example.com/welcome',
    scene: '1000',
    title: '订阅提醒',
    data: { content: { value: '您订阅的活动明天开始', color: '#ff0000' } },
  };

  test('is delivered to the inbox as a template, with its scene, title and content', async () => {
    const api = await account();
    expect(await api.post(SUBSCRIBE, VALID)).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(await api.inboxOf(USER, 'template')).toEqual([
      {
        subscribe: true,
        template_id: 'ONE_TIME_TEMPLATE_ID',
        scene: '1000',
        title: '订阅提醒',
        url: 'https://example.com/welcome',
        data: { content: { value: '您订阅的活动明天开始', color: '#ff0000' } },
        rendered: '您订阅的活动明天开始',
      },
    ]);
  });

  test('a subscription account may send it too', async () => {
    const api = await account({ accountType: 'subscription' });
    expect((await api.post(SUBSCRIBE, VALID)).errcode).toBe(0);
  });

  test('each documented error', async () => {
    const api = await account();
    await api.createUser('oNotFollowing', { subscribed: false });
    const cases: [object, number, string?][] = [
      [{ ...VALID, touser: 'oNobody' }, 40003, 'invalid openid'],
      [{ ...VALID, template_id: '' }, 40037, 'invalid template_id'],
      [{ ...VALID, scene: '10001' }, 47003, 'argument invalid! scene must be an integer from 0 to 10000'],
      [{ ...VALID, scene: 'home' }, 47003],
      [{ ...VALID, title: '' }, 47003, 'argument invalid! title is empty'],
      [
        { ...VALID, title: '一二三四五六七八九十一二三四五六' },
        47003,
        'argument invalid! title must be ≤15 characters',
      ],
      [{ ...VALID, data: {} }, 47003, 'argument invalid! data.content is missing'],
      [
        { ...VALID, data: { ...VALID.data, thing1: { value: 'x' } } },
        47003,
        'argument invalid! data.thing1 is not a keyword of the template',
      ],
      [
        { ...VALID, data: { content: { value: '' } } },
        47003,
        'argument invalid! data.content.value is empty',
      ],
      [
        { ...VALID, data: { content: { value: '字'.repeat(201) } } },
        47003,
        'argument invalid! data.content.value must be ≤200 characters',
      ],
      [{ ...VALID, data: { content: '内容' } }, 47001],
      [{ ...VALID, title: 15 }, 47001],
      [{ ...VALID, url: 'ftp://example.com' }, 45051],
      [{ ...VALID, miniprogram: { appid: 'wxa0123456789abcde' } }, 40165],
      [{ ...VALID, touser: 'oNotFollowing' }, 43004, 'require subscribe'],
    ];
    for (const [body, errcode, errmsg] of cases)
      expectError(await api.post(SUBSCRIBE, body), errcode, errmsg);
    expect(
      (await api.post(SUBSCRIBE, { ...VALID, scene: 0, data: { content: { value: '字'.repeat(200) } } }))
        .errcode,
    ).toBe(0);
    expect(await api.inboxOf(USER, 'template')).toHaveLength(1);
  });

  test('a user who blocked template messages refuses it: 43101', async () => {
    const api = await account();
    blockTemplates(api.harness.emulator.platform, USER);
    expectError(await api.post(SUBSCRIBE, VALID), 43101, 'user refuse to accept the msg');
    expect(await api.inboxOf(USER, 'template')).toEqual([]);
  });
});
