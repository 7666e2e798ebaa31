import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** How the account's server settings encrypt pushes (消息加解密方式). */
export type MessageMode = 'plain' | 'compatible' | 'safe';

/** 订阅号 or 服务号: decides mass-send frequency and which APIs are granted. */
export type AccountType = 'subscription' | 'service';

/** The emulated account's configuration, as its owner would set it in the console. */
export interface AppConfig {
  /** AppID (`wx…`). */
  appId: string;
  /** AppSecret. */
  appSecret: string;
  /** The account's original id (`gh_…`), the `ToUserName` of every push. */
  originalId: string;
  /** The server-settings Token. */
  token: string;
  /** The server-settings EncodingAESKey (43 characters). */
  encodingAESKey: string;
  /** The message encryption mode. */
  mode: MessageMode;
  /** The server URL pushes go to; none until configured. */
  webhook?: string;
  /** The account type. */
  accountType: AccountType;
  /** Set when the account is bound to an open-platform account, so users have a unionid. */
  openPlatformId?: string;
}

/** A simulated WeChat user of the account. */
export interface EmulatorUser {
  /** The user's OpenID for this account. */
  openid: string;
  /** The display name. */
  nickname: string;
  /** UnionID, when the account is bound to an open platform. */
  unionid?: string;
  /** Whether the user currently follows the account. */
  subscribed: boolean;
  /** When the user last followed (Unix seconds), 0 if never. */
  subscribeTime: number;
  /** When the user last sent a message or event (Unix seconds), 0 if never: the 48-hour window. */
  lastInteraction: number;
  /**
   * What the last interaction was: a message the user sent (a 48-hour window) or an action —
   * follow, menu tap, QR scan (a one-minute window). Absent counts as a message.
   */
  lastInteractionKind?: 'message' | 'action';
  /** Ids of the tags (标签) the user has. */
  tagids?: number[];
  /** The account's remark (备注名) for the user. */
  remark?: string;
}

/** What a user has received, as the contract of `GET /emulator/users/{openid}/inbox` shows it. */
export interface InboxEntry {
  /** How it arrived: a passive reply, a customer-service message, a template or a mass message. */
  kind: 'reply' | 'custom' | 'template' | 'mass';
  /** Unix seconds of delivery. */
  at: number;
  /** The message as delivered. */
  message: unknown;
  /** For passive replies: how long the webhook took, in milliseconds. */
  latencyMs?: number;
  /** For passive replies: how many deliveries the push needed. */
  attempts?: number;
}

/** An access token or ticket the emulator has issued. */
export interface IssuedCredential {
  /** Which endpoint issued it. */
  kind: 'token' | 'stable_token' | 'jsapi' | 'wx_card';
  /** When it was issued (ms). */
  issuedAt: number;
  /** When it expires on its own (ms). */
  expiresAt: number;
  /** When it stops working because a newer one replaced it (ms); absent while it is the latest. */
  supersededUntil?: number;
}

/** One failed call, kept 7 days for `openapi/rid/get`. */
export interface RidRecord {
  /** Unix seconds of the call. */
  invoke_time: number;
  /** How long the call took. */
  cost_in_ms: number;
  /** The query string, with credentials shortened. */
  request_url: string;
  /** The request body as received. */
  request_body: string;
  /** The JSON answered. */
  response_body: string;
  /** The caller's address. */
  client_ip: string;
}

/** Limits of customer-service messages (客服消息), as `api/custom.ts` applies them. */
export interface CustomMessageLimits {
  /** How long one interaction of the user keeps the window open, in seconds. Default 172 800 (48 h). */
  windowSeconds: number;
  /** Messages one user can be sent within one window. Default 5. */
  perWindow: number;
  /** How long a follow, a menu tap or a QR scan keeps the window open, in seconds. Default 60. */
  actionWindowSeconds: number;
  /** Messages one user can be sent after such an action. Default 3. */
  perAction: number;
}

/** Customer-service use of one user's current window. */
export interface CustomWindowUsage {
  /** The user's `lastInteraction` that opened the window these counts belong to. */
  openedAt: number;
  /** Messages sent within that window. */
  sent: number;
  /** Until when (Unix seconds) the typing indicator shows, after a `Typing` command. */
  typingUntil?: number;
}

/** Everything the emulator knows; persisted as one JSON document by `--state`. */
export interface EmulatorState {
  /** Format version of this document. */
  version: 1;
  /** The account. */
  app: AppConfig;
  /** How far the emulator clock is ahead of real time (ms). */
  clockOffsetMs: number;
  /** Users by openid. */
  users: Record<string, EmulatorUser>;
  /** What each user has received, oldest first. */
  inbox: Record<string, InboxEntry[]>;
  /** Access tokens and tickets by value. */
  credentials: Record<string, IssuedCredential>;
  /** Forced stable_token refreshes (ms), for the 20-a-day and 30-seconds-apart rules. */
  forcedRefreshes: number[];
  /** Daily API call counts: the quota day (UTC+8) and the calls per path that day. */
  quota: { day: string; used: Record<string, number> };
  /** Per-path daily limits that replace the defaults. */
  quotaLimits: Record<string, number>;
  /** clear_quota uses this month (UTC+8). */
  quotaClears: { month: string; count: number };
  /** Failed calls by rid. */
  rids: Record<string, RidRecord>;
  /** The last MsgId handed out, as a decimal string (64-bit). */
  lastMsgId: string;
  /** Customer-service limits replacing the defaults (absent in state files of older versions). */
  customLimits?: Partial<CustomMessageLimits>;
  /** Customer-service use of each user's window, by openid (absent in older state files). */
  customUsage?: Record<string, CustomWindowUsage>;
  /** The account's tags by id. */
  tags?: Record<string, { id: number; name: string }>;
  /**
   * State of the other API modules (templates, mass jobs, menus, OAuth codes…), one entry per
   * module, each owned and typed by its module file.
   */
  modules?: Record<string, unknown>;
}

/** Settings a new state starts from; anything absent is generated. */
export interface AppConfigInput {
  /** AppID; default a random `wx…`. */
  readonly appId?: string;
  /** AppSecret; default random. */
  readonly appSecret?: string;
  /** Original id; default a random `gh_…`. */
  readonly originalId?: string;
  /** Token; default random. */
  readonly token?: string;
  /** EncodingAESKey; default random. */
  readonly encodingAESKey?: string;
  /** Encryption mode; default `safe`, the mode the platform recommends. */
  readonly mode?: MessageMode;
  /** Server URL for pushes. */
  readonly webhook?: string;
  /** Account type; default `service`. */
  readonly accountType?: AccountType;
  /** Open-platform binding, which gives users a unionid. */
  readonly openPlatformId?: string;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random string of letters and digits. */
export function randomAlnum(length: number): string {
  let out = '';
  for (const byte of randomBytes(length)) out += ALNUM[byte % ALNUM.length];
  return out;
}

/** Builds the app configuration of a new emulator, filling in what was not given. */
export function createAppConfig(input: AppConfigInput = {}): AppConfig {
  const app: AppConfig = {
    appId: input.appId ?? `wx${randomBytes(8).toString('hex')}`,
    appSecret: input.appSecret ?? randomBytes(16).toString('hex'),
    originalId: input.originalId ?? `gh_${randomBytes(6).toString('hex')}`,
    token: input.token ?? randomAlnum(32),
    encodingAESKey: input.encodingAESKey ?? randomAlnum(43),
    mode: input.mode ?? 'safe',
    accountType: input.accountType ?? 'service',
  };
  if (input.webhook !== undefined) app.webhook = input.webhook;
  if (input.openPlatformId !== undefined) app.openPlatformId = input.openPlatformId;
  return app;
}

/** A fresh state for the given account. */
export function createState(app: AppConfig): EmulatorState {
  return {
    version: 1,
    app,
    clockOffsetMs: 0,
    users: {},
    inbox: {},
    credentials: {},
    forcedRefreshes: [],
    quota: { day: '', used: {} },
    quotaLimits: {},
    quotaClears: { month: '', count: 0 },
    rids: {},
    lastMsgId: '7300000000000000000',
  };
}

/** The state file could not be used; the emulator refuses to start rather than overwrite it. */
export class EmulatorStateError extends Error {
  /** @param path - the state file. @param reason - what is wrong with it. */
  constructor(path: string, reason: string) {
    super(`cannot use state file ${path}: ${reason}; fix or remove it (it was left untouched)`);
    this.name = 'EmulatorStateError';
  }
}

type Check = (value: unknown) => boolean;
const isString: Check = (v) => typeof v === 'string';
const isNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isRecordOf =
  (check: Check): Check =>
  (v) =>
    isObject(v) && Object.values(v).every(check);

const SHAPE: Record<keyof EmulatorState, Check> = {
  version: (v) => v === 1,
  app: (v) =>
    isObject(v) &&
    ['appId', 'appSecret', 'originalId', 'token', 'encodingAESKey', 'mode', 'accountType'].every((k) =>
      isString(v[k]),
    ),
  clockOffsetMs: isNumber,
  users: isRecordOf((u) => isObject(u) && isString(u.openid) && typeof u.subscribed === 'boolean'),
  inbox: isRecordOf(Array.isArray),
  credentials: isRecordOf((c) => isObject(c) && isString(c.kind) && isNumber(c.expiresAt)),
  forcedRefreshes: (v) => Array.isArray(v) && v.every(isNumber),
  quota: (v) => isObject(v) && isString(v.day) && isRecordOf(isNumber)(v.used),
  quotaLimits: isRecordOf(isNumber),
  quotaClears: (v) => isObject(v) && isString(v.month) && isNumber(v.count),
  rids: isRecordOf(isObject),
  lastMsgId: (v) => isString(v) && /^\d+$/.test(v as string),
  customLimits: (v) => v === undefined || isRecordOf(isNumber)(v),
  tags: (v) => v === undefined || isRecordOf(isObject)(v),
  modules: (v) => v === undefined || isObject(v),
  customUsage: (v) =>
    v === undefined || isRecordOf((u) => isObject(u) && isNumber(u.openedAt) && isNumber(u.sent))(v),
};

/**
 * Reads a state file. A missing file gives `undefined` (start fresh); a file that is not valid
 * JSON or not a state document throws {@link EmulatorStateError} and is left as it is.
 */
export function loadState(path: string): EmulatorState | undefined {
  if (!existsSync(path)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new EmulatorStateError(path, `not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(parsed)) throw new EmulatorStateError(path, 'not a JSON object');
  for (const [key, check] of Object.entries(SHAPE)) {
    if (!check(parsed[key])) throw new EmulatorStateError(path, `field "${key}" is missing or malformed`);
  }
  return parsed as unknown as EmulatorState;
}

/** Writes the state atomically (temporary file, then rename), so a crash never leaves half a file. */
export function saveState(path: string, state: EmulatorState): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(temporary, path);
}

/**
 * The state of one API module, created on first use: `moduleState(platform.state, 'menu', () => ({ menu: null }))`.
 * The module owns its shape; the state file keeps it across restarts.
 */
export function moduleState<T>(state: EmulatorState, name: string, initial: () => T): T {
  state.modules ??= {};
  if (!(name in state.modules)) state.modules[name] = initial();
  return state.modules[name] as T;
}
