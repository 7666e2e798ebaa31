import { describe, expect, test } from 'vitest';
import { clickMenu } from '../../src/emulator/api/menu.js';
import { ControlError } from '../../src/emulator/routes.js';
import type { EmulatorOptions } from '../../src/emulator.js';
import { MessageCrypto } from '../../src/protocol/crypto.js';
import { parseMessage } from '../../src/protocol/parse-message.js';
import { parseXml } from '../../src/protocol/xml.js';
import { startWebhook, type Webhook } from '../helpers/webhook.js';
import { type ApiBody, type EmulatorHarness, emulatorPerTest, expectError } from './helpers.js';

// ---- an account ------------------------------------------------------------------------------------

const start = emulatorPerTest();
const MENU = '/cgi-bin/menu/create';
const OK = { errcode: 0, errmsg: 'ok' };

class Account {
  constructor(
    readonly harness: EmulatorHarness,
    readonly token: string,
    readonly webhook: Webhook,
  ) {}

  get platform() {
    return this.harness.emulator.platform;
  }

  get(path: string): Promise<ApiBody> {
    return this.harness.get(path, { access_token: this.token });
  }

  post(path: string, body: object | string): Promise<ApiBody> {
    return this.harness.post(path, body, { access_token: this.token });
  }

  create(menu: object | string): Promise<ApiBody> {
    return this.post(MENU, menu);
  }

  async createUser(openid: string, subscribed = true): Promise<void> {
    const { status } = await this.harness.control('POST', '/emulator/users', { openid, subscribed });
    expect(status).toBe(200);
  }

  async createTag(name: string): Promise<number> {
    const body = await this.post('/cgi-bin/tags/create', { tag: { name } });
    return (body.tag as { id: number }).id;
  }
}

async function account(options: EmulatorOptions = {}): Promise<Account> {
  const webhook = await startWebhook();
  const harness = await start({ mode: 'plain', webhook: webhook.url, ...options });
  return new Account(harness, await harness.accessToken(), webhook);
}

/** One button of every type, as sent. */
const EVERY_TYPE = [
  { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
  { type: 'view', name: '搜索', url: 'https://www.soso.com/' },
  { type: 'scancode_push', name: '扫码推事件', key: 'rselfmenu_0_1' },
  { type: 'scancode_waitmsg', name: '扫码带提示', key: 'rselfmenu_0_0' },
  { type: 'pic_sysphoto', name: '系统拍照发图', key: 'rselfmenu_1_0' },
  { type: 'pic_photo_or_album', name: '拍照或者相册发图', key: 'rselfmenu_1_1' },
  { type: 'pic_weixin', name: '微信相册发图', key: 'rselfmenu_1_2' },
  { type: 'location_select', name: '发送位置', key: 'rselfmenu_2_0' },
  { type: 'media_id', name: '图片', media_id: 'MEDIA_ID1' },
  { type: 'view_limited', name: '图文消息', media_id: 'MEDIA_ID2' },
  { type: 'article_id', name: '发布后的图文', article_id: 'ARTICLE_ID1' },
  { type: 'article_view_limited', name: '发布后的图文页', article_id: 'ARTICLE_ID2' },
  {
    type: 'miniprogram',
    name: 'wxa',
    url: 'http://mp.weixin.qq.com',
    appid: 'wx286b93c14bbf93aa',
    pagepath: 'pages/lunar/index',
  },
] as const;

/** A menu using every type: three parents of up to five sub-buttons. */
const FULL_MENU = {
  button: [
    { name: '一', sub_button: EVERY_TYPE.slice(0, 5) },
    { name: '二', sub_button: EVERY_TYPE.slice(5, 10) },
    { name: '三', sub_button: EVERY_TYPE.slice(10) },
  ],
};

const SIMPLE_MENU = {
  button: [
    { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
    {
      name: '菜单',
      sub_button: [
        { type: 'view', name: '搜索', url: 'http://www.soso.com/' },
        { type: 'click', name: '赞一下我们', key: 'V1001_GOOD' },
        { type: 'media_id', name: '图片', media_id: 'MEDIA_ID1' },
      ],
    },
  ],
};

describe('menu/create, menu/get, menu/delete', () => {
  test('46003 before any menu; the menu as created, leaves echoing sub_button: []', async () => {
    const a = await account();
    expectError(await a.get('/cgi-bin/menu/get'), 46003, 'menu no exist');
    expect(await a.create(SIMPLE_MENU)).toEqual(OK);
    const body = await a.get('/cgi-bin/menu/get');
    expect(body).toEqual({
      menu: {
        button: [
          { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC', sub_button: [] },
          {
            name: '菜单',
            sub_button: [
              { type: 'view', name: '搜索', url: 'http://www.soso.com/', sub_button: [] },
              { type: 'click', name: '赞一下我们', key: 'V1001_GOOD', sub_button: [] },
              { type: 'media_id', name: '图片', media_id: 'MEDIA_ID1', sub_button: [] },
            ],
          },
        ],
        menuid: expect.any(Number),
      },
    });
  });

  test('every button type is accepted and echoed with its fields only', async () => {
    const a = await account();
    const extra = { ...FULL_MENU, button: FULL_MENU.button.map((b) => ({ ...b, type: 'click', extra: 1 })) };
    expect(await a.create(extra)).toEqual(OK);
    const body = await a.get('/cgi-bin/menu/get');
    const menu = body.menu as { button: { name: string; sub_button: object[] }[] };
    expect(menu.button.map((b) => Object.keys(b))).toEqual([
      ['name', 'sub_button'],
      ['name', 'sub_button'],
      ['name', 'sub_button'],
    ]);
    expect(menu.button.flatMap((b) => b.sub_button)).toEqual(
      EVERY_TYPE.map((b) => ({ ...b, sub_button: [] })),
    );
  });

  test('a new menu replaces the old one with a new menuid; a refused one changes nothing', async () => {
    const a = await account();
    expect(await a.create(SIMPLE_MENU)).toEqual(OK);
    const first = (await a.get('/cgi-bin/menu/get')).menu as { menuid: number };
    expect(await a.create({ button: [{ type: 'click', name: 'only', key: 'K' }] })).toEqual(OK);
    const second = (await a.get('/cgi-bin/menu/get')).menu as { menuid: number; button: unknown[] };
    expect(second.menuid).toBeGreaterThan(first.menuid);
    expect(second.button).toHaveLength(1);
    expectError(await a.create({ button: [] }), 40016);
    expect((await a.get('/cgi-bin/menu/get')).menu).toEqual(second);
  });

  test('menu/delete removes the menu (and answers ok with none)', async () => {
    const a = await account();
    await a.create(SIMPLE_MENU);
    expect(await a.get('/cgi-bin/menu/delete')).toEqual(OK);
    expectError(await a.get('/cgi-bin/menu/get'), 46003);
    expect(await a.get('/cgi-bin/menu/delete')).toEqual(OK);
    expectError(await a.post('/cgi-bin/menu/delete', {}), 43001);
  });

  test('get_current_selfmenu_info: sub-buttons wrapped in { list }', async () => {
    const a = await account();
    expect(await a.get('/cgi-bin/get_current_selfmenu_info')).toEqual({ is_menu_open: 0 });
    await a.create(SIMPLE_MENU);
    expect(await a.get('/cgi-bin/get_current_selfmenu_info')).toEqual({
      is_menu_open: 1,
      selfmenu_info: {
        button: [
          { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
          {
            name: '菜单',
            sub_button: {
              list: [
                { type: 'view', name: '搜索', url: 'http://www.soso.com/' },
                { type: 'click', name: '赞一下我们', key: 'V1001_GOOD' },
                { type: 'media_id', name: '图片', media_id: 'MEDIA_ID1' },
              ],
            },
          },
        ],
      },
    });
  });
});

// ---- every rule of menu/create ---------------------------------------------------------------------

const click = (fields: object = {}) => ({ type: 'click', name: 'n', key: 'k', ...fields });
const top = (button: object) => ({ button: [button] });
const sub = (button: object) => ({ button: [{ name: 'parent', sub_button: [button] }] });
const cn = (count: number) => '中'.repeat(count); // 3 bytes each

const RULES: readonly { rule: string; menu: object; errcode: number }[] = [
  { rule: 'no button list', menu: {}, errcode: 40016 },
  { rule: 'an empty button list', menu: { button: [] }, errcode: 40016 },
  { rule: 'four top-level buttons', menu: { button: [click(), click(), click(), click()] }, errcode: 40016 },
  { rule: 'button is not a list', menu: { button: click() }, errcode: 47001 },
  { rule: 'a button that is not an object', menu: { button: ['click'] }, errcode: 47001 },
  { rule: 'a top-level name of 17 bytes', menu: top(click({ name: `${cn(5)}ab` })), errcode: 40018 },
  { rule: 'a top-level name of 18 bytes', menu: top(click({ name: cn(6) })), errcode: 40018 },
  { rule: 'an empty top-level name', menu: top(click({ name: '' })), errcode: 40018 },
  { rule: 'no top-level name', menu: top({ type: 'click', key: 'k' }), errcode: 40018 },
  { rule: 'a name that is a number', menu: top(click({ name: 5 })), errcode: 47001 },
  { rule: 'a sub-button name of 61 bytes', menu: sub(click({ name: `${cn(20)}a` })), errcode: 40025 },
  { rule: 'an empty sub-button name', menu: sub(click({ name: '' })), errcode: 40025 },
  { rule: 'a button with neither type nor sub-buttons', menu: top({ name: 'n' }), errcode: 65308 },
  { rule: 'a sub-button without type', menu: sub({ name: 'n', key: 'k' }), errcode: 65308 },
  { rule: 'an empty sub_button and no type', menu: top({ name: 'n', sub_button: [] }), errcode: 65308 },
  { rule: 'an unknown top-level type', menu: top(click({ type: 'tap' })), errcode: 40017 },
  { rule: 'a type of another case', menu: top(click({ type: 'CLICK' })), errcode: 40017 },
  { rule: 'an unknown sub-button type', menu: sub(click({ type: 'tap' })), errcode: 40024 },
  { rule: 'a type that is a number', menu: top(click({ type: 1 })), errcode: 47001 },
  { rule: 'a click without key', menu: top({ type: 'click', name: 'n' }), errcode: 40019 },
  { rule: 'an empty key', menu: top(click({ key: '' })), errcode: 40019 },
  { rule: 'a key of 129 bytes', menu: top(click({ key: 'k'.repeat(129) })), errcode: 40019 },
  { rule: 'a scancode_push without key', menu: top({ type: 'scancode_push', name: 'n' }), errcode: 40019 },
  {
    rule: 'a location_select without key',
    menu: top({ type: 'location_select', name: 'n' }),
    errcode: 40019,
  },
  { rule: 'a sub-button key of 129 bytes', menu: sub(click({ key: 'k'.repeat(129) })), errcode: 40026 },
  {
    rule: 'a sub-button pic_weixin without key',
    menu: sub({ type: 'pic_weixin', name: 'n' }),
    errcode: 40026,
  },
  { rule: 'a key that is a number', menu: top(click({ key: 7 })), errcode: 47001 },
  { rule: 'a view without url', menu: top({ type: 'view', name: 'n' }), errcode: 40020 },
  {
    rule: 'a url of 1025 bytes',
    menu: top({ type: 'view', name: 'n', url: `https://a.cn/${'x'.repeat(1012)}` }),
    errcode: 40020,
  },
  { rule: 'a sub-button view without url', menu: sub({ type: 'view', name: 'n' }), errcode: 40027 },
  {
    rule: 'a sub-button url of 1025 bytes',
    menu: sub({ type: 'view', name: 'n', url: `https://a.cn/${'x'.repeat(1012)}` }),
    errcode: 40027,
  },
  {
    rule: 'a url that is not http(s)',
    menu: top({ type: 'view', name: 'n', url: 'ftp://a.cn/' }),
    errcode: 40055,
  },
  { rule: 'a url without host', menu: top({ type: 'view', name: 'n', url: 'https://' }), errcode: 40055 },
  {
    rule: 'a sub-button url not http(s)',
    menu: sub({ type: 'view', name: 'n', url: 'www.qq.com' }),
    errcode: 40054,
  },
  {
    rule: 'six sub-buttons',
    menu: { button: [{ name: 'p', sub_button: [1, 2, 3, 4, 5, 6].map((i) => click({ key: `k${i}` })) }] },
    errcode: 40023,
  },
  { rule: 'sub_button that is not a list', menu: top({ name: 'p', sub_button: click() }), errcode: 47001 },
  { rule: 'a third level', menu: sub({ name: 'deeper', sub_button: [click()] }), errcode: 40022 },
  { rule: 'a media_id button without media_id', menu: top({ type: 'media_id', name: 'n' }), errcode: 40007 },
  {
    rule: 'a view_limited button without media_id',
    menu: top({ type: 'view_limited', name: 'n' }),
    errcode: 40007,
  },
  {
    rule: 'an article_id button without article_id',
    menu: top({ type: 'article_id', name: 'n' }),
    errcode: 40007,
  },
  {
    rule: 'an article_view_limited button without article_id',
    menu: top({ type: 'article_view_limited', name: 'n' }),
    errcode: 40007,
  },
  {
    rule: 'a miniprogram without appid',
    menu: top({ type: 'miniprogram', name: 'n', url: 'http://a.cn', pagepath: 'p' }),
    errcode: 40166,
  },
  {
    rule: 'a miniprogram appid in upper case',
    menu: top({
      type: 'miniprogram',
      name: 'n',
      url: 'http://a.cn',
      appid: 'WX286B93C14BBF93AA',
      pagepath: 'p',
    }),
    errcode: 40166,
  },
  {
    rule: 'a miniprogram without pagepath',
    menu: top({ type: 'miniprogram', name: 'n', url: 'http://a.cn', appid: 'wx286b93c14bbf93aa' }),
    errcode: 40165,
  },
  {
    rule: 'a miniprogram without its fallback url',
    menu: top({ type: 'miniprogram', name: 'n', appid: 'wx286b93c14bbf93aa', pagepath: 'p' }),
    errcode: 40020,
  },
];

describe('menu/create rules', () => {
  test.each(RULES)('$errcode: $rule', async ({ menu, errcode }) => {
    const a = await account();
    expectError(await a.create(menu), errcode);
    expectError(await a.get('/cgi-bin/menu/get'), 46003);
  });

  test('the limits themselves are accepted: 16 and 60 bytes, 128-byte keys, 1024-byte urls, 3 × 5 buttons', async () => {
    const a = await account();
    const url = `https://a.cn/${'x'.repeat(1011)}`;
    expect(Buffer.byteLength(url)).toBe(1024);
    const subs = (i: number) =>
      [1, 2, 3, 4, 5].map((j) => click({ name: `${cn(20)}`, key: `${i}${j}`.padEnd(128, 'k') }));
    const menu = {
      button: [
        { name: `${cn(5)}a`, sub_button: subs(1) },
        { name: 'abcdefghijklmnop', sub_button: subs(2) },
        { type: 'view', name: cn(5), url },
      ],
    };
    expect(await a.create(menu)).toEqual(OK);
  });

  test('errmsg of the menu errcodes', async () => {
    const a = await account();
    expectError(await a.create({ button: [] }), 40016, 'invalid button size');
    expectError(await a.create(top(click({ name: cn(6) }))), 40018, 'invalid button name size');
    expectError(await a.create(sub(click({ key: '' }))), 40026, 'invalid sub button key size');
  });

  test('40033: non-ASCII text written as \\uXXXX escapes', async () => {
    const a = await account();
    const escaped = '{"button":[{"type":"click","name":"\\u4eca\\u65e5","key":"k"}]}';
    expectError(await a.create(escaped), 40033);
    // ASCII escapes and an escaped backslash followed by "u" are fine.
    expect(await a.create('{"button":[{"type":"click","name":"\\u0041\\\\u4eca","key":"k"}]}')).toEqual(OK);
    const menu = (await a.get('/cgi-bin/menu/get')).menu as { button: { name: string }[] };
    expect(menu.button[0]?.name).toBe('A\\u4eca');
  });

  test('empty and malformed bodies: 44002, 47001', async () => {
    const a = await account();
    expectError(await a.create(''), 44002);
    expectError(await a.create('{"button":'), 47001);
  });
});

// ---- personalised menus ----------------------------------------------------------------------------

describe('personalised menus', () => {
  const conditional = (matchrule: object, button: object[] = [click({ key: 'VIP' })]) => ({
    button,
    matchrule,
  });

  test('65303 without a default menu; 65304 empty rule; 65320 privacy rule; 45159 unknown tag', async () => {
    const a = await account();
    expectError(await a.post('/cgi-bin/menu/addconditional', conditional({ tag_id: '2' })), 65303);
    await a.create(SIMPLE_MENU);
    expectError(await a.post('/cgi-bin/menu/addconditional', conditional({})), 65304);
    expectError(await a.post('/cgi-bin/menu/addconditional', { button: [click()] }), 65304);
    expectError(await a.post('/cgi-bin/menu/addconditional', conditional({ tag_id: '', sex: '' })), 65304);
    expectError(await a.post('/cgi-bin/menu/addconditional', conditional({ tag_id: '2', sex: '1' })), 65320);
    expectError(await a.post('/cgi-bin/menu/addconditional', conditional({ country: '中国' })), 65320);
    expectError(await a.post('/cgi-bin/menu/addconditional', conditional({ tag_id: '999' })), 45159);
    expectError(
      await a.post('/cgi-bin/menu/addconditional', conditional({ client_platform_type: '4' })),
      47001,
    );
    expectError(await a.post('/cgi-bin/menu/addconditional', conditional({ tag_id: '2' }, [])), 40016);
  });

  test('add, get, trymatch by the last-applied tag, delete', async () => {
    const a = await account();
    await a.create(SIMPLE_MENU);
    const vip = await a.createTag('VIP');
    const added = await a.post('/cgi-bin/menu/addconditional', conditional({ tag_id: String(vip) }));
    expect(added).toEqual({ menuid: expect.stringMatching(/^\d+$/) });
    const body = await a.get('/cgi-bin/menu/get');
    expect(body.conditionalmenu).toEqual([
      {
        button: [{ type: 'click', name: 'n', key: 'VIP', sub_button: [] }],
        matchrule: { tag_id: String(vip) },
        menuid: Number(added.menuid),
      },
    ]);

    await a.createUser('oVip');
    await a.createUser('oPlain');
    await a.post('/cgi-bin/tags/members/batchtagging', { openid_list: ['oVip'], tagid: vip });
    const tryMatch = (user_id: string) => a.post('/cgi-bin/menu/trymatch', { user_id });
    expect(await tryMatch('oVip')).toEqual({
      button: [{ type: 'click', name: 'n', key: 'VIP', sub_button: [] }],
    });
    expect((await tryMatch('oPlain')).button).toEqual((body.menu as { button: unknown }).button);
    // Only the tag applied last counts.
    await a.post('/cgi-bin/tags/members/batchtagging', { openid_list: ['oVip'], tagid: 2 });
    expect((await tryMatch('oVip')).button).toEqual((body.menu as { button: unknown }).button);
    expectError(await tryMatch('oNobody'), 65302, 'no such user');

    expectError(await a.post('/cgi-bin/menu/delconditional', { menuid: '1' }), 65301);
    expect(await a.post('/cgi-bin/menu/delconditional', { menuid: added.menuid as string })).toEqual(OK);
    expect((await a.get('/cgi-bin/menu/get')).conditionalmenu).toBeUndefined();
  });

  test('a rule without tag matches everyone; newest first; menu/delete removes them all', async () => {
    const a = await account();
    await a.create(SIMPLE_MENU);
    await a.createUser('oA');
    await a.post(
      '/cgi-bin/menu/addconditional',
      conditional({ client_platform_type: '2' }, [click({ key: 'OLD' })]),
    );
    await a.post(
      '/cgi-bin/menu/addconditional',
      conditional({ client_platform_type: 1 }, [click({ key: 'NEW' })]),
    );
    expect(await a.post('/cgi-bin/menu/trymatch', { user_id: 'oA' })).toEqual({
      button: [click({ key: 'NEW', sub_button: [] })],
    });
    await a.get('/cgi-bin/menu/delete');
    expectError(await a.post('/cgi-bin/menu/trymatch', { user_id: 'oA' }), 46003);
    expectError(await a.post('/cgi-bin/menu/addconditional', conditional({ tag_id: '2' })), 65303);
  });

  test('65316: personalised menus link to at most 3 domains', async () => {
    const a = await account();
    await a.create(SIMPLE_MENU);
    const view = (host: string) => ({ type: 'view', name: host, url: `https://${host}/x` });
    const rule = { tag_id: '2' };
    expect(
      (await a.post('/cgi-bin/menu/addconditional', conditional(rule, [view('a.cn'), view('b.cn')]))).menuid,
    ).toBeTruthy();
    expect(
      (await a.post('/cgi-bin/menu/addconditional', conditional(rule, [view('b.cn'), view('c.cn')]))).menuid,
    ).toBeTruthy();
    expectError(await a.post('/cgi-bin/menu/addconditional', conditional(rule, [view('d.cn')])), 65316);
  });
});

// ---- users tapping the menu -----------------------------------------------------------------------

describe('clickMenu', () => {
  test('CLICK by key and by position, VIEW with the url and MenuId, pushed to the webhook', async () => {
    const a = await account();
    await a.createUser('oUser');
    await a.create(SIMPLE_MENU);
    const { menuid } = (await a.get('/cgi-bin/menu/get')).menu as { menuid: number };

    const byKey = await clickMenu(a.platform, 'oUser', 'V1001_GOOD');
    expect(byKey.push?.status).toBe('empty');
    expect(byKey.button).toEqual({ type: 'click', name: '赞一下我们', key: 'V1001_GOOD', sub_button: [] });
    const byPosition = await clickMenu(a.platform, 'oUser', [0]);
    const view = await clickMenu(a.platform, 'oUser', [1, 0]);
    expect(view.event).toEqual({
      MsgType: 'event',
      Event: 'VIEW',
      EventKey: 'http://www.soso.com/',
      MenuId: String(menuid),
    });

    const pushed = a.webhook.bodies.map((xml) => parseMessage(xml));
    expect(pushed).toHaveLength(3);
    expect(pushed[0]).toMatchObject({
      ToUserName: a.harness.emulator.state.app.originalId,
      FromUserName: 'oUser',
      MsgType: 'event',
      Event: 'CLICK',
      EventKey: 'V1001_GOOD',
    });
    expect(pushed[1]).toMatchObject({ Event: 'CLICK', EventKey: 'V1001_TODAY_MUSIC' });
    expect(pushed[2]).toMatchObject({
      Event: 'VIEW',
      EventKey: 'http://www.soso.com/',
      MenuId: String(menuid),
    });
    expect(byPosition.push?.pushed).toBe(a.webhook.bodies[1]);
    // A tap is an interaction: it opens the customer-service window.
    expect(a.harness.emulator.state.users.oUser?.lastInteraction).toBeGreaterThan(0);
  });

  test('scan, picture, location and mini-program buttons push their events', async () => {
    const a = await account();
    await a.createUser('oUser');
    await a.create(FULL_MENU);
    await clickMenu(a.platform, 'oUser', 'rselfmenu_0_1', { scanResult: 'https://qr.example/1' });
    await clickMenu(a.platform, 'oUser', 'rselfmenu_0_0', {
      scanType: 'barcode',
      scanResult: '6901234567892',
    });
    await clickMenu(a.platform, 'oUser', 'rselfmenu_1_0', { pictures: ['1b5f7c23b5bf75682a53e7b6d163e185'] });
    await clickMenu(a.platform, 'oUser', 'rselfmenu_1_1', {
      pictures: ['5a75aaca956d97be686719218f275c6b', '1b5f7c23b5bf75682a53e7b6d163e185'],
    });
    await clickMenu(a.platform, 'oUser', 'rselfmenu_1_2');
    await clickMenu(a.platform, 'oUser', 'rselfmenu_2_0', {
      location: { x: 23.1, y: 113.3, scale: 15, label: '广州市海珠区', poiname: '' },
    });
    await clickMenu(a.platform, 'oUser', [2, 2]);
    const [push, wait, photo, album, weixin, location, mini] = a.webhook.bodies.map((xml) =>
      parseMessage(xml),
    );
    expect(push).toMatchObject({
      Event: 'scancode_push',
      EventKey: 'rselfmenu_0_1',
      ScanCodeInfo: { ScanType: 'qrcode', ScanResult: 'https://qr.example/1' },
    });
    expect(wait).toMatchObject({
      Event: 'scancode_waitmsg',
      ScanCodeInfo: { ScanType: 'barcode', ScanResult: '6901234567892' },
    });
    expect(photo).toMatchObject({
      Event: 'pic_sysphoto',
      EventKey: 'rselfmenu_1_0',
      SendPicsInfo: { Count: 1, PicList: [{ PicMd5Sum: '1b5f7c23b5bf75682a53e7b6d163e185' }] },
    });
    expect(album).toMatchObject({
      Event: 'pic_photo_or_album',
      SendPicsInfo: {
        Count: 2,
        PicList: [
          { PicMd5Sum: '5a75aaca956d97be686719218f275c6b' },
          { PicMd5Sum: '1b5f7c23b5bf75682a53e7b6d163e185' },
        ],
      },
    });
    expect(weixin).toMatchObject({ Event: 'pic_weixin', SendPicsInfo: { Count: 1 } });
    expect(location).toMatchObject({
      Event: 'location_select',
      EventKey: 'rselfmenu_2_0',
      SendLocationInfo: { Location_X: 23.1, Location_Y: 113.3, Scale: 15, Label: '广州市海珠区' },
    });
    expect(mini).toMatchObject({ Event: 'view_miniprogram', EventKey: 'pages/lunar/index' });
    expect(a.webhook.bodies).toHaveLength(7);
  });

  test('material buttons and parents of sub-menus push nothing', async () => {
    const a = await account();
    await a.createUser('oUser');
    await a.create(FULL_MENU);
    for (const target of ['图片', '图文消息', '发布后的图文', '发布后的图文页', '一'] as const) {
      const result = await clickMenu(a.platform, 'oUser', target);
      expect(result.push).toBeUndefined();
      expect(result.event).toBeUndefined();
    }
    expect((await clickMenu(a.platform, 'oUser', [0])).button.name).toBe('一');
    expect(a.webhook.bodies).toEqual([]);
  });

  test('a user sees their personalised menu: its MenuId comes with VIEW', async () => {
    const a = await account();
    await a.createUser('oVip');
    await a.create(SIMPLE_MENU);
    const vip = await a.createTag('VIP');
    await a.post('/cgi-bin/tags/members/batchtagging', { openid_list: ['oVip'], tagid: vip });
    const { menuid } = await a.post('/cgi-bin/menu/addconditional', {
      button: [{ type: 'view', name: '会员', url: 'https://vip.example/' }],
      matchrule: { tag_id: String(vip) },
    });
    await clickMenu(a.platform, 'oVip', [0]);
    expect(parseMessage(a.webhook.bodies[0] ?? '')).toMatchObject({
      Event: 'VIEW',
      EventKey: 'https://vip.example/',
      MenuId: menuid,
    });
    await expect(clickMenu(a.platform, 'oVip', 'V1001_GOOD')).rejects.toMatchObject({ status: 404 });
  });

  test('in safe mode the event arrives encrypted, like every push', async () => {
    const a = await account({ mode: 'safe' });
    await a.createUser('oUser');
    await a.create(SIMPLE_MENU);
    await clickMenu(a.platform, 'oUser', 'V1001_TODAY_MUSIC');
    const { app } = a.harness.emulator.state;
    const envelope = parseXml(a.webhook.bodies[0] ?? '').value as { Encrypt: string };
    const crypto = new MessageCrypto({
      token: app.token,
      encodingAESKey: app.encodingAESKey,
      appId: app.appId,
    });
    const message = parseMessage(crypto.decrypt(envelope.Encrypt).message);
    expect(message).toMatchObject({ Event: 'CLICK', EventKey: 'V1001_TODAY_MUSIC', FromUserName: 'oUser' });
  });

  test('errors: unknown user 404, no menu 409, no such button 404, unfollowed user 409', async () => {
    const a = await account();
    await a.createUser('oUser');
    await a.createUser('oGone', false);
    const refused = async (promise: Promise<unknown>, status: number) => {
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ControlError);
      expect((error as ControlError).status).toBe(status);
    };
    await refused(clickMenu(a.platform, 'oUser', 'K'), 409);
    await a.create(SIMPLE_MENU);
    await refused(clickMenu(a.platform, 'oNobody', 'V1001_GOOD'), 404);
    await refused(clickMenu(a.platform, 'oUser', 'NO_SUCH_KEY'), 404);
    await refused(clickMenu(a.platform, 'oUser', [5]), 404);
    await refused(clickMenu(a.platform, 'oUser', [0, 1]), 404);
    await refused(clickMenu(a.platform, 'oUser', [1, 7]), 404);
    await refused(clickMenu(a.platform, 'oGone', 'V1001_GOOD'), 409);
    expect(a.webhook.bodies).toEqual([]);
  });
});
