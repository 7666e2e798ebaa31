import { quotaMonth } from '../clock.js';
import { PlatformError } from '../platform-error.js';
import { clearAllQuotas, dailyLimit, usedToday } from '../quota.js';
import type { ApiRoute, EmulatorModule, Platform } from '../routes.js';

const CLEARS_PER_MONTH = 10;
const RID_LIFETIME_S = 7 * 24 * 3600;
const RID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/;

/** The addresses the platform pushes from / serves the API from: documentation ranges here. */
const CALLBACK_IPS = ['192.0.2.0/25', '198.51.100.0/25'];
const API_DOMAIN_IPS = ['203.0.113.10', '203.0.113.11'];
const OPERATORS = ['CHINANET', 'UNICOM', 'CAP', 'DEFAULT'];

/** Uses one of the month's 10 quota resets (shared by clear_quota and clear_quota/v2), or 48006. */
function clearQuota(platform: Platform): void {
  const month = quotaMonth(platform.clock.nowMs());
  const clears = platform.state.quotaClears;
  if (clears.month !== month) {
    clears.month = month;
    clears.count = 0;
  }
  if (clears.count >= CLEARS_PER_MONTH) throw new PlatformError(48006);
  clears.count += 1;
  clearAllQuotas(platform);
}

const ipList = (path: string, ips: readonly string[]): ApiRoute => ({
  method: 'GET',
  path,
  handle: () => ({ ip_list: [...ips] }),
});

/**
 * The basic API: callback and API-domain IP lists, per-API quotas (`openapi/quota/get`,
 * `clear_quota`, `clear_quota/v2`) and the failed-request log (`openapi/rid/get`).
 */
export const coreModule: EmulatorModule = {
  api: [
    ipList('/cgi-bin/getcallbackip', CALLBACK_IPS),
    ipList('/cgi-bin/get_api_domain_ip', API_DOMAIN_IPS),
    {
      method: 'POST',
      path: '/cgi-bin/openapi/quota/get',
      handle({ body, platform }) {
        const path = body?.cgi_path;
        if (typeof path !== 'string' || path === '') throw new PlatformError(40097, 'invalid args');
        if (path.startsWith('/sns/'))
          throw new PlatformError(76022, 'could not use this cgi_path, no permission');
        const limit = path.startsWith('/') ? dailyLimit(platform, path) : undefined;
        if (limit === undefined) throw new PlatformError(76021);
        const used = usedToday(platform, path);
        return {
          errcode: 0,
          errmsg: 'ok',
          quota: { daily_limit: limit, used, remain: Math.max(0, limit - used) },
        };
      },
    },
    {
      method: 'POST',
      path: '/cgi-bin/clear_quota',
      handle({ body, platform }) {
        if (typeof body?.appid !== 'string' || body.appid === '') throw new PlatformError(41002);
        if (body.appid !== platform.state.app.appId) throw new PlatformError(40013);
        clearQuota(platform);
        return { errcode: 0, errmsg: 'ok' };
      },
    },
    {
      method: 'POST',
      path: '/cgi-bin/clear_quota/v2',
      auth: false,
      body: 'optional-json',
      handle({ body, query, platform }) {
        // The documentation puts appid/appsecret in the body, its own example in the query: accept both.
        const appId = body?.appid ?? query.get('appid');
        const secret = body?.appsecret ?? query.get('appsecret');
        if (typeof appId !== 'string' || appId === '') throw new PlatformError(41002);
        if (typeof secret !== 'string' || secret === '') throw new PlatformError(41004);
        if (appId !== platform.state.app.appId) throw new PlatformError(40013);
        if (secret !== platform.state.app.appSecret) throw new PlatformError(40125);
        clearQuota(platform);
        return { errcode: 0, errmsg: 'ok' };
      },
    },
    {
      method: 'POST',
      path: '/cgi-bin/callback/check',
      handle({ body, platform }) {
        const { webhook } = platform.state.app;
        if (webhook === undefined) throw new PlatformError(40201, 'invalid check url');
        const action = body?.action ?? 'all';
        if (action !== 'all' && action !== 'dns' && action !== 'ping')
          throw new PlatformError(40202, 'invalid check action');
        const operator = body?.check_operator ?? 'DEFAULT';
        if (typeof operator !== 'string' || !OPERATORS.includes(operator)) {
          throw new PlatformError(40203, 'invalid check operator');
        }
        // The emulator resolves nothing: it reports the webhook's host as reachable from every network.
        const ip = URL.canParse(webhook) ? new URL(webhook).hostname : undefined;
        if (ip === undefined) throw new PlatformError(40201, 'invalid check url');
        const shown = operator === 'DEFAULT' ? 'CHINANET' : operator;
        return {
          ...(action === 'ping' ? {} : { dns: [{ ip, real_operator: shown }] }),
          ...(action === 'dns'
            ? {}
            : { ping: [{ ip, from_operator: shown, package_loss: '0%', time: '1.000ms' }] }),
        };
      },
    },
    {
      method: 'POST',
      path: '/cgi-bin/openapi/rid/get',
      handle({ body, platform }) {
        const rid = body?.rid;
        if (typeof rid !== 'string' || !RID_SHAPE.test(rid)) throw new PlatformError(76002);
        const record = platform.state.rids[rid];
        if (record === undefined) throw new PlatformError(76001);
        if (platform.clock.now() - record.invoke_time > RID_LIFETIME_S) {
          throw new PlatformError(76004, 'rid expired');
        }
        return { errcode: 0, errmsg: 'ok', request: { ...record } };
      },
    },
  ],
};
