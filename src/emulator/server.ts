import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { coreModule } from './api/core.js';
import { customModule } from './api/custom.js';
import { massModule } from './api/mass.js';
import { menuModule } from './api/menu.js';
import { oauthModule } from './api/oauth.js';
import { templateModule } from './api/template.js';
import { tokenModule } from './api/token.js';
import { usersModule } from './api/users.js';

import { EmulatorClock } from './clock.js';
import { controlModule } from './control/control.js';
import { requireAccessToken } from './credentials.js';
import { parseJsonObject, toJson } from './json.js';
import { newRid, PlatformError } from './platform-error.js';
import { type PushOptions, pushToWebhook, verifyWebhook } from './push.js';
import { countCall } from './quota.js';
import type {
  ApiRoute,
  ControlRoute,
  EmulatorModule,
  EmulatorStats,
  Fault,
  Json,
  JsonObject,
  PageRoute,
  Platform,
} from './routes.js';
import { ControlError } from './routes.js';
import {
  type AppConfigInput,
  createAppConfig,
  createState,
  type EmulatorState,
  loadState,
  saveState,
} from './state.js';

/** Options of {@link startEmulator}. */
export interface EmulatorOptions extends AppConfigInput {
  /** Port to listen on; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  readonly host?: string;
  /**
   * A JSON file holding the whole state. Loaded at start (a corrupt file stops the start with
   * an error and is left untouched) and rewritten atomically after every change.
   */
  readonly statePath?: string;
  /** Per-path daily limits replacing the defaults, e.g. `{ '/cgi-bin/token': 5 }`. */
  readonly quotaLimits?: Readonly<Record<string, number>>;
  /** Timeout of one push attempt, in ms. Default 5000, as the platform. */
  readonly pushTimeoutMs?: number;
  /** Retries after a push attempt times out or fails to connect. Default 3, as the platform. */
  readonly pushRetries?: number;
  /** Largest accepted request body, in bytes. Default 10 MiB. */
  readonly maxBodyBytes?: number;
  /** Receives one line per request (method, path, errcode or status, ms), for a readable log. */
  readonly log?: (line: string) => void;
}

/** A running emulator. */
export interface Emulator {
  /** Base URL, e.g. `http://127.0.0.1:41234`: the `baseURL` of a client and the host of the control API. */
  readonly url: string;
  /** The port listened on. */
  readonly port: number;
  /** The live state (read it in tests; change it through the control API). */
  readonly state: EmulatorState;
  /** The platform services, for pushing from code: `emulator.platform.push(openid, {...})`. */
  readonly platform: Platform;
  /** Saves the state (with `statePath`) and stops listening. */
  close(): Promise<void>;
}

const MODULES: readonly EmulatorModule[] = [
  tokenModule,
  coreModule,
  customModule,
  controlModule,
  templateModule,
  massModule,
  usersModule,
  menuModule,
  oauthModule,
];

/**
 * Starts the local WeChat platform: the API on the same paths and with the same JSON as
 * `api.weixin.qq.com`, pushes to your webhook as the platform makes them, and a control API
 * under `/emulator/` to create users, send messages, move the clock and inject faults.
 *
 * @example
 * ```ts
 * const emulator = await startEmulator({ appId: 'wx123', appSecret: 'secret' });
 * const client = new WeChatClient({ appId: 'wx123', appSecret: 'secret', baseURL: emulator.url });
 * // ...
 * await emulator.close();
 * ```
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const loaded = options.statePath === undefined ? undefined : loadState(options.statePath);
  const state = loaded ?? createState(createAppConfig(options));
  if (loaded !== undefined) applyOverrides(state, options);
  Object.assign(state.quotaLimits, options.quotaLimits ?? {});
  const clock = new EmulatorClock(state.clockOffsetMs);
  const stats: EmulatorStats = { calls: {}, counters: {} };
  const faults: Fault[] = [];
  let dirty = true;
  const save = () => {
    if (!dirty || options.statePath === undefined) return;
    state.clockOffsetMs = clock.offsetMs;
    saveState(options.statePath, state);
    dirty = false;
  };
  const pushOptions: PushOptions = {
    timeoutMs: options.pushTimeoutMs ?? 5000,
    retries: options.pushRetries ?? 3,
  };

  const platform: Platform = {
    state,
    clock,
    stats,
    faults,
    changed() {
      dirty = true;
    },
    user(openid) {
      const user = Object.hasOwn(state.users, openid) ? state.users[openid] : undefined;
      if (user === undefined) throw new PlatformError(40003);
      return user;
    },
    deliver(openid, entry) {
      const inbox = state.inbox[openid] ?? [];
      state.inbox[openid] = inbox;
      inbox.push({ ...entry, at: clock.now() });
      dirty = true;
    },
    push(openid, fields) {
      return pushToWebhook(platform, pushOptions, openid, fields);
    },
    pushSystemEvent(from, fields) {
      return pushToWebhook(platform, pushOptions, from, fields, 'system');
    },
    verify() {
      return verifyWebhook(platform, pushOptions);
    },
    count(name) {
      stats.counters[name] = (stats.counters[name] ?? 0) + 1;
    },
  };

  const api = new Map<string, ApiRoute>();
  const control: ControlRoute[] = [];
  const pages = new Map<string, PageRoute[]>();
  for (const module of MODULES) {
    for (const route of module.api ?? []) api.set(route.path, route);
    control.push(...(module.control ?? []));
    for (const page of module.pages ?? []) pages.set(page.path, [...(pages.get(page.path) ?? []), page]);
  }

  const maxBodyBytes = options.maxBodyBytes ?? 10 * 1024 * 1024;
  const server = createServer((req, res) => {
    const started = performance.now();
    let url: URL;
    try {
      // An origin-form target is a path even when it starts with `//` (not a host to resolve).
      const target = req.url ?? '/';
      url = target.startsWith('/') ? new URL(`http://emulator${target}`) : new URL(target, 'http://emulator');
    } catch {
      // A request target no URL parser accepts (e.g. `http://[`): answer, never crash the process.
      sendJson(res, 400, { error: 'malformed request target' });
      return;
    }
    const done = (outcome: string) => {
      save();
      options.log?.(`${req.method} ${url.pathname} ${outcome} ${Math.round(performance.now() - started)}ms`);
    };
    const pageRoutes = pages.get(url.pathname);
    const handled = url.pathname.startsWith('/emulator/')
      ? handleControl(platform, control, req, res, url, maxBodyBytes)
      : pageRoutes !== undefined
        ? handlePage(platform, pageRoutes, req, res, url, maxBodyBytes)
        : handleApi(platform, api, req, res, url, maxBodyBytes, started);
    handled.then(done, (error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: String(error) });
      done('500');
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  save();

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    state,
    platform,
    async close() {
      try {
        dirty = true;
        save();
      } finally {
        // Stop listening even when the save fails, or the process could never exit.
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      }
    },
  };
}

function applyOverrides(state: EmulatorState, options: AppConfigInput): void {
  const keys = [
    'appId',
    'appSecret',
    'originalId',
    'token',
    'encodingAESKey',
    'mode',
    'webhook',
    'accountType',
  ] as const;
  for (const key of keys) {
    const value = options[key];
    if (value !== undefined) (state.app as unknown as Record<string, string>)[key] = value;
  }
}

async function handleApi(
  platform: Platform,
  routes: ReadonlyMap<string, ApiRoute>,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  maxBodyBytes: number,
  started: number,
): Promise<string> {
  const path = url.pathname;
  // Unknown paths share one counter, so a scan of random URLs cannot grow the stats without bound.
  const counted = routes.has(path) ? path : '(unknown)';
  platform.stats.calls[counted] = (platform.stats.calls[counted] ?? 0) + 1;
  let rawBody: Buffer = Buffer.alloc(0);
  let response: JsonObject;
  try {
    rawBody = await readBody(req, maxBodyBytes);
    const route = routes.get(path);
    if (route === undefined) throw new PlatformError(40066, 'invalid url');
    if (req.method !== route.method) throw new PlatformError(route.method === 'GET' ? 43001 : 43002);
    await applyFault(platform, path);
    const bodyMode = route.body ?? (route.method === 'POST' ? 'json' : 'none');
    let body: JsonObject | undefined;
    if (bodyMode !== 'none' && rawBody.length > 0) {
      body = parseJsonObject(rawBody.toString('utf8'));
      if (body === undefined) throw new PlatformError(47001);
    } else if (bodyMode === 'json') {
      throw new PlatformError(44002);
    }
    if (route.auth !== false) requireAccessToken(platform, url.searchParams.get('access_token'));
    countCall(platform, path);
    response = await route.handle({ query: url.searchParams, body, rawBody, ip: clientIp(req), platform });
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      response = errorResponse(
        platform,
        new PlatformError(40006, 'invalid meida size'),
        req,
        url,
        rawBody,
        started,
      );
    } else if (error instanceof PlatformError) {
      response = errorResponse(platform, error, req, url, rawBody, started);
    } else {
      throw error;
    }
  }
  sendJson(res, 200, response);
  return typeof response.errcode === 'number' && response.errcode !== 0
    ? `errcode ${response.errcode}`
    : 'ok';
}

/**
 * Serves a page route (HTML or a redirect, see {@link PageRoute}): counted in the stats like an
 * API call, but without access_token, quota, faults or the JSON envelope.
 */
async function handlePage(
  platform: Platform,
  routes: readonly PageRoute[],
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  maxBodyBytes: number,
): Promise<string> {
  platform.stats.calls[url.pathname] = (platform.stats.calls[url.pathname] ?? 0) + 1;
  const route = routes.find((candidate) => candidate.method === req.method);
  let rawBody: Buffer;
  try {
    rawBody = await readBody(req, maxBodyBytes);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    sendText(res, 413, PLAIN, 'request body too large');
    return '413';
  }
  if (route === undefined) {
    const allow = routes.map((r) => r.method).join(', ');
    sendText(res, 405, { ...PLAIN, allow }, `${req.method} is not allowed on ${url.pathname}`);
    return '405';
  }
  const page = await route.handle({ query: url.searchParams, rawBody, platform });
  sendText(res, page.status, page.headers ?? {}, page.body ?? '');
  return String(page.status);
}

const PLAIN = { 'content-type': 'text/plain; charset=utf-8' } as const;

function sendText(
  res: ServerResponse,
  status: number,
  headers: Readonly<Record<string, string>>,
  body: string,
): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

function errorResponse(
  platform: Platform,
  error: PlatformError,
  req: IncomingMessage,
  url: URL,
  rawBody: Buffer,
  started: number,
): JsonObject {
  const rid = newRid();
  pruneRids(platform);
  const response = { errcode: error.errcode, errmsg: `${error.errmsg} rid: ${rid}` };
  platform.state.rids[rid] = {
    invoke_time: platform.clock.now(),
    cost_in_ms: Math.round(performance.now() - started),
    request_url: redactQuery(url.searchParams),
    request_body: rawBody.toString('utf8').slice(0, 4096),
    response_body: JSON.stringify(response),
    client_ip: clientIp(req),
  };
  platform.changed();
  return response;
}

/** Rids are answered for 7 days, then 76004 for a day more, then forgotten. */
const RID_MEMORY_S = 8 * 24 * 3600;

/** Forgets old rids, so a long-running emulator's state stays small. */
function pruneRids(platform: Platform): void {
  const oldest = platform.clock.now() - RID_MEMORY_S;
  for (const [rid, record] of Object.entries(platform.state.rids)) {
    if (record.invoke_time < oldest) delete platform.state.rids[rid];
  }
}

/** The query as the rid log shows it: credentials shortened so the log leaks nothing usable. */
function redactQuery(query: URLSearchParams): string {
  const shown = new URLSearchParams();
  for (const [key, value] of query) {
    shown.append(key, /token|secret|^code$/i.test(key) ? `${value.slice(0, 6)}xxxx` : value);
  }
  return decodeURIComponent(shown.toString());
}

async function applyFault(platform: Platform, path: string): Promise<void> {
  const index = platform.faults.findIndex((fault) => fault.path === path && fault.times > 0);
  const fault = platform.faults[index];
  if (fault === undefined) return;
  fault.times -= 1;
  if (fault.times <= 0) platform.faults.splice(index, 1);
  platform.count('faults:applied');
  if (fault.delayMs !== undefined && fault.delayMs > 0) {
    // unref: a delayed answer must not keep a stopped emulator's process alive.
    await new Promise((resolve) => setTimeout(resolve, fault.delayMs).unref());
  }
  if (fault.errcode !== undefined) throw new PlatformError(fault.errcode);
}

async function handleControl(
  platform: Platform,
  routes: readonly ControlRoute[],
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  maxBodyBytes: number,
): Promise<string> {
  try {
    const match = matchControl(routes, req.method ?? 'GET', url.pathname);
    if (match === undefined) throw new ControlError(404, `no control route ${req.method} ${url.pathname}`);
    if (match === 'method') throw new ControlError(405, `${req.method} is not allowed on ${url.pathname}`);
    const raw = (await readBody(req, maxBodyBytes)).toString('utf8');
    const body = raw.trim() === '' ? {} : parseJsonObject(raw);
    if (body === undefined) throw new ControlError(400, 'the body must be a JSON object');
    const result = await match.route.handle({
      params: match.params,
      query: url.searchParams,
      body,
      platform,
    });
    sendJson(res, 200, result);
    return '200';
  } catch (error) {
    const status =
      error instanceof ControlError
        ? error.status
        : error instanceof BodyTooLargeError
          ? 413
          : error instanceof PlatformError
            ? 400
            : 0;
    if (status === 0) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const extra = error instanceof PlatformError ? { errcode: error.errcode } : {};
    sendJson(res, status, { error: message, ...extra });
    return String(status);
  }
}

function matchControl(
  routes: readonly ControlRoute[],
  method: string,
  path: string,
): { route: ControlRoute; params: Record<string, string> } | 'method' | undefined {
  const segments = path.split('/');
  let methodMismatch = false;
  for (const route of routes) {
    const pattern = route.path.split('/');
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((part, i) => {
      const segment = segments[i] ?? '';
      if (part.startsWith(':')) {
        if (segment === '') return false;
        try {
          params[part.slice(1)] = decodeURIComponent(segment);
        } catch {
          throw new ControlError(400, `malformed percent-encoding in ${path}`);
        }
        return true;
      }
      return part === segment;
    });
    if (!matches) continue;
    if (route.method === method) return { route, params };
    methodMismatch = true;
  }
  return methodMismatch ? 'method' : undefined;
}

class BodyTooLargeError extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function clientIp(req: IncomingMessage): string {
  return req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '';
}

function sendJson(res: ServerResponse, status: number, value: Json): void {
  const text = toJson(value);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
