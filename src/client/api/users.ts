import type { WeChatClient } from '../client.js';

/** Openids one `user/info/batchget` call takes; {@link UsersApi.batchGet} splits longer lists. */
export const USERS_PER_BATCHGET = 100;
/** Openids one tagging call takes; {@link UserTagsApi.tagUsers} splits longer lists. */
export const USERS_PER_TAGGING = 50;
/** Openids one blacklist call takes; {@link UserBlacklistApi.add} splits longer lists. */
export const USERS_PER_BLACKLISTING = 20;

/** The language of the profile's place names: simplified or traditional Chinese, English. */
export type UserInfoLang = 'zh_CN' | 'zh_TW' | 'en';

/** How a user came to follow the account (`subscribe_scene`). */
export type SubscribeScene =
  | 'ADD_SCENE_SEARCH'
  | 'ADD_SCENE_ACCOUNT_MIGRATION'
  | 'ADD_SCENE_PROFILE_CARD'
  | 'ADD_SCENE_QR_CODE'
  | 'ADD_SCENE_PROFILE_LINK'
  | 'ADD_SCENE_PROFILE_ITEM'
  | 'ADD_SCENE_PAID'
  | 'ADD_SCENE_WECHAT_ADVERTISEMENT'
  | 'ADD_SCENE_REPRINT'
  | 'ADD_SCENE_LIVESTREAM'
  | 'ADD_SCENE_CHANNELS'
  | 'ADD_SCENE_OTHERS'
  | (string & {});

/**
 * The profile of a user who follows the account (`user/info`). Since 2021-12-27 the platform no
 * longer gives nickname or avatar: where it still sends those keys they are empty.
 */
export interface SubscribedUserInfo {
  /** 1: the user follows the account. */
  readonly subscribe: 1;
  /** The user's OpenID for this account. */
  readonly openid: string;
  /** The user's language, e.g. `zh_CN`. */
  readonly language: string;
  /** When the user last followed (Unix seconds). */
  readonly subscribe_time: number;
  /** The UnionID, present only when the account is bound to an open-platform account. */
  readonly unionid?: string;
  /** The account's remark (备注名) for the user; `""` when none. */
  readonly remark: string;
  /** Legacy group id (superseded by tags). */
  readonly groupid: number;
  /** Ids of the user's tags. */
  readonly tagid_list: readonly number[];
  /** How the user came to follow. */
  readonly subscribe_scene: SubscribeScene;
  /** The QR-code scene id, when `subscribe_scene` is `ADD_SCENE_QR_CODE`. */
  readonly qr_scene: number;
  /** The QR-code scene string, when `subscribe_scene` is `ADD_SCENE_QR_CODE`. */
  readonly qr_scene_str: string;
  /** No longer given (empty when present). */
  readonly nickname?: string;
  /** No longer given (empty when present). */
  readonly headimgurl?: string;
  /** No longer given (0 when present). */
  readonly sex?: number;
  /** No longer given (empty when present). */
  readonly city?: string;
  /** No longer given (empty when present). */
  readonly province?: string;
  /** No longer given (empty when present). */
  readonly country?: string;
}

/** What `user/info` gives for a user who does not (or no longer) follow the account. */
export interface UnsubscribedUserInfo {
  /** 0: the user does not follow the account. */
  readonly subscribe: 0;
  /** The user's OpenID for this account. */
  readonly openid: string;
  /** The UnionID, present only when the account is bound to an open-platform account. */
  readonly unionid?: string;
}

/** A user's profile: narrow on `subscribe` (1 follows, 0 does not). */
export type FollowerInfo = SubscribedUserInfo | UnsubscribedUserInfo;

/** One user of a {@link UsersApi.batchGet} call: an openid, or an openid with its own `lang`. */
export type BatchGetUser = string | { readonly openid: string; readonly lang?: UserInfoLang };

/** A page of openids (`user/tag/get`). `data` is absent on an empty page. */
export interface OpenidPage {
  /** Openids on this page. */
  readonly count: number;
  /** The openids. */
  readonly data?: { readonly openid: readonly string[] };
  /** The last openid of this page, to pass for the next one; `""` when nothing follows. */
  readonly next_openid: string;
}

/** A page of followers (`user/get`), 10 000 at most. */
export interface FollowerPage extends OpenidPage {
  /** How many users follow the account. */
  readonly total: number;
}

/** A tag (标签) as `tags/get` lists it. */
export interface UserTag {
  /** The tag's id: 2 is the built-in 星标组, created tags start at 100. */
  readonly id: number;
  /** Its name (at most 30 UTF-8 bytes). */
  readonly name: string;
  /** How many followers have it. */
  readonly count: number;
}

/** Follows `next_openid` from page to page until a page comes back empty. */
async function* walk<P extends OpenidPage>(
  fetchPage: (next: string) => Promise<P>,
  start = '',
): AsyncGenerator<P, void, undefined> {
  let next = start;
  for (;;) {
    const page = await fetchPage(next);
    const openids = page.data?.openid ?? [];
    if (page.count === 0 || openids.length === 0) return;
    yield page;
    // A page that hands back the cursor it was given would loop forever.
    if (page.next_openid === '' || page.next_openid === next) return;
    next = page.next_openid;
  }
}

async function* openidsOf(pages: AsyncIterable<OpenidPage>): AsyncGenerator<string, void, undefined> {
  for await (const page of pages) yield* page.data?.openid ?? [];
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Tags (标签): up to 100 per account, 20 per user. Built-in tags 0, 1 and 2 (星标组) cannot be
 * renamed or deleted (45058).
 */
export class UserTagsApi {
  readonly #client: WeChatClient;

  /** @param client - the client these calls go through. */
  constructor(client: WeChatClient) {
    this.#client = client;
  }

  /**
   * Creates a tag (`tags/create`) and returns it. 45157 empty or already used name, 45158 a
   * name over 30 UTF-8 bytes, 45056 the account already has 100 tags.
   */
  async create(name: string): Promise<{ readonly id: number; readonly name: string }> {
    const { tag } = await this.#client.request<{ tag: { id: number; name: string } }>(
      'POST',
      '/cgi-bin/tags/create',
      { json: { tag: { name } } },
    );
    return tag;
  }

  /** Every tag of the account with its follower count (`tags/get`). */
  async list(): Promise<UserTag[]> {
    const { tags } = await this.#client.request<{ tags?: UserTag[] }>('GET', '/cgi-bin/tags/get');
    return tags ?? [];
  }

  /** Renames a tag (`tags/update`). 45058 built-in tag, 45159 unknown id, 45157/45158 as create. */
  async update(id: number, name: string): Promise<void> {
    await this.#client.request('POST', '/cgi-bin/tags/update', {
      json: { tag: { id, name } },
      idempotent: true,
    });
  }

  /**
   * Deletes a tag and takes it off every user (`tags/delete`). 45058 built-in tag, 45159 unknown
   * id, 45057 the tag has more than 100 000 followers (untag some first).
   */
  async delete(id: number): Promise<void> {
    await this.#client.request('POST', '/cgi-bin/tags/delete', { json: { tag: { id } }, idempotent: true });
  }

  /**
   * Gives a tag to users (`tags/members/batchtagging`), 50 per call: a longer list is sent in
   * several calls, one after the other. If one fails, the calls before it stay applied; tagging
   * twice is harmless, so the whole call can be repeated. 45059 a user would have more than 20
   * tags, 45159 unknown tag, 49003 an openid not of this account.
   */
  async tagUsers(tagId: number, openids: readonly string[]): Promise<void> {
    for (const chunk of chunks(openids, USERS_PER_TAGGING)) {
      await this.#client.request('POST', '/cgi-bin/tags/members/batchtagging', {
        json: { openid_list: chunk, tagid: tagId },
        idempotent: true,
      });
    }
  }

  /** Takes a tag off users (`tags/members/batchuntagging`), 50 per call, as {@link tagUsers}. */
  async untagUsers(tagId: number, openids: readonly string[]): Promise<void> {
    for (const chunk of chunks(openids, USERS_PER_TAGGING)) {
      await this.#client.request('POST', '/cgi-bin/tags/members/batchuntagging', {
        json: { openid_list: chunk, tagid: tagId },
        idempotent: true,
      });
    }
  }

  /** The ids of a user's tags (`tags/getidlist`). */
  async tagsOf(openid: string): Promise<number[]> {
    const { tagid_list } = await this.#client.request<{ tagid_list?: number[] }>(
      'POST',
      '/cgi-bin/tags/getidlist',
      { json: { openid }, idempotent: true },
    );
    return tagid_list ?? [];
  }

  /** One page of the followers with a tag (`user/tag/get`), after `nextOpenid`. */
  usersWithTag(tagId: number, nextOpenid = ''): Promise<OpenidPage> {
    return this.#client.request<OpenidPage>('POST', '/cgi-bin/user/tag/get', {
      json: { tagid: tagId, next_openid: nextOpenid },
      idempotent: true,
    });
  }

  /** Every follower with a tag, page after page: `for await (const openid of tags.iterateUsersWithTag(id))`. */
  iterateUsersWithTag(tagId: number): AsyncGenerator<string, void, undefined> {
    return openidsOf(walk((next) => this.usersWithTag(tagId, next)));
  }
}

/** The blacklist (黑名单): blocked users can no longer message the account. Verified accounts only. */
export class UserBlacklistApi {
  readonly #client: WeChatClient;

  /** @param client - the client these calls go through. */
  constructor(client: WeChatClient) {
    this.#client = client;
  }

  /** One page of blacklisted openids (`tags/members/getblacklist`), after `beginOpenid`. */
  list(beginOpenid = ''): Promise<FollowerPage> {
    return this.#client.request<FollowerPage>('POST', '/cgi-bin/tags/members/getblacklist', {
      json: { begin_openid: beginOpenid },
      idempotent: true,
    });
  }

  /** Every blacklisted openid, page after page. */
  iterate(): AsyncGenerator<string, void, undefined> {
    return openidsOf(walk((next) => this.list(next)));
  }

  /** Blacklists users (`tags/members/batchblacklist`), 20 per call: longer lists take several. */
  async add(openids: readonly string[]): Promise<void> {
    for (const chunk of chunks(openids, USERS_PER_BLACKLISTING)) {
      await this.#client.request('POST', '/cgi-bin/tags/members/batchblacklist', {
        json: { openid_list: chunk },
        idempotent: true,
      });
    }
  }

  /** Takes users off the blacklist (`tags/members/batchunblacklist`), 20 per call. */
  async remove(openids: readonly string[]): Promise<void> {
    for (const chunk of chunks(openids, USERS_PER_BLACKLISTING)) {
      await this.#client.request('POST', '/cgi-bin/tags/members/batchunblacklist', {
        json: { openid_list: chunk },
        idempotent: true,
      });
    }
  }
}

/**
 * Users (用户管理): profiles (with the UnionID when the account is bound to an open platform),
 * the follower list, remarks, tags and the blacklist.
 *
 * @example
 * ```ts
 * const info = await client.users.get(openid);
 * if (info.subscribe === 1) console.log(info.subscribe_time, info.tagid_list);
 * for await (const openid of client.users.iterate()) console.log(openid);
 * ```
 */
export class UsersApi implements AsyncIterable<string> {
  readonly #client: WeChatClient;
  /** Tags: create, list, rename, delete, and tag or untag users. */
  readonly tags: UserTagsApi;
  /** The blacklist. */
  readonly blacklist: UserBlacklistApi;

  /** @param client - the client these calls go through. */
  constructor(client: WeChatClient) {
    this.#client = client;
    this.tags = new UserTagsApi(client);
    this.blacklist = new UserBlacklistApi(client);
  }

  /** The client, for subclasses and tests. */
  protected get client(): WeChatClient {
    return this.#client;
  }

  /**
   * A user's profile (`user/info`): narrow on `subscribe`, since a user who does not follow the
   * account only has `openid` (and `unionid`). 40003 unknown openid.
   */
  get(openid: string, lang?: UserInfoLang): Promise<FollowerInfo> {
    return this.#client.request<FollowerInfo>('GET', '/cgi-bin/user/info', {
      query: { openid, ...(lang === undefined ? {} : { lang }) },
    });
  }

  /**
   * Profiles of several users (`user/info/batchget`), in the order asked. The platform takes 100
   * per call: a longer list is fetched in several calls, one after the other. An empty list
   * makes no call. One unknown openid fails its whole call (40003).
   */
  async batchGet(users: readonly BatchGetUser[], lang?: UserInfoLang): Promise<FollowerInfo[]> {
    const out: FollowerInfo[] = [];
    for (const chunk of chunks(users, USERS_PER_BATCHGET)) {
      const user_list = chunk.map((user) => {
        const entry = typeof user === 'string' ? { openid: user } : user;
        const chosen = entry.lang ?? lang;
        return chosen === undefined ? { openid: entry.openid } : { openid: entry.openid, lang: chosen };
      });
      const { user_info_list } = await this.#client.request<{ user_info_list?: FollowerInfo[] }>(
        'POST',
        '/cgi-bin/user/info/batchget',
        { json: { user_list }, idempotent: true },
      );
      out.push(...(user_info_list ?? []));
    }
    return out;
  }

  /**
   * One page of followers (`user/get`): up to 10 000 openids after `nextOpenid`. Pass the page's
   * `next_openid` for the next one; past the end `count` is 0. Most code wants {@link iterate}.
   */
  list(nextOpenid = ''): Promise<FollowerPage> {
    return this.#client.request<FollowerPage>('GET', '/cgi-bin/user/get', {
      query: nextOpenid === '' ? {} : { next_openid: nextOpenid },
    });
  }

  /** Every page of followers, from the first (or after `startAfter`) to the last. */
  pages(startAfter = ''): AsyncGenerator<FollowerPage, void, undefined> {
    return walk((next) => this.list(next), startAfter);
  }

  /**
   * Every follower's openid, fetching pages as the loop goes (one `user/get` call per 10 000,
   * plus one to see the end): `for await (const openid of client.users.iterate()) …`.
   */
  iterate(startAfter = ''): AsyncGenerator<string, void, undefined> {
    return openidsOf(this.pages(startAfter));
  }

  /** `for await (const openid of client.users)`: the same as {@link iterate}. */
  [Symbol.asyncIterator](): AsyncGenerator<string, void, undefined> {
    return this.iterate();
  }

  /** Every follower's openid in one array (memory grows with the account: prefer {@link iterate}). */
  async all(): Promise<string[]> {
    const out: string[] = [];
    for await (const openid of this.iterate()) out.push(openid);
    return out;
  }

  /**
   * Sets the remark (备注名) the account shows for a user (`user/info/updateremark`); `""`
   * clears it. The remark must be shorter than 30 UTF-8 bytes (40092). Verified service
   * accounts only (48001).
   */
  async updateRemark(openid: string, remark: string): Promise<void> {
    await this.#client.request('POST', '/cgi-bin/user/info/updateremark', {
      json: { openid, remark },
      idempotent: true,
    });
  }
}
