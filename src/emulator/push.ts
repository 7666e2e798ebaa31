import { randomInt } from 'node:crypto';
import { MessageCrypto } from '../protocol/crypto.js';
import { WeChatError, WeChatXmlError } from '../protocol/errors.js';
import { parseReply, type Reply } from '../protocol/replies.js';
import { computeSignature } from '../protocol/signature.js';
import { buildXml, parseXml, type XmlInput, type XmlInputObject, type XmlObject } from '../protocol/xml.js';
import type { Json, JsonObject, Platform, PushResult } from './routes.js';
import { ControlError } from './routes.js';
import type { AppConfig, EmulatorUser, MessageMode } from './state.js';

/** Timing of pushes. */
export interface PushOptions {
  /** Timeout of one attempt (ms). */
  readonly timeoutMs: number;
  /** Retries after a timeout, a connection failure or an HTTP 5xx. */
  readonly retries: number;
}

/** What `POST /emulator/verify` reports. */
export interface VerifyResult {
  /** Whether the webhook answered 2xx with exactly the echostr as its body. */
  ok: boolean;
  /** The HTTP status of the answer, when there was one. */
  status?: number;
  /** The echostr that was sent. */
  echostr: string;
  /** The body of the answer, when there was one. */
  body?: string;
  /** Why the handshake failed, in words. */
  reason?: string;
}

/** What the user sees when a push fails, as the WeChat client shows it. */
const SERVICE_UNAVAILABLE = '该公众号暂时无法提供服务，请稍后再试';

/** Fields the emulator writes itself; a caller giving them would fake the envelope. */
const ENVELOPE_FIELDS = ['ToUserName', 'FromUserName', 'CreateTime', 'MsgId', 'Encrypt'] as const;

/** Message types whose news replies the platform cuts to one article (spec §5). */
const SINGLE_ARTICLE_TYPES = new Set(['text', 'image', 'voice', 'video', 'shortvideo', 'location', 'link']);

/** Names buildXml can write as elements without producing a broken document. */
const ELEMENT_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Deepest nesting accepted in a send body; WeChat's own documents nest 3 levels below `<xml>`. */
const MAX_DEPTH = 8;

/** MsgIds are signed 64-bit on the platform; past the top the counter starts over. */
const MAX_MSG_ID = 2n ** 63n - 1n;
const FIRST_MSG_ID = 1_000_000_000_000_000_000n;

/**
 * Pushes a message from `openid` to the webhook, as the platform does: builds the full document
 * (envelope, fields, a fresh 64-bit `MsgId` for ordinary messages), signs and encrypts it per the
 * account's mode, retries a lost attempt with a fresh timestamp, nonce and ciphertext, then checks
 * the answer like the platform and puts a valid reply in the user's inbox.
 *
 * The send body is refused with a 400 {@link ControlError} when `MsgType` is not a non-empty
 * string, an event has no `Event`, a value is not a string, finite number, object or array, or
 * it sets an envelope field (`ToUserName`, `FromUserName`, `CreateTime`, `MsgId`, `Encrypt`).
 * A user who does not follow the account can only send a `subscribe` event (409 otherwise).
 */
export async function pushToWebhook(
  platform: Platform,
  options: PushOptions,
  openid: string,
  fields: JsonObject,
  origin: 'user' | 'system' = 'user',
): Promise<PushResult> {
  // hasOwn: an openid such as `constructor` must not find Object.prototype's members.
  const user = Object.hasOwn(platform.state.users, openid) ? platform.state.users[openid] : undefined;
  // A system event (a job's result) comes from the platform, about a user or from a service
  // sender: it is not the user's interaction, and whatever the webhook answers reaches nobody.
  const system = origin === 'system';
  if (user === undefined && !system) throw new ControlError(404, `no user with openid "${openid}"`);
  // A snapshot: a PATCH /emulator/app during the push must not change how its answer is judged.
  const app = { ...platform.state.app };
  const webhook = app.webhook;
  if (webhook === undefined) throw new ControlError(409, 'no webhook configured');
  const { msgType, event, content } = readFields(fields);
  if (user !== undefined && !system) checkCanSend(user, event);

  const now = platform.clock.now();
  const msgId = msgType === 'event' ? undefined : nextMsgId(platform);
  const document: XmlInputObject = {
    ToUserName: app.originalId,
    FromUserName: openid,
    CreateTime: now,
    MsgType: msgType,
    ...content,
    ...(msgId === undefined ? {} : { MsgId: msgId }),
  };
  if (user !== undefined && !system) {
    updateUser(user, event, now);
    platform.changed();
  }

  const crypto =
    app.mode === 'plain'
      ? undefined
      : new MessageCrypto({ token: app.token, encodingAESKey: app.encodingAESKey, appId: app.appId });
  const started = performance.now();
  let attempts = 0;
  let outcome: Outcome;
  do {
    attempts += 1;
    // Every attempt is sealed anew: the platform's retries carry a new timestamp and nonce.
    const sealed = seal(app, crypto, document, openid, String(platform.clock.now()));
    outcome = await attempt(
      withQuery(webhook, sealed.query),
      { method: 'POST', headers: { 'content-type': 'text/xml' }, body: sealed.body },
      options.timeoutMs,
    );
  } while (isRetried(outcome) && attempts <= options.retries);
  const latencyMs = Math.round(performance.now() - started);

  let verdict = judge(outcome, { app, openid, msgType, crypto });
  if (verdict.status === 'failed' && isRetried(outcome)) {
    verdict = { status: 'failed', reason: `${verdict.reason} after ${plural(attempts, 'attempt')}` };
  }
  platform.count(`push:${verdict.status}`);

  const result: PushResult = {
    attempts,
    status: verdict.status,
    latencyMs,
    pushed: buildXml('xml', document),
  };
  if (verdict.status === 'replied') {
    result.reply = verdict.reply as unknown as Json;
    // The inbox holds what the user sees: a handover to customer service shows nothing, and a
    // user who just unfollowed receives nothing.
    if (!system && verdict.reply.type !== 'transfer_customer_service' && event !== 'unsubscribe') {
      platform.deliver(openid, { kind: 'reply', message: verdict.reply, latencyMs, attempts });
    }
  } else if (verdict.status === 'failed') {
    result.reason = verdict.reason;
    result.shown = SERVICE_UNAVAILABLE;
  }
  if (msgId !== undefined) result.msgId = String(msgId);
  return result;
}

/**
 * Performs the URL-verification handshake the platform does when the server settings are
 * submitted: a GET with `signature`, `timestamp`, `nonce` and a random 19-digit `echostr`, which
 * must come back as the whole body. Not retried; times out like a push attempt.
 */
export async function verifyWebhook(
  platform: Platform,
  options: Pick<PushOptions, 'timeoutMs'> = { timeoutMs: 5000 },
): Promise<VerifyResult> {
  const { webhook, token } = platform.state.app;
  if (webhook === undefined) throw new ControlError(409, 'no webhook configured');
  const echostr = `${randomInt(1, 10)}${String(randomInt(0, 1e9)).padStart(9, '0')}${String(randomInt(0, 1e9)).padStart(9, '0')}`;
  const timestamp = String(platform.clock.now());
  const nonce = newNonce();
  const signature = computeSignature(token, timestamp, nonce);
  const outcome = await attempt(
    withQuery(webhook, { signature, echostr, timestamp, nonce }),
    { method: 'GET' },
    options.timeoutMs,
  );
  let result: VerifyResult;
  if (outcome.kind === 'lost') {
    result = { ok: false, echostr, reason: outcome.reason };
  } else {
    const { status, body } = outcome;
    result = { ok: false, status, echostr, body };
    if (status < 200 || status > 299) result.reason = `webhook answered HTTP ${status}`;
    else if (body !== echostr) result.reason = `the body is not exactly the echostr: got ${quote(body)}`;
    else result.ok = true;
  }
  platform.count(result.ok ? 'verify:ok' : 'verify:failed');
  return result;
}

// ---- the send body -----------------------------------------------------------------------------

interface PushFields {
  readonly msgType: string;
  /** The `Event` of an event push. */
  readonly event: string | undefined;
  /** Every field but `MsgType`, ready for buildXml. */
  readonly content: XmlInputObject;
}

function readFields(fields: JsonObject): PushFields {
  const { MsgType: msgType, Event: event } = fields;
  if (typeof msgType !== 'string' || msgType === '') {
    throw new ControlError(400, '"MsgType" must be a non-empty string, e.g. "text" or "event"');
  }
  if (msgType === 'event' && (typeof event !== 'string' || event === '')) {
    throw new ControlError(400, '"Event" must be a non-empty string when "MsgType" is "event"');
  }
  for (const name of ENVELOPE_FIELDS) {
    if (fields[name] !== undefined)
      throw new ControlError(400, `"${name}" is set by the emulator; leave it out of the body`);
  }
  const { MsgType: _, ...rest } = fields;
  return {
    msgType,
    event: msgType === 'event' && typeof event === 'string' ? event : undefined,
    content: xmlObject(rest, '', 1),
  };
}

function xmlObject(object: JsonObject, prefix: string, depth: number): XmlInputObject {
  if (depth > MAX_DEPTH)
    throw new ControlError(400, `"${prefix.slice(0, -1)}" nests deeper than ${MAX_DEPTH}`);
  const out: Record<string, XmlInput> = {};
  for (const [key, value] of Object.entries(object)) {
    if (!ELEMENT_NAME.test(key))
      throw new ControlError(400, `"${prefix}${key}" cannot be an XML element name`);
    out[key] = xmlValue(value, `${prefix}${key}`, depth, false);
  }
  return out;
}

/** Checks one value and converts it; arrays become repeated elements, so arrays of arrays are refused. */
function xmlValue(value: Json | undefined, path: string, depth: number, inArray: boolean): XmlInput {
  if (value === undefined || typeof value === 'string' || typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (Array.isArray(value) && !inArray) {
    return value.map((item, i) => xmlValue(item, `${path}[${i}]`, depth, true));
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return xmlObject(value, `${path}.`, depth + 1);
  }
  const got = value === null ? 'null' : Array.isArray(value) ? 'an array inside an array' : typeof value;
  throw new ControlError(
    400,
    `"${path}" must be a string, a finite number, an object or an array; got ${got}`,
  );
}

// ---- the user --------------------------------------------------------------------------------

/** Someone who does not follow the account cannot write to it; following is all they can do. */
function checkCanSend(user: EmulatorUser, event: string | undefined): void {
  if (!user.subscribed && event !== 'subscribe') {
    throw new ControlError(
      409,
      `user "${user.openid}" does not follow the account and can only send { "MsgType": "event", "Event": "subscribe" }`,
    );
  }
}

function updateUser(user: EmulatorUser, event: string | undefined, now: number): void {
  // Unfollowing is not an interaction: it closes the customer-service window rather than opening it.
  if (event !== 'unsubscribe') {
    user.lastInteraction = now;
    // A message opens the 48-hour window; an event (follow, menu tap, scan…) the one-minute one.
    user.lastInteractionKind = event === undefined ? 'message' : 'action';
  }
  if (event === 'subscribe') {
    user.subscribed = true;
    user.subscribeTime = now;
  } else if (event === 'unsubscribe') {
    user.subscribed = false;
  }
}

function nextMsgId(platform: Platform): bigint {
  const next = BigInt(platform.state.lastMsgId) + 1n;
  const msgId = next > MAX_MSG_ID ? FIRST_MSG_ID : next;
  platform.state.lastMsgId = String(msgId);
  return msgId;
}

// ---- the wire ----------------------------------------------------------------------------------

interface Sealed {
  readonly query: Record<string, string>;
  readonly body: string;
}

/** Signs the document and shapes the body for the account's mode (spec §2.1, §6.1). */
function seal(
  app: AppConfig,
  crypto: MessageCrypto | undefined,
  document: XmlInputObject,
  openid: string,
  timestamp: string,
): Sealed {
  const nonce = newNonce();
  const query = { signature: computeSignature(app.token, timestamp, nonce), timestamp, nonce, openid };
  if (crypto === undefined) return { query, body: buildXml('xml', document) };
  const { encrypt, msgSignature } = crypto.encrypt(buildXml('xml', document), { timestamp, nonce });
  const envelope = app.mode === 'safe' ? { ToUserName: app.originalId } : document;
  return {
    query: { ...query, encrypt_type: 'aes', msg_signature: msgSignature },
    body: buildXml('xml', { ...envelope, Encrypt: encrypt }),
  };
}

/** How one attempt ended: an HTTP answer, or none (timeout or no connection). */
type Outcome =
  | { readonly kind: 'answer'; readonly status: number; readonly body: string }
  | { readonly kind: 'lost'; readonly reason: string };

/** The platform tries again when it got no answer or a server error, never after a real answer. */
function isRetried(outcome: Outcome): boolean {
  return outcome.kind === 'lost' || outcome.status >= 500;
}

async function attempt(url: string, init: RequestInit, timeoutMs: number): Promise<Outcome> {
  try {
    // The timeout covers reading the body too: a webhook that stalls mid-answer also times out.
    // Redirects are not followed: the platform talks to the configured URL only.
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { kind: 'answer', status: response.status, body: await response.text() };
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') {
      return { kind: 'lost', reason: `no answer within ${timeoutMs} ms` };
    }
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    return {
      kind: 'lost',
      reason: `cannot reach the webhook: ${cause instanceof Error ? cause.message : String(cause)}`,
    };
  }
}

// ---- the answer --------------------------------------------------------------------------------

type Verdict =
  | { readonly status: 'replied'; readonly reply: Reply }
  | { readonly status: 'empty' }
  | { readonly status: 'failed'; readonly reason: string };

interface JudgeContext {
  readonly app: AppConfig;
  readonly openid: string;
  readonly msgType: string;
  readonly crypto: MessageCrypto | undefined;
}

/** Reads the answer that ended the push the way the platform does (spec §2.2, §5, §6.5). */
function judge(outcome: Outcome, context: JudgeContext): Verdict {
  if (outcome.kind === 'lost') return { status: 'failed', reason: outcome.reason };
  if (outcome.status < 200 || outcome.status > 299) {
    return { status: 'failed', reason: `webhook answered HTTP ${outcome.status}` };
  }
  const body = outcome.body.trim();
  // "No reply" is never encrypted, whatever the mode.
  if (body === '' || body === 'success') return { status: 'empty' };
  try {
    const xml = openReply(body, context.app.mode, context.crypto);
    const { reply, to, from } = parseReply(xml);
    if (to !== context.openid) return failed(`reply addressed to ${quote(to)}, not to the user`);
    if (from !== context.app.originalId) {
      return failed(`reply sent from ${quote(from)}, not from the account ${context.app.originalId}`);
    }
    return { status: 'replied', reply: visibleReply(reply, context.msgType) };
  } catch (error) {
    if (error instanceof ReplyRefused) return failed(error.message);
    if (error instanceof WeChatXmlError) return failed(`reply is not well-formed XML: ${error.message}`);
    if (error instanceof WeChatError) return failed(`reply is not a valid passive reply: ${error.message}`);
    throw error;
  }
}

function failed(reason: string): Verdict {
  return { status: 'failed', reason };
}

/** A reply the platform would refuse before reading it as a passive reply. */
class ReplyRefused extends Error {}

/** The plain reply document: the body itself, or what its `<Encrypt>` holds after the checks. */
function openReply(body: string, mode: MessageMode, crypto: MessageCrypto | undefined): string {
  const root = parseXml(body).value;
  const fields: XmlObject = typeof root === 'object' && !Array.isArray(root) ? root : {};
  if (fields.Encrypt === undefined) {
    if (mode === 'safe') {
      throw new ReplyRefused(
        'reply is not encrypted; in safe mode only an encrypted reply (or success) is accepted',
      );
    }
    return body;
  }
  if (crypto === undefined) {
    throw new ReplyRefused('reply is encrypted but the account is in plain mode; answer a plain reply');
  }
  const [encrypt, msgSignature, timestamp, nonce] = ['Encrypt', 'MsgSignature', 'TimeStamp', 'Nonce'].map(
    (name) => {
      const value = fields[name];
      if (typeof value !== 'string' || value === '')
        throw new ReplyRefused(`encrypted reply lacks a text <${name}>`);
      return value;
    },
  ) as [string, string, string, string];
  if (!crypto.verify({ msgSignature, timestamp, nonce, encrypt })) {
    throw new ReplyRefused('msg_signature of the reply does not match');
  }
  try {
    return crypto.decrypt(encrypt).message;
  } catch (error) {
    throw new ReplyRefused(`cannot decrypt the reply: ${(error as Error).message}`);
  }
}

/** The platform silently shows only the first article of a news reply to a user's message. */
function visibleReply(reply: Reply, msgType: string): Reply {
  if (reply.type !== 'news' || !SINGLE_ARTICLE_TYPES.has(msgType)) return reply;
  return { ...reply, articles: reply.articles.slice(0, 1) };
}

// ---- small helpers -----------------------------------------------------------------------------

/** A nonce like the platform's: a decimal number of 9 or 10 digits. */
function newNonce(): string {
  return String(randomInt(100_000_000, 10_000_000_000));
}

/** Adds parameters to the webhook URL, keeping any query it already has. */
function withQuery(url: string, params: Record<string, string>): string {
  const target = new URL(url);
  for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value);
  return target.toString();
}

function quote(text: string): string {
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
