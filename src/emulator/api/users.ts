import { createHash } from 'node:crypto';
import { isObject } from '../json.js';
import { PlatformError } from '../platform-error.js';
import type { ApiRoute, EmulatorModule, Json, JsonObject, Platform } from '../routes.js';
import { type EmulatorState, type EmulatorUser, moduleState } from '../state.js';

/** OpenIDs per page of `user/get`, `user/tag/get` and `tags/members/getblacklist`: 10 000, as the platform. */
export const USER_PAGE_SIZE = 10_000;
/** Openids one `user/info/batchget` call takes (40032 beyond). */
export const MAX_BATCHGET_USERS = 100;
/** Openids one `batchtagging`/`batchuntagging` call takes (40032 beyond). */
export const MAX_TAGGING_USERS = 50;
/** Openids one `batchblacklist`/`batchunblacklist` call takes (40032 beyond). */
export const MAX_BLACKLIST_USERS = 20;
/** Tags one account can create (45056 beyond); the built-in ones do not count. */
export const MAX_TAGS = 100;
/** Tags one user can have (45059 beyond). */
export const MAX_TAGS_PER_USER = 20;
/** Longest tag name, in UTF-8 bytes (45158 beyond). */
export const MAX_TAG_NAME_BYTES = 30;
/** A tag with more followers than this cannot be deleted (45057): untag them first. */
export const MAX_FANS_TO_DELETE_TAG = 100_000;
/** A remark must be shorter than this many UTF-8 bytes (40092 otherwise). */
export const REMARK_BYTES_LIMIT = 30;

/**
 * The built-in tags: 0 (untagged) and 1 (blacklist) are hidden, 2 (星标组, starred) is listed by
 * `tags/get` and can be given to users. None of them can be renamed or deleted (45058). They
 * live here, not in `state.tags`.
 */
export const SYSTEM_TAGS: Readonly<Record<number, string>> = { 0: '未分组', 1: '黑名单', 2: '星标组' };
/** The built-in tags that are listed and can be given to users. */
const VISIBLE_SYSTEM_TAGS = [2] as const;
/** Ids of created tags start here, as on the platform (ids below are reserved). */
const FIRST_TAG_ID = 100;

/** What this module keeps in `state.modules.users`. */
export interface UsersModuleState {
  /** The last tag id handed out (ids are never reused). */
  lastTagId: number;
  /** Blacklisted openids, in the order they were blacklisted. */
  blacklist: string[];
}

function usersState(state: EmulatorState): UsersModuleState {
  const own = moduleState<UsersModuleState>(state, 'users', () => ({
    lastTagId: FIRST_TAG_ID - 1,
    blacklist: [],
  }));
  own.blacklist ??= [];
  return own;
}

/**
 * Whether the account has blacklisted `openid`: the platform then refuses to send that user
 * customer-service messages (43019, see `api/custom.ts`).
 */
export function isBlacklisted(platform: Platform, openid: string): boolean {
  return usersState(platform.state).blacklist.includes(openid);
}

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** The user with this openid, or undefined (hasOwn: `constructor` is not a user). */
function findUser(platform: Platform, openid: string): EmulatorUser | undefined {
  return Object.hasOwn(platform.state.users, openid) ? platform.state.users[openid] : undefined;
}

/** A required openid string: 41009 when absent or empty, 47001 when not a string. */
function openidField(value: Json | undefined): string {
  if (value === undefined || value === '') throw new PlatformError(41009);
  if (typeof value !== 'string') throw new PlatformError(47001);
  return value;
}

/** A tag id: an integer, or a string of digits as some SDKs send it; 47001 otherwise. */
function tagIdField(value: Json | undefined): number {
  if (value === undefined || value === '') throw new PlatformError(45159);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
  throw new PlatformError(47001);
}

/** A tag name: 45157 when empty, 45158 past 30 bytes, 47001 when not a string. */
function tagNameField(value: Json | undefined): string {
  if (value === undefined || value === '') throw new PlatformError(45157);
  if (typeof value !== 'string') throw new PlatformError(47001);
  if (bytes(value) > MAX_TAG_NAME_BYTES) throw new PlatformError(45158);
  return value;
}

/** Every tag of the account by id, the listed built-in one first. */
function allTags(platform: Platform): Map<number, string> {
  const tags = new Map<number, string>();
  for (const id of VISIBLE_SYSTEM_TAGS) tags.set(id, SYSTEM_TAGS[id] ?? '');
  for (const tag of Object.values(platform.state.tags ?? {})) tags.set(tag.id, tag.name);
  return tags;
}

/** A tag that can be given to users: an existing created tag or tag 2; 45159 otherwise. */
function existingTag(platform: Platform, id: number): number {
  if (!allTags(platform).has(id)) throw new PlatformError(45159);
  return id;
}

/** A created tag that may be renamed or deleted: 45058 for a built-in one, 45159 unknown. */
function editableTag(platform: Platform, id: number): { id: number; name: string } {
  if (Object.hasOwn(SYSTEM_TAGS, id)) throw new PlatformError(45058);
  const key = String(id);
  const tag = Object.hasOwn(platform.state.tags ?? {}, key) ? platform.state.tags?.[key] : undefined;
  if (tag === undefined) throw new PlatformError(45159);
  return tag;
}

/** 45157 when another tag (built-in ones included) already has this name. */
function checkUniqueName(platform: Platform, name: string, except?: number): void {
  for (const [id, existing] of allTags(platform)) {
    if (existing === name && id !== except) throw new PlatformError(45157);
  }
}

/** The `tag` object of a tags/* body (47001 when absent or not an object). */
function tagObject(body: JsonObject | undefined): JsonObject {
  const tag = body?.tag;
  if (!isObject(tag)) throw new PlatformError(47001);
  return tag;
}

/** Followers of the account with this tag. */
function fansOf(platform: Platform, tagId: number): EmulatorUser[] {
  return Object.values(platform.state.users).filter((u) => u.subscribed && (u.tagids ?? []).includes(tagId));
}

/**
 * An `openid_list` of a batch call: 40032 when empty or longer than `max`, 47001 when not a
 * list of strings, 49003 when an openid is not a user of this account.
 */
function openidList(platform: Platform, value: Json | undefined, max: number): EmulatorUser[] {
  if (value === undefined) throw new PlatformError(40032);
  if (!Array.isArray(value)) throw new PlatformError(47001);
  if (value.length === 0 || value.length > max) throw new PlatformError(40032);
  const users: EmulatorUser[] = [];
  for (const openid of value) {
    if (typeof openid !== 'string') throw new PlatformError(47001);
    const user = findUser(platform, openid);
    if (user === undefined) throw new PlatformError(49003);
    if (!users.includes(user)) users.push(user);
  }
  return users;
}

/**
 * One page of openids after `next` (exclusive): `count`, `data.openid` (absent when empty) and
 * `next_openid` (the last openid of the page, `""` once nothing follows). An unknown `next` is
 * 40003. `openids` are in the order of `state.users` (the order users were created), so a
 * cursor whose user has left the list since (unfollowed, untagged) still marks a position.
 */
function page(platform: Platform, openids: readonly string[], next: Json | undefined): JsonObject {
  if (next !== undefined && typeof next !== 'string') throw new PlatformError(47001);
  let start = 0;
  if (next !== undefined && next !== '') {
    if (findUser(platform, next) === undefined) throw new PlatformError(40003);
    start = openids.indexOf(next) + 1;
    if (start === 0) {
      const position = new Map(Object.keys(platform.state.users).map((openid, i) => [openid, i]));
      const cursor = position.get(next) ?? -1;
      start = openids.findIndex((openid) => (position.get(openid) ?? -1) > cursor);
      if (start === -1) start = openids.length;
    }
  }
  const slice = openids.slice(start, start + USER_PAGE_SIZE);
  if (slice.length === 0) return { count: 0, next_openid: '' };
  return { count: slice.length, data: { openid: slice }, next_openid: slice[slice.length - 1] ?? '' };
}

/** Openids of the followers that `keep` accepts, in the order of `state.users`. */
function followerOpenids(platform: Platform, keep: (user: EmulatorUser) => boolean): string[] {
  return Object.values(platform.state.users)
    .filter((u) => u.subscribed && keep(u))
    .map((u) => u.openid);
}

/**
 * The user's UnionID when the account is bound to an open platform (`app.openPlatformId`), else
 * undefined. A user created before the binding gets one now, derived from the open platform and
 * the openid, and keeps it.
 */
function unionidOf(platform: Platform, user: EmulatorUser): string | undefined {
  const { openPlatformId } = platform.state.app;
  if (openPlatformId === undefined) return undefined;
  if (user.unionid === undefined) {
    const digest = createHash('sha256').update(`${openPlatformId}:${user.openid}`).digest('base64url');
    user.unionid = `o${digest.slice(0, 27)}`;
    platform.changed();
  }
  return user.unionid;
}

/**
 * What `user/info` answers: the full profile of a follower (the fields the platform still
 * sends since 2021-12-27: no nickname or avatar), only `subscribe`, `openid` and `unionid` for
 * a user who does not follow the account.
 */
export function userInfo(platform: Platform, user: EmulatorUser): JsonObject {
  const unionid = unionidOf(platform, user);
  const union = unionid === undefined ? {} : { unionid };
  if (!user.subscribed) return { subscribe: 0, openid: user.openid, ...union };
  return {
    subscribe: 1,
    openid: user.openid,
    language: 'zh_CN',
    subscribe_time: user.subscribeTime,
    ...union,
    remark: user.remark ?? '',
    groupid: 0,
    tagid_list: [...(user.tagids ?? [])],
    subscribe_scene: 'ADD_SCENE_OTHERS',
    qr_scene: 0,
    qr_scene_str: '',
  };
}

function ok(): JsonObject {
  return { errcode: 0, errmsg: 'ok' };
}

const userRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/cgi-bin/user/info',
    handle({ query, platform }) {
      const openid = query.get('openid');
      if (openid === null || openid === '') throw new PlatformError(41009);
      return userInfo(platform, platform.user(openid));
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/user/info/batchget',
    handle({ body, platform }) {
      const list = body?.user_list;
      if (list === undefined) throw new PlatformError(40032);
      if (!Array.isArray(list)) throw new PlatformError(47001);
      if (list.length === 0 || list.length > MAX_BATCHGET_USERS) throw new PlatformError(40032);
      const users = list.map((entry) => {
        if (!isObject(entry)) throw new PlatformError(47001);
        if (entry.lang !== undefined && typeof entry.lang !== 'string') throw new PlatformError(47001);
        return platform.user(openidField(entry.openid));
      });
      return { user_info_list: users.map((user) => userInfo(platform, user)) };
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/user/get',
    handle({ query, platform }) {
      const openids = followerOpenids(platform, () => true);
      return { total: openids.length, ...page(platform, openids, query.get('next_openid') ?? undefined) };
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/user/info/updateremark',
    handle({ body, platform }) {
      if (platform.state.app.accountType !== 'service') throw new PlatformError(48001);
      const user = platform.user(openidField(body?.openid));
      const remark = body?.remark;
      if (typeof remark !== 'string') throw new PlatformError(47001);
      if (bytes(remark) >= REMARK_BYTES_LIMIT) throw new PlatformError(40092);
      if (remark === '') delete user.remark;
      else user.remark = remark;
      platform.changed();
      return ok();
    },
  },
];

const tagRoutes: ApiRoute[] = [
  {
    method: 'POST',
    path: '/cgi-bin/tags/create',
    handle({ body, platform }) {
      const name = tagNameField(tagObject(body).name);
      checkUniqueName(platform, name);
      const tags = platform.state.tags ?? {};
      const created = Object.values(tags).filter((t) => !Object.hasOwn(SYSTEM_TAGS, t.id));
      if (created.length >= MAX_TAGS) throw new PlatformError(45056);
      const own = usersState(platform.state);
      const id = Math.max(own.lastTagId, ...created.map((t) => t.id)) + 1;
      own.lastTagId = id;
      tags[String(id)] = { id, name };
      platform.state.tags = tags;
      platform.changed();
      return { tag: { id, name } };
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/tags/get',
    handle({ platform }) {
      const tags = [...allTags(platform)].map(([id, name]) => ({
        id,
        name,
        count: fansOf(platform, id).length,
      }));
      return { tags };
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/tags/update',
    handle({ body, platform }) {
      const fields = tagObject(body);
      const tag = editableTag(platform, tagIdField(fields.id));
      const name = tagNameField(fields.name);
      checkUniqueName(platform, name, tag.id);
      tag.name = name;
      platform.changed();
      return ok();
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/tags/delete',
    handle({ body, platform }) {
      const tag = editableTag(platform, tagIdField(tagObject(body).id));
      if (fansOf(platform, tag.id).length > MAX_FANS_TO_DELETE_TAG) throw new PlatformError(45057);
      for (const user of Object.values(platform.state.users)) {
        if (user.tagids?.includes(tag.id)) user.tagids = user.tagids.filter((id) => id !== tag.id);
      }
      delete platform.state.tags?.[String(tag.id)];
      platform.changed();
      return ok();
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/user/tag/get',
    handle({ body, platform }) {
      const tagId = existingTag(platform, tagIdField(body?.tagid));
      const openids = followerOpenids(platform, (u) => (u.tagids ?? []).includes(tagId));
      return page(platform, openids, body?.next_openid);
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/tags/members/batchtagging',
    handle({ body, platform }) {
      const users = openidList(platform, body?.openid_list, MAX_TAGGING_USERS);
      const tagId = existingTag(platform, tagIdField(body?.tagid));
      const adding = users.filter((u) => !(u.tagids ?? []).includes(tagId));
      // All or nothing: one user with too many tags refuses the whole call.
      if (adding.some((u) => (u.tagids ?? []).length >= MAX_TAGS_PER_USER)) throw new PlatformError(45059);
      for (const user of adding) user.tagids = [...(user.tagids ?? []), tagId];
      platform.changed();
      return ok();
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/tags/members/batchuntagging',
    handle({ body, platform }) {
      const users = openidList(platform, body?.openid_list, MAX_TAGGING_USERS);
      const tagId = existingTag(platform, tagIdField(body?.tagid));
      for (const user of users) {
        if (user.tagids?.includes(tagId)) user.tagids = user.tagids.filter((id) => id !== tagId);
      }
      platform.changed();
      return ok();
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/tags/getidlist',
    handle({ body, platform }) {
      const user = platform.user(openidField(body?.openid));
      return { tagid_list: [...(user.tagids ?? [])] };
    },
  },
];

const blacklistRoutes: ApiRoute[] = [
  {
    method: 'POST',
    path: '/cgi-bin/tags/members/getblacklist',
    body: 'optional-json',
    handle({ body, platform }) {
      const { blacklist } = usersState(platform.state);
      const listed = blacklist.filter((openid) => findUser(platform, openid) !== undefined);
      const begin = body?.begin_openid;
      if (begin !== undefined && typeof begin !== 'string') throw new PlatformError(47001);
      let start = 0;
      if (begin !== undefined && begin !== '') {
        start = listed.indexOf(begin) + 1;
        if (start === 0) throw new PlatformError(40003);
      }
      const slice = listed.slice(start, start + USER_PAGE_SIZE);
      const rest =
        slice.length === 0
          ? { count: 0, next_openid: '' }
          : { count: slice.length, data: { openid: slice }, next_openid: slice[slice.length - 1] ?? '' };
      return { total: listed.length, ...rest };
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/tags/members/batchblacklist',
    handle({ body, platform }) {
      const users = openidList(platform, body?.openid_list, MAX_BLACKLIST_USERS);
      const own = usersState(platform.state);
      for (const user of users) if (!own.blacklist.includes(user.openid)) own.blacklist.push(user.openid);
      platform.changed();
      return ok();
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/tags/members/batchunblacklist',
    handle({ body, platform }) {
      const users = openidList(platform, body?.openid_list, MAX_BLACKLIST_USERS);
      const own = usersState(platform.state);
      const removed = new Set(users.map((u) => u.openid));
      own.blacklist = own.blacklist.filter((openid) => !removed.has(openid));
      platform.changed();
      return ok();
    },
  },
];

/**
 * Users (用户管理): profiles, follower lists, remarks, tags (标签) and the blacklist.
 *
 * - `GET user/info?openid=&lang=`: the follower's profile (see {@link userInfo}); `unionid`
 *   only when the account is bound to an open platform (`openPlatformId`). 41009 no openid,
 *   40003 unknown openid.
 * - `POST user/info/batchget` `{ user_list: [{ openid, lang? }] }`: 1–100 users (40032
 *   otherwise), 40003 when one is unknown.
 * - `GET user/get?next_openid=`: followers in the order they were created, 10 000 a page
 *   ({@link USER_PAGE_SIZE}): `total`, `count`, `data.openid`, `next_openid` = the last openid of
 *   the page; past the end `count: 0`, no `data`, `next_openid: ""`. 40003 unknown next_openid.
 * - `POST user/info/updateremark` `{ openid, remark }`: remark shorter than 30 UTF-8 bytes
 *   (40092 otherwise); `""` clears it; 48001 for a subscription account (service accounts only).
 * - Tags: `tags/create` (45157 empty or duplicate name, 45158 name over 30 bytes, 45056 past 100
 *   tags; ids from 100), `tags/get` (with each tag's follower `count`; built-in tag 2 星标组
 *   listed first), `tags/update` and `tags/delete` (45058 built-in 0/1/2, 45159 unknown id, 45057
 *   a tag of more than 100 000 followers), `user/tag/get` `{ tagid, next_openid }` (paged as
 *   user/get), `tags/members/batchtagging` / `batchuntagging` `{ openid_list, tagid }` (40032
 *   empty or over 50, 49003 an openid not of this account, 45159 unknown tag or 0/1, 45059 a user
 *   would get more than 20 tags), `tags/getidlist` `{ openid }`.
 * - Blacklist: `tags/members/getblacklist` `{ begin_openid }` (paged), `batchblacklist` /
 *   `batchunblacklist` `{ openid_list }` (40032 empty or over 20, 49003 unknown openid). The
 *   blacklist is kept apart from tags; blacklisted users still follow, but customer-service
 *   messages to them fail with 43019 until they are unblacklisted ({@link isBlacklisted}).
 *
 * Tags are written to `state.tags` (created ones only) and `user.tagids`.
 */
export const usersModule: EmulatorModule = { api: [...userRoutes, ...tagRoutes, ...blacklistRoutes] };
