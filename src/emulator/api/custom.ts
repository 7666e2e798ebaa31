import { isObject, required } from '../json.js';
import { PlatformError } from '../platform-error.js';
import type { ControlRoute, EmulatorModule, Json, JsonObject, Platform } from '../routes.js';
import { ControlError } from '../routes.js';
import type { CustomMessageLimits, CustomWindowUsage, EmulatorUser } from '../state.js';
import { isBlacklisted } from './users.js';

/** The `msgtype` values `message/custom/send` accepts from an Official Account. */
export const CUSTOM_MESSAGE_TYPES = [
  'text',
  'image',
  'voice',
  'video',
  'music',
  'news',
  'mpnews',
  'mpnewsarticle',
  'msgmenu',
  'wxcard',
  'miniprogrampage',
] as const;

/**
 * The default customer-service limits: the platform's current quota table gives a user who sends
 * a message 5 customer-service messages within 48 hours (45015 outside the window, 45047 past
 * the count). Change them with `PATCH /emulator/custom/limits` or `state.customLimits`.
 */
export const DEFAULT_CUSTOM_LIMITS: Readonly<CustomMessageLimits> = {
  windowSeconds: 48 * 3600,
  perWindow: 5,
  actionWindowSeconds: 60,
  perAction: 3,
};

/** The window the user's last interaction opened: its length and how many messages it allows. */
function windowOf(platform: Platform, user: EmulatorUser): { seconds: number; cap: number } {
  const limits = customLimits(platform);
  return user.lastInteractionKind === 'action'
    ? { seconds: limits.actionWindowSeconds, cap: limits.perAction }
    : { seconds: limits.windowSeconds, cap: limits.perWindow };
}

/** How long a typing indicator shows (the platform: about 15 s). */
const TYPING_SECONDS = 15;
/** Typing needs a message exchange with the user within this many seconds (45080). */
const TYPING_EXCHANGE_SECONDS = 30;
/** A kf_account: a prefix of up to 10 letters or digits, `@`, the account's WeChat ID. */
const KF_ACCOUNT = /^[A-Za-z0-9]{1,10}@[A-Za-z0-9_-]+$/;

type CustomType = (typeof CUSTOM_MESSAGE_TYPES)[number];

/** A string field that may be absent (47001 when present but not a string). */
function optional(payload: JsonObject, key: string): string | undefined {
  const value = payload[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new PlatformError(47001);
  return value;
}

/** The documented fields of a payload, absent ones left out. */
function pick(payload: JsonObject, required: Record<string, string>, keys: readonly string[]): JsonObject {
  const out: JsonObject = { ...required };
  for (const key of keys) {
    const value = optional(payload, key);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function newsArticle(article: Json | undefined): JsonObject {
  if (!isObject(article)) throw new PlatformError(47001);
  const picked = pick(article, {}, ['title', 'description', 'url', 'picurl']);
  if (Object.values(picked).every((value) => value === '')) throw new PlatformError(44003);
  return picked;
}

function menuItem(item: Json | undefined): JsonObject {
  if (!isObject(item)) throw new PlatformError(47001);
  return { id: required(item, 'id'), content: required(item, 'content') };
}

/**
 * Checks the payload of each msgtype as the platform does and returns what the user receives:
 * 44004 empty text, 40007 a missing media_id or thumb_media_id, 44003 no news article, 45008
 * more than one, 44005 an empty menu list, 40166/40165 a missing mini-program appid/pagepath,
 * 47001 anything else missing or of the wrong type.
 */
const PAYLOADS: Readonly<Record<CustomType, (payload: JsonObject) => JsonObject>> = {
  text: (p) => ({ content: required(p, 'content', 44004) }),
  image: (p) => ({ media_id: required(p, 'media_id', 40007) }),
  voice: (p) => ({ media_id: required(p, 'media_id', 40007) }),
  video: (p) =>
    pick(p, { media_id: required(p, 'media_id', 40007) }, ['thumb_media_id', 'title', 'description']),
  music: (p) =>
    pick(
      p,
      {
        musicurl: required(p, 'musicurl'),
        hqmusicurl: required(p, 'hqmusicurl'),
        thumb_media_id: required(p, 'thumb_media_id', 40007),
      },
      ['title', 'description'],
    ),
  news: (p) => {
    const { articles } = p;
    if (articles === undefined) throw new PlatformError(44003);
    if (!Array.isArray(articles)) throw new PlatformError(47001);
    if (articles.length === 0) throw new PlatformError(44003);
    if (articles.length > 1) throw new PlatformError(45008);
    return { articles: articles.map(newsArticle) };
  },
  mpnews: (p) => ({ media_id: required(p, 'media_id', 40007) }),
  mpnewsarticle: (p) => ({ article_id: required(p, 'article_id') }),
  msgmenu: (p) => {
    const head = optional(p, 'head_content');
    const tail = optional(p, 'tail_content');
    if (head === undefined || tail === undefined) throw new PlatformError(47001);
    const { list } = p;
    if (list === undefined) throw new PlatformError(44005);
    if (!Array.isArray(list)) throw new PlatformError(47001);
    if (list.length === 0) throw new PlatformError(44005);
    return { head_content: head, list: list.map(menuItem), tail_content: tail };
  },
  wxcard: (p) => ({ card_id: required(p, 'card_id') }),
  miniprogrampage: (p) => ({
    title: required(p, 'title'),
    appid: required(p, 'appid', 40166),
    pagepath: required(p, 'pagepath', 40165),
    thumb_media_id: required(p, 'thumb_media_id', 40007),
  }),
};

const isCustomType = (value: unknown): value is CustomType =>
  typeof value === 'string' && (CUSTOM_MESSAGE_TYPES as readonly string[]).includes(value);

/** The recipient: `touser` must name a known user (40003 otherwise). */
function recipient(platform: Platform, body: JsonObject | undefined): EmulatorUser {
  const touser = body?.touser;
  if (typeof touser !== 'string' || touser === '') throw new PlatformError(40003);
  return platform.user(touser);
}

/** The limits in force: the defaults, with the overrides in the state. */
export function customLimits(platform: Platform): CustomMessageLimits {
  return { ...DEFAULT_CUSTOM_LIMITS, ...platform.state.customLimits };
}

/**
 * The user's open window, or 45015 when they no longer follow the account or have not interacted
 * within `windowSeconds`. A new interaction opens a new window and starts its count afresh.
 */
function openWindow(platform: Platform, user: EmulatorUser): CustomWindowUsage {
  const { seconds } = windowOf(platform, user);
  const now = platform.clock.now();
  if (!user.subscribed || user.lastInteraction <= 0 || now - user.lastInteraction >= seconds) {
    throw new PlatformError(45015);
  }
  const usage = platform.state.customUsage ?? {};
  platform.state.customUsage = usage;
  // hasOwn: an openid such as `constructor` must not find Object.prototype's members.
  const current = Object.hasOwn(usage, user.openid) ? usage[user.openid] : undefined;
  if (current !== undefined && current.openedAt === user.lastInteraction) return current;
  const fresh: CustomWindowUsage = { openedAt: user.lastInteraction, sent: 0 };
  if (current?.typingUntil !== undefined) fresh.typingUntil = current.typingUntil;
  usage[user.openid] = fresh;
  platform.changed();
  return fresh;
}

/** When the user last exchanged a message with the account: their interaction or a message to them. */
function lastExchange(platform: Platform, user: EmulatorUser): number {
  const inbox = Object.hasOwn(platform.state.inbox, user.openid) ? platform.state.inbox[user.openid] : [];
  let last = user.lastInteraction;
  for (const entry of inbox ?? []) {
    if ((entry.kind === 'custom' || entry.kind === 'reply') && entry.at > last) last = entry.at;
  }
  return last;
}

function limitValue(
  body: JsonObject,
  key: keyof CustomMessageLimits,
  min: number,
  max: number,
): number | null | undefined {
  const value = body[key];
  if (value === undefined || value === null) return value;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ControlError(400, `"${key}" must be an integer from ${min} to ${max}, or null for the default`);
  }
  return value;
}

const control: ControlRoute[] = [
  {
    method: 'GET',
    path: '/emulator/custom/limits',
    handle: ({ platform }) => ({ ...customLimits(platform) }),
  },
  {
    method: 'PATCH',
    path: '/emulator/custom/limits',
    handle({ body, platform }) {
      const known = ['windowSeconds', 'perWindow', 'actionWindowSeconds', 'perAction'];
      const unknown = Object.keys(body).filter((key) => !known.includes(key));
      if (unknown.length > 0) {
        throw new ControlError(400, `unknown field "${unknown[0]}": set "windowSeconds" or "perWindow"`);
      }
      const next = { ...platform.state.customLimits };
      const bounds = {
        windowSeconds: [1, 365 * 24 * 3600],
        perWindow: [0, 1_000_000],
        actionWindowSeconds: [1, 365 * 24 * 3600],
        perAction: [0, 1_000_000],
      } as const;
      for (const key of ['windowSeconds', 'perWindow', 'actionWindowSeconds', 'perAction'] as const) {
        const value = limitValue(body, key, bounds[key][0], bounds[key][1]);
        if (value === null) delete next[key];
        else if (value !== undefined) next[key] = value;
      }
      platform.state.customLimits = next;
      platform.changed();
      return { ...customLimits(platform) };
    },
  },
];

/**
 * Customer-service messages (客服消息): `message/custom/send` for every msgtype an Official
 * Account may send, and `message/custom/typing`.
 *
 * A send is checked as the platform checks it: 40003 an unknown `touser`, 40008 an unknown
 * `msgtype`, the payload of the msgtype (44004 empty text, 40007 a missing media_id or
 * thumb_media_id, 44003 no news article, 45008 more than one, 44005 an empty menu list,
 * 40166/40165 a missing mini-program appid/pagepath, 47001 anything else), 61452 a malformed
 * `customservice.kf_account`, 43019 a user on the account's blacklist (`tags/members/batchblacklist`
 * in `api/users.ts`), 45015 a user who does not follow the account or has not interacted within the
 * window (48 h), 45047 a user already sent `perWindow` (5) messages in this window.
 * An accepted message lands in the user's inbox as `{ kind: 'custom', message }`, the message
 * being the body without `touser`.
 *
 * Typing: 40003, 45072 a command other than `Typing`/`CancelTyping`, 45015 as above, 45080 no
 * message exchanged with the user in the last 30 s, 45081 already typing (it shows for 15 s or
 * until the next message).
 *
 * A user's message opens the 48-hour window (5 messages); any other interaction the platform pushes
 * as an event (a follow, a menu tap, a QR scan) opens the 1-minute one (3 messages).
 *
 * Control routes: `GET /emulator/custom/limits` and `PATCH /emulator/custom/limits`
 * `{ "windowSeconds": N, "perWindow": N, "actionWindowSeconds": N, "perAction": N }` (null
 * restores a default).
 */
export const customModule: EmulatorModule = {
  api: [
    {
      method: 'POST',
      path: '/cgi-bin/message/custom/send',
      handle({ body, platform }) {
        const user = recipient(platform, body);
        const msgtype = body?.msgtype;
        if (!isCustomType(msgtype)) throw new PlatformError(40008);
        const payload = body?.[msgtype];
        if (!isObject(payload)) throw new PlatformError(47001);
        const message: JsonObject = { msgtype, [msgtype]: PAYLOADS[msgtype](payload) };
        const service = body?.customservice;
        if (service !== undefined) {
          if (!isObject(service)) throw new PlatformError(47001);
          const account = service.kf_account;
          if (typeof account !== 'string' || !KF_ACCOUNT.test(account)) {
            throw new PlatformError(61452, 'invalid kf_account');
          }
          message.customservice = { kf_account: account };
        }
        // Before the window: a blacklisted user gets nothing, however recently they wrote.
        if (isBlacklisted(platform, user.openid)) throw new PlatformError(43019);
        const window = openWindow(platform, user);
        if (window.sent >= windowOf(platform, user).cap) throw new PlatformError(45047);
        window.sent += 1;
        delete window.typingUntil; // a message ends the typing indicator
        platform.deliver(user.openid, { kind: 'custom', message });
        platform.changed();
        return { errcode: 0, errmsg: 'ok' };
      },
    },
    {
      method: 'POST',
      path: '/cgi-bin/message/custom/typing',
      handle({ body, platform }) {
        const user = recipient(platform, body);
        const command = body?.command;
        if (command !== 'Typing' && command !== 'CancelTyping') throw new PlatformError(45072);
        const window = openWindow(platform, user);
        const now = platform.clock.now();
        if (command === 'CancelTyping') {
          delete window.typingUntil;
        } else {
          if (now - lastExchange(platform, user) > TYPING_EXCHANGE_SECONDS) throw new PlatformError(45080);
          if (window.typingUntil !== undefined && window.typingUntil > now) throw new PlatformError(45081);
          window.typingUntil = now + TYPING_SECONDS;
        }
        platform.changed();
        return { errcode: 0, errmsg: 'ok' };
      },
    },
  ],
  control,
};
