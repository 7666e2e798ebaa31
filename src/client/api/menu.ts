import { isMenuButtonKind, MENU_BUTTON_FIELDS, MENU_LIMITS } from '../../protocol/menu.js';
import type { WeChatClient } from '../client.js';
import { WeChatApiError } from '../errors.js';

/** Rules of `menu/create`, as the platform checks them (and {@link validateMenu} before sending). */
export { MENU_LIMITS } from '../../protocol/menu.js';

/** Fields every button has. */
interface ButtonBase {
  /** The label shown: at most 16 UTF-8 bytes at the top level, 60 in a sub-menu. */
  readonly name: string;
  /** `menu/get` echoes an empty list on every leaf; accepted so a fetched menu can be sent back. */
  readonly sub_button?: readonly [];
}

/** Pushes a `CLICK` event with `EventKey` = `key`. */
export interface ClickButton extends ButtonBase {
  readonly type: 'click';
  /** Up to 128 bytes. */
  readonly key: string;
}

/** Opens a web page; pushes a `VIEW` event with `EventKey` = `url`. */
export interface ViewButton extends ButtonBase {
  readonly type: 'view';
  /** An http(s) URL of up to 1024 bytes. */
  readonly url: string;
}

/** Scans a code and shows the result; pushes `scancode_push`. */
export interface ScancodePushButton extends ButtonBase {
  readonly type: 'scancode_push';
  readonly key: string;
}

/** Scans a code, pushes `scancode_waitmsg` and shows "消息接收中" until the reply. */
export interface ScancodeWaitmsgButton extends ButtonBase {
  readonly type: 'scancode_waitmsg';
  readonly key: string;
}

/** Takes a photo with the camera; pushes `pic_sysphoto`. */
export interface PicSysphotoButton extends ButtonBase {
  readonly type: 'pic_sysphoto';
  readonly key: string;
}

/** Takes a photo or picks one from the album; pushes `pic_photo_or_album`. */
export interface PicPhotoOrAlbumButton extends ButtonBase {
  readonly type: 'pic_photo_or_album';
  readonly key: string;
}

/** Picks pictures from the WeChat album; pushes `pic_weixin`. */
export interface PicWeixinButton extends ButtonBase {
  readonly type: 'pic_weixin';
  readonly key: string;
}

/** Picks a location; pushes `location_select`. */
export interface LocationSelectButton extends ButtonBase {
  readonly type: 'location_select';
  readonly key: string;
}

/** Sends a permanent material to the user; nothing is pushed. */
export interface MediaIdButton extends ButtonBase {
  readonly type: 'media_id';
  /** A permanent material's media_id. */
  readonly media_id: string;
}

/** Opens a news material's page (legacy); nothing is pushed. */
export interface ViewLimitedButton extends ButtonBase {
  readonly type: 'view_limited';
  /** A permanent news material's media_id. */
  readonly media_id: string;
}

/** Sends a published article (发布能力); nothing is pushed. */
export interface ArticleIdButton extends ButtonBase {
  readonly type: 'article_id';
  /** The `article_id` from freepublish. */
  readonly article_id: string;
}

/** Opens a published article; nothing is pushed. */
export interface ArticleViewLimitedButton extends ButtonBase {
  readonly type: 'article_view_limited';
  /** The `article_id` from freepublish. */
  readonly article_id: string;
}

/** Opens a mini-program page (linked mini programs, verified accounts); pushes `view_miniprogram`. */
export interface MiniProgramButton extends ButtonBase {
  readonly type: 'miniprogram';
  /** Opened by WeChat versions without mini programs. */
  readonly url: string;
  /** The mini program's AppID (`wx` + 16 lower-case hex digits). */
  readonly appid: string;
  /** The page, e.g. `pages/index/index`. */
  readonly pagepath: string;
}

/** A button that does something when tapped, discriminated by `type`. */
export type MenuLeafButton =
  | ClickButton
  | ViewButton
  | ScancodePushButton
  | ScancodeWaitmsgButton
  | PicSysphotoButton
  | PicPhotoOrAlbumButton
  | PicWeixinButton
  | LocationSelectButton
  | MediaIdButton
  | ViewLimitedButton
  | ArticleIdButton
  | ArticleViewLimitedButton
  | MiniProgramButton;

/** A button `type`. */
export type MenuButtonType = MenuLeafButton['type'];

/** A top-level button that opens a sub-menu of 1 to 5 buttons (which cannot nest further). */
export interface MenuParentButton {
  /** The label shown: at most 16 UTF-8 bytes. */
  readonly name: string;
  /** The sub-menu: 1 to 5 buttons. */
  readonly sub_button: readonly MenuLeafButton[];
  readonly type?: never;
}

/** A top-level button: one that acts, or one that opens a sub-menu. */
export type MenuTopButton = MenuLeafButton | MenuParentButton;

/** A menu for `menu/create`: 1 to 3 top-level buttons. */
export interface MenuDefinition {
  readonly button: readonly MenuTopButton[];
}

/** Who sees a personalised menu: a tag, a client platform (1 iOS, 2 Android, 3 others), or both. */
export interface MenuMatchRule {
  /** A tag id (as a string, as the platform writes it). */
  readonly tag_id?: string;
  /** `1` iOS, `2` Android, `3` others. */
  readonly client_platform_type?: '1' | '2' | '3';
}

/** A personalised menu (个性化菜单) for `menu/addconditional`. */
export interface ConditionalMenuDefinition extends MenuDefinition {
  readonly matchrule: MenuMatchRule;
}

/** What `menu/get` answers. `menuid` is a string (it is a 64-bit id on the platform). */
export interface MenuInfo {
  /** The default menu. */
  readonly menu: { readonly button: readonly MenuTopButton[]; readonly menuid?: string };
  /** Personalised menus, when there are some. */
  readonly conditionalmenu?: readonly {
    readonly button: readonly MenuTopButton[];
    readonly matchrule: MenuMatchRule & Readonly<Record<string, string>>;
    readonly menuid: string;
  }[];
}

/** A button as `get_current_selfmenu_info` shows it (sub-menus wrapped in `{ list }`). */
export type SelfMenuButton =
  | (Readonly<Record<string, unknown>> & { readonly type: string; readonly name: string })
  | { readonly name: string; readonly sub_button: { readonly list: readonly SelfMenuButton[] } };

/** What `get_current_selfmenu_info` answers: the live menu, however it was set. */
export interface SelfMenuInfo {
  /** 1 when a menu is live. */
  readonly is_menu_open: 0 | 1;
  /** The live menu's buttons. */
  readonly selfmenu_info?: { readonly button: readonly SelfMenuButton[] };
}

const CREATE_PATH = '/cgi-bin/menu/create';

/**
 * A menu that breaks a rule of `menu/create`, refused before any call. `errcode` is the one
 * the platform would answer (e.g. 40018 for a name too long), `field` where the problem is
 * (e.g. `button[1].sub_button[0].key`).
 */
export class MenuValidationError extends WeChatApiError {
  /** Always true: refused by the client, no call was made. */
  readonly local = true;
  /** The path of the offending value in the menu. */
  readonly field: string;

  /** @param errcode - the platform's code for the rule. @param field - where. @param reason - what is wrong. */
  constructor(errcode: number, field: string, reason: string, path = CREATE_PATH) {
    super(
      errcode,
      reason,
      { method: 'POST', path, query: {} },
      `Refused locally, no call made: ${field} ${reason}`,
    );
    this.field = field;
  }
}

const encoder = new TextEncoder();
const byteLength = (text: string): number => encoder.encode(text).length;

/** Button types `menu/create` accepts. */
export const MENU_BUTTON_TYPES = Object.keys(MENU_BUTTON_FIELDS) as readonly MenuButtonType[];

interface Level {
  readonly sub: boolean;
  readonly name: number;
  readonly type: number;
  readonly key: number;
  readonly url: number;
  readonly domain: number;
  readonly nameBytes: number;
}

const TOP_LEVEL: Level = {
  sub: false,
  name: 40018,
  type: 40017,
  key: 40019,
  url: 40020,
  domain: 40055,
  nameBytes: MENU_LIMITS.nameBytes,
};
const SUB_LEVEL: Level = {
  sub: true,
  name: 40025,
  type: 40024,
  key: 40026,
  url: 40027,
  domain: 40054,
  nameBytes: MENU_LIMITS.subNameBytes,
};

type Fail = (errcode: number, field: string, reason: string) => never;

function checkLeaf(button: Readonly<Record<string, unknown>>, at: string, level: Level, fail: Fail): void {
  const type = button.type;
  if (type === undefined || type === '')
    fail(65308, `${at}.type`, 'is missing: a button needs a type or sub-buttons');
  if (typeof type !== 'string' || !isMenuButtonKind(type)) {
    fail(
      level.type,
      `${at}.type`,
      `${JSON.stringify(type)} is not a button type (${MENU_BUTTON_TYPES.join(', ')})`,
    );
  }
  for (const field of MENU_BUTTON_FIELDS[type as MenuButtonType]) {
    const value = button[field];
    const where = `${at}.${field}`;
    const missing = (errcode: number): never => fail(errcode, where, `is required for a ${type} button`);
    if (value === undefined || value === '') {
      missing(
        field === 'key'
          ? level.key
          : field === 'url'
            ? level.url
            : field === 'appid'
              ? 40166
              : field === 'pagepath'
                ? 40165
                : 40007,
      );
    }
    if (typeof value !== 'string') fail(47001, where, 'must be a string');
    if (field === 'key' && byteLength(value) > MENU_LIMITS.keyBytes) {
      fail(level.key, where, `is ${byteLength(value)} bytes; at most ${MENU_LIMITS.keyBytes}`);
    }
    if (field === 'url') {
      if (byteLength(value) > MENU_LIMITS.urlBytes) {
        fail(level.url, where, `is ${byteLength(value)} bytes; at most ${MENU_LIMITS.urlBytes}`);
      }
      if (!/^https?:\/\/[^/?#\s]+/i.test(value) || !URL.canParse(value)) {
        fail(level.domain, where, `${JSON.stringify(value)} is not an http(s) URL`);
      }
    }
    if (field === 'appid' && !/^wx[0-9a-f]{16}$/.test(value)) {
      fail(
        40166,
        where,
        `${JSON.stringify(value)} is not a mini-program AppID (wx + 16 lower-case hex digits)`,
      );
    }
  }
}

function checkButton(value: unknown, at: string, level: Level, fail: Fail): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail(47001, at, 'must be an object');
  const button = value as Readonly<Record<string, unknown>>;
  const name = button.name;
  if (name === undefined || name === '') fail(level.name, `${at}.name`, 'is required');
  if (typeof name !== 'string') fail(47001, `${at}.name`, 'must be a string');
  if (byteLength(name) > level.nameBytes) {
    fail(
      level.name,
      `${at}.name`,
      `${JSON.stringify(name)} is ${byteLength(name)} bytes; ${level.sub ? 'sub-button' : 'top-level'} names take at most ${level.nameBytes} (UTF-8: a Chinese character is 3)`,
    );
  }
  const subs = button.sub_button;
  if (subs !== undefined && !Array.isArray(subs)) fail(47001, `${at}.sub_button`, 'must be an array');
  if (subs === undefined || subs.length === 0) {
    checkLeaf(button, at, level, fail);
    return;
  }
  if (level.sub) fail(40022, `${at}.sub_button`, 'is not allowed: a menu has only two levels');
  if (subs.length > MENU_LIMITS.subButtons) {
    fail(40023, `${at}.sub_button`, `has ${subs.length} buttons; at most ${MENU_LIMITS.subButtons}`);
  }
  subs.forEach((sub, i) => {
    checkButton(sub, `${at}.sub_button[${i}]`, SUB_LEVEL, fail);
  });
}

/**
 * Checks a menu against the rules of `menu/create` and throws a {@link MenuValidationError}
 * naming the first broken one: 1–3 top-level buttons (40016), 1–5 sub-buttons (40023), two
 * levels only (40022), names of at most 16/60 UTF-8 bytes (40018/40025), a known `type` (40017/
 * 40024; 65308 when missing), the fields each type needs, keys of at most 128 bytes
 * (40019/40026), http(s) urls of at most 1024 bytes (40020/40027, 40055/40054), a mini-program
 * `appid` and `pagepath` (40166/40165), a `media_id`/`article_id` (40007). Menus built in
 * TypeScript are mostly checked by their type already; this catches lengths, counts and menus
 * that come from JSON.
 */
export function validateMenu(menu: MenuDefinition, path = CREATE_PATH): void {
  const fail: Fail = (errcode, field, reason) => {
    throw new MenuValidationError(errcode, field, reason, path);
  };
  const buttons: unknown = (menu as { button?: unknown } | null)?.button;
  if (buttons === undefined) fail(40016, 'button', 'is required');
  if (!Array.isArray(buttons)) fail(47001, 'button', 'must be an array');
  if (buttons.length === 0 || buttons.length > MENU_LIMITS.buttons) {
    fail(40016, 'button', `has ${buttons.length} buttons; a menu has 1 to ${MENU_LIMITS.buttons}`);
  }
  buttons.forEach((button, i) => {
    checkButton(button, `button[${i}]`, TOP_LEVEL, fail);
  });
}

/**
 * The custom menu (自定义菜单): the buttons under the chat input. Taps on `click` buttons come to
 * the webhook as `CLICK` events carrying the button's `key`, taps on `view` buttons as `VIEW`.
 * WeChat refreshes a user's menu when it is more than 5 minutes old.
 *
 * @example
 * ```ts
 * await client.menu.create({
 *   button: [
 *     { type: 'click', name: '今日歌曲', key: 'TODAY_MUSIC' },
 *     { name: '菜单', sub_button: [{ type: 'view', name: '搜索', url: 'https://www.soso.com/' }] },
 *   ],
 * });
 * ```
 */
export class MenuApi {
  readonly #client: WeChatClient;

  /** @param client - the client these calls go through. */
  constructor(client: WeChatClient) {
    this.#client = client;
  }

  /** The client, for subclasses and tests. */
  protected get client(): WeChatClient {
    return this.#client;
  }

  /**
   * Creates (replaces) the default menu (`menu/create`). The menu is checked first with
   * {@link validateMenu}: a broken rule throws {@link MenuValidationError} without a call.
   * Creating the same menu twice is harmless, so the call is retried after -1.
   */
  async create(menu: MenuDefinition): Promise<void> {
    validateMenu(menu);
    await this.#client.request('POST', CREATE_PATH, { json: menu, idempotent: true });
  }

  /**
   * The menus created through the API (`menu/get`): the default menu and the personalised ones;
   * undefined when there is none (46003). Menus set in the web console are not shown: see
   * {@link current}.
   */
  async get(): Promise<MenuInfo | undefined> {
    try {
      return await this.#client.request<MenuInfo>('GET', '/cgi-bin/menu/get');
    } catch (error) {
      if (error instanceof WeChatApiError && error.errcode === 46003) return undefined;
      throw error;
    }
  }

  /** Deletes the default menu and every personalised menu (`menu/delete`). */
  async delete(): Promise<void> {
    await this.#client.request('GET', '/cgi-bin/menu/delete');
  }

  /** The menu live now, set by the API or in the console (`get_current_selfmenu_info`). */
  current(): Promise<SelfMenuInfo> {
    return this.#client.request<SelfMenuInfo>('GET', '/cgi-bin/get_current_selfmenu_info');
  }

  /**
   * Adds a personalised menu (`menu/addconditional`) shown to users matching `matchrule`
   * instead of the default one, and returns its menuid. Needs a default menu first (65303);
   * privacy rules (sex, region, language) are refused (65320). Verified accounts only.
   */
  async addConditional(menu: ConditionalMenuDefinition): Promise<string> {
    validateMenu(menu, '/cgi-bin/menu/addconditional');
    const { menuid } = await this.#client.request<{ menuid: string }>(
      'POST',
      '/cgi-bin/menu/addconditional',
      {
        json: menu,
      },
    );
    return String(menuid);
  }

  /** Deletes a personalised menu (`menu/delconditional`); 65301 when there is none with this id. */
  async deleteConditional(menuid: string): Promise<void> {
    await this.#client.request('POST', '/cgi-bin/menu/delconditional', {
      json: { menuid },
      idempotent: true,
    });
  }

  /** The menu a user sees (`menu/trymatch`), by openid (or WeChat ID); 65302 unknown user. */
  async tryMatch(userId: string): Promise<readonly MenuTopButton[]> {
    const { button } = await this.#client.request<{ button: MenuTopButton[] }>(
      'POST',
      '/cgi-bin/menu/trymatch',
      {
        json: { user_id: userId },
        idempotent: true,
      },
    );
    return button;
  }
}
