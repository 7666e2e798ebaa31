import type { InboundEvent, InboundMessage, TextMessage } from '../protocol/messages.js';
import type {
  Filter,
  Handler,
  HandlerResult,
  MessageForFilter,
  Middleware,
  WebhookContext,
} from './context.js';

interface Route {
  readonly matches: (message: InboundMessage) => boolean;
  readonly handler: Handler;
}

function filterMatcher(filter: string): (message: InboundMessage) => boolean {
  if (filter.startsWith('event:')) {
    const event = filter.slice(6);
    return (m) => m.MsgType === 'event' && String(m.Event) === event;
  }
  return (m) => String(m.MsgType) === filter;
}

/**
 * Middleware and routes. Middleware runs first, in order; then the first route that matches
 * the message answers it, or the `otherwise` handler, or nobody (`success`).
 */
export class Router {
  readonly #middleware: Middleware[] = [];
  readonly #routes: Route[] = [];
  #fallback: Handler | undefined;

  /** Adds middleware that runs around every push. */
  use(middleware: Middleware): this {
    this.#middleware.push(middleware);
    return this;
  }

  /**
   * Answers messages matching `filter`: a `MsgType` or `'event:<Event>'`. The handler's
   * `ctx.message` is narrowed to that type.
   *
   * @example
   * ```ts
   * app.on('event:subscribe', (ctx) => `欢迎 ${ctx.message.EventKey ?? ''}`);
   * ```
   */
  on<F extends Filter>(filter: F, handler: Handler<MessageForFilter<F>>): this {
    return this.#add(filterMatcher(filter), handler);
  }

  /** Answers text messages equal to `pattern` (after trimming) or matching it. */
  hears(pattern: string | RegExp, handler: Handler<TextMessage>): this {
    const test =
      typeof pattern === 'string'
        ? (text: string) => text.trim() === pattern
        : (text: string) => pattern.test(text);
    return this.#add((m) => m.MsgType === 'text' && test(m.Content), handler);
  }

  /** Answers events whose `EventKey` is `key` (menu clicks, QR scans…). */
  key(key: string | RegExp, handler: Handler<InboundEvent>): this {
    const test =
      typeof key === 'string' ? (value: string) => value === key : (value: string) => key.test(value);
    return this.#add((m) => {
      if (m.MsgType !== 'event') return false;
      const value = (m as { EventKey?: unknown }).EventKey;
      return typeof value === 'string' && test(value);
    }, handler);
  }

  /** Answers whatever no route matched. */
  otherwise(handler: Handler): this {
    this.#fallback = handler;
    return this;
  }

  /** Runs the middleware and the matching route for one push. */
  dispatch(ctx: WebhookContext): Promise<HandlerResult> {
    try {
      return Promise.resolve(this.route(ctx));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * {@link dispatch} without the promise when none is needed: with no middleware, the matching
   * handler's own result, as it returned it (a value, a promise, or a throw). The webhook answers
   * a handler that replies synchronously without waiting a turn of the event loop for it.
   */
  route(ctx: WebhookContext): HandlerResult | Promise<HandlerResult> {
    const route = this.#routes.find((candidate) => candidate.matches(ctx.message));
    const handler = route?.handler ?? this.#fallback;
    const middleware = this.#middleware;
    if (middleware.length === 0) return handler?.(ctx);
    const run = async (index: number): Promise<HandlerResult> => {
      const current = middleware[index];
      if (current === undefined) return handler?.(ctx);
      let called = false;
      return current(ctx, () => {
        if (called) return Promise.reject(new Error('next() called more than once in one middleware'));
        called = true;
        return run(index + 1);
      });
    };
    return run(0);
  }

  #add<M extends InboundMessage>(matches: (message: InboundMessage) => boolean, handler: Handler<M>): this {
    // The matcher guarantees the narrowed type, which TypeScript cannot follow through the list.
    this.#routes.push({ matches, handler: handler as unknown as Handler });
    return this;
  }
}
