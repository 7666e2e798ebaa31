import type { WeChatClient } from '../client.js';

const SEND_PATH = '/cgi-bin/message/template/send';
const SUBSCRIBE_PATH = '/cgi-bin/message/template/subscribe';

/** One value of a template's data: the text for a `{{key.DATA}}` placeholder. */
export interface TemplateDataItem {
  /** The text. Its key's prefix sets a rule: `thing` ≤20 characters, `amount` a sum, `time` a time… */
  readonly value: string;
  /** A colour such as `#173177` (legacy: the platform now ignores it). */
  readonly color?: string;
}

/** A template's data: one item per placeholder, keyed as in the content (`{{thing2.DATA}}` → `thing2`). */
export type TemplateData = Readonly<Record<string, TemplateDataItem>>;

/** A mini-program page to open when the message is tapped; the mini program must be linked to the account. */
export interface TemplateMiniProgram {
  /** The mini program's AppID. */
  readonly appid: string;
  /** The page, with its query, e.g. `pages/order/detail?id=42`. */
  readonly pagepath: string;
}

/** The body of `message/template/send`, with the platform's field names. */
export interface TemplateMessage {
  /** The recipient's OpenID; they must follow the account (43004 otherwise). */
  readonly touser: string;
  /** The id of one of the account's private templates (40037 otherwise). */
  readonly template_id: string;
  /** A web page to open when the message is tapped; http(s) only. */
  readonly url?: string;
  /** A mini-program page to open instead of `url` (which old clients fall back to). */
  readonly miniprogram?: TemplateMiniProgram;
  /** One item per placeholder of the template: no more, no fewer (47003 otherwise). */
  readonly data: TemplateData;
  /**
   * A de-duplication id: the platform sends one message per openid and `client_msg_id` within
   * 10 minutes; a repeat is refused with 45065.
   */
  readonly client_msg_id?: string;
}

/** The answer of `message/template/send`. */
export interface TemplateSendResponse {
  /** 0. */
  readonly errcode: number;
  /** `ok`. */
  readonly errmsg: string;
  /** The message's 64-bit id, as a string: `TEMPLATESENDJOBFINISH` reports it as `MsgID`. */
  readonly msgid: string;
}

/** The body of `message/template/subscribe` (一次性订阅消息), after the user authorised it. */
export interface OneTimeSubscribeMessage {
  /** The recipient's OpenID, as the authorisation page's redirect gave it. */
  readonly touser: string;
  /** The one-time subscription template id the user authorised. */
  readonly template_id: string;
  /** A web page to open when the message is tapped; http(s) only. */
  readonly url?: string;
  /** A mini-program page to open instead of `url`. */
  readonly miniprogram?: TemplateMiniProgram;
  /** The scene the user authorised, `0`–`10000`, as the redirect gave it. */
  readonly scene: string;
  /** The title, at most 15 characters. */
  readonly title: string;
  /** The content, at most 200 characters: the only data item. */
  readonly data: { readonly content: TemplateDataItem };
}

/** One industry (行业): its first and second class, e.g. `IT科技` / `互联网|电子商务`. */
export interface TemplateIndustry {
  /** The first class (主行业). */
  readonly first_class: string;
  /** The second class (副行业). */
  readonly second_class: string;
}

/** The answer of `template/get_industry`: the account's two industries. */
export interface TemplateIndustryInfo {
  /** The main industry. */
  readonly primary_industry: TemplateIndustry;
  /** The secondary industry. */
  readonly secondary_industry: TemplateIndustry;
}

/** A template of the account, as `template/get_all_private_template` lists it. */
export interface PrivateTemplate {
  /** The id to send with. */
  readonly template_id: string;
  /** The title. */
  readonly title: string;
  /** The first class of its industry. */
  readonly primary_industry: string;
  /** The second class of its industry. */
  readonly deputy_industry: string;
  /** The content, with a `{{key.DATA}}` placeholder per value, e.g. `商品名称:{{thing2.DATA}}`. */
  readonly content: string;
  /** The content filled with sample values. */
  readonly example: string;
}

/** An industry id of the platform's table (`1` IT科技/互联网|电子商务 … `41` 其它), as a number or a string. */
export type TemplateIndustryId = number | string;

/**
 * The data keys a template content expects: the `key` of every `{{key.DATA}}`, in order.
 *
 * @example
 * ```ts
 * templateKeys('商品名称:{{thing2.DATA}}\n支付金额:{{amount3.DATA}}'); // ['thing2', 'amount3']
 * ```
 */
export function templateKeys(content: string): string[] {
  const keys = [...content.matchAll(/\{\{\s*([A-Za-z0-9_]+)\.DATA\s*\}\}/g)].map((match) => match[1] ?? '');
  return [...new Set(keys)];
}

/**
 * Template messages (模板消息, service accounts) and one-time subscription messages (一次性订阅
 * 消息): the account's industry, its private templates, and sends. A send answers a 64-bit
 * `msgid` (a string here); whether the message reached the user comes later, as a
 * `TEMPLATESENDJOBFINISH` event to the webhook with the same id as `MsgID`.
 *
 * @example
 * ```ts
 * const templateId = await client.template.addTemplate('TM00015', ['商品名称', '支付金额']);
 * const msgid = await client.template.send({
 *   touser: openid,
 *   template_id: templateId,
 *   data: { thing2: { value: '无线耳机' }, amount3: { value: '¥99.00' } },
 * });
 * ```
 */
export class TemplateApi {
  readonly #client: WeChatClient;

  /** @param client - the client these calls go through. */
  constructor(client: WeChatClient) {
    this.#client = client;
  }

  /** The client, for subclasses and tests. */
  protected get client(): WeChatClient {
    return this.#client;
  }

  /**
   * Sets the account's two industries (`template/api_set_industry`), by the ids of the
   * platform's industry table: 40102 for an unknown id. The industry can be changed about once
   * a month; templates can only be added from the account's industries.
   */
  async setIndustry(primary: TemplateIndustryId, secondary: TemplateIndustryId): Promise<void> {
    await this.#client.request('POST', '/cgi-bin/template/api_set_industry', {
      json: { industry_id1: String(primary), industry_id2: String(secondary) },
    });
  }

  /** The account's two industries (`template/get_industry`). */
  async getIndustry(): Promise<TemplateIndustryInfo> {
    const body = await this.#client.request<TemplateIndustryInfo>('GET', '/cgi-bin/template/get_industry');
    return { primary_industry: body.primary_industry, secondary_industry: body.secondary_industry };
  }

  /**
   * Adds a template of the library to the account (`template/api_add_template`) and answers its
   * `template_id`. New-style templates need `keywordNames`, the names of the keywords to keep
   * (e.g. `['商品名称', '订单号']`). An account holds at most 25 templates (45026), only from its
   * industries (45027). Not retried: a repeat would add the template twice.
   *
   * @param shortId - the template's number in the library (`template_id_short`), e.g. `TM00015`.
   * @param keywordNames - the keywords to keep (`keyword_name_list`).
   */
  async addTemplate(shortId: string, keywordNames?: readonly string[]): Promise<string> {
    const body = await this.#client.request<{ template_id: string }>(
      'POST',
      '/cgi-bin/template/api_add_template',
      {
        json: {
          template_id_short: shortId,
          ...(keywordNames === undefined ? {} : { keyword_name_list: keywordNames }),
        },
      },
    );
    return body.template_id;
  }

  /** The account's templates (`template/get_all_private_template`). */
  async getAllPrivateTemplates(): Promise<PrivateTemplate[]> {
    const body = await this.#client.request<{ template_list?: PrivateTemplate[] }>(
      'GET',
      '/cgi-bin/template/get_all_private_template',
    );
    return body.template_list ?? [];
  }

  /** Deletes one of the account's templates (`template/del_private_template`); 40037 for an unknown id. */
  async deleteTemplate(templateId: string): Promise<void> {
    await this.#client.request('POST', '/cgi-bin/template/del_private_template', {
      json: { template_id: templateId },
    });
  }

  /**
   * Sends a template message (`message/template/send`) and answers its `msgid`, a string (the
   * id is 64-bit). Never retried after it may have reached the platform: a repeated send could
   * deliver twice; set `client_msg_id` so that a repeat you make yourself is refused (45065).
   *
   * The platform answers 40003 for an unknown openid, 43004 for a user who does not follow the
   * account, 40037 for an unknown template, 47003 when `data` does not match the template's
   * placeholders or a value breaks its rule, 45051 for a `url` that is not http(s), and 48001
   * on a subscription account.
   */
  async send(message: TemplateMessage): Promise<string> {
    const body = await this.#client.request<TemplateSendResponse>('POST', SEND_PATH, {
      json: message,
      idempotent: false,
    });
    return String(body.msgid);
  }

  /**
   * Sends a one-time subscription message (`message/template/subscribe`) to a user who
   * authorised it on the subscribemsg page. Not retried, like {@link TemplateApi.send}.
   */
  async sendSubscribe(message: OneTimeSubscribeMessage): Promise<void> {
    await this.#client.request('POST', SUBSCRIBE_PATH, { json: message, idempotent: false });
  }
}
