import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import {
  type MenuDefinition,
  type MenuLeafButton,
  MenuValidationError,
  validateMenu,
} from '../../src/client/api/menu.js';
import type { WeChatClient } from '../../src/client/client.js';
import { WeChatApiError } from '../../src/client/errors.js';
import { clickMenu } from '../../src/emulator/api/menu.js';
import type { Emulator, EmulatorOptions } from '../../src/emulator.js';
import { toNodeHandler } from '../../src/server/adapters/node.js';
import { createWebhook } from '../../src/server/webhook.js';
import { calls, clientFor, emulatorPool } from './helpers.js';

const pool = emulatorPool();
afterEach(pool.closeAll);

async function setup(options: EmulatorOptions = {}): Promise<{ emulator: Emulator; client: WeChatClient }> {
  const emulator = await pool.start(options);
  return { emulator, client: clientFor(emulator.url) };
}

const MENU = {
  button: [
    { type: 'click', name: '今日歌曲', key: 'TODAY_MUSIC' },
    {
      name: '菜单',
      sub_button: [
        { type: 'view', name: '搜索', url: 'https://www.soso.com/' },
        {
          type: 'miniprogram',
          name: '小程序',
          url: 'https://mp.weixin.qq.com',
          appid: 'wx286b93c14bbf93aa',
          pagepath: 'pages/index',
        },
        { type: 'scancode_waitmsg', name: '扫码', key: 'SCAN' },
        { type: 'article_id', name: '文章', article_id: 'ARTICLE' },
      ],
    },
    { type: 'location_select', name: '位置', key: 'WHERE' },
  ],
} as const satisfies MenuDefinition;

describe('client.menu', () => {
  test('create, get (menuid as a string), delete; get() is undefined without a menu', async () => {
    const { client } = await setup();
    expect(await client.menu.get()).toBeUndefined();
    await client.menu.create(MENU);
    const info = await client.menu.get();
    expect(info?.menu.menuid).toMatch(/^\d+$/);
    expect(info?.menu.button[0]).toEqual({ ...MENU.button[0], sub_button: [] });
    expect(info?.conditionalmenu).toBeUndefined();
    await client.menu.delete();
    expect(await client.menu.get()).toBeUndefined();
  });

  test('a fetched menu can be sent back as it is', async () => {
    const { client } = await setup();
    await client.menu.create(MENU);
    const fetched = await client.menu.get();
    if (fetched === undefined) throw new Error('no menu');
    await client.menu.create(fetched.menu);
    expect((await client.menu.get())?.menu.button).toEqual(fetched.menu.button);
  });

  test('errors other than 46003 still throw from get()', async () => {
    const { emulator, client } = await setup();
    await fetch(`${emulator.url}/emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ path: '/cgi-bin/menu/get', errcode: 45009 }),
    });
    const error = await client.menu.get().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WeChatApiError);
    expect((error as WeChatApiError).errcode).toBe(45009);
  });

  test('current(): the live menu with sub-buttons in { list }', async () => {
    const { client } = await setup();
    expect(await client.menu.current()).toEqual({ is_menu_open: 0 });
    await client.menu.create(MENU);
    const live = await client.menu.current();
    expect(live.is_menu_open).toBe(1);
    expect(live.selfmenu_info?.button[1]).toMatchObject({
      name: '菜单',
      sub_button: { list: expect.any(Array) },
    });
  });

  test('personalised menus: add, match by tag, delete', async () => {
    const { emulator, client } = await setup();
    await client.menu.create(MENU);
    const vip = await client.users.tags.create('VIP');
    await fetch(`${emulator.url}/emulator/users`, {
      method: 'POST',
      body: JSON.stringify({ openid: 'oVip' }),
    });
    await client.users.tags.tagUsers(vip.id, ['oVip']);
    const menuid = await client.menu.addConditional({
      button: [{ type: 'click', name: '会员专区', key: 'VIP' }],
      matchrule: { tag_id: String(vip.id) },
    });
    expect(menuid).toMatch(/^\d+$/);
    expect(await client.menu.tryMatch('oVip')).toEqual([
      { type: 'click', name: '会员专区', key: 'VIP', sub_button: [] },
    ]);
    expect((await client.menu.get())?.conditionalmenu?.[0]?.menuid).toBe(menuid);
    await client.menu.deleteConditional(menuid);
    expect((await client.menu.tryMatch('oVip'))[0]).toMatchObject({ key: 'TODAY_MUSIC' });
    const error = await client.menu.deleteConditional(menuid).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as WeChatApiError).errcode).toBe(65301);
  });
});

// ---- local validation, rule by rule, against the emulator's own answer -----------------------------

const click = (fields: object = {}) => ({ type: 'click', name: 'n', key: 'k', ...fields });
const cn = (count: number) => '中'.repeat(count);

const BROKEN: readonly { rule: string; menu: unknown; errcode: number; field: string }[] = [
  { rule: 'no buttons', menu: { button: [] }, errcode: 40016, field: 'button' },
  {
    rule: 'four buttons',
    menu: { button: [click(), click(), click(), click()] },
    errcode: 40016,
    field: 'button',
  },
  {
    rule: 'a long top-level name',
    menu: { button: [click({ name: cn(6) })] },
    errcode: 40018,
    field: 'button[0].name',
  },
  {
    rule: 'a long sub-button name',
    menu: { button: [{ name: 'p', sub_button: [click(), click({ name: `${cn(20)}x` })] }] },
    errcode: 40025,
    field: 'button[0].sub_button[1].name',
  },
  { rule: 'no type', menu: { button: [{ name: 'n' }] }, errcode: 65308, field: 'button[0].type' },
  {
    rule: 'an unknown type',
    menu: { button: [click({ type: 'tap' })] },
    errcode: 40017,
    field: 'button[0].type',
  },
  {
    rule: 'an unknown sub type',
    menu: { button: [{ name: 'p', sub_button: [click({ type: 'tap' })] }] },
    errcode: 40024,
    field: 'button[0].sub_button[0].type',
  },
  {
    rule: 'a click without key',
    menu: { button: [{ type: 'click', name: 'n' }] },
    errcode: 40019,
    field: 'button[0].key',
  },
  {
    rule: 'a long sub key',
    menu: { button: [{ name: 'p', sub_button: [click({ key: 'k'.repeat(129) })] }] },
    errcode: 40026,
    field: 'button[0].sub_button[0].key',
  },
  {
    rule: 'a view without url',
    menu: { button: [{ type: 'view', name: 'n' }] },
    errcode: 40020,
    field: 'button[0].url',
  },
  {
    rule: 'a long sub url',
    menu: {
      button: [
        { name: 'p', sub_button: [{ type: 'view', name: 'n', url: `https://a.cn/${'x'.repeat(1012)}` }] },
      ],
    },
    errcode: 40027,
    field: 'button[0].sub_button[0].url',
  },
  {
    rule: 'a url that is not http(s)',
    menu: { button: [{ type: 'view', name: 'n', url: 'javascript:alert(1)' }] },
    errcode: 40055,
    field: 'button[0].url',
  },
  {
    rule: 'a sub url that is not http(s)',
    menu: { button: [{ name: 'p', sub_button: [{ type: 'view', name: 'n', url: 'www.qq.com' }] }] },
    errcode: 40054,
    field: 'button[0].sub_button[0].url',
  },
  {
    rule: 'six sub-buttons',
    menu: { button: [{ name: 'p', sub_button: [1, 2, 3, 4, 5, 6].map(() => click()) }] },
    errcode: 40023,
    field: 'button[0].sub_button',
  },
  {
    rule: 'three levels',
    menu: { button: [{ name: 'p', sub_button: [{ name: 'q', sub_button: [click()] }] }] },
    errcode: 40022,
    field: 'button[0].sub_button[0].sub_button',
  },
  {
    rule: 'no media_id',
    menu: { button: [{ type: 'media_id', name: 'n' }] },
    errcode: 40007,
    field: 'button[0].media_id',
  },
  {
    rule: 'no article_id',
    menu: { button: [{ type: 'article_view_limited', name: 'n' }] },
    errcode: 40007,
    field: 'button[0].article_id',
  },
  {
    rule: 'a bad mini-program appid',
    menu: {
      button: [{ type: 'miniprogram', name: 'n', url: 'https://a.cn', appid: 'wx123', pagepath: 'p' }],
    },
    errcode: 40166,
    field: 'button[0].appid',
  },
  {
    rule: 'no pagepath',
    menu: { button: [{ type: 'miniprogram', name: 'n', url: 'https://a.cn', appid: 'wx286b93c14bbf93aa' }] },
    errcode: 40165,
    field: 'button[0].pagepath',
  },
  {
    rule: 'a name that is a number',
    menu: { button: [click({ name: 3 })] },
    errcode: 47001,
    field: 'button[0].name',
  },
  { rule: 'no button list', menu: {}, errcode: 40016, field: 'button' },
];

describe('client.menu.create validates locally', () => {
  test.each(BROKEN)('$errcode: $rule', async ({ menu, errcode, field }) => {
    const { emulator, client } = await setup();
    const error = await client.menu.create(menu as MenuDefinition).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MenuValidationError);
    expect(error).toBeInstanceOf(WeChatApiError);
    expect(error).toMatchObject({ errcode, field, local: true });
    expect((error as Error).message).toContain('Refused locally, no call made');
    expect(await calls(emulator.url, '/cgi-bin/menu/create')).toBe(0);

    // The platform (the emulator) refuses the same menu with the same errcode.
    const sent = await client.request('POST', '/cgi-bin/menu/create', { json: menu }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((sent as WeChatApiError).errcode).toBe(errcode);
  });

  test('the message says what is wrong and where', () => {
    expect(() => validateMenu({ button: [{ type: 'click', name: '今日热门歌曲', key: 'K' }] })).toThrow(
      'button[0].name "今日热门歌曲" is 18 bytes; top-level names take at most 16',
    );
    expect(() => validateMenu({ button: [{ type: 'view', name: 'n', url: 'ftp://x' }] })).toThrow(
      'button[0].url "ftp://x" is not an http(s) URL',
    );
  });

  test('addConditional validates too', async () => {
    const { emulator, client } = await setup();
    const error = await client.menu.addConditional({ button: [], matchrule: { tag_id: '2' } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ errcode: 40016, request: { path: '/cgi-bin/menu/addconditional' } });
    expect(await calls(emulator.url, '/cgi-bin/menu/addconditional')).toBe(0);
  });

  test('every valid menu passes: each type at both levels, the limits themselves', async () => {
    const { client } = await setup();
    const leaves: MenuLeafButton[] = [MENU.button[0], MENU.button[2], ...MENU.button[1].sub_button];
    for (const leaf of leaves) {
      await client.menu.create({ button: [leaf, { name: 'p', sub_button: [leaf] }] });
    }
    await client.menu.create({
      button: [
        { type: 'click', name: `${cn(5)}a`, key: 'k'.repeat(128) },
        { name: 'p', sub_button: [{ type: 'view', name: cn(20), url: `https://a.cn/${'x'.repeat(1011)}` }] },
      ],
    });
  });
});

// ---- a tap, end to end -------------------------------------------------------------------------------

describe('a user taps the menu', () => {
  test('the webhook routes the CLICK by its EventKey and the user gets the reply', async () => {
    const token = 'menu-test-token';
    const wechat = createWebhook({ token });
    wechat.on('event:CLICK', (ctx) => `你点了 ${ctx.message.EventKey}`);
    wechat.on('event:VIEW', () => undefined);
    const server = createServer(toNodeHandler(wechat));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const { emulator, client } = await setup({
        token,
        mode: 'plain',
        webhook: `http://127.0.0.1:${port}/`,
      });
      await client.menu.create(MENU);
      await fetch(`${emulator.url}/emulator/users`, {
        method: 'POST',
        body: JSON.stringify({ openid: 'oUser' }),
      });

      const tap = await clickMenu(emulator.platform, 'oUser', 'TODAY_MUSIC');
      expect(tap.push?.status).toBe('replied');
      const view = await clickMenu(emulator.platform, 'oUser', [1, 0]);
      expect(view.push?.status).toBe('empty');
      const inbox = emulator.state.inbox.oUser ?? [];
      expect(inbox.map((entry) => entry.message)).toEqual([{ type: 'text', content: '你点了 TODAY_MUSIC' }]);
    } finally {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
  });
});
