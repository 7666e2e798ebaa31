import { quotaDay } from './clock.js';
import { PlatformError } from './platform-error.js';
import type { Platform } from './routes.js';

/**
 * Default daily call limits of a new account, from the platform's "接口调用额度说明" table.
 * `--quota PATH=N` (or `quotaLimits`) replaces any of them.
 */
export const DEFAULT_DAILY_LIMITS: Readonly<Record<string, number>> = {
  '/cgi-bin/token': 2000,
  '/cgi-bin/stable_token': 500000,
  '/cgi-bin/ticket/getticket': 100000,
  '/cgi-bin/getcallbackip': 10000,
  '/cgi-bin/get_api_domain_ip': 10000,
  '/cgi-bin/menu/create': 1000,
  '/cgi-bin/menu/get': 10000,
  '/cgi-bin/menu/delete': 1000,
  '/cgi-bin/tags/create': 1000,
  '/cgi-bin/tags/get': 1000,
  '/cgi-bin/tags/update': 1000,
  '/cgi-bin/tags/members/batchtagging': 100000,
  '/cgi-bin/media/upload': 100000,
  '/cgi-bin/media/get': 200000,
  '/cgi-bin/message/custom/send': 500000,
  '/cgi-bin/message/mass/sendall': 100,
  '/cgi-bin/message/mass/send': 100,
  '/cgi-bin/media/uploadnews': 10,
  '/cgi-bin/message/mass/delete': 10,
  '/cgi-bin/qrcode/create': 100000,
  '/cgi-bin/user/get': 500,
  '/cgi-bin/user/info': 5000000,
  '/cgi-bin/user/info/batchget': 5000000,
  '/cgi-bin/user/info/updateremark': 10000,
  '/cgi-bin/message/template/send': 100000,
  '/cgi-bin/draft/add': 1000,
  '/cgi-bin/freepublish/submit': 100,
};

/** The daily limit of `path`, or undefined when the platform documents none. */
export function dailyLimit(platform: Platform, path: string): number | undefined {
  return platform.state.quotaLimits[path] ?? DEFAULT_DAILY_LIMITS[path];
}

/** Calls of `path` counted today (the counters reset at midnight, China time). */
export function usedToday(platform: Platform, path: string): number {
  rollOver(platform);
  return platform.state.quota.used[path] ?? 0;
}

/**
 * Counts one call of `path` against its daily limit; past the limit the call fails with 45009
 * and is not counted.
 */
export function countCall(platform: Platform, path: string): void {
  const limit = dailyLimit(platform, path);
  if (limit === undefined) return;
  const used = usedToday(platform, path);
  if (used >= limit) throw new PlatformError(45009);
  platform.state.quota.used[path] = used + 1;
  platform.changed();
}

/** Resets every daily counter (clear_quota). */
export function clearAllQuotas(platform: Platform): void {
  platform.state.quota = { day: quotaDay(platform.clock.nowMs()), used: {} };
  platform.changed();
}

function rollOver(platform: Platform): void {
  const today = quotaDay(platform.clock.nowMs());
  if (platform.state.quota.day !== today) {
    platform.state.quota = { day: today, used: {} };
    platform.changed();
  }
}
