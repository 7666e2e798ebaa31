import type { WeChatClient } from '../client.js';
import { WeChatWindowClosedError } from '../errors.js';

/** How long a user's interaction lets the account send customer-service messages: 48 hours. */
export const CUSTOM_WINDOW_SECONDS = 48 * 3600;

const SEND_PATH = '/cgi-bin/message/custom/send';

/** Sends as a given customer-service account instead of as the account itself. */
export interface CustomServiceAccount {
  /** The kf account, e.g. `test1@kftest` (prefix `@` the account's WeChat ID). */
  readonly kf_account: string;
}

/** Fields every customer-service message has. */
export interface CustomMessageBase {
  /** The recipient's OpenID. */
  readonly touser: string;
  /** Send as this customer-service account (`customservice.kf_account`). */
  readonly customservice?: CustomServiceAccount;
}

/** A text message. `content` may hold `<a href="…">` links, also to mini-program pages. */
export interface CustomTextMessage extends CustomMessageBase {
  readonly msgtype: 'text';
  readonly text: { readonly content: string };
}

/** An image, by the `media_id` of an uploaded image. */
export interface CustomImageMessage extends CustomMessageBase {
  readonly msgtype: 'image';
  readonly image: { readonly media_id: string };
}

/** A voice message, by the `media_id` of an uploaded voice file. */
export interface CustomVoiceMessage extends CustomMessageBase {
  readonly msgtype: 'voice';
  readonly voice: { readonly media_id: string };
}

/** A video, by the `media_id` of an uploaded video. */
export interface CustomVideoMessage extends CustomMessageBase {
  readonly msgtype: 'video';
  readonly video: {
    readonly media_id: string;
    readonly thumb_media_id?: string;
    readonly title?: string;
    readonly description?: string;
  };
}

/** Music: a link to the track, a high-quality link (used on Wi-Fi) and a thumbnail. */
export interface CustomMusicMessage extends CustomMessageBase {
  readonly msgtype: 'music';
  readonly music: {
    readonly title?: string;
    readonly description?: string;
    readonly musicurl: string;
    readonly hqmusicurl: string;
    readonly thumb_media_id: string;
  };
}

/** One article of an external-link news message. */
export interface CustomNewsArticle {
  readonly title?: string;
  readonly description?: string;
  /** Where a tap leads. */
  readonly url?: string;
  /** The picture shown. */
  readonly picurl?: string;
}

/** An external-link news message: exactly one article (more gives 45008). */
export interface CustomNewsMessage extends CustomMessageBase {
  readonly msgtype: 'news';
  readonly news: { readonly articles: readonly [CustomNewsArticle] };
}

/** A news message from permanent material, by its `media_id` (one article). */
export interface CustomMpNewsMessage extends CustomMessageBase {
  readonly msgtype: 'mpnews';
  readonly mpnews: { readonly media_id: string };
}

/** A published article (发布能力), by its `article_id`. */
export interface CustomMpNewsArticleMessage extends CustomMessageBase {
  readonly msgtype: 'mpnewsarticle';
  readonly mpnewsarticle: { readonly article_id: string };
}

/** One choice of a menu message; the user's tap comes back as a text with `bizmsgmenuid` = `id`. */
export interface CustomMenuItem {
  readonly id: string;
  readonly content: string;
}

/** A menu message (e.g. a satisfaction survey): verified accounts only, not test accounts. */
export interface CustomMenuMessage extends CustomMessageBase {
  readonly msgtype: 'msgmenu';
  readonly msgmenu: {
    readonly head_content: string;
    readonly list: readonly CustomMenuItem[];
    readonly tail_content: string;
  };
}

/** A card or coupon, by its `card_id`. */
export interface CustomCardMessage extends CustomMessageBase {
  readonly msgtype: 'wxcard';
  readonly wxcard: { readonly card_id: string };
}

/** A mini-program page card; the mini program must be linked to the account. */
export interface CustomMiniProgramPageMessage extends CustomMessageBase {
  readonly msgtype: 'miniprogrampage';
  readonly miniprogrampage: {
    readonly title: string;
    readonly appid: string;
    readonly pagepath: string;
    readonly thumb_media_id: string;
  };
}

/** Any customer-service message, discriminated by `msgtype`; field names are the platform's. */
export type CustomMessage =
  | CustomTextMessage
  | CustomImageMessage
  | CustomVoiceMessage
  | CustomVideoMessage
  | CustomMusicMessage
  | CustomNewsMessage
  | CustomMpNewsMessage
  | CustomMpNewsArticleMessage
  | CustomMenuMessage
  | CustomCardMessage
  | CustomMiniProgramPageMessage;

/** A customer-service `msgtype`. */
export type CustomMessageType = CustomMessage['msgtype'];

/** A command of `message/custom/typing`. */
export type TypingCommand = 'Typing' | 'CancelTyping';

/** Options of {@link CustomMessageApi.send}. */
export interface CustomSendOptions {
  /**
   * Check the 48-hour window locally first, from the interaction time the webhook records in the
   * store: a user outside it is refused with a local {@link WeChatWindowClosedError}, without a
   * call. Default false (the platform decides).
   */
  readonly checkWindow?: boolean;
}

/**
 * Customer-service messages (客服消息): messages the account sends a user at any time within 48
 * hours of the user's last interaction. The platform refuses them outside that window (45015,
 * {@link WeChatWindowClosedError}) and after a few messages per window (45047,
 * `WeChatRateLimitError`).
 *
 * @example
 * ```ts
 * await client.custom.send({ touser: openid, msgtype: 'text', text: { content: 'Your order shipped' } });
 * ```
 */
export class CustomMessageApi {
  readonly #client: WeChatClient;

  /** @param client - the client these calls go through. */
  constructor(client: WeChatClient) {
    this.#client = client;
  }

  /**
   * Sends a message (`message/custom/send`). Never retried after it may have reached the
   * platform: a repeated send could deliver twice. With `checkWindow`, a user outside the
   * 48-hour window is refused locally first.
   */
  async send(message: CustomMessage, options: CustomSendOptions = {}): Promise<void> {
    if (options.checkWindow === true) await this.checkWindow(message.touser);
    await this.#client.request('POST', SEND_PATH, { json: message, idempotent: false });
  }

  /**
   * Shows (`Typing`) or hides (`CancelTyping`) "typing…" in the user's chat (`message/custom/typing`).
   * Typing needs a message exchanged with the user in the last 30 s (45080), lasts about 15 s
   * or until the next message, and cannot be repeated while it shows (45081).
   */
  async typing(openid: string, command: TypingCommand = 'Typing'): Promise<void> {
    await this.#client.request('POST', '/cgi-bin/message/custom/typing', {
      json: { touser: openid, command },
    });
  }

  /**
   * When the user last interacted with the account (Unix seconds), as the webhook records it in
   * the store under `${appId}:interaction:${openid}`; undefined when nothing is recorded.
   */
  async lastInteraction(openid: string): Promise<number | undefined> {
    return parseSeconds(await this.#client.store.get(this.#interactionKey(openid)));
  }

  /**
   * Throws a local {@link WeChatWindowClosedError} (errcode 45015) unless the store records an
   * interaction of the user within the last 48 hours. Makes no API call.
   *
   * @param openid - the user.
   * @param now - the time to judge by, in Unix seconds (default: now).
   */
  async checkWindow(openid: string, now: number = Math.floor(Date.now() / 1000)): Promise<void> {
    const key = this.#interactionKey(openid);
    const raw = await this.#client.store.get(key);
    const last = parseSeconds(raw);
    let reason: string | undefined;
    if (raw === undefined) {
      reason = `no interaction of ${openid} is recorded in the store (key ${key})`;
    } else if (last === undefined) {
      reason = `the store holds no Unix time under ${key}`;
    } else if (now - last >= CUSTOM_WINDOW_SECONDS) {
      const hours = Math.floor((now - last) / 3600);
      reason = `the last interaction of ${openid} was ${hours} h ago (${new Date(last * 1000).toISOString()}); the window is 48 h`;
    }
    if (reason === undefined) return;
    throw new WeChatWindowClosedError(
      45015,
      'response out of time limit or subscription is canceled',
      { method: 'POST', path: SEND_PATH, query: {} },
      {
        local: true,
        ...(last === undefined ? {} : { lastInteraction: last }),
        note: `Refused locally, no call made: ${reason}. Only the user can reopen the window, by writing to the account`,
      },
    );
  }

  #interactionKey(openid: string): string {
    return `${this.#client.appId}:interaction:${openid}`;
  }
}

/** A stored Unix time (decimal seconds), or undefined when absent or not one. */
function parseSeconds(value: string | undefined): number | undefined {
  return value !== undefined && /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}
