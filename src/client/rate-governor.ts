import type { Store } from '../store/store.js';
import { type RequestSummary, WeChatRateLimitError } from './errors.js';

/** A budget for one API path, shared by every process using the store. */
export interface RateLimit {
  /** Calls allowed per quota day (days start at midnight China time, as the platform's). */
  readonly perDay?: number;
  /** Calls allowed per second. */
  readonly perSecond?: number;
}

const CHINA_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/**
 * Keeps a cluster under the budgets it is given: each call increments shared counters (one per
 * day, one per second) and a call past a budget is refused locally with a
 * {@link WeChatRateLimitError} (`local: true`), before the platform would refuse it and count it.
 */
export class RateGovernor {
  readonly #store: Store;
  readonly #prefix: string;
  readonly #limits: Readonly<Record<string, RateLimit>>;
  readonly #now: () => number;

  /** @param prefix - store key prefix (namespaced by appId). */
  constructor(
    store: Store,
    prefix: string,
    limits: Readonly<Record<string, RateLimit>>,
    now: () => number = Date.now,
  ) {
    this.#store = store;
    this.#prefix = prefix;
    this.#limits = limits;
    this.#now = now;
  }

  /** Counts a call of `path`, or throws when it is over budget. */
  async admit(path: string, request: RequestSummary): Promise<void> {
    const limit = this.#limits[path];
    if (limit === undefined) return;
    const now = this.#now();
    if (limit.perSecond !== undefined) {
      const second = Math.floor(now / 1000);
      const count = await this.#store.increment(`${this.#prefix}:${path}:s${second}`, 2000);
      if (count > limit.perSecond) {
        throw new WeChatRateLimitError(
          45011,
          `local limit of ${limit.perSecond} calls per second reached`,
          request,
          true,
        );
      }
    }
    if (limit.perDay !== undefined) {
      const day = Math.floor((now + CHINA_OFFSET_MS) / DAY_MS);
      const count = await this.#store.increment(`${this.#prefix}:${path}:d${day}`, DAY_MS + 3600_000);
      if (count > limit.perDay) {
        throw new WeChatRateLimitError(
          45009,
          `local limit of ${limit.perDay} calls per day reached`,
          request,
          true,
        );
      }
    }
  }
}
