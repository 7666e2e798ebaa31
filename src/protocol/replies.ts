import { WeChatReplyError } from './errors.js';
import type { XmlInputObject, XmlObject, XmlValue } from './xml.js';
import { buildXmlContent, cdata, parseXml } from './xml.js';

/** A text reply. `Content` may hold newlines and `<a href="…">` links, both shown to the user. */
export interface TextReply {
  readonly type: 'text';
  /** The text shown to the user. Must not be empty: WeChat would show nothing. */
  readonly content: string;
}

/** An image reply, from an uploaded material (older docs say animated GIFs are not supported). */
export interface ImageReply {
  readonly type: 'image';
  /** `media_id` of a temporary or permanent image material. */
  readonly mediaId: string;
}

/** A voice reply. */
export interface VoiceReply {
  readonly type: 'voice';
  /** `media_id` of a temporary or permanent voice material. */
  readonly mediaId: string;
}

/** A video reply. Title and description are optional captions shown with it. */
export interface VideoReply {
  readonly type: 'video';
  /** `media_id` of a temporary or permanent video material. */
  readonly mediaId: string;
  readonly title?: string;
  readonly description?: string;
}

/** A music card. Only the thumbnail is required; the rest is optional. */
export interface MusicReply {
  readonly type: 'music';
  /** `media_id` of the thumbnail image (the one required field). */
  readonly thumbMediaId: string;
  readonly title?: string;
  readonly description?: string;
  /** Link to the music (`MusicUrl`). */
  readonly musicUrl?: string;
  /** Higher-quality link, preferred by the client on Wi-Fi (`HQMusicUrl`). */
  readonly hqMusicUrl?: string;
}

/** One article of a {@link NewsReply}. */
export interface NewsArticle {
  /** Required and non-empty. */
  readonly title: string;
  readonly description?: string;
  /** JPG or PNG; about 360×200 for the first (large) article, 200×200 for the others. */
  readonly picUrl?: string;
  /** Where a tap on the article leads. */
  readonly url?: string;
}

/**
 * A news (图文) reply of 1 to {@link MAX_NEWS_ARTICLES} articles.
 *
 * WeChat's current rule: when the user has just sent a text, image, voice, video, news or
 * location message, only **one** article may be returned; in other cases (events such as
 * `subscribe` or `CLICK`) up to eight. WeChat silently drops articles beyond its limit, so
 * pass `maxArticles: 1` to {@link renderReply} when answering a user message. (The one-article
 * rule dates from October 2018; older limits were 10, then 8.)
 */
export interface NewsReply {
  readonly type: 'news';
  readonly articles: readonly NewsArticle[];
}

/**
 * Hands the current user message to the customer-service (多客服) system. While the session
 * is open, the user's next messages go to customer service, not to your server. Answer user
 * messages with it, never events.
 */
export interface TransferCustomerServiceReply {
  readonly type: 'transfer_customer_service';
  /**
   * A specific agent's full account, such as `test1@test`. The user is bound to that agent even if the
   * agent is offline or full, so check the agent's status first; omit it to let any agent pick
   * the session up.
   */
  readonly kfAccount?: string;
}

/** Every passive reply WeChat accepts, discriminated on `type` (the reply's `MsgType`). */
export type Reply =
  | TextReply
  | ImageReply
  | VoiceReply
  | VideoReply
  | MusicReply
  | NewsReply
  | TransferCustomerServiceReply;

/** The `MsgType` of a {@link Reply}. */
export type ReplyType = Reply['type'];

/** WeChat's documented maximum number of articles in a news reply (outside user-message replies). */
export const MAX_NEWS_ARTICLES = 8;

/** Options of {@link renderReply}. */
export interface RenderReplyOptions {
  /** The user's openid: the inbound message's `FromUserName`. */
  readonly to: string;
  /** The account's original id (`gh_…`): the inbound message's `ToUserName`. */
  readonly from: string;
  /** `CreateTime` in Unix **seconds**. Defaults to now; pass a fixed value for reproducible output. */
  readonly createTime?: number;
  /**
   * Most articles a news reply may carry, 1 to {@link MAX_NEWS_ARTICLES} (the default). Use 1
   * when replying to a user's text, image, voice, video, news or location message.
   */
  readonly maxArticles?: number;
}

/** Options of {@link parseReply}. */
export interface ParseReplyOptions {
  /** Most articles accepted in a news reply, as in {@link RenderReplyOptions.maxArticles}. */
  readonly maxArticles?: number;
}

/** A reply document read back by {@link parseReply}. */
export interface ParsedReply {
  readonly reply: Reply;
  /** `ToUserName`: the user's openid. */
  readonly to: string;
  /** `FromUserName`: the account's `gh_` id. */
  readonly from: string;
  /** `CreateTime`, Unix seconds. */
  readonly createTime: number;
}

const REPLY_TYPES: readonly ReplyType[] = [
  'text',
  'image',
  'voice',
  'video',
  'music',
  'news',
  'transfer_customer_service',
];

const MAX_CREATE_TIME = 0xffff_ffff;

/**
 * Renders a passive reply as the XML body WeChat expects in the HTTP response, in WeChat's own
 * element order. A plain string is a text reply. The reply is validated first and nothing is
 * rendered if it is wrong.
 *
 * This is the plaintext document: in secure mode encrypt it before sending. To say nothing,
 * answer `success` (or an empty body) instead of calling this.
 *
 * @throws {@link WeChatReplyError} when `to`/`from` is empty, `createTime` is not Unix seconds,
 *   a text is empty, a media id is missing or empty, a news reply has no articles, more than
 *   `maxArticles` (default 8) or an article without a title, or `kfAccount` is empty.
 * @example
 * ```ts
 * renderReply('你好', { to: message.FromUserName, from: message.ToUserName, createTime: 1700000000 });
 * // → '<xml><ToUserName><![CDATA[o…]]></ToUserName><FromUserName><![CDATA[gh_…]]></FromUserName>'
 * //   + '<CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType>'
 * //   + '<Content><![CDATA[你好]]></Content></xml>'
 * renderReply({ type: 'image', mediaId }, { to, from });
 * renderReply({ type: 'news', articles: [{ title: 'Docs', url }] }, { to, from, maxArticles: 1 });
 * ```
 */
export function renderReply(reply: Reply | string, options: RenderReplyOptions): string {
  const value: Reply = typeof reply === 'string' ? { type: 'text', content: reply } : reply;
  const maxArticles = checkMaxArticles(options.maxArticles);
  requireText('to (the user openid)', options.to);
  requireText('from (the account gh_ id)', options.from);
  const createTime = options.createTime ?? Math.floor(Date.now() / 1000);
  if (!Number.isInteger(createTime) || createTime < 0 || createTime > MAX_CREATE_TIME) {
    const hint = Number.isInteger(createTime) && createTime > MAX_CREATE_TIME ? ' (milliseconds?)' : '';
    throw new WeChatReplyError(
      `createTime must be Unix seconds, an integer from 0 to ${MAX_CREATE_TIME}; got ${createTime}${hint}`,
    );
  }
  validateReply(value, maxArticles);

  // Every push renders a reply, most of them text: the head and a text body are written
  // directly, and joined into one flat string rather than a tree of concatenated pieces.
  return [
    '<xml><ToUserName>',
    cdata(options.to),
    '</ToUserName><FromUserName>',
    cdata(options.from),
    '</FromUserName><CreateTime>',
    String(createTime),
    '</CreateTime><MsgType><![CDATA[',
    value.type,
    ']]></MsgType>',
    value.type === 'text' ? `<Content>${cdata(value.content)}</Content>` : buildXmlContent(payload(value)),
    '</xml>',
  ].join('');
}

function payload(reply: Reply): XmlInputObject {
  switch (reply.type) {
    case 'text':
      return { Content: reply.content };
    case 'image':
      return { Image: { MediaId: reply.mediaId } };
    case 'voice':
      return { Voice: { MediaId: reply.mediaId } };
    case 'video':
      return { Video: { MediaId: reply.mediaId, Title: reply.title, Description: reply.description } };
    case 'music':
      return {
        Music: {
          Title: reply.title,
          Description: reply.description,
          MusicUrl: reply.musicUrl,
          HQMusicUrl: reply.hqMusicUrl,
          ThumbMediaId: reply.thumbMediaId,
        },
      };
    case 'news':
      return {
        ArticleCount: reply.articles.length,
        Articles: {
          item: reply.articles.map((a) => ({
            Title: a.title,
            Description: a.description,
            PicUrl: a.picUrl,
            Url: a.url,
          })),
        },
      };
    case 'transfer_customer_service':
      return reply.kfAccount === undefined ? {} : { TransInfo: { KfAccount: reply.kfAccount } };
  }
}

function checkMaxArticles(max: number | undefined): number {
  if (max === undefined) return MAX_NEWS_ARTICLES;
  if (!Number.isInteger(max) || max < 1 || max > MAX_NEWS_ARTICLES) {
    throw new WeChatReplyError(`maxArticles must be an integer from 1 to ${MAX_NEWS_ARTICLES}; got ${max}`);
  }
  return max;
}

function requireText(what: string, value: unknown): void {
  if (typeof value !== 'string') throw new WeChatReplyError(`${what} must be a string, got ${typeof value}`);
  if (value === '') throw new WeChatReplyError(`${what} is empty`);
}

function optionalText(what: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'string') {
    throw new WeChatReplyError(`${what} must be a string when given, got ${typeof value}`);
  }
}

/** Checks a reply against WeChat's rules; shared by rendering and parsing. */
function validateReply(reply: Reply, maxArticles: number): void {
  if (typeof reply !== 'object' || reply === null) {
    throw new WeChatReplyError(`a reply must be a string or an object with a type, got ${String(reply)}`);
  }
  const type: unknown = reply.type;
  switch (reply.type) {
    case 'text':
      if (reply.content === '') {
        throw new WeChatReplyError(
          'text reply content is empty; WeChat would show nothing (answer "success" to send no reply)',
        );
      }
      requireText('text reply content', reply.content);
      return;
    case 'image':
    case 'voice':
      requireText(`${reply.type} reply mediaId`, reply.mediaId);
      return;
    case 'video':
      requireText('video reply mediaId', reply.mediaId);
      optionalText('video reply title', reply.title);
      optionalText('video reply description', reply.description);
      return;
    case 'music':
      requireText('music reply thumbMediaId', reply.thumbMediaId);
      optionalText('music reply title', reply.title);
      optionalText('music reply description', reply.description);
      optionalText('music reply musicUrl', reply.musicUrl);
      optionalText('music reply hqMusicUrl', reply.hqMusicUrl);
      return;
    case 'news': {
      const articles: unknown = reply.articles;
      if (!Array.isArray(articles)) throw new WeChatReplyError('news reply articles must be an array');
      if (articles.length === 0) throw new WeChatReplyError('news reply has no articles; give 1 or more');
      if (articles.length > maxArticles) {
        throw new WeChatReplyError(
          `news reply has ${articles.length} articles but at most ${maxArticles} ${maxArticles === 1 ? 'is' : 'are'} allowed` +
            (maxArticles === 1 ? ' (replies to user messages carry a single article)' : ''),
        );
      }
      reply.articles.forEach((article, i) => {
        const what = `news reply article ${i + 1}`;
        if (typeof article !== 'object' || article === null) {
          throw new WeChatReplyError(`${what} is not an object`);
        }
        if (article.title === undefined || article.title === '') {
          throw new WeChatReplyError(`${what} has no title`);
        }
        requireText(`${what} title`, article.title);
        optionalText(`${what} description`, article.description);
        optionalText(`${what} picUrl`, article.picUrl);
        optionalText(`${what} url`, article.url);
      });
      return;
    }
    case 'transfer_customer_service':
      if (reply.kfAccount !== undefined) requireText('transfer_customer_service kfAccount', reply.kfAccount);
      return;
    default:
      throw new WeChatReplyError(
        `unknown reply type ${JSON.stringify(type)}; expected one of ${REPLY_TYPES.join(', ')}`,
      );
  }
}

/**
 * Reads a passive-reply document back into a {@link Reply}: the inverse of {@link renderReply}.
 * The local emulator uses it to check what a webhook answered, so the same rules apply
 * (non-empty ids and text, 1 to `maxArticles` articles, each titled) plus the document's own
 * consistency (`ArticleCount` equal to the number of `<item>`s, no repeated fields). Elements
 * WeChat does not read are ignored. `success` and an empty body mean "no reply" and are not
 * documents: check for them before calling this.
 *
 * @throws {@link WeChatXmlError} when the body is not well-formed XML (or is refused by the
 *   XML parser's limits), {@link WeChatReplyError} when it is XML but not a valid reply.
 */
export function parseReply(xml: string, options: ParseReplyOptions = {}): ParsedReply {
  const maxArticles = checkMaxArticles(options.maxArticles);
  if (xml === 'success' || xml === '') {
    throw new WeChatReplyError(
      `${xml === '' ? 'an empty body' : '"success"'} means "no reply"; it is not a reply document`,
    );
  }
  const doc = parseXml(xml);
  if (doc.name !== 'xml') throw new WeChatReplyError(`reply root element is <${doc.name}>, expected <xml>`);
  const root = doc.value;
  if (typeof root !== 'object' || Array.isArray(root)) throw new WeChatReplyError('<xml> holds no elements');

  const to = text(root, 'ToUserName', ROOT);
  const from = text(root, 'FromUserName', ROOT);
  const createTime = integer(root, 'CreateTime', ROOT);
  const msgType = text(root, 'MsgType', ROOT);
  if (to === '') throw new WeChatReplyError('<ToUserName> is empty');
  if (from === '') throw new WeChatReplyError('<FromUserName> is empty');

  const reply = readPayload(root, msgType);
  validateReply(reply, maxArticles);
  return { reply, to, from, createTime };
}

function readPayload(root: XmlObject, msgType: string): Reply {
  switch (msgType) {
    case 'text':
      return { type: 'text', content: text(root, 'Content', ROOT) };
    case 'image':
      return { type: 'image', mediaId: text(child(root, 'Image', ROOT), 'MediaId', '<Image>') };
    case 'voice':
      return { type: 'voice', mediaId: text(child(root, 'Voice', ROOT), 'MediaId', '<Voice>') };
    case 'video': {
      const video = child(root, 'Video', ROOT);
      return withOptional<VideoReply>(
        { type: 'video', mediaId: text(video, 'MediaId', '<Video>') },
        {
          title: optional(video, 'Title', '<Video>'),
          description: optional(video, 'Description', '<Video>'),
        },
      );
    }
    case 'music': {
      const music = child(root, 'Music', ROOT);
      return withOptional<MusicReply>(
        { type: 'music', thumbMediaId: text(music, 'ThumbMediaId', '<Music>') },
        {
          title: optional(music, 'Title', '<Music>'),
          description: optional(music, 'Description', '<Music>'),
          musicUrl: optional(music, 'MusicUrl', '<Music>'),
          hqMusicUrl: optional(music, 'HQMusicUrl', '<Music>'),
        },
      );
    }
    case 'news':
      return { type: 'news', articles: readArticles(root) };
    case 'transfer_customer_service': {
      if (root.TransInfo === undefined) return { type: 'transfer_customer_service' };
      const info = child(root, 'TransInfo', ROOT);
      return { type: 'transfer_customer_service', kfAccount: text(info, 'KfAccount', '<TransInfo>') };
    }
    default:
      throw new WeChatReplyError(
        `unknown reply MsgType ${JSON.stringify(msgType)}; expected one of ${REPLY_TYPES.join(', ')}`,
      );
  }
}

function readArticles(root: XmlObject): NewsArticle[] {
  const count = integer(root, 'ArticleCount', ROOT);
  const raw = child(root, 'Articles', ROOT).item;
  const items: XmlValue[] = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  if (count !== items.length) {
    throw new WeChatReplyError(
      `<ArticleCount> is ${count} but <Articles> holds ${items.length} <item> element${items.length === 1 ? '' : 's'}`,
    );
  }
  return items.map((item, i) => {
    const where = `<item> ${i + 1} of <Articles>`;
    if (typeof item !== 'object' || Array.isArray(item))
      throw new WeChatReplyError(`${where} holds no elements`);
    return withOptional<NewsArticle>(
      { title: text(item, 'Title', where) },
      {
        description: optional(item, 'Description', where),
        picUrl: optional(item, 'PicUrl', where),
        url: optional(item, 'Url', where),
      },
    );
  });
}

const ROOT = '<xml>';

/** Adds the defined members of `extra` to `base`, so absent elements stay absent properties. */
function withOptional<T extends object>(base: T, extra: { readonly [K in keyof T]?: string | undefined }): T {
  const out: Record<string, unknown> = { ...(base as object) };
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) out[key] = value;
  return out as T;
}

/** The single child element `name` of `parent`, which must itself hold elements. */
function child(parent: XmlObject, name: string, where: string): XmlObject {
  const value = parent[name];
  if (value === undefined) throw missing(parent, name, where);
  if (Array.isArray(value)) throw new WeChatReplyError(`<${name}> appears ${value.length} times in ${where}`);
  if (typeof value === 'string') throw new WeChatReplyError(`<${name}> in ${where} holds no elements`);
  return value;
}

/** The text of the single child element `name`, or `undefined` when there is none. */
function optional(parent: XmlObject, name: string, where: string): string | undefined {
  const value = parent[name];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw new WeChatReplyError(`<${name}> appears ${value.length} times in ${where}`);
  if (typeof value !== 'string')
    throw new WeChatReplyError(`<${name}> in ${where} must hold text, not elements`);
  return value;
}

function text(parent: XmlObject, name: string, where: string): string {
  const value = optional(parent, name, where);
  if (value === undefined) throw missing(parent, name, where);
  return value;
}

/** The error for a required element that is absent, pointing at a miscased one if present. */
function missing(parent: XmlObject, name: string, where: string): WeChatReplyError {
  const lower = name.toLowerCase();
  const near = Object.keys(parent).find((key) => key.toLowerCase() === lower);
  const hint = near === undefined ? '' : ` (found <${near}>; element names are case-sensitive)`;
  return new WeChatReplyError(`${where} lacks <${name}>${hint}`);
}

function integer(parent: XmlObject, name: string, where: string): number {
  const raw = text(parent, name, where);
  const digits = raw.trim();
  const value = Number(digits);
  if (!/^[0-9]+$/.test(digits) || !Number.isSafeInteger(value)) {
    throw new WeChatReplyError(`<${name}> must be a non-negative integer, got ${JSON.stringify(raw)}`);
  }
  return value;
}
