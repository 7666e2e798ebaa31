/**
 * The emulator's clock: real time plus an offset that `POST /emulator/clock` moves forward, so
 * token expiry, daily quotas and the 48-hour window can be tested in milliseconds.
 */
export class EmulatorClock {
  #offsetMs: number;

  /** @param offsetMs - how far ahead of real time the clock starts (restored from state). */
  constructor(offsetMs = 0) {
    this.#offsetMs = offsetMs;
  }

  /** Current emulator time in milliseconds since the epoch. */
  nowMs(): number {
    return Date.now() + this.#offsetMs;
  }

  /** Current emulator time in Unix seconds, as WeChat writes `CreateTime` and `expires_in`. */
  now(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  /** How far the clock has been moved ahead of real time. */
  get offsetMs(): number {
    return this.#offsetMs;
  }

  /** Moves the clock forward (never back: tokens and quotas assume time only grows). */
  advance(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError('advanceSeconds must be a number ≥ 0');
    this.#offsetMs += Math.round(seconds * 1000);
  }
}

const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/**
 * The platform's quota day, in China Standard Time (UTC+8), where daily limits reset at
 * midnight: e.g. `2026-11-25`.
 */
export function quotaDay(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The platform's quota month in China Standard Time, e.g. `2026-11` (clear_quota is 10 a month). */
export function quotaMonth(ms: number): string {
  return quotaDay(ms).slice(0, 7);
}
