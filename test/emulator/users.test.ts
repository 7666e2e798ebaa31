import { describe, expect, test } from 'vitest';
import {
  MAX_FANS_TO_DELETE_TAG,
  MAX_TAGS,
  MAX_TAGS_PER_USER,
  USER_PAGE_SIZE,
} from '../../src/emulator/api/users.js';
import type { EmulatorOptions, EmulatorUser } from '../../src/emulator.js';
import { type ApiBody, type EmulatorHarness, emulatorPerTest, expectError } from './helpers.js';

const start = emulatorPerTest();

/** An emulator with a token and helpers for the users API. */
class Account {
  constructor(
    readonly harness: EmulatorHarness,
    readonly token: string,
  ) {}

  get state() {
    return this.harness.emulator.state;
  }

  get(path: string, query: Record<string, string> = {}): Promise<ApiBody> {
    return this.harness.get(path, { ...query, access_token: this.token });
  }

  post(path: string, body: object | string): Promise<ApiBody> {
    return this.harness.post(path, body, { access_token: this.token });
  }

  async createUser(openid: string, extra: object = {}): Promise<EmulatorUser> {
    const { status, body } = await this.harness.control<EmulatorUser>('POST', '/emulator/users', {
      openid,
      ...extra,
    });
    expect(status).toBe(200);
    return body;
  }

  /** Users straight into the state, for lists too long to create over HTTP. */
  addUsers(count: number, prefix = 'oBulk', fields: Partial<EmulatorUser> = {}): string[] {
    const openids: string[] = [];
    for (let i = 0; i < count; i++) {
      const openid = `${prefix}${String(i).padStart(6, '0')}`;
      this.state.users[openid] = {
        openid,
        nickname: openid,
        subscribed: true,
        subscribeTime: 1_700_000_000 + i,
        lastInteraction: 0,
        ...fields,
      };
      openids.push(openid);
    }
    return openids;
  }

  info(openid: string): Promise<ApiBody> {
    return this.get('/cgi-bin/user/info', { openid, lang: 'zh_CN' });
  }

  list(nextOpenid?: string): Promise<ApiBody> {
    return this.get('/cgi-bin/user/get', nextOpenid === undefined ? {} : { next_openid: nextOpenid });
  }

  async createTag(name: string): Promise<number> {
    const body = await this.post('/cgi-bin/tags/create', { tag: { name } });
    expect(body.errcode).toBeUndefined();
    return (body.tag as { id: number }).id;
  }

  tag(tagid: number | string, openids: readonly string[]): Promise<ApiBody> {
    return this.post('/cgi-bin/tags/members/batchtagging', { openid_list: openids, tagid });
  }

  untag(tagid: number, openids: readonly string[]): Promise<ApiBody> {
    return this.post('/cgi-bin/tags/members/batchuntagging', { openid_list: openids, tagid });
  }

  async tagsOf(openid: string): Promise<number[]> {
    const body = await this.post('/cgi-bin/tags/getidlist', { openid });
    expect(body.errcode).toBeUndefined();
    return body.tagid_list as number[];
  }

  async tags(): Promise<{ id: number; name: string; count: number }[]> {
    const body = await this.get('/cgi-bin/tags/get');
    return body.tags as { id: number; name: string; count: number }[];
  }
}

async function account(options: EmulatorOptions = {}): Promise<Account> {
  const harness = await start(options);
  return new Account(harness, await harness.accessToken());
}

const OK = { errcode: 0, errmsg: 'ok' };

describe('user/info', () => {
  test('a follower: every documented field, no unionid without an open platform', async () => {
    const a = await account();
    const created = await a.createUser('oAlice');
    const body = await a.info('oAlice');
    expect(body).toEqual({
      subscribe: 1,
      openid: 'oAlice',
      language: 'zh_CN',
      subscribe_time: created.subscribeTime,
      remark: '',
      groupid: 0,
      tagid_list: [],
      subscribe_scene: 'ADD_SCENE_OTHERS',
      qr_scene: 0,
      qr_scene_str: '',
    });
    expect(created.subscribeTime).toBeGreaterThan(0);
  });

  test('with openPlatformId the unionid is the one the user was created with', async () => {
    const a = await account({ openPlatformId: 'open-123' });
    const created = await a.createUser('oBob');
    expect(created.unionid).toMatch(/^o[\w-]{27}$/);
    const body = await a.info('oBob');
    expect(body.unionid).toBe(created.unionid);
    expect(Object.keys(body)).toEqual([
      'subscribe',
      'openid',
      'language',
      'subscribe_time',
      'unionid',
      'remark',
      'groupid',
      'tagid_list',
      'subscribe_scene',
      'qr_scene',
      'qr_scene_str',
    ]);
  });

  test('a user created without a unionid gets a stable one once the account is bound', async () => {
    const a = await account({ openPlatformId: 'open-123' });
    a.addUsers(1, 'oDirect');
    const first = await a.info('oDirect000000');
    expect(first.unionid).toMatch(/^o[\w-]{27}$/);
    expect((await a.info('oDirect000000')).unionid).toBe(first.unionid);
    expect(a.state.users.oDirect000000?.unionid).toBe(first.unionid);
  });

  test('a user who does not follow: only subscribe 0 and openid (plus unionid when bound)', async () => {
    const a = await account();
    await a.createUser('oGone', { subscribed: false });
    expect(await a.info('oGone')).toEqual({ subscribe: 0, openid: 'oGone' });

    const bound = await account({ openPlatformId: 'open-123' });
    const user = await bound.createUser('oGone', { subscribed: false });
    expect(await bound.info('oGone')).toEqual({ subscribe: 0, openid: 'oGone', unionid: user.unionid });
  });

  test('remark and tags show in the profile', async () => {
    const a = await account();
    await a.createUser('oAlice');
    const tag = await a.createTag('VIP');
    expect(await a.tag(tag, ['oAlice'])).toEqual(OK);
    expect(await a.post('/cgi-bin/user/info/updateremark', { openid: 'oAlice', remark: 'pangzi' })).toEqual(
      OK,
    );
    const body = await a.info('oAlice');
    expect(body.remark).toBe('pangzi');
    expect(body.tagid_list).toEqual([tag]);
  });

  test('41009 without openid, 40003 for an unknown one, 43002 for POST', async () => {
    const a = await account();
    expectError(await a.get('/cgi-bin/user/info'), 41009, 'missing openid');
    expectError(await a.info('oNobody'), 40003, 'invalid openid');
    expectError(await a.info('constructor'), 40003);
    expectError(await a.post('/cgi-bin/user/info?openid=oNobody', {}), 43001);
  });
});

describe('user/info/batchget', () => {
  test('profiles in the order asked, followers and not', async () => {
    const a = await account();
    await a.createUser('oA');
    await a.createUser('oB', { subscribed: false });
    const body = await a.post('/cgi-bin/user/info/batchget', {
      user_list: [{ openid: 'oB' }, { openid: 'oA', lang: 'en' }],
    });
    const list = body.user_info_list as ApiBody[];
    expect(list.map((u) => [u.openid, u.subscribe])).toEqual([
      ['oB', 0],
      ['oA', 1],
    ]);
    expect(list[1]).toEqual(await a.info('oA'));
  });

  test('1 to 100 users: 40032 for none or more; 40003 for an unknown one', async () => {
    const a = await account();
    const openids = a.addUsers(101);
    const list = (ids: string[]) => ({ user_list: ids.map((openid) => ({ openid })) });
    const hundred = await a.post('/cgi-bin/user/info/batchget', list(openids.slice(0, 100)));
    expect(hundred.user_info_list).toHaveLength(100);
    expectError(await a.post('/cgi-bin/user/info/batchget', list(openids)), 40032);
    expectError(await a.post('/cgi-bin/user/info/batchget', list([])), 40032);
    expectError(await a.post('/cgi-bin/user/info/batchget', {}), 40032);
    expectError(await a.post('/cgi-bin/user/info/batchget', list([openids[0] ?? '', 'oNobody'])), 40003);
  });

  test('malformed lists: 47001, and 41009 for an entry without openid', async () => {
    const a = await account();
    await a.createUser('oA');
    expectError(await a.post('/cgi-bin/user/info/batchget', { user_list: 'oA' }), 47001);
    expectError(await a.post('/cgi-bin/user/info/batchget', { user_list: ['oA'] }), 47001);
    expectError(await a.post('/cgi-bin/user/info/batchget', { user_list: [{ openid: 1 }] }), 47001);
    expectError(await a.post('/cgi-bin/user/info/batchget', { user_list: [{ lang: 'en' }] }), 41009);
    expectError(await a.post('/cgi-bin/user/info/batchget', ''), 44002);
  });
});

describe('user/get', () => {
  test('no followers: total 0, count 0, no data, next_openid ""', async () => {
    const a = await account();
    expect(await a.list()).toEqual({ total: 0, count: 0, next_openid: '' });
  });

  test('followers only, in the order they were created; then an empty page', async () => {
    const a = await account();
    for (const openid of ['oC', 'oA', 'oB']) await a.createUser(openid);
    await a.createUser('oLeft', { subscribed: false });
    const first = await a.list();
    expect(first).toEqual({ total: 3, count: 3, data: { openid: ['oC', 'oA', 'oB'] }, next_openid: 'oB' });
    expect(await a.list('oB')).toEqual({ total: 3, count: 0, next_openid: '' });
    expect(await a.list('oC')).toEqual({
      total: 3,
      count: 2,
      data: { openid: ['oA', 'oB'] },
      next_openid: 'oB',
    });
  });

  test(`${USER_PAGE_SIZE} openids a page, following next_openid to the end`, async () => {
    const a = await account();
    const openids = a.addUsers(2 * USER_PAGE_SIZE + 5);
    const seen: string[] = [];
    const counts: number[] = [];
    let next: string | undefined;
    for (;;) {
      const page = await a.list(next);
      expect(page.total).toBe(openids.length);
      counts.push(page.count as number);
      if (page.count === 0) {
        expect(page.data).toBeUndefined();
        expect(page.next_openid).toBe('');
        break;
      }
      const ids = (page.data as { openid: string[] }).openid;
      seen.push(...ids);
      expect(page.next_openid).toBe(ids[ids.length - 1]);
      next = page.next_openid as string;
    }
    expect(counts).toEqual([USER_PAGE_SIZE, USER_PAGE_SIZE, 5, 0]);
    expect(seen).toEqual(openids);
  });

  test('a cursor whose user unfollowed since still marks its place', async () => {
    const a = await account();
    for (const openid of ['o1', 'o2', 'o3', 'o4']) await a.createUser(openid);
    const user = a.state.users.o2;
    if (user !== undefined) user.subscribed = false;
    const page = await a.list('o2');
    expect(page.data).toEqual({ openid: ['o3', 'o4'] });
    expect(page.total).toBe(3);
  });

  test('40003 for a next_openid that is no user of the account', async () => {
    const a = await account();
    await a.createUser('oA');
    expectError(await a.list('oNobody'), 40003);
  });
});

describe('user/info/updateremark', () => {
  test('sets, replaces and clears the remark', async () => {
    const a = await account();
    await a.createUser('oA');
    const remark = (value: unknown) =>
      a.post('/cgi-bin/user/info/updateremark', { openid: 'oA', remark: value });
    expect(await remark('胖子')).toEqual(OK);
    expect(a.state.users.oA?.remark).toBe('胖子');
    expect(await remark('a'.repeat(29))).toEqual(OK);
    expect((await a.info('oA')).remark).toBe('a'.repeat(29));
    expect(await remark('')).toEqual(OK);
    expect(a.state.users.oA?.remark).toBeUndefined();
    expect((await a.info('oA')).remark).toBe('');
  });

  test('40092 at 30 UTF-8 bytes (ten Chinese characters), 47001 for a non-string', async () => {
    const a = await account();
    await a.createUser('oA');
    const remark = (value: unknown) =>
      a.post('/cgi-bin/user/info/updateremark', { openid: 'oA', remark: value });
    expectError(await remark('a'.repeat(30)), 40092, 'invalid remark name');
    expectError(await remark('一二三四五六七八九十'), 40092);
    expect(await remark('一二三四五六七八九')).toEqual(OK);
    expectError(await remark(5), 47001);
    expectError(await a.post('/cgi-bin/user/info/updateremark', { openid: 'oA' }), 47001);
  });

  test('40003 unknown openid, 41009 none, 48001 on a subscription account', async () => {
    const a = await account();
    expectError(await a.post('/cgi-bin/user/info/updateremark', { openid: 'oNobody', remark: 'x' }), 40003);
    expectError(await a.post('/cgi-bin/user/info/updateremark', { remark: 'x' }), 41009);
    const sub = await account({ accountType: 'subscription' });
    await sub.createUser('oA');
    expectError(await sub.post('/cgi-bin/user/info/updateremark', { openid: 'oA', remark: 'x' }), 48001);
  });
});

describe('tags', () => {
  test('create, list with counts, rename, delete', async () => {
    const a = await account();
    expect(await a.tags()).toEqual([{ id: 2, name: '星标组', count: 0 }]);
    const created = await a.post('/cgi-bin/tags/create', { tag: { name: '广东' } });
    expect(created).toEqual({ tag: { id: 100, name: '广东' } });
    const beijing = await a.createTag('北京');
    expect(beijing).toBe(101);
    expect(a.state.tags).toEqual({ '100': { id: 100, name: '广东' }, '101': { id: 101, name: '北京' } });

    await a.createUser('oA');
    await a.createUser('oB');
    await a.createUser('oGone', { subscribed: false });
    expect(await a.tag(100, ['oA', 'oB', 'oGone'])).toEqual(OK);
    expect(await a.tag(2, ['oA'])).toEqual(OK);
    expect(await a.tags()).toEqual([
      { id: 2, name: '星标组', count: 1 },
      { id: 100, name: '广东', count: 2 },
      { id: 101, name: '北京', count: 0 },
    ]);

    expect(await a.post('/cgi-bin/tags/update', { tag: { id: 100, name: '广东人' } })).toEqual(OK);
    expect(await a.post('/cgi-bin/tags/update', { tag: { id: 100, name: '广东人' } })).toEqual(OK);
    expect(a.state.tags?.['100']).toEqual({ id: 100, name: '广东人' });

    expect(await a.post('/cgi-bin/tags/delete', { tag: { id: 100 } })).toEqual(OK);
    expect(a.state.tags?.['100']).toBeUndefined();
    expect(a.state.users.oA?.tagids).toEqual([2]);
    expect(a.state.users.oGone?.tagids).toEqual([]);
    expect(await a.createTag('上海')).toBe(102); // ids are never reused
  });

  test('names: 45157 empty or taken (built-in names too), 45158 over 30 bytes, 47001 not a string', async () => {
    const a = await account();
    const create = (name: unknown) => a.post('/cgi-bin/tags/create', { tag: { name } });
    expectError(await create(''), 45157, 'invalid tag name');
    expectError(await create(undefined), 45157);
    await a.createTag('VIP');
    expectError(await create('VIP'), 45157);
    expectError(await create('星标组'), 45157);
    expectError(await create('一二三四五六七八九十a'), 45158, 'tag name too long');
    expectError(await create('x'.repeat(31)), 45158);
    expect(await a.createTag('一二三四五六七八九十')).toBeGreaterThanOrEqual(100);
    expectError(await create(7), 47001);
    expectError(await a.post('/cgi-bin/tags/create', { name: 'VIP' }), 47001);
    const id = await a.createTag('Other');
    expectError(await a.post('/cgi-bin/tags/update', { tag: { id, name: 'VIP' } }), 45157);
    expectError(await a.post('/cgi-bin/tags/update', { tag: { id, name: 'y'.repeat(31) } }), 45158);
  });

  test(`45056 past ${MAX_TAGS} tags`, async () => {
    const a = await account();
    for (let i = 0; i < MAX_TAGS; i++) await a.createTag(`tag${i}`);
    expectError(await a.post('/cgi-bin/tags/create', { tag: { name: 'one more' } }), 45056);
    expect(await a.tags()).toHaveLength(MAX_TAGS + 1);
  });

  test('built-in tags 0, 1, 2 cannot be changed (45058); unknown ids are 45159', async () => {
    const a = await account();
    for (const id of [0, 1, 2]) {
      expectError(await a.post('/cgi-bin/tags/update', { tag: { id, name: 'mine' } }), 45058);
      expectError(await a.post('/cgi-bin/tags/delete', { tag: { id } }), 45058, "can't modify sys tag");
    }
    expectError(await a.post('/cgi-bin/tags/update', { tag: { id: 999, name: 'x' } }), 45159);
    expectError(await a.post('/cgi-bin/tags/delete', { tag: { id: 999 } }), 45159, 'invalid tag id');
    expectError(await a.post('/cgi-bin/tags/delete', { tag: {} }), 45159);
    expectError(await a.post('/cgi-bin/tags/delete', { tag: { id: 1.5 } }), 47001);
    expectError(await a.post('/cgi-bin/tags/delete', { tag: 100 }), 47001);
    const id = await a.createTag('x');
    expect(await a.post('/cgi-bin/tags/delete', { tag: { id: String(id) } })).toEqual(OK);
  });

  test(`45057: a tag of more than ${MAX_FANS_TO_DELETE_TAG} followers cannot be deleted`, async () => {
    const a = await account();
    const id = await a.createTag('crowd');
    const openids = a.addUsers(MAX_FANS_TO_DELETE_TAG + 1, 'oFan', { tagids: [id] });
    expectError(await a.post('/cgi-bin/tags/delete', { tag: { id } }), 45057);
    expect(await a.untag(id, openids.slice(0, 1))).toEqual(OK);
    expect(await a.post('/cgi-bin/tags/delete', { tag: { id } })).toEqual(OK);
  });

  test('batchtagging and batchuntagging: getidlist and user.tagids follow', async () => {
    const a = await account();
    await a.createUser('oA');
    await a.createUser('oB');
    const x = await a.createTag('x');
    const y = await a.createTag('y');
    expect(await a.tag(x, ['oA', 'oB', 'oA'])).toEqual(OK);
    expect(await a.tag(y, ['oA'])).toEqual(OK);
    expect(await a.tag(x, ['oA'])).toEqual(OK); // already tagged: nothing changes
    expect(await a.tagsOf('oA')).toEqual([x, y]);
    expect(a.state.users.oA?.tagids).toEqual([x, y]);
    expect(await a.untag(x, ['oA', 'oB'])).toEqual(OK);
    expect(await a.tagsOf('oA')).toEqual([y]);
    expect(await a.tagsOf('oB')).toEqual([]);
    expect(await a.untag(x, ['oB'])).toEqual(OK); // not tagged: nothing changes
  });

  test('openid lists: 40032 empty or over 50, 49003 an openid of no user (nothing applied)', async () => {
    const a = await account();
    const openids = a.addUsers(51);
    const id = await a.createTag('x');
    expectError(await a.tag(id, openids), 40032, 'invalid openid list size');
    expectError(await a.tag(id, []), 40032);
    expectError(await a.post('/cgi-bin/tags/members/batchtagging', { tagid: id }), 40032);
    expectError(await a.post('/cgi-bin/tags/members/batchtagging', { tagid: id, openid_list: 'x' }), 47001);
    expectError(await a.tag(id, [openids[0] ?? '', 'oNobody']), 49003, 'not match openid with appid');
    expect(a.state.users[openids[0] ?? '']?.tagids).toBeUndefined();
    expect(await a.tag(id, openids.slice(0, 50))).toEqual(OK);
    expectError(await a.untag(id, openids), 40032);
    expectError(await a.untag(id, ['oNobody']), 49003);
  });

  test('tag ids: 45159 unknown or hidden built-in (0, 1), tag 2 can be given', async () => {
    const a = await account();
    await a.createUser('oA');
    expectError(await a.tag(999, ['oA']), 45159);
    expectError(await a.tag(0, ['oA']), 45159);
    expectError(await a.tag(1, ['oA']), 45159);
    expectError(await a.post('/cgi-bin/tags/members/batchtagging', { openid_list: ['oA'] }), 45159);
    expectError(await a.tag('abc', ['oA']), 47001);
    expect(await a.tag('2', ['oA'])).toEqual(OK);
    expect(await a.tagsOf('oA')).toEqual([2]);
  });

  test(`45059: a user has at most ${MAX_TAGS_PER_USER} tags`, async () => {
    const a = await account();
    await a.createUser('oA');
    await a.createUser('oB');
    const ids: number[] = [];
    for (let i = 0; i <= MAX_TAGS_PER_USER; i++) ids.push(await a.createTag(`t${i}`));
    for (const id of ids.slice(0, MAX_TAGS_PER_USER)) expect(await a.tag(id, ['oA'])).toEqual(OK);
    const last = ids[MAX_TAGS_PER_USER] ?? 0;
    expectError(await a.tag(last, ['oB', 'oA']), 45059, 'can not tagging one user too much');
    expect(a.state.users.oB?.tagids).toBeUndefined(); // all or nothing
    expect(await a.tag(ids[0] ?? 0, ['oA'])).toEqual(OK); // one it already has
    expect(await a.tagsOf('oA')).toHaveLength(MAX_TAGS_PER_USER);
  });

  test('getidlist: 40003 unknown openid, 41009 none', async () => {
    const a = await account();
    expectError(await a.post('/cgi-bin/tags/getidlist', { openid: 'oNobody' }), 40003);
    expectError(await a.post('/cgi-bin/tags/getidlist', {}), 41009);
  });

  test('user/tag/get: the followers with a tag, paged with next_openid', async () => {
    const a = await account();
    const id = await a.createTag('x');
    for (const openid of ['o1', 'o2', 'o3', 'o4']) await a.createUser(openid);
    await a.createUser('oGone', { subscribed: false });
    expect(await a.tag(id, ['o3', 'o1', 'o4', 'oGone'])).toEqual(OK);
    const members = (next_openid?: string) =>
      a.post('/cgi-bin/user/tag/get', { tagid: id, ...(next_openid === undefined ? {} : { next_openid }) });
    expect(await members()).toEqual({ count: 3, data: { openid: ['o1', 'o3', 'o4'] }, next_openid: 'o4' });
    expect(await members('o1')).toEqual({ count: 2, data: { openid: ['o3', 'o4'] }, next_openid: 'o4' });
    expect(await members('o2')).toEqual({ count: 2, data: { openid: ['o3', 'o4'] }, next_openid: 'o4' });
    expect(await members('o4')).toEqual({ count: 0, next_openid: '' });
    expectError(await members('oNobody'), 40003);
    expectError(await a.post('/cgi-bin/user/tag/get', { tagid: 999 }), 45159);
  });

  test('user/tag/get pages 10 000 at a time', async () => {
    const a = await account();
    const id = await a.createTag('many');
    const openids = a.addUsers(USER_PAGE_SIZE + 3, 'oMany', { tagids: [id] });
    const first = await a.post('/cgi-bin/user/tag/get', { tagid: id, next_openid: '' });
    expect(first.count).toBe(USER_PAGE_SIZE);
    const second = await a.post('/cgi-bin/user/tag/get', { tagid: id, next_openid: first.next_openid });
    expect(second).toEqual({ count: 3, data: { openid: openids.slice(-3) }, next_openid: openids.at(-1) });
  });
});

describe('blacklist', () => {
  test('block, list, unblock', async () => {
    const a = await account();
    for (const openid of ['o1', 'o2', 'o3']) await a.createUser(openid);
    const list = (begin_openid = '') => a.post('/cgi-bin/tags/members/getblacklist', { begin_openid });
    expect(await list()).toEqual({ total: 0, count: 0, next_openid: '' });
    expect(await a.post('/cgi-bin/tags/members/batchblacklist', { openid_list: ['o3', 'o1'] })).toEqual(OK);
    expect(await list()).toEqual({ total: 2, count: 2, data: { openid: ['o3', 'o1'] }, next_openid: 'o1' });
    expect(await list('o3')).toEqual({ total: 2, count: 1, data: { openid: ['o1'] }, next_openid: 'o1' });
    expect(await list('o1')).toEqual({ total: 2, count: 0, next_openid: '' });
    expectError(await list('o2'), 40003);
    expect(await a.post('/cgi-bin/tags/members/batchunblacklist', { openid_list: ['o3'] })).toEqual(OK);
    expect(await list()).toEqual({ total: 1, count: 1, data: { openid: ['o1'] }, next_openid: 'o1' });
    // The blacklist is no tag: user/info and user/get are unchanged.
    expect((await a.info('o1')).tagid_list).toEqual([]);
    expect((await a.list()).total).toBe(3);
  });

  test('40032 empty or over 20 openids, 49003 an openid of no user', async () => {
    const a = await account();
    const openids = a.addUsers(21);
    const block = (openid_list: unknown) => a.post('/cgi-bin/tags/members/batchblacklist', { openid_list });
    expectError(await block(openids), 40032);
    expectError(await block([]), 40032);
    expectError(await block(['oNobody']), 49003);
    expect(await block(openids.slice(0, 20))).toEqual(OK);
    expectError(await a.post('/cgi-bin/tags/members/batchunblacklist', { openid_list: openids }), 40032);
    const all = await a.harness.post('/cgi-bin/tags/members/getblacklist', undefined, {
      access_token: a.token,
    });
    expect(all.total).toBe(20);
  });
});
