import { createHash, randomBytes } from 'node:crypto';
import { isMenuButtonKind, MENU_BUTTON_FIELDS, MENU_LIMITS } from '../../protocol/menu.js';
import { isObject } from '../json.js';
import { PlatformError } from '../platform-error.js';
import type { ApiRoute, EmulatorModule, Json, JsonObject, Platform, PushResult } from '../routes.js';
import { ControlError } from '../routes.js';
import { type EmulatorState, type EmulatorUser, moduleState } from '../state.js';

/** A menu as this module stores it: the buttons as `menu/get` echoes them. */
export interface StoredMenu {
  /** The buttons: leaves carry `sub_button: []`, parents only `name` and `sub_button`. */
  button: JsonObject[];
  /** The menu's id. */
  menuid: number;
}

/** A personalised menu (个性化菜单). */
export interface StoredConditionalMenu extends StoredMenu {
  /** Who sees it: `tag_id` and/or `client_platform_type`, as strings. */
  matchrule: Record<string, string>;
}

/** What this module keeps in `state.modules.menu`. */
export interface MenuModuleState {
  /** The default menu, or null when none was created (46003). */
  menu: StoredMenu | null;
  /** Personalised menus, oldest first. */
  conditional: StoredConditionalMenu[];
  /** The last menuid handed out. */
  lastMenuId: number;
}

function menuState(state: EmulatorState): MenuModuleState {
  return moduleState<MenuModuleState>(state, 'menu', () => ({
    menu: null,
    conditional: [],
    lastMenuId: 208_396_937,
  }));
}

function nextMenuId(own: MenuModuleState): number {
  own.lastMenuId += 1;
  return own.lastMenuId;
}

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** The errcodes of one level: top-level buttons and sub-buttons have their own. */
interface LevelCodes {
  readonly type: number;
  readonly name: number;
  readonly key: number;
  readonly url: number;
  readonly domain: number;
  readonly maxName: number;
}

const TOP: LevelCodes = {
  type: 40017,
  name: 40018,
  key: 40019,
  url: 40020,
  domain: 40055,
  maxName: MENU_LIMITS.nameBytes,
};
const SUB: LevelCodes = {
  type: 40024,
  name: 40025,
  key: 40026,
  url: 40027,
  domain: 40054,
  maxName: MENU_LIMITS.subNameBytes,
};

/** A string field: `absent` when missing or empty, 47001 when not a string. */
function text(button: JsonObject, field: string, absent: number): string {
  const value = button[field];
  if (value === undefined || value === '') throw new PlatformError(absent);
  if (typeof value !== 'string') throw new PlatformError(47001);
  return value;
}

function checkUrl(url: string, codes: LevelCodes): void {
  if (bytes(url) > MENU_LIMITS.urlBytes) throw new PlatformError(codes.url);
  if (!/^https?:\/\/[^/?#\s]+/i.test(url) || !URL.canParse(url)) throw new PlatformError(codes.domain);
}

/** Checks one leaf button and returns it with its documented fields only, plus `sub_button: []`. */
function leaf(button: JsonObject, name: string, codes: LevelCodes): JsonObject {
  const type = button.type;
  if (type === undefined || type === '') throw new PlatformError(65308);
  if (typeof type !== 'string') throw new PlatformError(47001);
  if (!isMenuButtonKind(type)) throw new PlatformError(codes.type);
  const out: JsonObject = { type, name };
  for (const field of MENU_BUTTON_FIELDS[type]) {
    if (field === 'key') {
      const key = text(button, 'key', codes.key);
      if (bytes(key) > MENU_LIMITS.keyBytes) throw new PlatformError(codes.key);
      out.key = key;
    } else if (field === 'url') {
      const url = text(button, 'url', codes.url);
      checkUrl(url, codes);
      out.url = url;
    } else if (field === 'appid') {
      const appid = text(button, 'appid', 40166);
      if (!/^wx[0-9a-f]{16}$/.test(appid)) throw new PlatformError(40166);
      out.appid = appid;
    } else if (field === 'pagepath') {
      out.pagepath = text(button, 'pagepath', 40165);
    } else {
      out[field] = text(button, field, 40007);
    }
  }
  out.sub_button = [];
  return out;
}

function buttonName(button: JsonObject, codes: LevelCodes): string {
  const name = text(button, 'name', codes.name);
  if (bytes(name) > codes.maxName) throw new PlatformError(codes.name);
  return name;
}

/** Checks one button of a level and returns it as `menu/get` will echo it. */
function checkButton(value: Json | undefined, codes: LevelCodes): JsonObject {
  if (!isObject(value)) throw new PlatformError(47001);
  const name = buttonName(value, codes);
  const subs = value.sub_button;
  if (subs !== undefined && !Array.isArray(subs)) throw new PlatformError(47001);
  if (subs === undefined || subs.length === 0) return leaf(value, name, codes);
  // A button with sub-buttons only opens them: its own type, if any, is ignored.
  if (codes === SUB) throw new PlatformError(40022);
  if (subs.length > MENU_LIMITS.subButtons) throw new PlatformError(40023);
  return { name, sub_button: subs.map((sub) => checkButton(sub, SUB)) };
}

/**
 * Checks a menu as `menu/create` does and returns its buttons as `menu/get` echoes them:
 * 40016 no `button` or more than 3, 40018/40025 a name empty or over 16/60 bytes, 65308 a
 * button with neither type nor sub-buttons, 40017/40024 an unknown type, 40019/40026 a key
 * missing or over 128 bytes, 40020/40027 a url missing or over 1024 bytes, 40055/40054 a url
 * that is not http(s), 40023 more than 5 sub-buttons, 40022 sub-buttons under a sub-button,
 * 40007 a missing media_id/article_id, 40166/40165 a miniprogram's appid/pagepath, 47001 a
 * value of the wrong JSON type.
 */
export function checkMenu(body: JsonObject | undefined): JsonObject[] {
  const buttons = body?.button;
  if (buttons === undefined) throw new PlatformError(40016);
  if (!Array.isArray(buttons)) throw new PlatformError(47001);
  if (buttons.length === 0 || buttons.length > MENU_LIMITS.buttons) throw new PlatformError(40016);
  return buttons.map((button) => checkButton(button, TOP));
}

/** 40033 when the raw body writes a non-ASCII character as a `\uXXXX` escape. */
function checkCharset(raw: Buffer): void {
  const escapes = /(?<!\\)(?:\\\\)*\\u([0-9a-fA-F]{4})/g;
  for (const match of raw.toString('utf8').matchAll(escapes)) {
    if (Number.parseInt(match[1] ?? '0', 16) >= 0x80) throw new PlatformError(40033);
  }
}

/** Every leaf of a menu, top-level and sub, in display order. */
function leaves(buttons: readonly JsonObject[]): JsonObject[] {
  return buttons.flatMap((b) =>
    Array.isArray(b.sub_button) && b.sub_button.length > 0 ? (b.sub_button as JsonObject[]) : [b],
  );
}

/** The hosts the links of a menu lead to. */
function linkDomains(buttons: readonly JsonObject[]): string[] {
  return leaves(buttons)
    .filter((b) => typeof b.url === 'string' && b.type === 'view')
    .map((b) => new URL(b.url as string).hostname.toLowerCase());
}

/** Fields a matchrule may no longer use: privacy (65320). */
const PRIVACY_FIELDS = ['sex', 'country', 'province', 'city', 'language', 'group_id'] as const;

function matchRule(platform: Platform, value: Json | undefined): Record<string, string> {
  if (!isObject(value)) throw new PlatformError(65304);
  const rule: Record<string, string> = {};
  for (const field of PRIVACY_FIELDS) {
    const v = value[field];
    if (v !== undefined && v !== '' && v !== null) throw new PlatformError(65320);
  }
  for (const field of ['tag_id', 'client_platform_type'] as const) {
    const v = value[field];
    if (v === undefined || v === '' || v === null) continue;
    if (typeof v !== 'string' && typeof v !== 'number') throw new PlatformError(47001);
    rule[field] = String(v);
  }
  if (Object.keys(rule).length === 0) throw new PlatformError(65304);
  const tagId = rule.tag_id;
  if (tagId !== undefined) {
    const known = tagId === '2' || Object.hasOwn(platform.state.tags ?? {}, tagId);
    if (!known) throw new PlatformError(45159);
  }
  const client = rule.client_platform_type;
  if (client !== undefined && !['1', '2', '3'].includes(client)) throw new PlatformError(47001);
  return rule;
}

/**
 * The menu a user sees: the newest personalised menu whose rule matches them, else the default
 * menu. A rule's `tag_id` is compared with the user's last-applied tag (the last of `tagids`),
 * as the platform does; `client_platform_type` is not compared (emulated users have no phone).
 */
export function menuFor(platform: Platform, user: EmulatorUser): StoredMenu | null {
  const own = menuState(platform.state);
  if (own.menu === null) return null;
  const lastTag = user.tagids?.[user.tagids.length - 1];
  for (const menu of [...own.conditional].reverse()) {
    const { tag_id } = menu.matchrule;
    if (tag_id === undefined || tag_id === String(lastTag)) return menu;
  }
  return own.menu;
}

/** The buttons as `get_current_selfmenu_info` shows them: sub-buttons wrapped in `{ list }`. */
function selfmenuButtons(buttons: readonly JsonObject[]): JsonObject[] {
  return buttons.map((button) => {
    const { sub_button: subs, ...rest } = button;
    if (!Array.isArray(subs) || subs.length === 0) return rest;
    return { name: button.name, sub_button: { list: selfmenuButtons(subs as JsonObject[]) } };
  });
}

const clone = <T>(value: T): T => structuredClone(value);

const routes: ApiRoute[] = [
  {
    method: 'POST',
    path: '/cgi-bin/menu/create',
    handle({ body, rawBody, platform }) {
      checkCharset(rawBody);
      const button = checkMenu(body);
      const own = menuState(platform.state);
      own.menu = { button, menuid: nextMenuId(own) };
      platform.changed();
      return { errcode: 0, errmsg: 'ok' };
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/menu/get',
    handle({ platform }) {
      const own = menuState(platform.state);
      if (own.menu === null) throw new PlatformError(46003);
      const answer: JsonObject = { menu: clone(own.menu) as unknown as JsonObject };
      if (own.conditional.length > 0) {
        answer.conditionalmenu = own.conditional.map((m) => ({
          button: clone(m.button),
          matchrule: { ...m.matchrule },
          menuid: m.menuid,
        }));
      }
      return answer;
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/menu/delete',
    handle({ platform }) {
      const own = menuState(platform.state);
      own.menu = null;
      own.conditional = [];
      platform.changed();
      return { errcode: 0, errmsg: 'ok' };
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/get_current_selfmenu_info',
    handle({ platform }) {
      const { menu } = menuState(platform.state);
      if (menu === null) return { is_menu_open: 0 };
      return { is_menu_open: 1, selfmenu_info: { button: selfmenuButtons(clone(menu.button)) } };
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/menu/addconditional',
    handle({ body, rawBody, platform }) {
      checkCharset(rawBody);
      const own = menuState(platform.state);
      if (own.menu === null) throw new PlatformError(65303);
      const button = checkMenu(body);
      const matchrule = matchRule(platform, body?.matchrule);
      const domains = new Set([
        ...own.conditional.flatMap((m) => linkDomains(m.button)),
        ...linkDomains(button),
      ]);
      if (domains.size > MENU_LIMITS.conditionalDomains) throw new PlatformError(65316);
      const menuid = nextMenuId(own);
      own.conditional.push({ button, matchrule, menuid });
      platform.changed();
      return { menuid: String(menuid) };
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/menu/delconditional',
    handle({ body, platform }) {
      const own = menuState(platform.state);
      const id = body?.menuid;
      if (typeof id !== 'string' && typeof id !== 'number') throw new PlatformError(65301);
      const index = own.conditional.findIndex((m) => String(m.menuid) === String(id));
      if (index === -1) throw new PlatformError(65301);
      own.conditional.splice(index, 1);
      platform.changed();
      return { errcode: 0, errmsg: 'ok' };
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/menu/trymatch',
    handle({ body, platform }) {
      const id = body?.user_id;
      if (typeof id !== 'string' || id === '') throw new PlatformError(65302);
      const user = Object.hasOwn(platform.state.users, id) ? platform.state.users[id] : undefined;
      if (user === undefined) throw new PlatformError(65302);
      const menu = menuFor(platform, user);
      if (menu === null) throw new PlatformError(46003);
      return { button: clone(menu.button) };
    },
  },
];

// ---- users tapping the menu ---------------------------------------------------------------------

/** Which button a user taps: its `key` (or, failing that, its `url` or `name`), or its position. */
export type MenuButtonTarget = string | readonly [top: number, sub?: number];

/** What the emulated phone sends with a tap on a scan, picture or location button. */
export interface MenuClickOptions {
  /** `scancode_*`: the decoded content. Default `""`. */
  readonly scanResult?: string;
  /** `scancode_*`: `qrcode` (default), `barcode`… */
  readonly scanType?: string;
  /** `pic_*`: MD5 sums of the pictures sent. Default one random picture. */
  readonly pictures?: readonly string[];
  /** `location_select`: the place chosen. Default a point in Guangzhou. */
  readonly location?: {
    readonly x: number;
    readonly y: number;
    readonly scale?: number;
    readonly label?: string;
    readonly poiname?: string;
  };
}

/** What a tap came to. */
export interface MenuClick {
  /** The button tapped, as `menu/get` shows it. */
  button: JsonObject;
  /** The event pushed, without the envelope; absent when the button pushes nothing. */
  event?: JsonObject;
  /** How the push went; absent when nothing was pushed. */
  push?: PushResult;
}

function findButton(buttons: readonly JsonObject[], target: MenuButtonTarget): JsonObject | undefined {
  if (typeof target !== 'string') {
    const [top, sub] = target;
    const parent = buttons[top];
    if (sub === undefined || parent === undefined) return parent;
    return Array.isArray(parent.sub_button) ? (parent.sub_button[sub] as JsonObject | undefined) : undefined;
  }
  const all = leaves(buttons);
  return (
    all.find((b) => b.key === target) ??
    all.find((b) => b.url === target) ??
    [...buttons, ...all].find((b) => b.name === target)
  );
}

/** The event a tap on `button` pushes, or undefined for buttons the platform answers itself. */
function menuEvent(button: JsonObject, menuid: number, options: MenuClickOptions): JsonObject | undefined {
  const type = button.type;
  const key = typeof button.key === 'string' ? button.key : '';
  switch (type) {
    case 'click':
      return { MsgType: 'event', Event: 'CLICK', EventKey: key };
    case 'view':
      return { MsgType: 'event', Event: 'VIEW', EventKey: button.url, MenuId: String(menuid) };
    case 'miniprogram':
      return {
        MsgType: 'event',
        Event: 'view_miniprogram',
        EventKey: button.pagepath,
        MenuId: String(menuid),
      };
    case 'scancode_push':
    case 'scancode_waitmsg':
      return {
        MsgType: 'event',
        Event: type,
        EventKey: key,
        ScanCodeInfo: { ScanType: options.scanType ?? 'qrcode', ScanResult: options.scanResult ?? '' },
      };
    case 'pic_sysphoto':
    case 'pic_photo_or_album':
    case 'pic_weixin': {
      const pictures = options.pictures ?? [createHash('md5').update(randomBytes(16)).digest('hex')];
      return {
        MsgType: 'event',
        Event: type,
        EventKey: key,
        SendPicsInfo: {
          Count: pictures.length,
          PicList: { item: pictures.map((md5) => ({ PicMd5Sum: md5 })) },
        },
      };
    }
    case 'location_select': {
      const place = options.location ?? { x: 23.137466, y: 113.352425 };
      return {
        MsgType: 'event',
        Event: 'location_select',
        EventKey: key,
        SendLocationInfo: {
          Location_X: place.x,
          Location_Y: place.y,
          Scale: place.scale ?? 15,
          Label: place.label ?? '',
          Poiname: place.poiname ?? '',
        },
      };
    }
    default:
      // media_id, view_limited, article_id, article_view_limited: the platform sends the
      // material itself; a parent button only opens its sub-menu. Nothing reaches the webhook.
      return undefined;
  }
}

/**
 * A user taps a button of the menu they see ({@link menuFor}): finds it by `key` (or `url`, or
 * `name`) or by position `[top, sub]`, and pushes the event the platform pushes for its type to
 * the webhook: `CLICK` with `EventKey` = key, `VIEW` with the url and `MenuId`,
 * `view_miniprogram` with the pagepath and `MenuId`, `scancode_*` with `ScanCodeInfo`, `pic_*`
 * with `SendPicsInfo`, `location_select` with `SendLocationInfo`. `media_id`/`view_limited`/
 * `article_id`/`article_view_limited` buttons and parents of sub-menus push nothing.
 *
 * Throws {@link ControlError}: 404 unknown user or no such button, 409 no menu (or the push's
 * own 409s: no webhook, a user who does not follow the account).
 */
export async function clickMenu(
  platform: Platform,
  openid: string,
  target: MenuButtonTarget,
  options: MenuClickOptions = {},
): Promise<MenuClick> {
  const user = Object.hasOwn(platform.state.users, openid) ? platform.state.users[openid] : undefined;
  if (user === undefined) throw new ControlError(404, `no user with openid "${openid}"`);
  const menu = menuFor(platform, user);
  if (menu === null) throw new ControlError(409, 'the account has no menu: create one with menu/create');
  const button = findButton(menu.button, target);
  if (button === undefined) {
    throw new ControlError(404, `no button ${JSON.stringify(target)} in the menu ${user.openid} sees`);
  }
  const event = menuEvent(button, menu.menuid, options);
  if (event === undefined) return { button: clone(button) };
  const push = await platform.push(user.openid, event);
  return { button: clone(button), event, push };
}

/**
 * The custom menu (自定义菜单): `menu/create` (checked as {@link checkMenu} describes, 40033 for
 * `\uXXXX` escapes of non-ASCII text), `menu/get` (`{ menu: { button, menuid } }` with leaves
 * echoing `sub_button: []`, plus `conditionalmenu` when there are personalised menus; 46003 when
 * there is no menu), `menu/delete` (the default and every personalised menu),
 * `get_current_selfmenu_info`, and personalised menus: `menu/addconditional` (65303 no default
 * menu, 65304 an empty rule, 65320 a privacy field, 45159 an unknown tag, 65316 links to more
 * than 3 domains across personalised menus), `menu/delconditional` (65301 unknown menuid) and
 * `menu/trymatch` (65302 unknown user). Users tap buttons with {@link clickMenu}.
 */
export const menuModule: EmulatorModule = { api: routes };
