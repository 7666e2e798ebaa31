import { quotaDay } from '../clock.js';
import { currentCredential, issueCredential, OVERLAP_MS, secondsLeft } from '../credentials.js';
import { PlatformError } from '../platform-error.js';
import type { EmulatorModule, JsonObject, Platform } from '../routes.js';

const FORCE_REFRESH_PER_DAY = 20;
const FORCE_REFRESH_INTERVAL_MS = 30 * 1000;

/** Checks appid and secret as the token endpoints do: 41002/41004 missing, 40013/40125 wrong. */
function checkAppCredentials(platform: Platform, appId: unknown, secret: unknown): void {
  if (typeof appId !== 'string' || appId === '') throw new PlatformError(41002);
  if (typeof secret !== 'string' || secret === '') throw new PlatformError(41004);
  if (appId !== platform.state.app.appId) throw new PlatformError(40013);
  if (secret !== platform.state.app.appSecret) throw new PlatformError(40125);
}

function tokenResponse(platform: Platform, token: string): JsonObject {
  const credential = platform.state.credentials[token];
  return {
    access_token: token,
    expires_in: credential === undefined ? 0 : secondsLeft(platform, credential),
  };
}

/**
 * `cgi-bin/token` (a new token on every call, the previous one valid 5 more minutes),
 * `cgi-bin/stable_token` (the same token while valid; `force_refresh` at most 20 a day, 30 s
 * apart) and `cgi-bin/ticket/getticket` (jsapi and wx_card tickets).
 */
export const tokenModule: EmulatorModule = {
  api: [
    {
      method: 'GET',
      path: '/cgi-bin/token',
      auth: false,
      handle({ query, platform }) {
        if (query.get('grant_type') !== 'client_credential') throw new PlatformError(40002);
        checkAppCredentials(platform, query.get('appid'), query.get('secret'));
        return tokenResponse(platform, issueCredential(platform, 'token'));
      },
    },
    {
      method: 'POST',
      path: '/cgi-bin/stable_token',
      auth: false,
      handle({ body, platform }) {
        if (body?.grant_type !== 'client_credential') throw new PlatformError(40002);
        checkAppCredentials(platform, body.appid, body.secret);
        const now = platform.clock.nowMs();
        const current = currentCredential(platform, 'stable_token');
        if (body.force_refresh === true) {
          const today = quotaDay(now);
          const forced = platform.state.forcedRefreshes.filter((at) => quotaDay(at) === today);
          const last = forced[forced.length - 1];
          if (current !== undefined && last !== undefined && now - last < FORCE_REFRESH_INTERVAL_MS) {
            return tokenResponse(platform, current[0]); // too soon: the platform does not refresh
          }
          if (forced.length >= FORCE_REFRESH_PER_DAY) throw new PlatformError(45009);
          platform.state.forcedRefreshes = [...forced, now];
          return tokenResponse(platform, issueCredential(platform, 'stable_token'));
        }
        if (current !== undefined && current[1].expiresAt - now > OVERLAP_MS)
          return tokenResponse(platform, current[0]);
        return tokenResponse(platform, issueCredential(platform, 'stable_token'));
      },
    },
    {
      method: 'GET',
      path: '/cgi-bin/ticket/getticket',
      handle({ query, platform }) {
        const type = query.get('type');
        if (type !== 'jsapi' && type !== 'wx_card') throw new PlatformError(40097, 'invalid args');
        const ticket = issueCredential(platform, type);
        return { errcode: 0, errmsg: 'ok', ticket, expires_in: 7200 };
      },
    },
  ],
};
