import { randomBytes } from 'node:crypto';
import type { Store } from '../store/store.js';
import { WeChatTokenUnavailableError } from './errors.js';

/** A credential as the platform issues it. */
export interface IssuedValue {
  /** The token or ticket. */
  readonly value: string;
  /** Seconds it stays valid, as the platform said. */
  readonly expiresIn: number;
}

/** Why a refresh happens: nothing cached, about to expire, or the platform refused the current one. */
export type RefreshReason = 'missing' | 'expiring' | 'invalid';

/** Options of {@link CredentialManager}. */
export interface CredentialManagerOptions {
  /** What it manages, for messages and hooks: `access_token`, `jsapi_ticket`, `wx_card_ticket`. */
  readonly name: string;
  /** The shared store. */
  readonly store: Store;
  /** Store key of the value (already namespaced by appId). */
  readonly key: string;
  /** Fetches a new value from the platform. */
  readonly fetch: (reason: RefreshReason) => Promise<IssuedValue>;
  /** Treat a value as expired this long before it really expires. Default 60 s. */
  readonly safetyMarginMs?: number;
  /** Refresh in the background once less than this is left. Default 5 minutes. */
  readonly refreshAheadMs?: number;
  /** How long a refresher's lease lasts (a dead holder's lease frees itself after this). Default 15 s. */
  readonly leaseMs?: number;
  /** How long to wait for another process's refresh before giving up. Default 20 s. */
  readonly waitMs?: number;
  /** How long this process trusts its own copy before re-reading the store. Default 30 s. */
  readonly localTtlMs?: number;
  /** Never fetch: read the store only, and fail clearly if the value is missing. */
  readonly consumerOnly?: boolean;
  /** Current time in ms. */
  readonly now?: () => number;
  /** Called after this process fetched a new value. */
  readonly onRefresh?: (event: { name: string; reason: RefreshReason; expiresIn: number }) => void;
}

interface Cached {
  readonly value: string;
  readonly expiresAt: number;
  /** The exact stored string, for compare-and-delete. */
  readonly raw: string;
  readonly readAt: number;
}

/**
 * One credential (access_token or a ticket) for a whole cluster. Inside a process, concurrent
 * callers share one lookup (single-flight). Across processes, the value lives in the store; when
 * it must be refreshed, one process takes a lease (`setIfAbsent`) and fetches, the others poll
 * the store — never the platform — until the new value appears, the lease frees (then one of
 * them takes it), or `waitMs` passes. A holder that dies leaves a lease that expires by itself.
 */
export class CredentialManager {
  readonly #options: CredentialManagerOptions;
  readonly #owner = randomBytes(8).toString('hex');
  readonly #now: () => number;
  readonly #margin: number;
  #cached: Cached | undefined;
  #inflight: Promise<string> | undefined;
  #background: Promise<void> | undefined;

  /** @param options - see {@link CredentialManagerOptions}. */
  constructor(options: CredentialManagerOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#margin = options.safetyMarginMs ?? 60_000;
  }

  /** The current value, fetching it (once for the whole cluster) when needed. */
  get(): Promise<string> {
    const cached = this.#cached;
    const now = this.#now();
    if (
      cached !== undefined &&
      this.#usable(cached, now) &&
      now - cached.readAt < (this.#options.localTtlMs ?? 30_000)
    ) {
      if (cached.expiresAt - now <= (this.#options.refreshAheadMs ?? 300_000)) this.#refreshAhead(cached.raw);
      return Promise.resolve(cached.value);
    }
    this.#inflight ??= this.#obtain().finally(() => {
      this.#inflight = undefined;
    });
    return this.#inflight;
  }

  /**
   * Reports that the platform refused `value` (`refused`: 40001/40014) or found it expired
   * (`expired`: 42001). It is dropped from this process, and from the store only if it is still
   * the stored one (a newer value from another process stays), and the next {@link get} obtains
   * a fresh one. A consumer-only client leaves the store to the refresher and just re-reads it.
   */
  async invalidate(value: string, why: 'refused' | 'expired' = 'refused'): Promise<void> {
    if (this.#cached?.value === value) this.#cached = undefined;
    if (this.#options.consumerOnly) return;
    const raw = await this.#options.store.get(this.#options.key);
    if (raw !== undefined && decode(raw)?.value === value) {
      await this.#options.store.compareAndDelete(this.#options.key, raw);
    }
    // stable_token hands back the current token while the platform thinks it valid: after a
    // refusal the refresh must force a new one. An expired token needs no force (forced
    // refreshes are limited to 20 a day).
    if (why === 'refused') this.#nextReason = 'invalid';
  }

  /** Forgets this process's copy (the store keeps its own). */
  reset(): void {
    this.#cached = undefined;
  }

  #nextReason: RefreshReason | undefined;

  #usable(cached: Cached, now: number): boolean {
    return cached.expiresAt - this.#margin > now;
  }

  async #readStore(): Promise<Cached | undefined> {
    const raw = await this.#options.store.get(this.#options.key);
    const decoded = raw === undefined ? undefined : decode(raw);
    if (raw === undefined || decoded === undefined) return undefined;
    const cached = { ...decoded, raw, readAt: this.#now() };
    if (!this.#usable(cached, cached.readAt)) return undefined;
    this.#cached = cached;
    return cached;
  }

  /** A usable value from the store, or one fetched by whichever process holds the lease. */
  async #obtain(): Promise<string> {
    const { name, consumerOnly } = this.#options;
    const deadline = this.#now() + (this.#options.waitMs ?? 20_000);
    for (let poll = 20; ; poll = Math.min(poll * 1.5, 250)) {
      const stored = await this.#readStore();
      if (stored !== undefined) {
        // A copy re-read from the store can be near expiry too (calls further apart than localTtlMs).
        if (stored.expiresAt - this.#now() <= (this.#options.refreshAheadMs ?? 300_000))
          this.#refreshAhead(stored.raw);
        return stored.value;
      }
      if (consumerOnly) {
        throw new WeChatTokenUnavailableError(
          `${name} is not in the store and this client is consumer-only: is the refreshing process running?`,
        );
      }
      const fetched = await this.#underLease(async () => {
        // Re-read under the lease: the previous holder may have stored a value just now.
        return (await this.#readStore())?.value ?? (await this.#fetchAndStore(this.#nextReason ?? 'missing'));
      });
      if (fetched !== undefined) return fetched;
      if (this.#now() > deadline) {
        throw new WeChatTokenUnavailableError(
          `gave up after waiting ${this.#options.waitMs ?? 20_000} ms for ${name}`,
        );
      }
      await sleep(poll * (0.75 + Math.random() / 2));
    }
  }

  /** Refreshes a value that is about to expire, in the background, if no one else is doing it. */
  #refreshAhead(raw: string): void {
    if (this.#options.consumerOnly || this.#background !== undefined) return;
    this.#background = this.#underLease(async () => {
      const stored = await this.#options.store.get(this.#options.key);
      if (stored === raw || stored === undefined) await this.#fetchAndStore('expiring');
    })
      .catch(() => undefined) // the current value still works; a later get() tries again
      .then(() => {
        this.#background = undefined;
      });
  }

  /** Runs `work` holding the refresh lease; `undefined` when another process holds it. */
  async #underLease<T>(work: () => Promise<T>): Promise<T | undefined> {
    const { store } = this.#options;
    const leaseKey = `${this.#options.key}:lease`;
    if (!(await store.setIfAbsent(leaseKey, this.#owner, this.#options.leaseMs ?? 15_000))) return undefined;
    try {
      return await work();
    } finally {
      await store.compareAndDelete(leaseKey, this.#owner);
    }
  }

  async #fetchAndStore(reason: RefreshReason): Promise<string> {
    this.#nextReason = undefined;
    const issued = await this.#options.fetch(reason);
    const now = this.#now();
    const expiresAt = now + issued.expiresIn * 1000;
    const raw = encode(issued.value, expiresAt);
    await this.#options.store.set(this.#options.key, raw, Math.max(1, expiresAt - now));
    this.#cached = { value: issued.value, expiresAt, raw, readAt: now };
    this.#options.onRefresh?.({ name: this.#options.name, reason, expiresIn: issued.expiresIn });
    return issued.value;
  }
}

function encode(value: string, expiresAt: number): string {
  return `${expiresAt}:${value}`;
}

function decode(raw: string): { value: string; expiresAt: number } | undefined {
  const colon = raw.indexOf(':');
  const expiresAt = Number(raw.slice(0, colon));
  if (colon <= 0 || !Number.isFinite(expiresAt)) return undefined;
  return { value: raw.slice(colon + 1), expiresAt };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
