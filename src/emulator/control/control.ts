import { randomBytes } from 'node:crypto';
import { clickMenu } from '../api/menu.js';
import type { ControlRoute, EmulatorModule, Json, JsonObject, Platform } from '../routes.js';
import { ControlError } from '../routes.js';
import type { EmulatorUser, MessageMode } from '../state.js';

function existingUser(platform: Platform, openid: string): EmulatorUser {
  const user = Object.hasOwn(platform.state.users, openid) ? platform.state.users[openid] : undefined;
  if (user === undefined)
    throw new ControlError(404, `no user with openid "${openid}"; create it with POST /emulator/users`);
  return user;
}

function optionalString(body: JsonObject, key: string): string | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '')
    throw new ControlError(400, `"${key}" must be a non-empty string`);
  return value;
}

function integerIn(body: JsonObject, key: string, min: number, max: number): number | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ControlError(400, `"${key}" must be an integer from ${min} to ${max}`);
  }
  return value;
}

/** An OpenID in the platform's shape: 28 characters starting with `o`. */
function newOpenid(): string {
  return `o${randomBytes(21).toString('base64url').slice(0, 27)}`;
}

const users: ControlRoute[] = [
  {
    method: 'POST',
    path: '/emulator/users',
    handle({ body, platform }) {
      const openid = optionalString(body, 'openid') ?? newOpenid();
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(openid) || openid === '__proto__')
        throw new ControlError(400, '"openid" must be 1-64 of A-Z a-z 0-9 _ - (and not __proto__)');
      if (Object.hasOwn(platform.state.users, openid))
        throw new ControlError(409, `user "${openid}" already exists`);
      const subscribed = body.subscribed ?? true;
      if (typeof subscribed !== 'boolean') throw new ControlError(400, '"subscribed" must be a boolean');
      const user: EmulatorUser = {
        openid,
        nickname: optionalString(body, 'nickname') ?? `用户${openid.slice(-4)}`,
        subscribed,
        subscribeTime: subscribed ? platform.clock.now() : 0,
        lastInteraction: 0,
      };
      const { openPlatformId } = platform.state.app;
      if (openPlatformId !== undefined)
        user.unionid = `o${randomBytes(21).toString('base64url').slice(0, 27)}`;
      platform.state.users[openid] = user;
      platform.state.inbox[openid] = [];
      platform.changed();
      return { ...user };
    },
  },
  {
    method: 'GET',
    path: '/emulator/users',
    handle: ({ platform }) => Object.values(platform.state.users).map((u) => ({ ...u })),
  },
  {
    method: 'GET',
    path: '/emulator/users/:openid',
    handle: ({ params, platform }) => ({ ...existingUser(platform, params.openid ?? '') }),
  },
  {
    method: 'POST',
    path: '/emulator/users/:openid/send',
    async handle({ params, body, platform }) {
      const user = existingUser(platform, params.openid ?? '');
      if (platform.state.app.webhook === undefined) {
        throw new ControlError(
          409,
          'no webhook configured: start with --webhook URL or PATCH /emulator/app { "webhook": URL }',
        );
      }
      const result = await platform.push(user.openid, body);
      return result as unknown as Json;
    },
  },
  {
    method: 'POST',
    path: '/emulator/users/:openid/click',
    async handle({ params, body, platform }) {
      // Taps a menu button, by `key` or by `path` [top, sub?]; the button's event is pushed.
      const key = body.key;
      const path = body.path;
      let target: string | [number, number?];
      if (typeof key === 'string' && key !== '') target = key;
      else if (Array.isArray(path) && path.length >= 1 && path.length <= 2 && path.every(Number.isInteger)) {
        target = path as [number, number?];
      } else throw new ControlError(400, 'give "key" (a button key) or "path" ([top, sub?] indexes)');
      const options = {
        ...(typeof body.scanResult === 'string' ? { scanResult: body.scanResult } : {}),
        ...(typeof body.scanType === 'string' ? { scanType: body.scanType } : {}),
      };
      return (await clickMenu(platform, params.openid ?? '', target, options)) as unknown as Json;
    },
  },
  {
    method: 'GET',
    path: '/emulator/users/:openid/inbox',
    handle({ params, platform }) {
      existingUser(platform, params.openid ?? '');
      return (platform.state.inbox[params.openid ?? ''] ?? []) as unknown as Json;
    },
  },
];

const MODES: readonly MessageMode[] = ['plain', 'compatible', 'safe'];

const app: ControlRoute[] = [
  { method: 'GET', path: '/emulator/app', handle: ({ platform }) => ({ ...platform.state.app }) },
  {
    method: 'PATCH',
    path: '/emulator/app',
    handle({ body, platform }) {
      const next = { ...platform.state.app };
      const webhook = optionalString(body, 'webhook');
      if (webhook !== undefined) {
        if (!/^https?:\/\//.test(webhook) || !URL.canParse(webhook))
          throw new ControlError(400, '"webhook" must be an http(s) URL');
        next.webhook = webhook;
      }
      const mode = optionalString(body, 'mode');
      if (mode !== undefined) {
        if (!MODES.includes(mode as MessageMode))
          throw new ControlError(400, `"mode" must be one of ${MODES.join(', ')}`);
        next.mode = mode as MessageMode;
      }
      const accountType = optionalString(body, 'accountType');
      if (accountType !== undefined) {
        if (accountType !== 'service' && accountType !== 'subscription') {
          throw new ControlError(400, '"accountType" must be "service" or "subscription"');
        }
        next.accountType = accountType;
      }
      const token = optionalString(body, 'token');
      if (token !== undefined) next.token = token;
      const key = optionalString(body, 'encodingAESKey');
      if (key !== undefined) {
        if (!/^[A-Za-z0-9+/]{43}$/.test(key))
          throw new ControlError(400, '"encodingAESKey" must be 43 base64 characters');
        next.encodingAESKey = key;
      }
      Object.assign(platform.state.app, next);
      platform.changed();
      return { ...platform.state.app };
    },
  },
];

/** The latest time the clock may show: the end of 9999-12-31 in China time (quota days are UTC+8). */
const LATEST_CLOCK_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999) - 8 * 3600 * 1000;

const observability: ControlRoute[] = [
  {
    method: 'GET',
    path: '/emulator/stats',
    handle: ({ platform }) => ({
      calls: { ...platform.stats.calls },
      counters: { ...platform.stats.counters },
    }),
  },
  {
    method: 'GET',
    path: '/emulator/clock',
    handle: ({ platform }) => ({ now: platform.clock.now(), offsetSeconds: platform.clock.offsetMs / 1000 }),
  },
  {
    method: 'POST',
    path: '/emulator/clock',
    handle({ body, platform }) {
      const seconds = body.advanceSeconds;
      if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
        throw new ControlError(400, '"advanceSeconds" must be a number ≥ 0');
      }
      // Dates past year 9999 break quota days (toISOString) and every API call with them.
      if (platform.clock.nowMs() + seconds * 1000 > LATEST_CLOCK_MS) {
        throw new ControlError(400, '"advanceSeconds" would move the clock past the year 9999');
      }
      platform.clock.advance(seconds);
      platform.changed();
      return { now: platform.clock.now(), offsetSeconds: platform.clock.offsetMs / 1000 };
    },
  },
  {
    method: 'GET',
    path: '/emulator/faults',
    handle: ({ platform }) => platform.faults.map((f) => ({ ...f })),
  },
  {
    method: 'POST',
    path: '/emulator/faults',
    handle({ body, platform }) {
      const path = optionalString(body, 'path');
      if (path === undefined || !path.startsWith('/'))
        throw new ControlError(400, '"path" must be an API path like /cgi-bin/token');
      const times = integerIn(body, 'times', 1, 1_000_000) ?? 1;
      const errcode = integerIn(body, 'errcode', -1_000_000_000, 1_000_000_000);
      if (errcode === 0) throw new ControlError(400, '"errcode" 0 is success, not a fault');
      const delayMs = integerIn(body, 'delayMs', 0, 600_000);
      if (errcode === undefined && delayMs === undefined)
        throw new ControlError(400, 'a fault needs "errcode", "delayMs" or both');
      platform.faults.push({
        path,
        times,
        ...(errcode === undefined ? {} : { errcode }),
        ...(delayMs === undefined ? {} : { delayMs }),
      });
      return platform.faults.map((f) => ({ ...f }));
    },
  },
  {
    method: 'DELETE',
    path: '/emulator/faults',
    handle({ platform }) {
      platform.faults.splice(0);
      return [];
    },
  },
  {
    method: 'POST',
    path: '/emulator/verify',
    async handle({ platform }) {
      if (platform.state.app.webhook === undefined) throw new ControlError(409, 'no webhook configured');
      return (await platform.verify()) as unknown as Json;
    },
  },
];

/** The control API under `/emulator/`: users and their inboxes, app settings, clock, faults, stats. */
export const controlModule: EmulatorModule = { control: [...users, ...app, ...observability] };
