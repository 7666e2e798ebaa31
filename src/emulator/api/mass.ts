import { randomBytes } from 'node:crypto';
import { quotaDay, quotaMonth } from '../clock.js';
import { isObject, required, toJson } from '../json.js';
import { errmsgOf, newRid, PlatformError } from '../platform-error.js';
import type { ApiCall, ControlRoute, EmulatorModule, Json, JsonObject, Platform } from '../routes.js';
import { type EmulatorUser, moduleState, randomAlnum } from '../state.js';

/** The `msgtype` values of mass messages. */
export const MASS_MESSAGE_TYPES = ['mpnews', 'text', 'voice', 'image', 'mpvideo', 'wxcard'] as const;

/** A mass `msgtype`. */
export type MassType = (typeof MASS_MESSAGE_TYPES)[number];

/** Mass messages a follower of a service account receives per calendar month (China time). */
export const SERVICE_MONTHLY_PER_USER = 4;
/** Successful mass sends a subscription account makes per day (China time). */
export const SUBSCRIPTION_DAILY_SENDS = 1;
/** Previews by WeChat ID (`towxname`) allowed per day. */
export const TOWXNAME_PREVIEWS_PER_DAY = 100;
/** How long a `clientmsgid` is remembered (45065), in seconds. */
const CLIENTMSGID_SECONDS = 24 * 3600;
/** A repeated `clientmsgid` within this many seconds of the last try is refused with 45066. */
const CLIENTMSGID_RETRY_SECONDS = 60;
/** Longest accepted `clientmsgid`, in bytes (45067). */
const CLIENTMSGID_MAX_BYTES = 64;
/** The openid list of `message/mass/send`: at least 2 (40130), at most 10 000 (40032). */
const MIN_TOUSER = 2;
const MAX_TOUSER = 10_000;
/** Articles of one `media/uploadnews` (45008 beyond). */
const MAX_NEWS_ARTICLES = 8;
/** `media/uploadimg` takes images under 1 MB (40009). */
const MAX_IMAGE_BYTES = 1024 * 1024;
/** Real speed of each `speed` level, in 10 000 messages a minute. */
const REAL_SPEEDS = [80, 60, 45, 30, 10] as const;
/** System tags every account has: 0 默认, 1 屏蔽组, 2 星标组. */
const SYSTEM_TAG_IDS = new Set([0, 1, 2]);
/**
 * Requests the send endpoints (`sendall` and `send`) take per minute: the platform's note "群发接口
 * 每分钟限制请求60次，超过限制的请求会被拒绝" names the send calls; previews, `get`, `delete` and
 * the speed calls have limits of their own or none.
 */
export const MASS_REQUESTS_PER_MINUTE = 60;
/** The window {@link MASS_REQUESTS_PER_MINUTE} counts over, in seconds. */
const MINUTE_SECONDS = 60;

/** The outcome of a mass job, as `message/mass/get` reports it. */
export type MassStatus = 'SEND_SUCCESS' | 'SENDING' | 'SEND_FAIL' | 'DELETE';

/** The counts of a finished job, as the `MASSSENDJOBFINISH` event carries them. */
export interface MassCounts {
  /** Followers targeted: under the tag, all of them, or the openid list (without repeats). */
  TotalCount: number;
  /** Those left after filtering (non-followers, users past their monthly 4): Sent + Error. */
  FilterCount: number;
  /** Deliveries made. */
  SentCount: number;
  /** Deliveries that failed: openids the account does not know. */
  ErrorCount: number;
}

/** One mass job (sendall or send). */
export interface MassJob {
  /** `msg_id`, a decimal string. */
  msgId: string;
  /** `msg_data_id` (mpnews and image only), a decimal string. */
  msgDataId?: string;
  /** The endpoint that created it. */
  via: 'sendall' | 'send';
  /** The msgtype sent. */
  msgtype: MassType;
  /** The media_id of an mpnews job. */
  mediaId?: string;
  /** When it was accepted (Unix seconds). */
  createdAt: number;
  /** Its status. */
  status: MassStatus;
  /** Articles of an mpnews job (1 otherwise). */
  articles: number;
  /** 1-based articles deleted one by one. */
  deletedArticles: number[];
  /** The article URLs (mpnews), index 0 = article 1. */
  urls: string[];
  /** The counts. */
  counts: MassCounts;
}

/** What this module keeps in the state file (`state.modules.mass`). */
export interface MassState {
  /** The last msg_id handed out (decimal). */
  lastMsgId: string;
  /** The last msg_data_id handed out (decimal). */
  lastMsgDataId: string;
  /** The mass speed level, 0–4. */
  speed: number;
  /** Jobs by msg_id. */
  jobs: Record<string, MassJob>;
  /** News uploaded with `media/uploadnews`, by media_id. */
  news: Record<string, { createdAt: number; titles: string[] }>;
  /** Remembered clientmsgids: the job's msg_id, when it was sent and when last tried. */
  clientMsgIds: Record<string, { msgId: string; at: number; lastTry: number }>;
  /** Successful sends of the current day (subscription accounts). */
  sendDay: { day: string; count: number };
  /** Mass messages each follower received in the current month (service accounts). */
  received: Record<string, { month: string; count: number }>;
  /** Previews by WeChat ID today. */
  wxnamePreviews: { day: string; count: number };
  /** When (Unix seconds) the send requests of the last minute came, oldest first. */
  minuteCalls: number[];
}

function massState(platform: Platform): MassState {
  const own = moduleState<MassState>(platform.state, 'mass', () => ({
    lastMsgId: '1000000000',
    lastMsgDataId: '2247483647',
    speed: 0,
    jobs: {},
    news: {},
    clientMsgIds: {},
    sendDay: { day: '', count: 0 },
    received: {},
    wxnamePreviews: { day: '', count: 0 },
    minuteCalls: [],
  }));
  own.minuteCalls ??= []; // state files written before the per-minute limit
  return own;
}

// ---- reading bodies ----------------------------------------------------------------------------

/** The documented optional string and 0/1 fields of a payload (47001 for a wrong type). */
function pick(
  payload: JsonObject,
  out: JsonObject,
  strings: readonly string[],
  flags: readonly string[] = [],
): JsonObject {
  for (const key of strings) {
    const value = payload[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw new PlatformError(47001);
    out[key] = value;
  }
  for (const key of flags) {
    const value = payload[key];
    if (value === undefined) continue;
    if (value !== 0 && value !== 1) throw new PlatformError(47001);
    out[key] = value;
  }
  return out;
}

/** The payload of each msgtype as the user receives it; 40007 a missing media_id, 44004 empty text. */
const PAYLOADS: Readonly<Record<Exclude<MassType, 'image'>, (payload: JsonObject) => JsonObject>> = {
  mpnews: (p) => ({ media_id: required(p, 'media_id', 40007) }),
  text: (p) => ({ content: required(p, 'content', 44004) }),
  voice: (p) => ({ media_id: required(p, 'media_id', 40007) }),
  mpvideo: (p) => pick(p, { media_id: required(p, 'media_id', 40007) }, ['title', 'description']),
  wxcard: (p) => ({ card_id: required(p, 'card_id') }),
};

/** `images: { media_ids, recommend?, need_open_comment?, only_fans_can_comment? }` (or the older `image: { media_id }`). */
function imagePayload(body: JsonObject): { key: 'images' | 'image'; payload: JsonObject } {
  const images = body.images;
  if (images === undefined && isObject(body.image)) {
    return { key: 'image', payload: { media_id: required(body.image, 'media_id', 40007) } };
  }
  if (!isObject(images)) throw new PlatformError(47001);
  const ids = images.media_ids;
  if (ids === undefined) throw new PlatformError(40007);
  if (!Array.isArray(ids)) throw new PlatformError(47001);
  if (ids.length === 0) throw new PlatformError(40007);
  const mediaIds = ids.map((id) => {
    if (typeof id !== 'string') throw new PlatformError(47001);
    if (id === '') throw new PlatformError(40007);
    return id;
  });
  return {
    key: 'images',
    payload: pick(
      images,
      { media_ids: mediaIds },
      ['recommend'],
      ['need_open_comment', 'only_fans_can_comment'],
    ),
  };
}

const isMassType = (value: unknown): value is MassType =>
  typeof value === 'string' && (MASS_MESSAGE_TYPES as readonly string[]).includes(value);

/** A checked mass message: what every recipient gets. */
interface MassMessage {
  readonly msgtype: MassType;
  /** `{ msgtype, [key]: payload }`, ready for the inbox. */
  readonly content: JsonObject;
  /** The mpnews media_id. */
  readonly mediaId?: string;
}

/** Reads `msgtype` and its payload: 40008 an unknown msgtype, then the payload's own checks. */
function readMessage(body: JsonObject): MassMessage {
  const msgtype = body.msgtype;
  if (!isMassType(msgtype)) throw new PlatformError(40008);
  const reprint = body.send_ignore_reprint;
  if (reprint !== undefined && reprint !== 0 && reprint !== 1) throw new PlatformError(47001);
  if (msgtype === 'image') {
    const { key, payload } = imagePayload(body);
    return { msgtype, content: { msgtype, [key]: payload } };
  }
  const raw = body[msgtype];
  if (!isObject(raw)) throw new PlatformError(47001);
  const payload = PAYLOADS[msgtype](raw);
  const content: JsonObject = { msgtype, [msgtype]: payload };
  if (msgtype === 'mpnews' && typeof payload.media_id === 'string') {
    return { msgtype, content, mediaId: payload.media_id };
  }
  return { msgtype, content };
}

/** A msg_id in a request: a decimal string or a safe integer; 47001 another type, 40059 none. */
function readMsgId(value: Json | undefined): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) throw new PlatformError(40059);
    return String(value);
  }
  if (typeof value === 'string') {
    if (!/^\d{1,19}$/.test(value)) throw new PlatformError(40059);
    return String(BigInt(value));
  }
  throw new PlatformError(47001);
}

function knownJob(state: MassState, msgId: string | undefined): MassJob {
  const job = msgId !== undefined && Object.hasOwn(state.jobs, msgId) ? state.jobs[msgId] : undefined;
  if (job === undefined) throw new PlatformError(40059);
  return job;
}

// ---- ids, clientmsgid, frequency ---------------------------------------------------------------

/**
 * An id as the platform writes it: a bare JSON number. Ids past 2^53 go out as bigint (see
 * json.ts); the ones this module hands out stay below, where a number is exact.
 */
function wireId(id: string): Json {
  const n = Number(id);
  return Number.isSafeInteger(n) ? n : BigInt(id);
}

function nextId(state: MassState, key: 'lastMsgId' | 'lastMsgDataId'): string {
  const next = String(BigInt(state[key]) + 1n);
  state[key] = next;
  return next;
}

/** `clientmsgid`: absent, or a string of at most 64 bytes (45067). */
function readClientMsgId(body: JsonObject): string | undefined {
  const value = body.clientmsgid;
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new PlatformError(47001);
  if (Buffer.byteLength(value, 'utf8') > CLIENTMSGID_MAX_BYTES) throw new PlatformError(45067);
  return value;
}

/**
 * A clientmsgid already used for a job within 24 hours: 45066 when tried again within a minute
 * of the last try, otherwise the 45065 answer, which carries the existing job's msg_id.
 */
function duplicateAnswer(
  call: ApiCall,
  state: MassState,
  clientmsgid: string | undefined,
): JsonObject | undefined {
  const now = call.platform.clock.now();
  for (const [id, record] of Object.entries(state.clientMsgIds)) {
    if (now - record.at >= CLIENTMSGID_SECONDS) {
      delete state.clientMsgIds[id];
      call.platform.changed();
    }
  }
  if (clientmsgid === undefined || !Object.hasOwn(state.clientMsgIds, clientmsgid)) return undefined;
  const record = state.clientMsgIds[clientmsgid];
  if (record === undefined) return undefined;
  const previous = record.lastTry;
  record.lastTry = now;
  call.platform.changed();
  if (now - previous < CLIENTMSGID_RETRY_SECONDS) throw new PlatformError(45066);
  return errorWithData(call, 45065, { msg_id: wireId(record.msgId) });
}

/**
 * An error answer with extra fields (PlatformError carries none): the errmsg gets its rid, and
 * the rid is logged for `openapi/rid/get` as the server logs its own errors.
 */
function errorWithData(call: ApiCall, errcode: number, data: JsonObject): JsonObject {
  const rid = newRid();
  const response: JsonObject = { errcode, errmsg: `${errmsgOf(errcode)} rid: ${rid}`, ...data };
  const shown = new URLSearchParams();
  for (const [key, value] of call.query) {
    shown.append(key, /token|secret/i.test(key) ? `${value.slice(0, 6)}xxxx` : value);
  }
  call.platform.state.rids[rid] = {
    invoke_time: call.platform.clock.now(),
    cost_in_ms: 0,
    request_url: decodeURIComponent(shown.toString()),
    request_body: call.rawBody.toString('utf8').slice(0, 4096),
    response_body: toJson(response),
    client_ip: call.ip,
  };
  call.platform.changed();
  return response;
}

/**
 * Counts one send request against {@link MASS_REQUESTS_PER_MINUTE}; past it the request is
 * refused and not counted. The window slides over the last 60 s of the emulator clock rather than
 * resetting on the minute, so a test that advances the clock 60 s always finds it empty again.
 *
 * The platform's note gives no errcode. 45011 (`api minute-quota reach limit, must slower, retry
 * next minute`) is the code the platform documents for a per-minute limit; 45009 is its daily one.
 */
function countMinuteRequest(call: ApiCall): void {
  const state = massState(call.platform);
  const now = call.platform.clock.now();
  state.minuteCalls = state.minuteCalls.filter((at) => now - at < MINUTE_SECONDS);
  if (state.minuteCalls.length >= MASS_REQUESTS_PER_MINUTE) throw new PlatformError(45011);
  state.minuteCalls.push(now);
  call.platform.changed();
}

/** Mass messages `openid` received this month (China time). */
function receivedThisMonth(state: MassState, openid: string, month: string): number {
  const record = Object.hasOwn(state.received, openid) ? state.received[openid] : undefined;
  return record !== undefined && record.month === month ? record.count : 0;
}

// ---- jobs --------------------------------------------------------------------------------------

interface Targets {
  /** Followers targeted, without repeats (counted in TotalCount). */
  readonly openids: readonly string[];
}

/**
 * Runs a job: the frequency rules of the account type, then delivery to every follower left
 * after filtering, the counts, the clientmsgid record, and the `MASSSENDJOBFINISH` push.
 *
 * - Subscription account: one successful send a day, then 45028.
 * - Service account: a follower who received 4 mass messages this month is filtered out; when
 *   every targeted follower is (and there is at least one), the send fails with 45028.
 */
function runJob(
  call: ApiCall,
  via: 'sendall' | 'send',
  message: MassMessage,
  targets: Targets,
  clientmsgid: string | undefined,
): JsonObject {
  const { platform } = call;
  const state = massState(platform);
  const nowMs = platform.clock.nowMs();
  const now = platform.clock.now();
  const day = quotaDay(nowMs);
  const month = quotaMonth(nowMs);
  const service = platform.state.app.accountType === 'service';

  const followers: EmulatorUser[] = [];
  let unknown = 0;
  for (const openid of targets.openids) {
    const user = Object.hasOwn(platform.state.users, openid) ? platform.state.users[openid] : undefined;
    if (user === undefined) unknown += 1;
    else if (user.subscribed) followers.push(user);
  }
  const eligible = service
    ? followers.filter((user) => receivedThisMonth(state, user.openid, month) < SERVICE_MONTHLY_PER_USER)
    : followers;
  if (service) {
    if (followers.length > 0 && eligible.length === 0) throw new PlatformError(45028);
  } else {
    const sentToday = state.sendDay.day === day ? state.sendDay.count : 0;
    if (sentToday >= SUBSCRIPTION_DAILY_SENDS) throw new PlatformError(45028);
    state.sendDay = { day, count: sentToday + 1 };
  }

  const msgId = nextId(state, 'lastMsgId');
  const msgDataId =
    message.msgtype === 'mpnews' || message.msgtype === 'image' ? nextId(state, 'lastMsgDataId') : undefined;
  const news =
    message.mediaId !== undefined && Object.hasOwn(state.news, message.mediaId)
      ? state.news[message.mediaId]
      : undefined;
  const articles = message.msgtype === 'mpnews' ? Math.max(1, news?.titles.length ?? 1) : 1;
  const urls =
    message.msgtype === 'mpnews'
      ? Array.from(
          { length: articles },
          (_, i) =>
            `https://mp.weixin.qq.com/s?__biz=${platform.state.app.originalId}&mid=${msgDataId}&idx=${i + 1}`,
        )
      : [];

  const inboxMessage: JsonObject = { msg_id: msgId, ...message.content };
  for (const user of eligible) {
    platform.deliver(user.openid, { kind: 'mass', message: inboxMessage });
    if (service) {
      state.received[user.openid] = { month, count: receivedThisMonth(state, user.openid, month) + 1 };
    }
  }
  const counts: MassCounts = {
    TotalCount: targets.openids.length,
    FilterCount: eligible.length + unknown,
    SentCount: eligible.length,
    ErrorCount: unknown,
  };
  const failed = counts.SentCount === 0 && counts.TotalCount > 0;
  const job: MassJob = {
    msgId,
    via,
    msgtype: message.msgtype,
    createdAt: now,
    status: failed ? 'SEND_FAIL' : 'SEND_SUCCESS',
    articles,
    deletedArticles: [],
    urls,
    counts,
  };
  if (msgDataId !== undefined) job.msgDataId = msgDataId;
  if (message.mediaId !== undefined) job.mediaId = message.mediaId;
  state.jobs[msgId] = job;
  if (clientmsgid !== undefined) state.clientMsgIds[clientmsgid] = { msgId, at: now, lastTry: now };
  platform.changed();
  platform.count(`mass:${via}`);

  // After the answer, as the platform pushes the event once the job has run.
  setImmediate(() => pushFinished(platform, job, failed));

  const response: JsonObject = { errcode: 0, errmsg: 'send job submission success', msg_id: wireId(msgId) };
  if (msgDataId !== undefined) response.msg_data_id = wireId(msgDataId);
  return response;
}

/** The system sender of mass-send results (群发助手), an OpenID-shaped id as the platform uses. */
export const MASS_SENDER = 'oMassSendHelper0000000000000';

/**
 * Pushes `MASSSENDJOBFINISH` to the webhook, if one is configured, from the platform's mass-send
 * helper: a system event, so no user's interaction time moves and a reply to it reaches nobody.
 */
function pushFinished(platform: Platform, job: MassJob, failed: boolean): void {
  if (platform.state.app.webhook === undefined) return;
  const fields: JsonObject = {
    MsgType: 'event',
    Event: 'MASSSENDJOBFINISH',
    MsgID: BigInt(job.msgId),
    Status: failed ? 'send fail' : 'send success',
    ...job.counts,
  };
  if (job.msgtype === 'mpnews') {
    fields.CopyrightCheckResult = { Count: 0, ResultList: '', CheckState: 1 };
    fields.ArticleUrlResult = {
      Count: job.urls.length,
      ResultList: { item: job.urls.map((url, i) => ({ ArticleIdx: i + 1, ArticleUrl: url })) },
    };
  }
  platform.pushSystemEvent(MASS_SENDER, fields).catch(() => platform.count('mass:finish-failed'));
}

// ---- multipart (media/uploadimg) ---------------------------------------------------------------

/** The bytes of the form field `field` of a multipart body, or undefined when there is none. */
export function multipartField(body: Buffer, field: string): Buffer | undefined {
  const firstLineEnd = body.indexOf('\r\n');
  if (firstLineEnd < 3 || body[0] !== 0x2d || body[1] !== 0x2d) return undefined;
  const delimiter = Buffer.concat([Buffer.from('\r\n'), body.subarray(0, firstLineEnd)]);
  let start = firstLineEnd + 2;
  while (start < body.length) {
    const end = body.indexOf(delimiter, start);
    if (end < 0) return undefined;
    const part = body.subarray(start, end);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd >= 0) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const name = /^content-disposition:[^\r\n]*;\s*name="([^"]*)"/im.exec(headers)?.[1];
      if (name === field) return part.subarray(headerEnd + 4);
    }
    start = end + delimiter.length;
    if (body[start] === 0x2d && body[start + 1] === 0x2d) return undefined; // the closing delimiter
    start += 2;
  }
  return undefined;
}

/** `jpg` or `png` by the file's signature, undefined for anything else. */
function imageKind(data: Buffer): 'jpg' | 'png' | undefined {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpg';
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]))) {
    return 'png';
  }
  return undefined;
}

// ---- news (media/uploadnews) -------------------------------------------------------------------

/** One article: thumb_media_id (40007), title and content (47001) required; the rest checked for type. */
function newsArticle(article: Json | undefined): JsonObject {
  if (!isObject(article)) throw new PlatformError(47001);
  const out: JsonObject = {
    thumb_media_id: required(article, 'thumb_media_id', 40007),
    title: required(article, 'title'),
    content: required(article, 'content'),
  };
  return pick(
    article,
    out,
    ['author', 'content_source_url', 'digest'],
    ['show_cover_pic', 'need_open_comment', 'only_fans_can_comment'],
  );
}

// ---- recipients --------------------------------------------------------------------------------

/** A tag id: a non-negative integer or its decimal string; 45159 when absent or malformed. */
function readTagId(value: Json | undefined): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  if (typeof value === 'string' && /^\d{1,9}$/.test(value)) return Number(value);
  throw new PlatformError(45159);
}

/** `filter`: `is_to_all` (default false), else an existing `tag_id` (45159). */
function sendAllTargets(platform: Platform, body: JsonObject): Targets {
  const filter = body.filter;
  if (!isObject(filter)) throw new PlatformError(47001);
  const toAll = filter.is_to_all ?? false;
  if (typeof toAll !== 'boolean') throw new PlatformError(47001);
  const users = Object.values(platform.state.users).filter((user) => user.subscribed);
  if (toAll) return { openids: users.map((user) => user.openid) };
  const tagId = readTagId(filter.tag_id);
  const exists =
    SYSTEM_TAG_IDS.has(tagId) || Object.values(platform.state.tags ?? {}).some((tag) => tag.id === tagId);
  if (!exists) throw new PlatformError(45159);
  return {
    openids: users.filter((user) => user.tagids?.includes(tagId) === true).map((user) => user.openid),
  };
}

/** `touser`: 2 to 10 000 openids (40130 fewer, 40032 more); repeats count once. */
function sendTargets(body: JsonObject): Targets {
  const touser = body.touser;
  if (touser === undefined) throw new PlatformError(40130);
  if (!Array.isArray(touser)) throw new PlatformError(47001);
  if (touser.length < MIN_TOUSER) throw new PlatformError(40130);
  if (touser.length > MAX_TOUSER) throw new PlatformError(40032);
  const openids = touser.map((openid) => {
    if (typeof openid !== 'string') throw new PlatformError(47001);
    return openid;
  });
  return { openids: [...new Set(openids)] };
}

/**
 * The preview's recipient, a follower: `towxname` wins (the emulator has no WeChat IDs: it is
 * looked up as an openid, then as a nickname; 40132 none; 45009 past 100 a day), else `touser`
 * (40003 unknown). 43004 when the recipient does not follow the account.
 */
function previewRecipient(platform: Platform, body: JsonObject): EmulatorUser {
  const towxname = body.towxname;
  if (towxname === undefined || towxname === '') {
    const touser = body.touser;
    if (typeof touser !== 'string' || touser === '') throw new PlatformError(40003);
    const user = platform.user(touser);
    if (!user.subscribed) throw new PlatformError(43004);
    return user;
  }
  if (typeof towxname !== 'string') throw new PlatformError(47001);
  const users = Object.values(platform.state.users);
  const user =
    users.find((u) => u.openid === towxname) ?? users.find((u) => u.nickname === towxname && u.subscribed);
  if (user === undefined) throw new PlatformError(40132);
  if (!user.subscribed) throw new PlatformError(43004);
  const state = massState(platform);
  const day = quotaDay(platform.clock.nowMs());
  const used = state.wxnamePreviews.day === day ? state.wxnamePreviews.count : 0;
  if (used >= TOWXNAME_PREVIEWS_PER_DAY) throw new PlatformError(45009);
  state.wxnamePreviews = { day, count: used + 1 };
  return user;
}

// ---- routes ------------------------------------------------------------------------------------

function bodyOf(call: ApiCall): JsonObject {
  return call.body ?? {};
}

const control: ControlRoute[] = [
  {
    method: 'GET',
    path: '/emulator/mass/jobs',
    handle: ({ platform }) => Object.values(massState(platform).jobs) as unknown as Json,
  },
];

/**
 * Mass messages (群发): `media/uploadimg`, `media/uploadnews`, `media/uploadvideo` (`{ media_id,
 * title?, description? }` → `{ type: 'video', media_id, created_at }`, the id of an `mpvideo`
 * message), `message/mass/sendall` (to all followers or to a tag), `message/mass/send` (to an
 * openid list, service accounts only), `preview`, `get`, `delete`, `speed/get` and `speed/set`.
 *
 * Errors: 40008 an unknown msgtype; 40007 a missing media_id (mpnews, voice, mpvideo, images),
 * 44004 empty text, 47001 anything else missing or of the wrong type; 45159 an unknown tag_id
 * (0, 1 and 2 are the system tags and always exist); 48001 `send` on a subscription account;
 * 40130 fewer than 2 openids, 40032 more than 10 000; 45067 a clientmsgid over 64 bytes, 45066 a
 * clientmsgid repeated within a minute of its last try, 45065 one used within 24 h (with the
 * existing msg_id); 45028 past the frequency rules (see {@link runJob}); 40003/43004/40132 an
 * unknown or unfollowing preview recipient; 45009 past 100 towxname previews a day; 40059 an
 * unknown msg_id; 40060 a bad article_idx; 45083/45084 a bad or missing speed; 41005/44001/40005/
 * 40009 a missing, empty, non-jpg/png or too large image; 44003/45008 no or more than 8 articles;
 * 45011 a 61st `sendall`/`send` request within 60 s (see {@link countMinuteRequest}); 40007 an
 * uploadvideo without media_id (the emulator keeps no media, so any other id is accepted).
 *
 * Every follower left after filtering receives the message in their inbox as
 * `{ kind: 'mass', message: { msg_id, msgtype, … } }` (previews with `preview: true`). In an
 * openid list, unknown openids count as errors and non-followers are filtered out. After the
 * answer, a `MASSSENDJOBFINISH` event with the counts goes to the webhook, if one is configured.
 *
 * Control route: `GET /emulator/mass/jobs` lists the jobs with their counts and status.
 */
export const massModule: EmulatorModule = {
  api: [
    {
      method: 'POST',
      path: '/cgi-bin/media/uploadimg',
      body: 'none',
      handle({ rawBody }) {
        const data = multipartField(rawBody, 'media');
        if (data === undefined) throw new PlatformError(41005);
        if (data.length === 0) throw new PlatformError(44001);
        const kind = imageKind(data);
        if (kind === undefined) throw new PlatformError(40005);
        if (data.length >= MAX_IMAGE_BYTES) throw new PlatformError(40009);
        return { url: `http://mmbiz.qpic.cn/mmbiz_${kind}/${randomAlnum(54)}/0` };
      },
    },
    {
      method: 'POST',
      path: '/cgi-bin/media/uploadnews',
      handle(call) {
        const { articles } = bodyOf(call);
        if (articles === undefined) throw new PlatformError(44003);
        if (!Array.isArray(articles)) throw new PlatformError(47001);
        if (articles.length === 0) throw new PlatformError(44003);
        if (articles.length > MAX_NEWS_ARTICLES) throw new PlatformError(45008);
        const checked = articles.map(newsArticle);
        const state = massState(call.platform);
        const mediaId = randomBytes(48).toString('base64url');
        const createdAt = call.platform.clock.now();
        state.news[mediaId] = { createdAt, titles: checked.map((a) => String(a.title)) };
        call.platform.changed();
        return { type: 'news', media_id: mediaId, created_at: createdAt };
      },
    },
    {
      method: 'POST',
      path: '/cgi-bin/media/uploadvideo',
      handle(call) {
        const body = bodyOf(call);
        required(body, 'media_id', 40007);
        pick(body, {}, ['title', 'description']);
        // The emulator keeps no media library and mass sends do not look mpvideo ids up, so the
        // converted id is only handed out: any mpvideo send accepts it.
        const mediaId = randomBytes(48).toString('base64url');
        return { type: 'video', media_id: mediaId, created_at: call.platform.clock.now() };
      },
    },
    {
      method: 'POST',
      path: '/cgi-bin/message/mass/sendall',
      handle(call) {
        countMinuteRequest(call);
        const body = bodyOf(call);
        const targets = sendAllTargets(call.platform, body);
        const message = readMessage(body);
        const clientmsgid = readClientMsgId(body);
        const duplicate = duplicateAnswer(call, massState(call.platform), clientmsgid);
        if (duplicate !== undefined) return duplicate;
        return runJob(call, 'sendall', message, targets, clientmsgid);
      },
    },
    {
      method: 'POST',
      path: '/cgi-bin/message/mass/send',
      handle(call) {
        if (call.platform.state.app.accountType !== 'service') throw new PlatformError(48001);
        countMinuteRequest(call);
        const body = bodyOf(call);
        const targets = sendTargets(body);
        const message = readMessage(body);
        const clientmsgid = readClientMsgId(body);
        const duplicate = duplicateAnswer(call, massState(call.platform), clientmsgid);
        if (duplicate !== undefined) return duplicate;
        return runJob(call, 'send', message, targets, clientmsgid);
      },
    },
    {
      method: 'POST',
      path: '/cgi-bin/message/mass/preview',
      handle(call) {
        const { platform } = call;
        const body = bodyOf(call);
        const message = readMessage(body);
        const user = previewRecipient(platform, body);
        const msgId = nextId(massState(platform), 'lastMsgId');
        platform.deliver(user.openid, {
          kind: 'mass',
          message: { msg_id: msgId, ...message.content, preview: true },
        });
        platform.changed();
        return { errcode: 0, errmsg: 'preview success', msg_id: wireId(msgId) };
      },
    },
    {
      method: 'POST',
      path: '/cgi-bin/message/mass/get',
      handle(call) {
        const job = knownJob(massState(call.platform), readMsgId(bodyOf(call).msg_id));
        return { msg_id: wireId(job.msgId), msg_status: job.status };
      },
    },
    {
      method: 'POST',
      path: '/cgi-bin/message/mass/delete',
      handle(call) {
        const body = bodyOf(call);
        const state = massState(call.platform);
        const msgId = readMsgId(body.msg_id);
        let job: MassJob;
        let articleIdx: number;
        const rawIdx = body.article_idx;
        if (rawIdx === undefined || rawIdx === null) articleIdx = 0;
        else if (typeof rawIdx === 'number' && Number.isInteger(rawIdx)) articleIdx = rawIdx;
        else throw new PlatformError(40060);
        if (msgId === undefined && typeof body.url === 'string' && body.url !== '') {
          const url = body.url;
          const found = Object.values(state.jobs).find((j) => j.urls.includes(url));
          if (found === undefined) throw new PlatformError(40059);
          job = found;
          if (articleIdx === 0) articleIdx = found.urls.indexOf(url) + 1;
        } else {
          job = knownJob(state, msgId);
        }
        if (articleIdx < 0 || articleIdx > job.articles || (articleIdx > 0 && job.msgtype !== 'mpnews')) {
          throw new PlatformError(40060);
        }
        if (articleIdx === 0) {
          job.status = 'DELETE';
        } else {
          if (!job.deletedArticles.includes(articleIdx)) job.deletedArticles.push(articleIdx);
          if (job.deletedArticles.length >= job.articles) job.status = 'DELETE';
        }
        call.platform.changed();
        return { errcode: 0, errmsg: 'ok' };
      },
    },
    {
      method: 'POST',
      path: '/cgi-bin/message/mass/speed/get',
      body: 'optional-json',
      handle(call) {
        const { speed } = massState(call.platform);
        return { speed, realspeed: REAL_SPEEDS[speed] ?? REAL_SPEEDS[0] };
      },
    },
    {
      method: 'POST',
      path: '/cgi-bin/message/mass/speed/set',
      handle(call) {
        const { speed } = bodyOf(call);
        if (speed === undefined || speed === null) throw new PlatformError(45084);
        if (
          typeof speed !== 'number' ||
          !Number.isInteger(speed) ||
          speed < 0 ||
          speed >= REAL_SPEEDS.length
        ) {
          throw new PlatformError(45083);
        }
        massState(call.platform).speed = speed;
        call.platform.changed();
        return { errcode: 0, errmsg: 'ok' };
      },
    },
  ],
  control,
};
