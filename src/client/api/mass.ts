import type { WeChatClient } from '../client.js';
import { WeChatRateLimitError } from '../errors.js';

const UPLOAD_IMAGE_PATH = '/cgi-bin/media/uploadimg';
const UPLOAD_NEWS_PATH = '/cgi-bin/media/uploadnews';
const UPLOAD_VIDEO_PATH = '/cgi-bin/media/uploadvideo';
const SENDALL_PATH = '/cgi-bin/message/mass/sendall';
const SEND_PATH = '/cgi-bin/message/mass/send';

/** Successful mass sends a (verified) subscription account may make per day, China time. */
export const SUBSCRIPTION_MASS_SENDS_PER_DAY = 1;
/** Mass messages a follower of a (verified) service account may receive per calendar month. */
export const SERVICE_MASS_SENDS_PER_MONTH = 4;

const CHINA_OFFSET_MS = 8 * 3600 * 1000;
const HOUR_MS = 3600 * 1000;

/** 订阅号 or 服务号: decides the mass-send frequency. */
export type MassAccountType = 'subscription' | 'service';

// ---- message content ---------------------------------------------------------------------------

/** News (图文) by the media_id of `uploadNews` or of a draft (`draft/add`). */
export interface MassMpNewsContent {
  readonly msgtype: 'mpnews';
  readonly mpnews: { readonly media_id: string };
  /** 1: go on when an article is judged a reprint that may be reprinted; 0 (default): stop. */
  readonly send_ignore_reprint?: 0 | 1;
}

/** A text. */
export interface MassTextContent {
  readonly msgtype: 'text';
  readonly text: { readonly content: string };
}

/** A voice message, by the media_id of an uploaded voice file. */
export interface MassVoiceContent {
  readonly msgtype: 'voice';
  readonly voice: { readonly media_id: string };
}

/** An image post (图片消息): one or more uploaded images. */
export interface MassImagesContent {
  readonly msgtype: 'image';
  readonly images: {
    readonly media_ids: readonly string[];
    /** The recommendation text shown with the images. */
    readonly recommend?: string;
    /** 1 to open comments. */
    readonly need_open_comment?: 0 | 1;
    /** 1 to let only followers comment. */
    readonly only_fans_can_comment?: 0 | 1;
  };
}

/** A video, by the media_id of a video converted with `media/uploadvideo`. */
export interface MassVideoContent {
  readonly msgtype: 'mpvideo';
  readonly mpvideo: { readonly media_id: string };
}

/** A card or coupon. */
export interface MassCardContent {
  readonly msgtype: 'wxcard';
  readonly wxcard: { readonly card_id: string };
}

/** What a mass message says, discriminated by `msgtype`; field names are the platform's. */
export type MassContent =
  | MassMpNewsContent
  | MassTextContent
  | MassVoiceContent
  | MassImagesContent
  | MassVideoContent
  | MassCardContent;

/** A mass `msgtype`. */
export type MassMessageType = MassContent['msgtype'];

/** Who a `sendall` reaches: every follower, or the followers with a tag. */
export type MassFilter =
  | { readonly is_to_all: true; readonly tag_id?: number }
  | { readonly is_to_all: false; readonly tag_id: number };

/** Fields of the sends that the platform de-duplicates. */
export interface MassSendFields {
  /**
   * Your id of this send (at most 64 bytes): the same id again within 24 hours is refused with
   * 45065 (a job exists) or 45066 (retried within a minute), so a retried send never goes twice.
   */
  readonly clientmsgid?: string;
}

/** The body of `message/mass/sendall`. */
export type MassSendAllMessage = MassContent & MassSendFields & { readonly filter: MassFilter };

/** The body of `message/mass/send`: 2 to 10 000 openids (40130 fewer, 40032 more). */
export type MassSendMessage = MassContent & MassSendFields & { readonly touser: readonly string[] };

/** The body of `message/mass/preview`: to one follower, by openid or by WeChat ID (`towxname` wins). */
export type MassPreviewMessage = MassContent &
  (
    | { readonly touser: string; readonly towxname?: string }
    | { readonly towxname: string; readonly touser?: string }
  );

// ---- responses ---------------------------------------------------------------------------------

/** What `sendall` and `send` answer: the job was queued. */
export interface MassSendResult {
  readonly errcode: number;
  /** `send job submission success`. */
  readonly errmsg: string;
  /** The job's id (64-bit, as a string). */
  readonly msg_id: string;
  /** The id of the message data (mpnews and images only), for comments and statistics. */
  readonly msg_data_id?: string;
}

/** What `preview` answers. */
export interface MassPreviewResult {
  readonly errcode: number;
  /** `preview success`. */
  readonly errmsg: string;
  /** The preview's id, as a string. */
  readonly msg_id: string;
}

/** A job's status. */
export type MassStatus = 'SEND_SUCCESS' | 'SENDING' | 'SEND_FAIL' | 'DELETE';

/** What `message/mass/get` answers. */
export interface MassStatusResult {
  /** The job's id, as a string. */
  readonly msg_id: string;
  /** Its status. */
  readonly msg_status: MassStatus;
}

/** A speed level: 0 (fastest, 800 000 a minute) to 4 (100 000 a minute). */
export type MassSpeedLevel = 0 | 1 | 2 | 3 | 4;

/** What `message/mass/speed/get` answers. */
export interface MassSpeed {
  /** The level. */
  readonly speed: MassSpeedLevel;
  /** The real speed, in 10 000 messages a minute. */
  readonly realspeed: number;
}

/** What `media/uploadimg` answers. */
export interface MassUploadImageResult {
  /** The image's URL, for `<img src>` in article content. */
  readonly url: string;
}

/** One article of `media/uploadnews`. */
export interface MassNewsArticle {
  /** The cover: media_id of permanent image material. */
  readonly thumb_media_id: string;
  readonly title: string;
  /** HTML; images must be URLs from `uploadImage`. */
  readonly content: string;
  readonly author?: string;
  /** The "read more" link. */
  readonly content_source_url?: string;
  /** The summary (single-article news only). */
  readonly digest?: string;
  /** 1 to show the cover in the body. */
  readonly show_cover_pic?: 0 | 1;
  /** 1 to open comments. */
  readonly need_open_comment?: 0 | 1;
  /** 1 to let only followers comment. */
  readonly only_fans_can_comment?: 0 | 1;
}

/** What `media/uploadnews` answers. */
export interface MassUploadNewsResult {
  readonly type: 'news';
  /** The news' media_id, for an `mpnews` message. */
  readonly media_id: string;
  /** Unix seconds. */
  readonly created_at: number;
}

/** The body of `media/uploadvideo`: an uploaded video to convert for an `mpvideo` message. */
export interface MassUploadVideo {
  /** The media_id of the uploaded video. */
  readonly media_id: string;
  /** The title shown with the video. */
  readonly title?: string;
  /** The description shown with the video. */
  readonly description?: string;
}

/** What `media/uploadvideo` answers. */
export interface MassUploadVideoResult {
  readonly type: 'video';
  /** The converted video's media_id, for an `mpvideo` message. */
  readonly media_id: string;
  /** Unix seconds. */
  readonly created_at: number;
}

/** Options of {@link MassApi.sendAll}. */
export interface MassSendAllOptions {
  /**
   * The account type, to check the frequency locally first from the sends this client counted
   * in the store: a subscription account's second send of the day, or a service account's fifth
   * send to all in a month, is refused with a local {@link WeChatRateLimitError} (45028), without
   * a call. Absent: no local check (the platform decides).
   */
  readonly accountType?: MassAccountType;
  /** The time to judge by, in Unix seconds (default: now). */
  readonly now?: number;
}

// ---- the API -----------------------------------------------------------------------------------

/**
 * Mass messages (群发): prepare images, news and videos, send to every follower or a tag
 * (`sendAll`) or to an openid list (`send`, service accounts), preview, follow up and delete jobs.
 *
 * The frequency: a subscription account may send once a day; a service account's followers
 * receive at most 4 mass messages a month each (sends beyond fail for that follower). The
 * platform refuses with 45028 (`WeChatRateLimitError`). The client counts its successful sends in
 * the store (`${appId}:mass:day:YYYY-MM-DD` for every `sendAll`, `${appId}:mass:month:YYYY-MM` for
 * sends to all, China time) and, given `{ accountType }`, refuses locally before the platform
 * would. Sends are never retried after they may have reached the platform; use `clientmsgid`.
 *
 * Success means the job was queued: the result arrives at the webhook as a `MASSSENDJOBFINISH`
 * event with the counts.
 *
 * @example
 * ```ts
 * const { msg_id } = await client.mass.sendAll(
 *   { filter: { is_to_all: true }, msgtype: 'text', text: { content: '本周活动' } },
 *   { accountType: 'subscription' },
 * );
 * ```
 */
export class MassApi {
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
   * Uploads an image for article content (`media/uploadimg`): jpg or png, under 1 MB. Returns
   * its URL; it does not count against the material library. The filename defaults to
   * `image.png` for a png Blob, `image.jpg` otherwise.
   */
  async uploadImage(
    file: Blob,
    filename = file.type === 'image/png' ? 'image.png' : 'image.jpg',
  ): Promise<MassUploadImageResult> {
    const form = new FormData();
    form.append('media', file, filename);
    return this.#client.request<MassUploadImageResult>('POST', UPLOAD_IMAGE_PATH, { form });
  }

  /** Uploads news (`media/uploadnews`, 10 a day) for an `mpnews` message: 1 to 8 articles. */
  async uploadNews(articles: readonly MassNewsArticle[]): Promise<MassUploadNewsResult> {
    return this.#client.request<MassUploadNewsResult>('POST', UPLOAD_NEWS_PATH, {
      json: { articles },
      idempotent: false,
    });
  }

  /**
   * Converts an uploaded video for an `mpvideo` message (`media/uploadvideo`): the answer's
   * `media_id` goes in `mpvideo: { media_id }`.
   */
  async uploadVideo(video: MassUploadVideo): Promise<MassUploadVideoResult> {
    return this.#client.request<MassUploadVideoResult>('POST', UPLOAD_VIDEO_PATH, {
      json: video,
      idempotent: false,
    });
  }

  /**
   * Sends to every follower or to the followers with a tag (`message/mass/sendall`). With
   * `{ accountType }`, refuses locally (45028, `local: true`) when the store shows the
   * account's allowance is used up; a successful send is counted in the store either way.
   */
  async sendAll(message: MassSendAllMessage, options: MassSendAllOptions = {}): Promise<MassSendResult> {
    const now = options.now ?? Math.floor(Date.now() / 1000);
    const toAll = message.filter.is_to_all;
    if (options.accountType !== undefined) await this.#check(options.accountType, toAll, now);
    const result = await this.#client.request<MassSendResult>('POST', SENDALL_PATH, {
      json: message,
      idempotent: false,
    });
    try {
      await this.#count(toAll, now);
    } catch {
      // The send went out: failing now would invite a repeat. The count is only advisory.
    }
    return result;
  }

  /**
   * Sends to 2 to 10 000 openids (`message/mass/send`): service accounts only (48001
   * otherwise). Not checked locally: the limit is per follower, which only the platform knows.
   */
  async send(message: MassSendMessage): Promise<MassSendResult> {
    return this.#client.request<MassSendResult>('POST', SEND_PATH, { json: message, idempotent: false });
  }

  /** Sends the message to one follower only, to see it (`message/mass/preview`); not counted. */
  async preview(message: MassPreviewMessage): Promise<MassPreviewResult> {
    return this.#client.request<MassPreviewResult>('POST', '/cgi-bin/message/mass/preview', {
      json: message,
      idempotent: false,
    });
  }

  /** The status of a job (`message/mass/get`). */
  async get(msgId: string): Promise<MassStatusResult> {
    return this.#client.request<MassStatusResult>('POST', '/cgi-bin/message/mass/get', {
      json: { msg_id: msgId },
      idempotent: true,
    });
  }

  /**
   * Deletes a sent message (`message/mass/delete`, 10 a day): all of it, or one article
   * (`articleIdx`, 1-based) of news. Only news and videos really disappear; other kinds are
   * just marked deleted.
   */
  async delete(msgId: string, articleIdx?: number): Promise<void> {
    await this.#client.request('POST', '/cgi-bin/message/mass/delete', {
      json: { msg_id: wireId(msgId), ...(articleIdx === undefined ? {} : { article_idx: articleIdx }) },
      idempotent: true,
    });
  }

  /** The mass speed (`message/mass/speed/get`). */
  async getSpeed(): Promise<MassSpeed> {
    const { speed, realspeed } = await this.#client.request<MassSpeed>(
      'POST',
      '/cgi-bin/message/mass/speed/get',
      { json: {}, idempotent: true },
    );
    return { speed, realspeed };
  }

  /** Sets the mass speed (`message/mass/speed/set`): 0 (fastest) to 4. */
  async setSpeed(speed: MassSpeedLevel): Promise<void> {
    await this.#client.request('POST', '/cgi-bin/message/mass/speed/set', {
      json: { speed },
      idempotent: true,
    });
  }

  /**
   * How many more `sendAll` calls the store's counts allow: for a subscription account, sends
   * left today (of 1); for a service account, sends to all left this month (of 4). Makes no call.
   *
   * @param accountType - the account type.
   * @param now - the time to judge by, in Unix seconds (default: now).
   */
  async remainingSends(
    accountType: MassAccountType,
    now: number = Math.floor(Date.now() / 1000),
  ): Promise<number> {
    const { key, limit } = this.#window(accountType, now);
    const used = Number((await this.#client.store.get(key)) ?? 0);
    return Math.max(0, limit - (Number.isSafeInteger(used) ? used : 0));
  }

  #window(accountType: MassAccountType, now: number): { key: string; limit: number; what: string } {
    const china = new Date(now * 1000 + CHINA_OFFSET_MS).toISOString();
    return accountType === 'subscription'
      ? {
          key: `${this.#client.appId}:mass:day:${china.slice(0, 10)}`,
          limit: SUBSCRIPTION_MASS_SENDS_PER_DAY,
          what: `mass send today (${china.slice(0, 10)}, China time); a subscription account may make ${SUBSCRIPTION_MASS_SENDS_PER_DAY} a day`,
        }
      : {
          key: `${this.#client.appId}:mass:month:${china.slice(0, 7)}`,
          limit: SERVICE_MASS_SENDS_PER_MONTH,
          what: `mass sends to all this month (${china.slice(0, 7)}, China time); a service account's followers receive ${SERVICE_MASS_SENDS_PER_MONTH} a month`,
        };
  }

  async #check(accountType: MassAccountType, toAll: boolean, now: number): Promise<void> {
    // A service account's limit is per follower: only sends to all are sure to have reached everyone.
    if (accountType === 'service' && !toAll) return;
    if ((await this.remainingSends(accountType, now)) > 0) return;
    const { key, limit, what } = this.#window(accountType, now);
    throw new WeChatRateLimitError(
      45028,
      `has no masssend quota: refused locally, no call made: ${limit} successful ${what} (store key ${key})`,
      { method: 'POST', path: SENDALL_PATH, query: {} },
      true,
    );
  }

  async #count(toAll: boolean, now: number): Promise<void> {
    const day = this.#window('subscription', now).key;
    await this.#client.store.increment(day, 48 * HOUR_MS);
    if (toAll) await this.#client.store.increment(this.#window('service', now).key, 32 * 24 * HOUR_MS);
  }
}

/** A msg_id as the platform's examples write it in `delete`: a number when exact, else the string. */
function wireId(id: string): number | string {
  const n = Number(id);
  return /^\d+$/.test(id) && Number.isSafeInteger(n) ? n : id;
}
