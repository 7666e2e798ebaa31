/**
 * `wechat-mp/emulator`: the WeChat platform on localhost. Start it with {@link startEmulator}
 * (or `wechat-mp emulator`), point a client's `baseURL` at its `url`, and drive simulated users
 * through the control API under `/emulator/`.
 *
 * @packageDocumentation
 */

export { clickMenu, type MenuClickOptions } from './emulator/api/menu.js';
export { DEFAULT_OAUTH_OPENID } from './emulator/api/oauth.js';
export { blockTemplates, failTemplateDelivery, TEMPLATE_LIBRARY } from './emulator/api/template.js';
export { DEFAULT_DAILY_LIMITS } from './emulator/quota.js';
export type { EmulatorStats, Fault, Platform, PushResult } from './emulator/routes.js';
export { type Emulator, type EmulatorOptions, startEmulator } from './emulator/server.js';
export type {
  AccountType,
  AppConfig,
  EmulatorState,
  EmulatorUser,
  InboxEntry,
  MessageMode,
} from './emulator/state.js';
export { EmulatorStateError } from './emulator/state.js';
