import type { WeChatClient } from '../client/client.js';
import type {
  EventName,
  EventOf,
  InboundMessage,
  MessageOf,
  MessageType,
  UnknownEvent,
} from '../protocol/messages.js';
import type { Reply } from '../protocol/replies.js';
import type { RawRequest } from './receive.js';

/**
 * What a handler gives back: a string (a text reply), a typed {@link Reply}, or nothing (the
 * push is answered `success` and the user sees nothing).
 */
// biome-ignore lint/suspicious/noConfusingVoidType: a handler written `(ctx) => { … }` returns void, and must be accepted.
export type HandlerResult = string | Reply | undefined | void;

/** What a handler and a middleware see of one push. */
export interface WebhookContext<M extends InboundMessage = InboundMessage> {
  /** The parsed message, narrowed by the route that matched. */
  readonly message: M;
  /** The sender's OpenID (`message.FromUserName`). */
  readonly openid: string;
  /** The API client, when the webhook was given one. */
  readonly client: WeChatClient | undefined;
  /** The HTTP request as received (already verified): method, URL and abort signal. */
  readonly request: RawRequest;
  /** Per-push state for middleware to share with handlers. */
  readonly state: Record<string, unknown>;
}

/** Answers a push. */
export type Handler<M extends InboundMessage = InboundMessage> = (
  ctx: WebhookContext<M>,
) => HandlerResult | Promise<HandlerResult>;

/**
 * Runs around the handlers, Koa-style: call `next()` to go on (its result is the reply so far)
 * and return a result to replace it; not calling `next()` answers without the handlers.
 */
export type Middleware = (
  ctx: WebhookContext,
  next: () => Promise<HandlerResult>,
) => HandlerResult | Promise<HandlerResult>;

/**
 * A route filter: a `MsgType` (`'text'`, `'image'`, …, `'event'`) or `'event:<Event>'`
 * (`'event:subscribe'`, `'event:CLICK'`). Names this version does not model are accepted too.
 */
export type Filter = MessageType | `event:${EventName}` | (string & {});

/** The message type a filter narrows to. */
export type MessageForFilter<F extends string> = F extends `event:${infer E}`
  ? E extends EventName
    ? EventOf<E>
    : UnknownEvent
  : F extends MessageType
    ? MessageOf<F>
    : InboundMessage;
