import { randomBytes } from 'node:crypto';
import { isPromiseLike, type MaybePromise, type Store } from '../store/store.js';
import type { AbortSignalLike } from './receive.js';

/** The rendered answer to a push and what to do if no request is left to carry it. */
export interface Outcome {
  /** The passive-reply body (encrypted when the push was). */
  readonly body: string;
  /** Sends the reply another way (the customer-service API) when no request can carry it. */
  readonly fallback: () => Promise<void>;
}

/** Timing and storage of {@link Delivery}. */
export interface DeliveryOptions {
  /** Where runs, replies and delivery claims are shared by the processes of a cluster. */
  readonly store: Store;
  /** How long a request may wait for the handler before answering `success`. */
  readonly deadlineMs: number;
  /** How long a reply is kept for retries to answer with. */
  readonly replyTtlMs: number;
  /** How often a waiting retry on another process looks for the reply. */
  readonly pollMs: number;
  /**
   * How long a reply finished after the platform dropped the first request waits for the
   * platform's retry to carry it, before it goes by the fallback instead.
   */
  readonly retryGraceMs: number;
  /** Reports errors of the background work (handler and fallback). */
  readonly onError: (error: unknown) => void;
}

/** The value of a push's key while its handler runs (a reply body is never this). */
const PENDING = '\u0000pending';

/** Tells this process's waiters from other processes' in the shared store. */
const PROCESS_ID = randomBytes(6).toString('hex');
let waiters = 0;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The 5-second rule. Each push runs its handler once per cluster (the first request to claim it
 * in the store runs it); every request for that push — the first and the platform's retries,
 * on any process — waits for the reply until its own deadline. Whoever finds the reply first
 * claims its delivery and answers with it; a request out of time answers `success`. A reply
 * that no request could carry goes by the fallback, exactly once.
 */
export class Delivery {
  readonly #options: DeliveryOptions;
  /** This process's retries waiting for a reply, by push key. */
  readonly #waiting = new Map<string, Set<() => void>>();

  /** @param options - see {@link DeliveryOptions}. */
  constructor(options: DeliveryOptions) {
    this.#options = options;
  }

  /**
   * Answers one request for the push `key`: the first request runs `run` and answers with its
   * outcome if it comes in time; a later copy (a retry) waits for the reply. Gives the response
   * body, synchronously when the store and `run` both answered synchronously.
   */
  respond(
    key: string,
    signal: AbortSignalLike | undefined,
    run: () => MaybePromise<Outcome | undefined>,
  ): MaybePromise<string> {
    const deadline = Date.now() + this.#options.deadlineMs;
    // One key per push: PENDING while the handler runs, then the reply body for the retries.
    const claimed = this.#options.store.setIfAbsent(key, PENDING, this.#options.replyTtlMs);
    return isPromiseLike(claimed)
      ? Promise.resolve(claimed).then((won) => this.#answer(won, key, deadline, signal, run))
      : this.#answer(claimed, key, deadline, signal, run);
  }

  /** {@link respond} once the store said whether this request claimed the push. */
  #answer(
    claimed: boolean,
    key: string,
    deadline: number,
    signal: AbortSignalLike | undefined,
    run: () => MaybePromise<Outcome | undefined>,
  ): MaybePromise<string> {
    if (!claimed) return this.#wait(key, deadline, signal);
    if (signal?.aborted) {
      void this.#finishLate(key, this.#guard(new Promise((resolve) => resolve(run()))), 'aborted');
      return 'success';
    }
    let outcome: MaybePromise<Outcome | undefined>;
    try {
      outcome = run();
    } catch (error) {
      this.#options.onError(error);
      outcome = undefined;
    }
    if (isPromiseLike(outcome)) return this.#race(key, deadline, signal, this.#guard(outcome));
    // Finished already: no deadline left to watch.
    const body = outcome?.body ?? 'success';
    this.#keep(key, body);
    return body;
  }

  /**
   * Answers with the outcome of a handler still running if it comes before the deadline, else
   * `success` (and the reply goes late, see {@link #finishLate}).
   */
  #race(
    key: string,
    deadline: number,
    signal: AbortSignalLike | undefined,
    running: Promise<Outcome | undefined>,
  ): Promise<string> {
    // One promise settled by whichever comes first, the handler, the deadline or the client
    // hanging up: this runs for every push with a slow handler, so it allocates as little as it can.
    return new Promise<string>((answer) => {
      let answered = false;
      const settle = (body: string): boolean => {
        if (answered) return false;
        answered = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        answer(body);
        return true;
      };
      const giveUp = (how: 'deadline' | 'aborted') => {
        if (settle('success')) void this.#finishLate(key, running, how);
      };
      const onAbort = () => giveUp('aborted');
      const timer = setTimeout(giveUp, Math.max(0, deadline - Date.now()), 'deadline');
      signal?.addEventListener('abort', onAbort, { once: true });
      running.then((outcome) => {
        const body = outcome?.body ?? 'success';
        // Kept for a retry, should this answer be lost on the way. No delivery claim: a retry
        // only exists if the platform gave up on this request, so at most one answer reaches it.
        if (settle(body)) this.#keep(key, body);
      });
    });
  }

  /** `outcome`, with a failure reported and turned into no reply. */
  #guard(outcome: PromiseLike<Outcome | undefined>): Promise<Outcome | undefined> {
    return Promise.resolve(outcome).catch((error: unknown) => {
      this.#options.onError(error);
      return undefined;
    });
  }

  /** Stores the reply of `key` for retries and wakes any waiting here. Not awaited: no answer depends on it. */
  #keep(key: string, body: string): void {
    let stored: MaybePromise<void>;
    try {
      stored = this.#options.store.set(key, body, this.#options.replyTtlMs);
    } catch (error) {
      this.#options.onError(error);
      return;
    }
    if (isPromiseLike(stored)) Promise.resolve(stored).then(() => this.#notify(key), this.#options.onError);
    else this.#notify(key);
  }

  /**
   * The handler outlived the first request. Its reply goes to a retry waiting for it, if one
   * comes (when the platform dropped the first request its retry is due, so it gets a grace
   * period), else by the fallback, exactly once.
   */
  async #finishLate(
    key: string,
    running: Promise<Outcome | undefined>,
    how: 'deadline' | 'aborted',
  ): Promise<void> {
    const { store, replyTtlMs } = this.#options;
    try {
      const outcome = await running;
      await store.set(key, outcome?.body ?? 'success', replyTtlMs);
      this.#notify(key);
      if (outcome === undefined) return;
      const graceEnd = Date.now() + (how === 'aborted' ? this.#options.retryGraceMs : 0);
      for (;;) {
        if ((await store.get(`${key}:delivered`)) !== undefined) return;
        const waiting = (await store.get(`${key}:waiter`)) !== undefined;
        if (!waiting && Date.now() >= graceEnd) break;
        await sleep(this.#options.pollMs);
      }
      if (await store.setIfAbsent(`${key}:delivered`, 'fallback', replyTtlMs)) await outcome.fallback();
    } catch (error) {
      this.#options.onError(error);
    }
  }

  /** Wakes this process's waiters for `key`, if any (usually none: no retry is waiting). */
  #notify(key: string): void {
    if (this.#waiting.size === 0) return;
    for (const wake of this.#waiting.get(key) ?? []) wake();
  }

  /** Waits for the reply of `key` until `deadline`, claiming its delivery if it comes in time. */
  async #wait(key: string, deadline: number, signal: AbortSignalLike | undefined): Promise<string> {
    const { store, replyTtlMs } = this.#options;
    const waiter = `${PROCESS_ID}:${++waiters}`;
    await store.set(`${key}:waiter`, waiter, this.#options.deadlineMs + 1000);
    try {
      for (;;) {
        // Listen before looking, so a reply stored between the two is not missed.
        const chance = this.#nextChance(
          key,
          Math.max(0, Math.min(deadline - Date.now(), this.#options.pollMs)),
          signal,
        );
        const stored = await store.get(key);
        const body = stored === PENDING ? undefined : stored;
        if (body !== undefined || signal?.aborted || Date.now() >= deadline) chance.cancel();
        if (body !== undefined) {
          // A request whose client is gone must not claim the reply: nobody would receive it.
          if (body === 'success' || signal?.aborted) return 'success';
          const won = await store.setIfAbsent(`${key}:delivered`, 'passive', replyTtlMs);
          return won ? body : 'success';
        }
        if (signal?.aborted || Date.now() >= deadline) return 'success';
        await chance.promise;
      }
    } finally {
      await store.compareAndDelete(`${key}:waiter`, waiter);
    }
  }

  /** A promise resolved when the reply of `key` is ready in this process, the request aborts, or `ms` pass. */
  #nextChance(
    key: string,
    ms: number,
    signal: AbortSignalLike | undefined,
  ): { promise: Promise<void>; cancel: () => void } {
    const ofKey = this.#waiting.get(key) ?? new Set<() => void>();
    this.#waiting.set(key, ofKey);
    let done!: () => void;
    const promise = new Promise<void>((resolve) => {
      done = () => {
        clearTimeout(timer);
        ofKey.delete(done);
        if (ofKey.size === 0 && this.#waiting.get(key) === ofKey) this.#waiting.delete(key);
        signal?.removeEventListener('abort', done);
        resolve();
      };
    });
    const timer = setTimeout(done, ms);
    ofKey.add(done);
    signal?.addEventListener('abort', done, { once: true });
    return { promise, cancel: done };
  }
}
