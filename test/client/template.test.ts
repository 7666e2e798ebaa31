import { afterEach, describe, expect, test } from 'vitest';
import { type TemplateMessage, templateKeys } from '../../src/client/api/template.js';
import { WeChatApiError, WeChatRateLimitError } from '../../src/client/errors.js';
import { blockTemplates } from '../../src/emulator/api/template.js';
import type { Emulator, EmulatorOptions } from '../../src/emulator.js';
import type { TemplateSendJobFinishEvent } from '../../src/protocol/messages.js';
import { inboxOf } from '../helpers/inbox.js';
import { rejection } from '../helpers/rejection.js';
import { startWebhook } from '../helpers/webhook.js';
import { calls, clientFor, control, emulatorPool, fault } from './helpers.js';

const SEND = '/cgi-bin/message/template/send';
const ADD = '/cgi-bin/template/api_add_template';
const OPENID = 'oClientTemplateUser';

const pool = emulatorPool();
afterEach(pool.closeAll);

/** An emulator with the follower {@link OPENID}. */
async function setup(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = await pool.start(options);
  await control(emulator.url, 'POST', '/emulator/users', { openid: OPENID });
  return emulator;
}

/** The error of a call that must fail with a WeChatApiError. */
const apiError = (promise: Promise<unknown>) => rejection(promise, WeChatApiError);

describe('client.template against the emulator', () => {
  test('industry: getIndustry and setIndustry with numbers or strings', async () => {
    const { url } = await setup();
    const client = clientFor(url);
    expect(await client.template.getIndustry()).toEqual({
      primary_industry: { first_class: 'IT科技', second_class: '互联网|电子商务' },
      secondary_industry: { first_class: 'IT科技', second_class: 'IT软件与服务' },
    });
    await client.template.setIndustry(1, '13');
    expect((await client.template.getIndustry()).secondary_industry).toEqual({
      first_class: '运输与仓储',
      second_class: '快递',
    });
    const unknown = await apiError(client.template.setIndustry(99, 1));
    expect(unknown.errcode).toBe(40102);
  });

  test('addTemplate, getAllPrivateTemplates, deleteTemplate', async () => {
    const { url } = await setup();
    const client = clientFor(url);
    expect(await client.template.getAllPrivateTemplates()).toEqual([]);
    const id = await client.template.addTemplate('TM00015', ['商品名称', '支付金额']);
    const full = await client.template.addTemplate('TM00015');
    const list = await client.template.getAllPrivateTemplates();
    expect(list.map((t) => t.template_id)).toEqual([id, full]);
    expect(list[0]).toMatchObject({ title: '订单支付成功通知', primary_industry: 'IT科技' });
    expect(templateKeys(list[0]?.content ?? '')).toEqual(['thing2', 'amount3']);
    expect(templateKeys(list[1]?.content ?? '')).toEqual(['character_string1', 'thing2', 'amount3', 'time4']);

    await client.template.deleteTemplate(id);
    expect((await client.template.getAllPrivateTemplates()).map((t) => t.template_id)).toEqual([full]);
    expect((await apiError(client.template.deleteTemplate(id))).errcode).toBe(40037);
    expect((await apiError(client.template.addTemplate('TM99999'))).errcode).toBe(40037);
    expect((await apiError(client.template.addTemplate('TM00083'))).errcode).toBe(45027);
  });

  test('send answers the msgid as an exact string and delivers the message', async () => {
    const { url, state } = await setup();
    const client = clientFor(url);
    const templateId = await client.template.addTemplate('TM00015', ['商品名称', '支付金额']);
    const message: TemplateMessage = {
      touser: OPENID,
      template_id: templateId,
      url: 'https://shop.example.com/orders/42',
      data: { thing2: { value: '无线蓝牙耳机' }, amount3: { value: '¥99.00' } },
      client_msg_id: 'ORDER_42',
    };
    const msgid = await client.template.send(message);
    expect(typeof msgid).toBe('string');
    expect(msgid).toMatch(/^\d{19}$/);
    expect(msgid).toBe(state.lastMsgId); // exact, beyond 2^53
    expect(await inboxOf(url, OPENID, 'template')).toEqual([
      {
        msgid,
        template_id: templateId,
        url: 'https://shop.example.com/orders/42',
        data: message.data,
        rendered: '商品名称:无线蓝牙耳机\n支付金额:¥99.00',
      },
    ]);
    const second = await client.template.send({ ...message, client_msg_id: 'ORDER_43' });
    expect(BigInt(second)).toBe(BigInt(msgid) + 1n);
  });

  test('typed errors: 40003, 43004, 40037, 47003, 45051, 45065, 48001', async () => {
    const { url } = await setup();
    await control(url, 'POST', '/emulator/users', { openid: 'oNotFollowing', subscribed: false });
    const client = clientFor(url);
    const templateId = await client.template.addTemplate('TM00015', ['商品名称', '支付金额']);
    const data = { thing2: { value: '耳机' }, amount3: { value: '¥1.00' } };
    const base: TemplateMessage = { touser: OPENID, template_id: templateId, data };

    const cases: [TemplateMessage, number, string][] = [
      [{ ...base, touser: 'oNobody' }, 40003, 'invalid openid'],
      [{ ...base, touser: 'oNotFollowing' }, 43004, 'require subscribe'],
      [{ ...base, template_id: 'unknown' }, 40037, 'invalid template_id'],
      [{ ...base, data: { thing2: data.thing2 } }, 47003, 'argument invalid! data.amount3 is missing'],
      [{ ...base, url: 'ftp://example.com' }, 45051, 'template msg use invalid link'],
    ];
    for (const [message, errcode, errmsg] of cases) {
      const error = await apiError(client.template.send(message));
      expect(error.errcode).toBe(errcode);
      expect(error.errmsg).toBe(errmsg);
      expect(error.rid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
      expect(error).not.toBeInstanceOf(WeChatRateLimitError);
    }
    expect((await apiError(client.template.send({ ...base, touser: 'oNotFollowing' }))).meaning).toContain(
      '需要接收者关注',
    );

    await client.template.send({ ...base, client_msg_id: 'ONCE' });
    const repeated = await apiError(client.template.send({ ...base, client_msg_id: 'ONCE' }));
    expect(repeated.errcode).toBe(45065);
    expect(await inboxOf(url, OPENID, 'template')).toHaveLength(1);

    const subscription = await setup({ accountType: 'subscription' });
    const refused = await apiError(clientFor(subscription.url).template.send(base));
    expect(refused.errcode).toBe(48001);
    expect(refused.errmsg).toBe('api unauthorized');
  });

  test('send is never repeated: a -1 fails at once, after one call', async () => {
    const { url } = await setup();
    const client = clientFor(url);
    const templateId = await client.template.addTemplate('TM00015', ['商品名称', '支付金额']);
    await fault(url, { path: SEND, errcode: -1, times: 1 });
    const data = { thing2: { value: '耳机' }, amount3: { value: '¥1.00' } };
    const error = await apiError(client.template.send({ touser: OPENID, template_id: templateId, data }));
    expect(error.errcode).toBe(-1);
    expect(await calls(url, SEND)).toBe(1);
    expect(await inboxOf(url, OPENID, 'template')).toEqual([]);
  });

  test('addTemplate is not repeated either: one template, not two', async () => {
    const { url } = await setup();
    const client = clientFor(url);
    await fault(url, { path: ADD, errcode: -1, times: 1 });
    expect((await apiError(client.template.addTemplate('TM00015'))).errcode).toBe(-1);
    expect(await calls(url, ADD)).toBe(1);
  });

  test('getIndustry and getAllPrivateTemplates are retried after -1', async () => {
    const { url } = await setup();
    const client = clientFor(url);
    await fault(url, { path: '/cgi-bin/template/get_all_private_template', errcode: -1, times: 1 });
    expect(await client.template.getAllPrivateTemplates()).toEqual([]);
    expect(await calls(url, '/cgi-bin/template/get_all_private_template')).toBe(2);
  });

  test('sendSubscribe delivers a one-time subscription message; errors are typed', async () => {
    const { url, platform } = await setup();
    const client = clientFor(url);
    const message = {
      touser: OPENID,
      template_id: 'ONE_TIME_ID',
      scene: '1000',
      title: '订阅提醒',
      miniprogram: { appid: 'wxa0123456789abcde', pagepath: 'pages/index' },
      data: { content: { value: '活动明天开始' } },
    } as const;
    await client.template.sendSubscribe(message);
    expect(await inboxOf(url, OPENID, 'template')).toEqual([
      {
        subscribe: true,
        template_id: 'ONE_TIME_ID',
        scene: '1000',
        title: '订阅提醒',
        miniprogram: { appid: 'wxa0123456789abcde', pagepath: 'pages/index' },
        data: { content: { value: '活动明天开始' } },
        rendered: '活动明天开始',
      },
    ]);
    expect(
      (await apiError(client.template.sendSubscribe({ ...message, title: '标题'.repeat(8) }))).errcode,
    ).toBe(47003);
    blockTemplates(platform, OPENID);
    expect((await apiError(client.template.sendSubscribe(message))).errcode).toBe(43101);
  });

  test('the msgid of send is the MsgID of the TEMPLATESENDJOBFINISH the webhook gets', async () => {
    const webhook = await startWebhook();
    const { url } = await setup({ webhook: webhook.url, mode: 'plain' });
    const client = clientFor(url);
    const templateId = await client.template.addTemplate('TM00015', ['商品名称', '支付金额']);
    const data = { thing2: { value: '耳机' }, amount3: { value: '¥1.00' } };
    const msgid = await client.template.send({ touser: OPENID, template_id: templateId, data });
    const event = (await webhook.next(
      (message) => message.MsgType === 'event' && message.Event === 'TEMPLATESENDJOBFINISH',
    )) as TemplateSendJobFinishEvent;
    expect(event.MsgID).toBe(msgid);
    expect(event.Status).toBe('success');
    expect(event.FromUserName).toBe(OPENID);
  });
});

describe('templateKeys', () => {
  test('lists the placeholders of a content once each, in order', () => {
    expect(templateKeys('{{first.DATA}}\n金额:{{ amount1.DATA }}\n{{first.DATA}}{{remark.DATA}}')).toEqual([
      'first',
      'amount1',
      'remark',
    ]);
    expect(templateKeys('no placeholders')).toEqual([]);
  });
});
