import { describe, expectTypeOf, test } from 'vitest';
import type {
  OneTimeSubscribeMessage,
  PrivateTemplate,
  TemplateApi,
  TemplateIndustryInfo,
  TemplateMessage,
} from '../../src/client/api/template.js';
import type { WeChatClient } from '../../src/client/client.js';

declare const client: WeChatClient;
const data = { thing2: { value: '耳机' }, amount3: { value: '¥99.00', color: '#173177' } };

describe('client.template types', () => {
  test('methods answer typed values; msgid is a string', () => {
    expectTypeOf(client.template).toEqualTypeOf<TemplateApi>();
    expectTypeOf(client.template.send).returns.resolves.toEqualTypeOf<string>();
    expectTypeOf(client.template.addTemplate).returns.resolves.toEqualTypeOf<string>();
    expectTypeOf(client.template.getIndustry).returns.resolves.toEqualTypeOf<TemplateIndustryInfo>();
    expectTypeOf(client.template.getAllPrivateTemplates).returns.resolves.toEqualTypeOf<PrivateTemplate[]>();
    expectTypeOf(client.template.sendSubscribe).returns.resolves.toEqualTypeOf<void>();
  });

  test('a valid message compiles, with the optional fields or without', () => {
    const minimal: TemplateMessage = { touser: 'o', template_id: 't', data };
    const full: TemplateMessage = {
      touser: 'o',
      template_id: 't',
      url: 'https://example.com',
      miniprogram: { appid: 'wxa', pagepath: 'pages/index' },
      client_msg_id: 'ID_1',
      data,
    };
    expectTypeOf(minimal).toExtend<TemplateMessage>();
    expectTypeOf(full).toExtend<TemplateMessage>();
    expectTypeOf(client.template.addTemplate).parameters.toEqualTypeOf<
      [shortId: string, keywordNames?: readonly string[]]
    >();
  });

  test('wrong payloads do not compile', () => {
    // @ts-expect-error: a data value must be { value }, not a bare string
    const bare: TemplateMessage = { touser: 'o', template_id: 't', data: { thing2: '耳机' } };
    // @ts-expect-error: template_id is required
    const noTemplate: TemplateMessage = { touser: 'o', data };
    // @ts-expect-error: touser is required
    const noUser: TemplateMessage = { template_id: 't', data };
    // @ts-expect-error: data is required
    const noData: TemplateMessage = { touser: 'o', template_id: 't' };
    // @ts-expect-error: value must be a string
    const numeric: TemplateMessage = { touser: 'o', template_id: 't', data: { amount3: { value: 99 } } };
    // @ts-expect-error: the wire name is client_msg_id, not clientMsgId
    const camel: TemplateMessage = { touser: 'o', template_id: 't', data, clientMsgId: 'x' };
    // @ts-expect-error: a mini-program target needs its pagepath
    const noPage: TemplateMessage = { touser: 'o', template_id: 't', data, miniprogram: { appid: 'wxa' } };
    // @ts-expect-error: exactOptionalPropertyTypes: an absent url is left out, not undefined
    const undefinedUrl: TemplateMessage = { touser: 'o', template_id: 't', data, url: undefined };
    expectTypeOf([bare, noTemplate, noUser, noData, numeric, camel, noPage, undefinedUrl]).toBeArray();
  });

  test('a one-time subscription message needs scene, title and data.content', () => {
    const valid: OneTimeSubscribeMessage = {
      touser: 'o',
      template_id: 't',
      scene: '1000',
      title: '提醒',
      data: { content: { value: '内容' } },
    };
    // @ts-expect-error: scene is required
    const noScene: OneTimeSubscribeMessage = { touser: 'o', template_id: 't', title: 'x', data: valid.data };
    const wrongKey: OneTimeSubscribeMessage = {
      ...valid,
      // @ts-expect-error: the only data item is content
      data: { thing1: { value: 'x' } },
    };
    expectTypeOf([valid, noScene, wrongKey]).toBeArray();
  });
});
