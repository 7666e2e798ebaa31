import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Store } from '../store/store.js';

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
  /** How long a push counts as seen (a later copy neither runs the handler nor gets a reply). */
  readonly seenTtlMs: number;
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

type FirstRequestEnd = 'delivered' | 'deadline' | 'aborted';

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
  readonly #ready = new EventEmitter().setMaxListeners(0);

  /** @param options - see {@link DeliveryOptions}. */
  constructor(options: DeliveryOptions) {
    this.#options = options;
  }

  /**
   * Answers one request for the push `key`: runs `run` if no request ran it before, then waits
   * for the reply. Resolves to the response body.
   */
  async respond(
    key: string,
    signal: AbortSignal | undefined,
    run: () => Promise<Outcome | undefined>,
  ): Promise<string> {
    const deadline = Date.now() + this.#options.deadlineMs;
    const { store } = this.#options;
    if (!(await store.setIfAbsent(`${key}:run`, '1', this.#options.seenTtlMs))) {
      return (await this.#wait(key, deadline, signal)).body;
    }
    let firstEnded!: (how: FirstRequestEnd) => void;
    const firstEnd = new Promise<FirstRequestEnd>((resolve) => {
      firstEnded = resolve;
    });
    void this.#run(key, run, firstEnd);
    const answer = await this.#wait(key, deadline, signal);
    firstEnded(answer.how);
    return answer.body;
  }

  async #run(
    key: string,
    run: () => Promise<Outcome | undefined>,
    firstEnd: Promise<FirstRequestEnd>,
  ): Promise<void> {
    const { store, replyTtlMs } = this.#options;
    let outcome: Outcome | undefined;
    try {
      outcome = await run();
    } catch (error) {
      this.#options.onError(error);
    }
    try {
      await store.set(`${key}:reply`, outcome?.body ?? 'success', replyTtlMs);
      this.#ready.emit(key);
      if (outcome === undefined) return;
      const how = await firstEnd;
      if (how === 'delivered') return;
      // The first request is gone. If the platform dropped it, its retry is due: give it the
      // chance to carry the reply passively before falling back.
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

  /** Waits for the reply of `key` until `deadline`, claiming its delivery if it comes in time. */
  async #wait(
    key: string,
    deadline: number,
    signal: AbortSignal | undefined,
  ): Promise<{ body: string; how: FirstRequestEnd }> {
    const { store, replyTtlMs } = this.#options;
    const waiter = randomBytes(6).toString('hex');
    await store.set(`${key}:waiter`, waiter, this.#options.deadlineMs + 1000);
    try {
      for (;;) {
        // Listen before looking, so a reply stored between the two is not missed.
        const chance = this.#nextChance(
          key,
          Math.max(0, Math.min(deadline - Date.now(), this.#options.pollMs)),
          signal,
        );
        const body = await store.get(`${key}:reply`);
        if (body !== undefined || signal?.aborted || Date.now() >= deadline) chance.cancel();
        if (body !== undefined) {
          if (body === 'success') return { body, how: 'delivered' };
          if (signal?.aborted) return { body: 'success', how: 'aborted' };
          const won = await store.setIfAbsent(`${key}:delivered`, 'passive', replyTtlMs);
          return { body: won ? body : 'success', how: 'delivered' };
        }
        if (signal?.aborted) return { body: 'success', how: 'aborted' };
        if (Date.now() >= deadline) return { body: 'success', how: 'deadline' };
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
    signal: AbortSignal | undefined,
  ): { promise: Promise<void>; cancel: () => void } {
    let done!: () => void;
    const promise = new Promise<void>((resolve) => {
      done = () => {
        clearTimeout(timer);
        this.#ready.off(key, done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
    });
    const timer = setTimeout(done, ms);
    this.#ready.on(key, done);
    signal?.addEventListener('abort', done, { once: true });
    return { promise, cancel: done };
  }
}
