import { expect } from 'vitest';
import type { InboxEntry } from '../../src/emulator.js';
import type { ApiBody, EmulatorHarness } from '../emulator/helpers.js';
import { inbox, inboxOf } from './inbox.js';

/** Lets `start` build the subclass it is called on, with a test file's own calls. */
type AccountClass<A> = new (harness: EmulatorHarness, token: string) => A;

/** An account on a test emulator: API calls with its access token, and its users. */
export class Account {
  constructor(
    readonly harness: EmulatorHarness,
    public token: string,
  ) {}

  /** Takes a token on `harness` and adds `followers`: an account ready for its API tests. */
  static async start<A extends Account>(
    this: AccountClass<A>,
    harness: EmulatorHarness,
    followers: readonly string[] = [],
  ): Promise<A> {
    const account = new this(harness, await harness.accessToken());
    for (const openid of followers) await account.createUser(openid);
    return account;
  }

  get(path: string): Promise<ApiBody> {
    return this.harness.get(path, { access_token: this.token });
  }

  post(path: string, body?: object | string): Promise<ApiBody> {
    return this.harness.post(path, body, { access_token: this.token });
  }

  /** Moves the clock and takes a new token, as a jump past 2 hours needs one. */
  async advance(seconds: number): Promise<void> {
    await this.harness.advance(seconds);
    this.token = await this.harness.accessToken();
  }

  /** Moves the clock past the next midnight in China time, with a new token. */
  async nextDay(): Promise<void> {
    await this.harness.advanceToNextDay();
    this.token = await this.harness.accessToken();
  }

  /** Moves the clock past the next first of the month in China time, with a new token. */
  async nextMonth(): Promise<void> {
    await this.harness.advanceToNextMonth();
    this.token = await this.harness.accessToken();
  }

  async createUser(openid: string, options: { subscribed?: boolean; nickname?: string } = {}): Promise<void> {
    const { status } = await this.harness.control('POST', '/emulator/users', { openid, ...options });
    expect(status).toBe(200);
  }

  inbox(openid: string): Promise<InboxEntry[]> {
    return inbox(this.harness.url, openid);
  }

  inboxOf(openid: string, kind: InboxEntry['kind']): Promise<Record<string, unknown>[]> {
    return inboxOf(this.harness.url, openid, kind);
  }
}
