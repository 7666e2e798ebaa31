import { randomBytes } from 'node:crypto';
import { quotaMonth } from '../clock.js';
import { isObject } from '../json.js';
import { PlatformError } from '../platform-error.js';
import type { ApiCall, EmulatorModule, Json, JsonObject, Platform } from '../routes.js';
import { type EmulatorUser, moduleState } from '../state.js';

/** The platform's industry table (行业代码): id → `[first_class, second_class]`. */
export const INDUSTRIES: Readonly<Record<number, readonly [string, string]>> = {
  1: ['IT科技', '互联网|电子商务'],
  2: ['IT科技', 'IT软件与服务'],
  3: ['IT科技', 'IT硬件与设备'],
  4: ['IT科技', '电子技术'],
  5: ['IT科技', '通信与运营商'],
  6: ['IT科技', '网络游戏'],
  7: ['金融业', '银行'],
  8: ['金融业', '基金|理财|信托'],
  9: ['金融业', '保险'],
  10: ['餐饮', '餐饮'],
  11: ['酒店旅游', '酒店'],
  12: ['酒店旅游', '旅游'],
  13: ['运输与仓储', '快递'],
  14: ['运输与仓储', '物流'],
  15: ['运输与仓储', '仓储'],
  16: ['教育', '培训'],
  17: ['教育', '院校'],
  18: ['政府与公共事业', '学术科研'],
  19: ['政府与公共事业', '交警'],
  20: ['政府与公共事业', '博物馆'],
  21: ['政府与公共事业', '公共事业|非盈利机构'],
  22: ['医药护理', '医药医疗'],
  23: ['医药护理', '护理美容'],
  24: ['医药护理', '保健与卫生'],
  25: ['交通工具', '汽车相关'],
  26: ['交通工具', '摩托车相关'],
  27: ['交通工具', '火车相关'],
  28: ['交通工具', '飞机相关'],
  29: ['房地产', '建筑'],
  30: ['房地产', '物业'],
  31: ['消费品', '消费品'],
  32: ['商业服务', '法律'],
  33: ['商业服务', '会展'],
  34: ['商业服务', '中介服务'],
  35: ['商业服务', '认证'],
  36: ['商业服务', '审计'],
  37: ['文体娱乐', '传媒'],
  38: ['文体娱乐', '体育'],
  39: ['文体娱乐', '娱乐休闲'],
  40: ['印刷', '印刷'],
  41: ['其它', '其它'],
};

/** One keyword (关键词) of a library template: its name, its data key and a sample value. */
export interface LibraryKeyword {
  /** The name `keyword_name_list` selects it by, e.g. `商品名称`. */
  readonly name: string;
  /** The data key, whose prefix gives the value rule, e.g. `thing2`. */
  readonly key: string;
  /** A sample value, shown in the template's `example`. */
  readonly example: string;
}

/** A template of the emulator's template library (模板库), added with `api_add_template`. */
export interface LibraryTemplate {
  /** The title. */
  readonly title: string;
  /** The industry id (see {@link INDUSTRIES}) the template belongs to. */
  readonly industry: number;
  /** The keywords, in library order. */
  readonly keywords: readonly LibraryKeyword[];
}

/**
 * The emulator's template library, by `template_id_short`. The short ids are the emulator's own
 * (the real library is not public), the shape is the platform's: each keyword has a data key
 * whose prefix (`thing`, `amount`, `character_string`, `time`…) sets the rule its value must meet.
 */
export const TEMPLATE_LIBRARY: Readonly<Record<string, LibraryTemplate>> = {
  TM00015: {
    title: '订单支付成功通知',
    industry: 1,
    keywords: [
      { name: '订单号', key: 'character_string1', example: 'NO.20240101123456' },
      { name: '商品名称', key: 'thing2', example: '无线蓝牙耳机' },
      { name: '支付金额', key: 'amount3', example: '¥99.00' },
      { name: '支付时间', key: 'time4', example: '2024-01-01 12:00' },
    ],
  },
  TM00083: {
    title: '订单发货通知',
    industry: 13,
    keywords: [
      { name: '订单号', key: 'character_string1', example: 'NO.20240101123456' },
      { name: '快递公司', key: 'thing2', example: '顺丰速运' },
      { name: '快递单号', key: 'character_string3', example: 'SF1234567890' },
      { name: '发货时间', key: 'time4', example: '2024-01-02 09:30' },
    ],
  },
  TM00234: {
    title: '账户余额变动提醒',
    industry: 7,
    keywords: [
      { name: '变动金额', key: 'amount1', example: '¥-120.00' },
      { name: '账户余额', key: 'amount2', example: '¥880.00' },
      { name: '变动原因', key: 'thing3', example: '消费支出' },
      { name: '变动时间', key: 'time4', example: '2024-01-03 18:45' },
    ],
  },
  TM00891: {
    title: '预约成功通知',
    industry: 22,
    keywords: [
      { name: '预约人', key: 'name1', example: '张三' },
      { name: '预约项目', key: 'thing2', example: '口腔检查' },
      { name: '预约时间', key: 'time3', example: '2024-01-05 10:00' },
      { name: '联系电话', key: 'phone_number4', example: '0755-12345678' },
    ],
  },
};

/** The industry an emulated account starts with, as chosen when template messages are enabled in the console. */
export const DEFAULT_INDUSTRY = { primary: 1, secondary: 2 } as const;

/** Private templates an account may hold (more gives 45026). */
export const MAX_PRIVATE_TEMPLATES = 25;

/** How long a `client_msg_id` is remembered per openid (10 minutes, as the platform documents). */
export const CLIENT_MSG_ID_SECONDS = 10 * 60;

/** The longest `client_msg_id` accepted (45067 beyond). */
const MAX_CLIENT_MSG_ID = 64;
/** The longest title of a one-time subscription message. */
const MAX_SUBSCRIBE_TITLE = 15;
/** The longest content of a one-time subscription message. */
const MAX_SUBSCRIBE_CONTENT = 200;

/** A template in an account's list, as `get_all_private_template` answers it. */
export interface PrivateTemplate {
  /** The template id to send with. */
  template_id: string;
  /** The title. */
  title: string;
  /** The first class of its industry. */
  primary_industry: string;
  /** The second class of its industry. */
  deputy_industry: string;
  /** The content, with a `{{key.DATA}}` placeholder per keyword. */
  content: string;
  /** The content filled with sample values. */
  example: string;
}

/** The state of the template module, persisted with the rest (`state.modules.template`). */
export interface TemplateState {
  /** The account's industries (ids of {@link INDUSTRIES}) and the month (UTC+8) of the last API change. */
  industry: { primary: number; secondary: number; changedMonth?: string };
  /** The private templates, oldest first. */
  templates: PrivateTemplate[];
  /** Openids of users who refuse the account's template messages. */
  blocked: Record<string, boolean>;
  /** Users whose deliveries fail on the platform's side (`failed: system failed`). */
  failing?: Record<string, boolean>;
  /** Recent sends with a `client_msg_id`, by `openid` + newline + `client_msg_id`. */
  recent: Record<string, { msgid: string; at: number }>;
}

/** The template module's state, created on first use. */
export function templateState(platform: Platform): TemplateState {
  return moduleState<TemplateState>(platform.state, 'template', () => ({
    industry: { ...DEFAULT_INDUSTRY },
    templates: [],
    blocked: {},
    recent: {},
  }));
}

/**
 * Makes a user refuse (or, with `blocked` false, accept again) the account's template messages,
 * as a user does in the chat's settings. A template sent to them is still accepted with a msgid,
 * reaches no inbox, and its `TEMPLATESENDJOBFINISH` says `failed:user block`; a one-time
 * subscription message to them is refused with 43101.
 */
export function blockTemplates(platform: Platform, openid: string, blocked = true): void {
  const user = platform.user(openid);
  const state = templateState(platform);
  if (blocked) state.blocked[user.openid] = true;
  else delete state.blocked[user.openid];
  platform.changed();
}

/**
 * Makes deliveries to a user fail on the platform's side (or, with `failing` false, succeed
 * again): the send is accepted with a msgid, nothing reaches the inbox, and its
 * `TEMPLATESENDJOBFINISH` says `failed: system failed` (with the documented space).
 */
export function failTemplateDelivery(platform: Platform, openid: string, failing = true): void {
  const user = platform.user(openid);
  const state = templateState(platform);
  state.failing ??= {};
  if (failing) state.failing[user.openid] = true;
  else delete state.failing[user.openid];
  platform.changed();
}

/** Whether the user refuses template messages. */
function isBlocked(platform: Platform, openid: string): boolean {
  const { blocked } = templateState(platform);
  return Object.hasOwn(blocked, openid) && blocked[openid] === true;
}

/** `argument invalid!` naming the field, as the platform's 47003 does. */
const argumentInvalid = (detail: string) => new PlatformError(47003, `argument invalid! ${detail}`);

/** Template messages are a service-account API: 48001 for a subscription account. */
function requireService(platform: Platform): void {
  if (platform.state.app.accountType !== 'service') throw new PlatformError(48001);
}

/** An industry id of the request: an integer (or its decimal string) of the table, else 40102. */
function industryId(value: Json | undefined): number {
  const id = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  if (!Number.isInteger(id) || !Object.hasOwn(INDUSTRIES, id)) throw new PlatformError(40102);
  return id;
}

function industryJson(id: number): JsonObject {
  const [first, second] = INDUSTRIES[id] ?? ['', ''];
  return { first_class: first, second_class: second };
}

/** A new template id in the platform's shape: 43 characters of base64url. */
function newTemplateId(): string {
  return randomBytes(32).toString('base64url');
}

/** The keywords `keyword_name_list` picks (all of them when absent). */
function pickKeywords(template: LibraryTemplate, list: Json | undefined): readonly LibraryKeyword[] {
  if (list === undefined) return template.keywords;
  if (!Array.isArray(list)) throw new PlatformError(47001);
  if (list.length === 0) throw argumentInvalid('keyword_name_list is empty');
  const picked: LibraryKeyword[] = [];
  for (const name of list) {
    if (typeof name !== 'string') throw new PlatformError(47001);
    const keyword = template.keywords.find((k) => k.name === name);
    if (keyword === undefined) throw argumentInvalid(`keyword_name_list: no keyword "${name}"`);
    if (picked.includes(keyword)) throw argumentInvalid(`keyword_name_list: "${name}" repeated`);
    picked.push(keyword);
  }
  return picked;
}

/** The `{{key.DATA}}` placeholders of a content, in order. */
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\.DATA\s*\}\}/g;

/** The data keys a template expects. */
export function placeholdersOf(content: string): string[] {
  return [...new Set([...content.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ''))];
}

/** The content with every placeholder replaced by its value. */
function render(content: string, values: Readonly<Record<string, string>>): string {
  return content.replace(
    PLACEHOLDER,
    (_, key: string) => (Object.hasOwn(values, key) ? values[key] : '') ?? '',
  );
}

const chars = (value: string) => [...value].length;
const CJK = /^\p{Script=Han}+$/u;

/**
 * Value rules by key prefix, as the platform applies them to template and subscription data:
 * a reason when the value breaks the rule, undefined when it meets it. Longest prefixes first.
 */
const VALUE_RULES: readonly (readonly [string, (value: string) => string | undefined])[] = [
  [
    'character_string',
    (v) => (/^[\x21-\x7e]{1,32}$/.test(v) ? undefined : 'must be ≤32 digits, letters or symbols'),
  ],
  ['phone_number', (v) => (/^[0-9+\-() ]{1,17}$/.test(v) ? undefined : 'must be ≤17 digits or symbols')],
  ['car_number', (v) => (chars(v) <= 8 ? undefined : 'must be ≤8 characters')],
  ['thing', (v) => (chars(v) <= 20 ? undefined : 'must be ≤20 characters')],
  [
    'number',
    (v) => (/^-?\d+(?:\.\d+)?$/.test(v) && v.length <= 32 ? undefined : 'must be a number of ≤32 digits'),
  ],
  ['letter', (v) => (/^[A-Za-z]{1,32}$/.test(v) ? undefined : 'must be ≤32 letters')],
  ['symbol', (v) => (/^[^A-Za-z0-9\p{L}]{1,5}$/u.test(v) ? undefined : 'must be ≤5 symbols')],
  [
    'amount',
    (v) => (/^[¥￥$€£]?-?\d{1,10}(?:\.\d{1,2})?元?$/.test(v) ? undefined : 'must be an amount of ≤10 digits'),
  ],
  ['time', (v) => (/^[0-9年月日号时分秒:\-/ .~]+$/.test(v) && /\d/.test(v) ? undefined : 'must be a time')],
  ['date', (v) => (/^[0-9年月日号时分秒:\-/ .~]+$/.test(v) && /\d/.test(v) ? undefined : 'must be a date')],
  [
    'name',
    (v) =>
      (/^[A-Za-z .]+$/.test(v) ? v.length <= 20 : chars(v) <= 10)
        ? undefined
        : 'must be ≤10 CJK or ≤20 letters',
  ],
  ['phrase', (v) => (CJK.test(v) && chars(v) <= 5 ? undefined : 'must be ≤5 Chinese characters')],
];

/** Why a value breaks the rule of its key, or undefined. */
function ruleBroken(key: string, value: string): string | undefined {
  if (value.trim() === '') return 'is empty';
  const rule = VALUE_RULES.find(
    ([prefix]) => key.startsWith(prefix) && /^\d*$/.test(key.slice(prefix.length)),
  );
  return rule?.[1](value);
}

/** An optional `color` (legacy, ignored by the platform but type-checked). */
function checkColor(value: Json | undefined): void {
  if (value !== undefined && typeof value !== 'string') throw new PlatformError(47001);
}

/**
 * Checks `data` against the template's placeholders: every key present and no other (47003
 * naming the key), each an object with a string `value` (47001 otherwise) meeting the rule of
 * its key's prefix (47003). Returns the data as delivered and the values by key.
 */
function checkData(
  data: Json | undefined,
  keys: readonly string[],
): { data: JsonObject; values: Record<string, string> } {
  if (data !== undefined && !isObject(data)) throw new PlatformError(47001);
  const given = data ?? {};
  for (const key of keys) {
    if (!Object.hasOwn(given, key) || given[key] === undefined)
      throw argumentInvalid(`data.${key} is missing`);
  }
  const values: Record<string, string> = {};
  const delivered: JsonObject = {};
  for (const [key, item] of Object.entries(given)) {
    if (!keys.includes(key)) throw argumentInvalid(`data.${key} is not a keyword of the template`);
    if (!isObject(item) || typeof item.value !== 'string') throw new PlatformError(47001);
    checkColor(item.color);
    const broken = ruleBroken(key, item.value);
    if (broken !== undefined) throw argumentInvalid(`data.${key}.value ${broken}`);
    values[key] = item.value;
    delivered[key] =
      item.color === undefined ? { value: item.value } : { value: item.value, color: item.color };
  }
  return { data: delivered, values };
}

/** The recipient: `touser` must name a known user (40003 otherwise). */
function recipient(platform: Platform, body: JsonObject | undefined): EmulatorUser {
  const touser = body?.touser;
  if (typeof touser !== 'string' || touser === '') throw new PlatformError(40003);
  return platform.user(touser);
}

/**
 * The optional jump targets: `url` must be an http(s) URL (45051 `template msg use invalid
 * link`), `miniprogram` needs `appid` (40166) and `pagepath` (40165).
 */
function jumpTargets(body: JsonObject): JsonObject {
  const out: JsonObject = {};
  const { url, miniprogram } = body;
  if (url !== undefined && url !== '') {
    if (typeof url !== 'string') throw new PlatformError(47001);
    if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) throw new PlatformError(45051);
    out.url = url;
  }
  if (miniprogram !== undefined) {
    if (!isObject(miniprogram)) throw new PlatformError(47001);
    const { appid, pagepath } = miniprogram;
    if (appid !== undefined && typeof appid !== 'string') throw new PlatformError(47001);
    if (pagepath !== undefined && typeof pagepath !== 'string') throw new PlatformError(47001);
    if (appid === undefined || appid === '') throw new PlatformError(40166);
    if (pagepath === undefined || pagepath === '') throw new PlatformError(40165);
    out.miniprogram = { appid, pagepath };
  }
  return out;
}

/** MsgIds are signed 64-bit; past the top the shared counter starts over, as push.ts does. */
const MAX_MSG_ID = 2n ** 63n - 1n;
const FIRST_MSG_ID = 1_000_000_000_000_000_000n;

/** The next 64-bit msgid, from the counter every message of the emulator shares. */
function nextMsgId(platform: Platform): bigint {
  const next = BigInt(platform.state.lastMsgId) + 1n;
  const msgid = next > MAX_MSG_ID ? FIRST_MSG_ID : next;
  platform.state.lastMsgId = String(msgid);
  return msgid;
}

/** Applies the `client_msg_id` rules: 47001 not a string, 45067 too long, 45065 a repeat within 10 minutes. */
function dedupe(platform: Platform, openid: string, clientMsgId: Json | undefined): string | undefined {
  if (clientMsgId === undefined || clientMsgId === '') return undefined;
  if (typeof clientMsgId !== 'string') throw new PlatformError(47001);
  if (chars(clientMsgId) > MAX_CLIENT_MSG_ID) throw new PlatformError(45067);
  const { recent } = templateState(platform);
  const now = platform.clock.now();
  for (const [key, entry] of Object.entries(recent)) {
    if (now - entry.at >= CLIENT_MSG_ID_SECONDS) delete recent[key];
  }
  const key = `${openid}\n${clientMsgId}`;
  if (Object.hasOwn(recent, key)) throw new PlatformError(45065);
  return key;
}

/**
 * Pushes `TEMPLATESENDJOBFINISH` to the webhook after the response, when one is configured, as a
 * system event (not the user's interaction). A failed push is ignored, as the platform does.
 */
function pushJobFinish(platform: Platform, openid: string, msgid: bigint, status: string): void {
  setTimeout(() => {
    if (platform.state.app.webhook === undefined) return;
    platform
      .pushSystemEvent(openid, {
        MsgType: 'event',
        Event: 'TEMPLATESENDJOBFINISH',
        MsgID: String(msgid),
        Status: status,
      })
      .catch(() => undefined);
  }, 0);
}

function sendTemplate({ body, platform }: ApiCall): JsonObject {
  requireService(platform);
  const payload = body ?? {};
  const user = recipient(platform, payload);
  const templateId = payload.template_id;
  if (templateId !== undefined && typeof templateId !== 'string') throw new PlatformError(47001);
  const template = templateState(platform).templates.find((t) => t.template_id === templateId);
  if (template === undefined) throw new PlatformError(40037);
  const { data, values } = checkData(payload.data, placeholdersOf(template.content));
  checkColor(payload.color);
  const targets = jumpTargets(payload);
  if (!user.subscribed) throw new PlatformError(43004);
  const dedupeKey = dedupe(platform, user.openid, payload.client_msg_id);

  const msgid = nextMsgId(platform);
  if (dedupeKey !== undefined) {
    templateState(platform).recent[dedupeKey] = { msgid: String(msgid), at: platform.clock.now() };
  }
  const blocked = isBlocked(platform, user.openid);
  const failing = templateState(platform).failing?.[user.openid] === true;
  if (!blocked && !failing) {
    platform.deliver(user.openid, {
      kind: 'template',
      message: {
        msgid: String(msgid),
        template_id: template.template_id,
        ...targets,
        data,
        rendered: render(template.content, values),
      },
    });
  }
  platform.changed();
  const status = blocked ? 'failed:user block' : failing ? 'failed: system failed' : 'success';
  pushJobFinish(platform, user.openid, msgid, status);
  return { errcode: 0, errmsg: 'ok', msgid };
}

function sendSubscribe({ body, platform }: ApiCall): JsonObject {
  const payload = body ?? {};
  const user = recipient(platform, payload);
  const templateId = payload.template_id;
  if (templateId !== undefined && typeof templateId !== 'string') throw new PlatformError(47001);
  if (templateId === undefined || templateId === '') throw new PlatformError(40037);
  const { scene, title, data } = payload;
  const sceneNumber = typeof scene === 'string' && /^\d{1,5}$/.test(scene) ? Number(scene) : scene;
  if (
    typeof sceneNumber !== 'number' ||
    !Number.isInteger(sceneNumber) ||
    sceneNumber < 0 ||
    sceneNumber > 10000
  ) {
    throw argumentInvalid('scene must be an integer from 0 to 10000');
  }
  if (title !== undefined && typeof title !== 'string') throw new PlatformError(47001);
  if (title === undefined || title.trim() === '') throw argumentInvalid('title is empty');
  if (chars(title) > MAX_SUBSCRIBE_TITLE)
    throw argumentInvalid(`title must be ≤${MAX_SUBSCRIBE_TITLE} characters`);
  if (data !== undefined && !isObject(data)) throw new PlatformError(47001);
  for (const key of Object.keys(data ?? {})) {
    if (key !== 'content') throw argumentInvalid(`data.${key} is not a keyword of the template`);
  }
  const content = data?.content;
  if (content === undefined) throw argumentInvalid('data.content is missing');
  if (!isObject(content) || typeof content.value !== 'string') throw new PlatformError(47001);
  checkColor(content.color);
  if (content.value.trim() === '') throw argumentInvalid('data.content.value is empty');
  if (chars(content.value) > MAX_SUBSCRIBE_CONTENT) {
    throw argumentInvalid(`data.content.value must be ≤${MAX_SUBSCRIBE_CONTENT} characters`);
  }
  const targets = jumpTargets(payload);
  if (!user.subscribed) throw new PlatformError(43004);
  if (isBlocked(platform, user.openid)) throw new PlatformError(43101);
  platform.deliver(user.openid, {
    kind: 'template',
    message: {
      subscribe: true,
      template_id: templateId,
      scene: String(sceneNumber),
      title,
      ...targets,
      data: {
        content:
          content.color === undefined
            ? { value: content.value }
            : { value: content.value, color: content.color },
      },
      rendered: content.value,
    },
  });
  platform.changed();
  return { errcode: 0, errmsg: 'ok' };
}

/**
 * Template messages (模板消息) and one-time subscription messages (一次性订阅消息).
 *
 * Industry: the account starts in {@link DEFAULT_INDUSTRY} (the console makes one pick an
 * industry to enable template messages). `api_set_industry` takes two ids of {@link INDUSTRIES}
 * (40102 otherwise) and changes them once per month, China time (43100 for a second change).
 *
 * Templates: `api_add_template` copies a template of {@link TEMPLATE_LIBRARY} by its
 * `template_id_short` (40037 unknown) into the account's list, with the keywords named in
 * `keyword_name_list` (all when absent; 47003 for an unknown name), if it belongs to one of the
 * account's two industries (45027) and the list holds fewer than 25 (45026).
 * `del_private_template` removes one (40037 unknown).
 *
 * Sending (`message/template/send`): 48001 for a subscription account, 40003 an unknown
 * `touser`, 40037 an unknown `template_id`, 47003 `argument invalid! data.KEY …` when the data
 * keys differ from the template's placeholders or a value breaks the rule of its key's prefix,
 * 47001 a value that is not `{ value: string }`, 45051 a `url` that is not http(s), 40166/40165
 * a `miniprogram` without appid/pagepath, 43004 a user who does not follow the account, 45067 a
 * `client_msg_id` over 64 characters and 45065 one already used for this user in the last 10
 * minutes. An accepted message gets a 64-bit `msgid`, lands in the inbox as `{ kind: 'template',
 * message: { msgid, template_id, url?, miniprogram?, data, rendered } }` (unless the user
 * blocked templates, see {@link blockTemplates}), and after the response `TEMPLATESENDJOBFINISH`
 * is pushed to the webhook, if any, with `success` or `failed:user block`.
 *
 * One-time subscription (`message/template/subscribe`), for either account type: 40003, 40037
 * a missing `template_id`, 47003 a `scene` outside 0–10000, a `title` empty or over 15
 * characters, data other than `{ content: { value } }` or content empty or over 200 characters,
 * 45051/40166/40165 as above, 43004 not following, 43101 a user who blocked templates. The
 * user's authorisation (the subscribemsg page) is not modelled: every send is allowed.
 */
export const templateModule: EmulatorModule = {
  api: [
    {
      method: 'POST',
      path: '/cgi-bin/template/api_set_industry',
      handle({ body, platform }) {
        requireService(platform);
        const primary = industryId(body?.industry_id1);
        const secondary = industryId(body?.industry_id2);
        const state = templateState(platform);
        const { industry } = state;
        if (industry.primary !== primary || industry.secondary !== secondary) {
          const month = quotaMonth(platform.clock.nowMs());
          if (industry.changedMonth === month) throw new PlatformError(43100);
          state.industry = { primary, secondary, changedMonth: month };
          platform.changed();
        }
        return { errcode: 0, errmsg: 'ok' };
      },
    },
    {
      method: 'GET',
      path: '/cgi-bin/template/get_industry',
      handle({ platform }) {
        requireService(platform);
        const { industry } = templateState(platform);
        return {
          primary_industry: industryJson(industry.primary),
          secondary_industry: industryJson(industry.secondary),
        };
      },
    },
    {
      method: 'POST',
      path: '/cgi-bin/template/api_add_template',
      handle({ body, platform }) {
        requireService(platform);
        const shortId = body?.template_id_short;
        if (shortId !== undefined && typeof shortId !== 'string') throw new PlatformError(47001);
        const library =
          shortId !== undefined && Object.hasOwn(TEMPLATE_LIBRARY, shortId)
            ? TEMPLATE_LIBRARY[shortId]
            : undefined;
        if (library === undefined) throw new PlatformError(40037);
        const keywords = pickKeywords(library, body?.keyword_name_list);
        const state = templateState(platform);
        if (library.industry !== state.industry.primary && library.industry !== state.industry.secondary) {
          throw new PlatformError(45027);
        }
        if (state.templates.length >= MAX_PRIVATE_TEMPLATES) throw new PlatformError(45026);
        const [first, second] = INDUSTRIES[library.industry] ?? ['', ''];
        const template: PrivateTemplate = {
          template_id: newTemplateId(),
          title: library.title,
          primary_industry: first,
          deputy_industry: second,
          content: keywords.map((k) => `${k.name}:{{${k.key}.DATA}}`).join('\n'),
          example: keywords.map((k) => `${k.name}:${k.example}`).join('\n'),
        };
        state.templates.push(template);
        platform.changed();
        return { errcode: 0, errmsg: 'ok', template_id: template.template_id };
      },
    },
    {
      method: 'GET',
      path: '/cgi-bin/template/get_all_private_template',
      handle({ platform }) {
        requireService(platform);
        return { template_list: templateState(platform).templates.map((t) => ({ ...t })) };
      },
    },
    {
      method: 'POST',
      path: '/cgi-bin/template/del_private_template',
      handle({ body, platform }) {
        requireService(platform);
        const templateId = body?.template_id;
        if (templateId !== undefined && typeof templateId !== 'string') throw new PlatformError(47001);
        const state = templateState(platform);
        const index = state.templates.findIndex((t) => t.template_id === templateId);
        if (index < 0) throw new PlatformError(40037);
        state.templates.splice(index, 1);
        platform.changed();
        return { errcode: 0, errmsg: 'ok' };
      },
    },
    { method: 'POST', path: '/cgi-bin/message/template/send', handle: sendTemplate },
    { method: 'POST', path: '/cgi-bin/message/template/subscribe', handle: sendSubscribe },
  ],
};
