/**
 * The rules of `menu/create` as the platform documents them: shared by the client, which checks
 * a menu before sending it, and the emulator, which refuses a bad one with the platform's codes.
 */
export const MENU_LIMITS = {
  /** Top-level buttons: 1 to 3 (40016). */
  buttons: 3,
  /** Sub-buttons under one top-level button: 1 to 5 (40023). */
  subButtons: 5,
  /** A top-level name, in UTF-8 bytes (40018; about 4 Chinese characters display well). */
  nameBytes: 16,
  /** A sub-button name, in UTF-8 bytes (40025). */
  subNameBytes: 60,
  /** A `key`, in UTF-8 bytes (40019 / 40026). */
  keyBytes: 128,
  /** A `url`, in UTF-8 bytes (40020 / 40027). */
  urlBytes: 1024,
  /** Link domains all personalised menus together may lead to (65316). */
  conditionalDomains: 3,
} as const;

/** What a button of each type needs besides `type` and `name`, in the platform's documented order. */
export const MENU_BUTTON_FIELDS = {
  click: ['key'],
  view: ['url'],
  scancode_push: ['key'],
  scancode_waitmsg: ['key'],
  pic_sysphoto: ['key'],
  pic_photo_or_album: ['key'],
  pic_weixin: ['key'],
  location_select: ['key'],
  media_id: ['media_id'],
  view_limited: ['media_id'],
  article_id: ['article_id'],
  article_view_limited: ['article_id'],
  miniprogram: ['url', 'appid', 'pagepath'],
} as const satisfies Record<string, readonly string[]>;

/** A button `type` the platform accepts. */
export type MenuButtonKind = keyof typeof MENU_BUTTON_FIELDS;

/** Whether `type` is a button type the platform accepts. */
export function isMenuButtonKind(type: string): type is MenuButtonKind {
  return Object.hasOwn(MENU_BUTTON_FIELDS, type);
}
