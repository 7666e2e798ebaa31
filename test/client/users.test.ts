import { afterEach, describe, expect, test } from 'vitest';
import { USERS_PER_BATCHGET, USERS_PER_BLACKLISTING, USERS_PER_TAGGING } from '../../src/client/api/users.js';
import type { WeChatClient } from '../../src/client/client.js';
import { WeChatApiError } from '../../src/client/errors.js';
import type { Emulator, EmulatorOptions, EmulatorUser } from '../../src/emulator.js';
import { calls, clientFor, emulatorPool } from './helpers.js';

const pool = emulatorPool();
afterEach(pool.closeAll);

interface Setup {
  readonly emulator: Emulator;
  readonly client: WeChatClient;
}

async function setup(options: EmulatorOptions = {}): Promise<Setup> {
  const emulator = await pool.start(options);
  return { emulator, client: clientFor(emulator.url) };
}

async function createUser(emulator: Emulator, openid: string, subscribed = true): Promise<EmulatorUser> {
  const response = await fetch(`${emulator.url}/emulator/users`, {
    method: 'POST',
    body: JSON.stringify({ openid, subscribed }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as EmulatorUser;
}

/** Followers straight into the state: thousands of them in a few milliseconds. */
function addUsers(
  emulator: Emulator,
  count: number,
  prefix = 'oF',
  fields: Partial<EmulatorUser> = {},
): string[] {
  const openids: string[] = [];
  for (let i = 0; i < count; i++) {
    const openid = `${prefix}${String(i).padStart(6, '0')}`;
    emulator.state.users[openid] = {
      openid,
      nickname: openid,
      subscribed: true,
      subscribeTime: 1_700_000_000,
      lastInteraction: 0,
      ...fields,
    };
    openids.push(openid);
  }
  return openids;
}

async function rejection(promise: Promise<unknown>): Promise<WeChatApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WeChatApiError);
  return error as WeChatApiError;
}

describe('client.users.get', () => {
  test('a follower: narrow on subscribe to read the profile', async () => {
    const { emulator, client } = await setup();
    const created = await createUser(emulator, 'oAlice');
    const info = await client.users.get('oAlice', 'zh_CN');
    expect(info.subscribe).toBe(1);
    if (info.subscribe !== 1) return;
    expect(info.subscribe_time).toBe(created.subscribeTime);
    expect(info.tagid_list).toEqual([]);
    expect(info.remark).toBe('');
    expect(info.unionid).toBeUndefined();
    expect('unionid' in info).toBe(false);
  });

  test('a user who does not follow: only subscribe 0 and openid', async () => {
    const { emulator, client } = await setup();
    await createUser(emulator, 'oGone', false);
    expect(await client.users.get('oGone')).toEqual({ subscribe: 0, openid: 'oGone' });
  });

  test('the unionid, when the account is bound to an open platform', async () => {
    const { emulator, client } = await setup({ openPlatformId: 'open-platform-1' });
    const created = await createUser(emulator, 'oAlice');
    expect((await client.users.get('oAlice')).unionid).toBe(created.unionid);
    expect(created.unionid).toBeDefined();
  });

  test('40003 for an unknown openid, with the request and a rid', async () => {
    const { client } = await setup();
    const error = await rejection(client.users.get('oNobody'));
    expect(error.errcode).toBe(40003);
    expect(error.request).toMatchObject({
      method: 'GET',
      path: '/cgi-bin/user/info',
      query: { openid: 'oNobody' },
    });
    expect(error.rid).toMatch(/^[0-9a-f]{8}-/);
  });
});

describe('client.users.batchGet', () => {
  test('more than 100 users are fetched 100 at a time, in order', async () => {
    const { emulator, client } = await setup();
    const openids = addUsers(emulator, 2 * USERS_PER_BATCHGET + 50);
    const infos = await client.users.batchGet([...openids].reverse());
    expect(infos.map((u) => u.openid)).toEqual([...openids].reverse());
    expect(await calls(emulator.url, '/cgi-bin/user/info/batchget')).toBe(3);
  });

  test('an empty list makes no call; a lang per user or for all', async () => {
    const { emulator, client } = await setup();
    expect(await client.users.batchGet([])).toEqual([]);
    expect(await calls(emulator.url, '/cgi-bin/user/info/batchget')).toBe(0);
    await createUser(emulator, 'oA');
    await createUser(emulator, 'oB', false);
    const infos = await client.users.batchGet([{ openid: 'oA', lang: 'en' }, 'oB'], 'zh_TW');
    expect(infos.map((u) => u.subscribe)).toEqual([1, 0]);
  });

  test('one unknown openid fails its call: 40003', async () => {
    const { emulator, client } = await setup();
    await createUser(emulator, 'oA');
    expect((await rejection(client.users.batchGet(['oA', 'oNobody']))).errcode).toBe(40003);
  });
});

describe('client.users: the follower list', () => {
  test('list(): one page; iterate(): every follower across pages', async () => {
    const { emulator, client } = await setup();
    const openids = addUsers(emulator, 20_001);
    addUsers(emulator, 3, 'oLeft', { subscribed: false });

    const first = await client.users.list();
    expect(first.total).toBe(20_001);
    expect(first.count).toBe(10_000);
    expect(first.next_openid).toBe(openids[9_999]);
    const second = await client.users.list(first.next_openid);
    expect(second.data?.openid[0]).toBe(openids[10_000]);

    const before = await calls(emulator.url, '/cgi-bin/user/get');
    const seen: string[] = [];
    for await (const openid of client.users.iterate()) seen.push(openid);
    expect(seen).toEqual(openids);
    // 10 000 + 10 000 + 1, then the empty page that shows the end.
    expect((await calls(emulator.url, '/cgi-bin/user/get')) - before).toBe(4);
  });

  test('for await over client.users, all(), pages() and a start point', async () => {
    const { emulator, client } = await setup();
    const openids = addUsers(emulator, 10_002);
    const seen: string[] = [];
    for await (const openid of client.users) seen.push(openid);
    expect(seen).toEqual(openids);
    expect(await client.users.all()).toEqual(openids);
    const counts: number[] = [];
    for await (const page of client.users.pages()) counts.push(page.count);
    expect(counts).toEqual([10_000, 2]);
    const rest: string[] = [];
    for await (const openid of client.users.iterate(openids[9_999])) rest.push(openid);
    expect(rest).toEqual(openids.slice(10_000));
  });

  test('no followers: an empty iteration after one call', async () => {
    const { emulator, client } = await setup();
    expect(await client.users.list()).toEqual({ total: 0, count: 0, next_openid: '' });
    expect(await client.users.all()).toEqual([]);
    expect(await calls(emulator.url, '/cgi-bin/user/get')).toBe(2);
  });

  test('breaking out of the loop stops fetching', async () => {
    const { emulator, client } = await setup();
    addUsers(emulator, 10_005);
    for await (const openid of client.users) {
      expect(openid).toBe('oF000000');
      break;
    }
    expect(await calls(emulator.url, '/cgi-bin/user/get')).toBe(1);
  });
});

describe('client.users.updateRemark', () => {
  test('sets and clears; 40092 at 30 bytes', async () => {
    const { emulator, client } = await setup();
    await createUser(emulator, 'oA');
    await client.users.updateRemark('oA', '老客户');
    const info = await client.users.get('oA');
    expect(info.subscribe === 1 && info.remark).toBe('老客户');
    await client.users.updateRemark('oA', '');
    expect(emulator.state.users.oA?.remark).toBeUndefined();
    const error = await rejection(client.users.updateRemark('oA', '一二三四五六七八九十'));
    expect(error.errcode).toBe(40092);
    expect(error.errmsg).toBe('invalid remark name');
  });
});

describe('client.users.tags', () => {
  test('create, list, update, delete', async () => {
    const { emulator, client } = await setup();
    const tag = await client.users.tags.create('广东');
    expect(tag).toEqual({ id: 100, name: '广东' });
    await client.users.tags.update(tag.id, '广东人');
    await createUser(emulator, 'oA');
    await client.users.tags.tagUsers(tag.id, ['oA']);
    expect(await client.users.tags.list()).toEqual([
      { id: 2, name: '星标组', count: 0 },
      { id: 100, name: '广东人', count: 1 },
    ]);
    await client.users.tags.delete(tag.id);
    expect(await client.users.tags.list()).toEqual([{ id: 2, name: '星标组', count: 0 }]);
    expect(await client.users.tags.tagsOf('oA')).toEqual([]);
  });

  test('platform errors: 45157, 45158, 45058, 45159', async () => {
    const { client } = await setup();
    await client.users.tags.create('VIP');
    expect((await rejection(client.users.tags.create('VIP'))).errcode).toBe(45157);
    expect((await rejection(client.users.tags.create('x'.repeat(31)))).errcode).toBe(45158);
    expect((await rejection(client.users.tags.update(2, 'mine'))).errcode).toBe(45058);
    expect((await rejection(client.users.tags.delete(12345))).errcode).toBe(45159);
  });

  test('tagUsers/untagUsers send 50 openids per call', async () => {
    const { emulator, client } = await setup();
    const openids = addUsers(emulator, 2 * USERS_PER_TAGGING + 20);
    const { id } = await client.users.tags.create('many');
    await client.users.tags.tagUsers(id, openids);
    expect(await calls(emulator.url, '/cgi-bin/tags/members/batchtagging')).toBe(3);
    expect(emulator.state.users[openids.at(-1) ?? '']?.tagids).toEqual([id]);
    expect(await client.users.tags.tagsOf(openids[0] ?? '')).toEqual([id]);
    await client.users.tags.untagUsers(id, openids.slice(0, 60));
    expect(await calls(emulator.url, '/cgi-bin/tags/members/batchuntagging')).toBe(2);
    expect((await client.users.tags.list()).find((t) => t.id === id)?.count).toBe(openids.length - 60);
  });

  test('usersWithTag pages; iterateUsersWithTag walks them all', async () => {
    const { emulator, client } = await setup();
    const { id } = await client.users.tags.create('crowd');
    addUsers(emulator, 5, 'oOther');
    const tagged = addUsers(emulator, 10_003, 'oTagged', { tagids: [id] });
    const first = await client.users.tags.usersWithTag(id);
    expect(first.count).toBe(10_000);
    const second = await client.users.tags.usersWithTag(id, first.next_openid);
    expect(second.data?.openid).toEqual(tagged.slice(10_000));
    const all: string[] = [];
    for await (const openid of client.users.tags.iterateUsersWithTag(id)) all.push(openid);
    expect(all).toEqual(tagged);
  });

  test('45059: too many tags on one user, raised as WeChatApiError', async () => {
    const { emulator, client } = await setup();
    await createUser(emulator, 'oA');
    for (let i = 0; i < 20; i++) {
      const { id } = await client.users.tags.create(`t${i}`);
      await client.users.tags.tagUsers(id, ['oA']);
    }
    const { id } = await client.users.tags.create('t20');
    expect((await rejection(client.users.tags.tagUsers(id, ['oA']))).errcode).toBe(45059);
  });
});

describe('client.users.blacklist', () => {
  test('add 20 per call, list, iterate, remove', async () => {
    const { emulator, client } = await setup();
    const openids = addUsers(emulator, 2 * USERS_PER_BLACKLISTING + 5);
    await client.users.blacklist.add(openids);
    expect(await calls(emulator.url, '/cgi-bin/tags/members/batchblacklist')).toBe(3);
    const page = await client.users.blacklist.list();
    expect(page.total).toBe(openids.length);
    const listed: string[] = [];
    for await (const openid of client.users.blacklist.iterate()) listed.push(openid);
    expect(listed).toEqual(openids);
    await client.users.blacklist.remove(openids.slice(1));
    expect((await client.users.blacklist.list()).data?.openid).toEqual(openids.slice(0, 1));
  });
});
