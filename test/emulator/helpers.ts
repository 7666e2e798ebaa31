import { afterEach, expect } from 'vitest';
import type { RidRecord } from '../../src/emulator/state.js';
import { type Emulator, type EmulatorOptions, startEmulator } from '../../src/emulator.js';

/** The account every test emulator is started with, unless a test says otherwise. */
export const APP_ID = 'wx0123456789abcdef';
export const APP_SECRET = '0123456789abcdef0123456789abcdef';

/** The rid suffix the platform appends to every non-zero errmsg. */
export const RID_SUFFIX = / rid: ([0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8})$/;

const CHINA_OFFSET_S = 8 * 3600;
const DAY_S = 86_400;

/** A JSON answer of a WeChat API route, with the fields these tests read. */
export interface ApiBody {
  errcode?: number;
  errmsg?: string;
  access_token?: string;
  expires_in?: number;
  ticket?: string;
  ip_list?: string[];
  quota?: { daily_limit: number; used: number; remain: number };
  request?: RidRecord;
  [key: string]: unknown;
}

/** A control-API answer: the HTTP status and the parsed JSON body. */
export interface ControlAnswer<T> {
  status: number;
  body: T;
}

/** A request body: a string or bytes are sent as they are, anything else as JSON. */
export type RequestBody = string | Uint8Array | object;

/** Options of one raw request. */
export interface RequestOptions {
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: RequestBody;
}

function encodeBody(body: RequestBody | undefined): string | Uint8Array | undefined {
  if (body === undefined || typeof body === 'string' || body instanceof Uint8Array) return body;
  return JSON.stringify(body);
}

/** A started emulator with small helpers to call it over HTTP, as a user would. */
export class EmulatorHarness {
  readonly emulator: Emulator;

  constructor(emulator: Emulator) {
    this.emulator = emulator;
  }

  get url(): string {
    return this.emulator.url;
  }

  /** Any request; answers the raw Response. */
  request(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const url = new URL(path, this.url);
    for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
    const body = encodeBody(options.body);
    return fetch(url, { method, ...(body === undefined ? {} : { body }) });
  }

  /** A WeChat API call: asserts the platform's HTTP 200 + JSON envelope, answers the body. */
  async api(method: string, path: string, options: RequestOptions = {}): Promise<ApiBody> {
    const response = await this.request(method, path, options);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    return (await response.json()) as ApiBody;
  }

  get(path: string, query: Readonly<Record<string, string>> = {}): Promise<ApiBody> {
    return this.api('GET', path, { query });
  }

  post(path: string, body?: RequestBody, query: Readonly<Record<string, string>> = {}): Promise<ApiBody> {
    return this.api('POST', path, { query, ...(body === undefined ? {} : { body }) });
  }

  /** A control-API call; answers the status and JSON body (which it asserts is JSON). */
  async control<T = unknown>(method: string, path: string, body?: RequestBody): Promise<ControlAnswer<T>> {
    const response = await this.request(method, path, body === undefined ? {} : { body });
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    return { status: response.status, body: (await response.json()) as T };
  }

  /** A new access token from `cgi-bin/token`. */
  async accessToken(): Promise<string> {
    const body = await this.get('/cgi-bin/token', {
      grant_type: 'client_credential',
      appid: APP_ID,
      secret: APP_SECRET,
    });
    expect(body.errcode).toBeUndefined();
    expect(typeof body.access_token).toBe('string');
    return body.access_token as string;
  }

  /** The stable token, as `cgi-bin/stable_token` answers it. */
  stableToken(forceRefresh?: boolean): Promise<ApiBody> {
    return this.post('/cgi-bin/stable_token', {
      grant_type: 'client_credential',
      appid: APP_ID,
      secret: APP_SECRET,
      ...(forceRefresh === undefined ? {} : { force_refresh: forceRefresh }),
    });
  }

  /** Emulator time in Unix seconds. */
  async now(): Promise<number> {
    const { body } = await this.control<{ now: number }>('GET', '/emulator/clock');
    return body.now;
  }

  /** Moves the emulator clock forward. */
  async advance(seconds: number): Promise<void> {
    const { status } = await this.control('POST', '/emulator/clock', { advanceSeconds: seconds });
    expect(status).toBe(200);
  }

  /**
   * Moves the clock to `margin` seconds after the next midnight in China time, where daily
   * quotas reset, so a day-bound test never straddles a day whenever it runs.
   */
  async advanceToNextDay(margin = 60): Promise<void> {
    const now = await this.now();
    const dayStart = Math.floor((now + CHINA_OFFSET_S) / DAY_S) * DAY_S - CHINA_OFFSET_S;
    await this.advance(dayStart + DAY_S - now + margin);
  }

  /** Moves the clock to `margin` seconds after the next first of the month, China time. */
  async advanceToNextMonth(margin = 3600): Promise<void> {
    const now = await this.now();
    const china = new Date((now + CHINA_OFFSET_S) * 1000);
    const next = Date.UTC(china.getUTCFullYear(), china.getUTCMonth() + 1, 1) / 1000 - CHINA_OFFSET_S;
    await this.advance(next - now + margin);
  }

  close(): Promise<void> {
    return this.emulator.close();
  }
}

/** Starts an emulator for the account {@link APP_ID}/{@link APP_SECRET} (overridable). */
export async function startHarness(options: EmulatorOptions = {}): Promise<EmulatorHarness> {
  return new EmulatorHarness(await startEmulator({ appId: APP_ID, appSecret: APP_SECRET, ...options }));
}

/**
 * Registers an `afterEach` that closes every emulator started through the returned function,
 * so each test gets its own and none outlives it.
 */
export function emulatorPerTest(): (options?: EmulatorOptions) => Promise<EmulatorHarness> {
  const started: EmulatorHarness[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((harness) => harness.close()));
  });
  return async (options) => {
    const harness = await startHarness(options);
    started.push(harness);
    return harness;
  };
}

/** The rid at the end of an error's errmsg (asserting it is there). */
export function ridOf(body: ApiBody): string {
  expect(body.errmsg).toMatch(RID_SUFFIX);
  return RID_SUFFIX.exec(body.errmsg ?? '')?.[1] ?? '';
}

/** Asserts a platform error: the errcode, and an errmsg ending with a rid. */
export function expectError(body: ApiBody, errcode: number, errmsg?: string): void {
  expect(body.errcode).toBe(errcode);
  expect(body.errmsg).toMatch(RID_SUFFIX);
  if (errmsg !== undefined) expect(body.errmsg?.replace(RID_SUFFIX, '')).toBe(errmsg);
}
