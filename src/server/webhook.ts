import type { WeChatClient } from '../client/client.js';
import { MessageCrypto } from '../protocol/crypto.js';
import type { InboundMessage } from '../protocol/messages.js';
import { type Reply, renderReply } from '../protocol/replies.js';
import { MemoryStore } from '../store/memory.js';
import { isPromiseLike, type MaybePromise, type Store } from '../store/store.js';
import type { HandlerResult, WebhookContext } from './context.js';
import { Delivery, type Outcome } from './delivery.js';
import { customMessageFor } from './fallback.js';
import { type RawRequest, type Received, readWebBody, receive, WebhookRejection } from './receive.js';
import { Router } from './router.js';

/** Where the webhook reports what it refused and what went wrong. */
export interface WebhookLogger {
  /** Refused requests (with the reason) and replies that could not be delivered. */
  warn(message: string): void;
  /** Errors thrown by handlers or by the fallback. */
  error(message: string, error?: unknown): void;
}

/** Options of {@link createWebhook}. */
export interface WebhookOptions {
  /** The Token of the server settings. */
  readonly token: string;
  /** The AppID: checked inside every ciphertext, and the namespace of stored keys. */
  readonly appId?: string;
  /** The EncodingAESKey, for compatible and safe mode. */
  readonly encodingAESKey?: string;
  /**
   * The API client: used for the deadline fallback (a reply too late for the passive answer is
   * sent as a customer-service message) and handed to handlers as `ctx.client`.
   */
  readonly client?: WeChatClient;
  /** Where dedupe records, replies and the 48-hour window live. Default: the client's store, else a MemoryStore. */
  readonly store?: Store;
  /** How long a push waits for its handler before answering `success`. Default 4500 ms (WeChat waits 5 s). */
  readonly deadlineMs?: number;
  /** Refuse plain pushes (403): for accounts in safe mode. Default false. */
  readonly encryptedOnly?: boolean;
  /** Refuse pushes whose timestamp is further than this from now (401). Default: no check. */
  readonly maxTimestampSkewSeconds?: number;
  /** Largest accepted body. Default 64 KiB (WeChat's pushes are a few KiB). */
  readonly maxBodyBytes?: number;
  /**
   * The dedupe key of a push. Default: `MsgId` for messages; `FromUserName`, `CreateTime`,
   * `Event` and `EventKey` for events.
   */
  readonly dedupeKey?: (message: InboundMessage) => string;
  /**
   * How long a push is remembered, with its reply, to answer the platform's retries (which all
   * come within about 20 s). Default 30 s.
   */
  readonly replyTtlMs?: number;
  /** How long a reply finished after the platform dropped the first request waits for its retry. Default 1500 ms. */
  readonly retryGraceMs?: number;
  /** Called with every error thrown by a handler (the user gets no error page: the push is answered `success`). */
  readonly onError?: (error: unknown, ctx: WebhookContext) => void;
  /** Default: `console`. */
  readonly logger?: WebhookLogger;
}

/** Counters of what the webhook did, for monitoring. */
export interface WebhookStats {
  /** Authentic pushes received. */
  received: number;
  /** Pushes answered with a passive reply. */
  replied: number;
  /** Replies sent by the customer-service fallback after the deadline. */
  fallback: number;
  /** Replies lost: too late, and no client to send them another way. */
  lost: number;
  /** Refused requests by reason (`bad-signature`, `too-large`, …). */
  rejected: Record<string, number>;
}

/** The answer to a {@link RawRequest}. */
export interface RawResponse {
  /** HTTP status. */
  readonly status: number;
  /** Content-Type of the body. */
  readonly contentType: string;
  /** The body. */
  readonly body: string;
}

/** A webhook: routes (see {@link Router}) plus the Fetch-shaped `handle`. */
export interface WebhookApp extends Router {
  /** Answers one request from WeChat, as the Fetch API shapes it (Hono, Next.js, Bun, Deno…). */
  handle(request: Request): Promise<Response>;
  /** Answers one request in the adapters' lighter shape; `handle` and every adapter go through it. */
  process(request: RawRequest): Promise<RawResponse>;
  /** What the webhook did so far. */
  readonly stats: WebhookStats;
}

const DAY_S = 24 * 3600;
/** Events that are not a user's interaction, so they do not open the 48-hour window. */
const NOT_INTERACTIONS = new Set([
  'unsubscribe',
  'MASSSENDJOBFINISH',
  'TEMPLATESENDJOBFINISH',
  'PUBLISHJOBFINISH',
  'subscribe_msg_sent_event',
  'subscribe_msg_change_event',
  'kf_create_session',
  'kf_close_session',
  'kf_switch_session',
  'qualification_verify_success',
  'qualification_verify_fail',
  'naming_verify_success',
  'naming_verify_fail',
  'annual_renew',
  'verify_expired',
  'user_info_modified',
  'user_authorization_revoke',
  'user_authorization_cancellation',
]);

/** The default dedupe key: `MsgId` for messages, sender + time + event (+ key) for events. */
export function defaultDedupeKey(message: InboundMessage): string {
  if (message.MsgType !== 'event') {
    const msgId = (message as { MsgId?: unknown }).MsgId;
    if (typeof msgId === 'string' && msgId !== '') return `m:${msgId}`;
  }
  const event = message.MsgType === 'event' ? String(message.Event) : String(message.MsgType);
  const eventKey = (message as { EventKey?: unknown }).EventKey;
  return `e:${message.FromUserName}:${message.CreateTime}:${event}${typeof eventKey === 'string' ? `:${eventKey}` : ''}`;
}

/**
 * Creates the endpoint WeChat pushes every message and event to. Requests are verified,
 * decrypted and parsed before any handler runs; bad ones get a precise status. Handlers reply by
 * returning a string, a typed reply or nothing. Every push runs against a deadline: a handler
 * that is too slow gets `success` answered for it, and its reply goes as a customer-service
 * message when it is ready — unless a retry from the platform is there to carry it. The handler
 * runs once per push across the whole cluster.
 *
 * @example
 * ```ts
 * const app = createWebhook({ token, appId, encodingAESKey, client });
 * app.on('text', (ctx) => `你说：${ctx.message.Content}`);
 * app.on('event:subscribe', () => '欢迎关注');
 * createServer(toNodeHandler(app)).listen(3000);
 * ```
 */
export function createWebhook(options: WebhookOptions): WebhookApp {
  if (!options.token) throw new TypeError('createWebhook: token is required');
  const appId = options.appId ?? options.client?.appId;
  const crypto =
    options.encodingAESKey === undefined
      ? undefined
      : new MessageCrypto({
          token: options.token,
          encodingAESKey: options.encodingAESKey,
          appId: appId ?? '',
        });
  if (crypto !== undefined && appId === undefined) {
    throw new TypeError(
      'createWebhook: appId is required with encodingAESKey (it is checked inside every ciphertext)',
    );
  }
  const store = options.store ?? options.client?.store ?? new MemoryStore();
  const logger = options.logger ?? console;
  const stats: WebhookStats = { received: 0, replied: 0, fallback: 0, lost: 0, rejected: {} };
  const dedupeKey = options.dedupeKey ?? defaultDedupeKey;
  const receiveOptions = {
    token: options.token,
    crypto,
    encryptedOnly: options.encryptedOnly ?? false,
    maxTimestampSkewSeconds: options.maxTimestampSkewSeconds,
    maxBodyBytes: options.maxBodyBytes ?? 64 * 1024,
    now: () => Math.floor(Date.now() / 1000),
  };
  const delivery = new Delivery({
    store,
    deadlineMs: options.deadlineMs ?? 4500,
    replyTtlMs: options.replyTtlMs ?? 30_000,
    pollMs: 50,
    retryGraceMs: options.retryGraceMs ?? 1500,
    onError: (error) => logger.error('wechat-mp webhook: background work failed', error),
  });
  const router = new Router();
  const namespace = (message: InboundMessage) => appId ?? message.ToUserName;

  async function answer(request: RawRequest): Promise<RawResponse> {
    let received: Received;
    try {
      received = await receive(request, receiveOptions);
    } catch (error) {
      if (!(error instanceof WebhookRejection)) throw error;
      stats.rejected[error.reason] = (stats.rejected[error.reason] ?? 0) + 1;
      logger.warn(
        `wechat-mp webhook: refused ${request.method} (${error.status} ${error.reason}): ${error.message}`,
      );
      return { status: error.status, contentType: 'text/plain', body: error.reason };
    }
    if (received.kind === 'verify') return { status: 200, contentType: 'text/plain', body: received.echostr };
    stats.received += 1;
    const { message } = received;
    const ns = namespace(message);
    const ctx: WebhookContext = {
      message,
      openid: message.FromUserName,
      client: options.client,
      request,
      state: {},
    };
    if (isInteraction(message)) recordInteraction(ns, message.FromUserName, message.CreateTime);
    const replied = delivery.respond(ownedKey(ns, ':push:', dedupeKey(message)), request.signal, () =>
      run(ctx, received),
    );
    const body = typeof replied === 'string' ? replied : await replied;
    if (body === 'success') return { status: 200, contentType: 'text/plain', body };
    stats.replied += 1;
    return { status: 200, contentType: 'application/xml; charset=utf-8', body };
  }

  /**
   * The 48-hour customer-service window starts at the user's last interaction. A user chatting
   * sends many messages a minute: the store is written at most once a minute per user, which
   * moves the window's end by less than a minute.
   */
  const lastRecorded = new Map<string, number>();
  function recordInteraction(ns: string, openid: string, createTime: number): void {
    // Looked up by openid alone (an openid belongs to one account): no key is built per push.
    const previous = lastRecorded.get(openid);
    if (previous !== undefined && createTime - previous < 60) return;
    if (lastRecorded.size >= 10_000) lastRecorded.clear();
    const key = ownedKey(ns, ':interaction:', openid);
    // Kept under a copy cut from the key, not the push's own openid (see ownedKey).
    lastRecorded.set(key.slice(key.length - openid.length), createTime);
    // Not awaited (no answer depends on it); a store may fail synchronously or not.
    void Promise.resolve()
      .then(() => store.set(key, String(createTime), 2 * DAY_S * 1000))
      .catch((error: unknown) =>
        logger.error('wechat-mp webhook: could not record the interaction time', error),
      );
  }

  async function handle(request: Request): Promise<Response> {
    const raw = await answer({
      method: request.method,
      url: request.url,
      readBody: (limit) => readWebBody(request, limit),
      signal: request.signal,
    });
    return new Response(raw.body, { status: raw.status, headers: { 'content-type': raw.contentType } });
  }

  const reportError =
    options.onError ?? ((error: unknown) => logger.error('wechat-mp webhook: a handler failed', error));

  /**
   * Runs the handlers of one push and renders their reply. A handler that answers
   * synchronously (most answer from memory) is answered synchronously: no promise, and no
   * deadline timer to start and clear.
   */
  function run(
    ctx: WebhookContext,
    received: Received & { kind: 'push' },
  ): MaybePromise<Outcome | undefined> {
    let result: HandlerResult | Promise<HandlerResult>;
    try {
      result = router.route(ctx);
    } catch (error) {
      reportError(error, ctx);
      return undefined;
    }
    if (!isPromiseLike(result)) return outcomeOf(ctx, received, result);
    return Promise.resolve(result).then(
      (value) => outcomeOf(ctx, received, value),
      (error: unknown) => {
        reportError(error, ctx);
        return undefined;
      },
    );
  }

  /** The rendered (and, when the push was, encrypted) reply of a handler's result. */
  function outcomeOf(
    ctx: WebhookContext,
    received: Received & { kind: 'push' },
    result: HandlerResult,
  ): Outcome | undefined {
    if (result === undefined || result === '') return undefined;
    const reply: Reply = typeof result === 'string' ? { type: 'text', content: result } : result;
    let xml: string;
    try {
      // An invalid reply (empty news, missing media id) is the handler's error too.
      xml = renderReply(reply, { to: ctx.openid, from: ctx.message.ToUserName });
    } catch (error) {
      reportError(error, ctx);
      return undefined;
    }
    const body =
      received.encrypted && crypto !== undefined ? crypto.encryptReply(xml, { nonce: received.nonce }) : xml;
    return { body, fallback: () => sendLate(ctx.openid, reply) };
  }

  async function sendLate(openid: string, reply: Reply): Promise<void> {
    const message = customMessageFor(openid, reply);
    if (options.client === undefined || message === undefined) {
      stats.lost += 1;
      logger.warn(
        `wechat-mp webhook: a ${reply.type} reply to ${openid} missed the deadline and was lost` +
          (options.client === undefined
            ? ': pass a client to send late replies as customer-service messages'
            : ''),
      );
      return;
    }
    await options.client.request('POST', '/cgi-bin/message/custom/send', { json: message });
    stats.fallback += 1;
  }

  return Object.assign(router, { handle, process: answer, stats });
}

/**
 * Joins `parts` into a string that owns its characters, for keys kept in memory. V8 shares the
 * characters of a long substring with the string it was cut from, so a key holding a slice of a
 * push (its MsgId, its openid) would keep the push's whole XML alive for as long as the key.
 */
function ownedKey(...parts: string[]): string {
  return parts.join('');
}

function isInteraction(message: InboundMessage): boolean {
  return message.MsgType !== 'event' || !NOT_INTERACTIONS.has(String(message.Event));
}
