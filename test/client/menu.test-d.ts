import { describe, expectTypeOf, test } from 'vitest';
import type {
  ClickButton,
  MenuApi,
  MenuButtonType,
  MenuDefinition,
  MenuInfo,
  MenuLeafButton,
  MenuParentButton,
  MenuTopButton,
  ViewButton,
} from '../../src/client/api/menu.js';
import type { FollowerInfo, SubscribedUserInfo, UsersApi } from '../../src/client/api/users.js';

declare const menu: MenuApi;
declare const users: UsersApi;

describe('menu definitions', () => {
  test('every button type is in the union', () => {
    expectTypeOf<MenuButtonType>().toEqualTypeOf<
      | 'click'
      | 'view'
      | 'scancode_push'
      | 'scancode_waitmsg'
      | 'pic_sysphoto'
      | 'pic_photo_or_album'
      | 'pic_weixin'
      | 'location_select'
      | 'media_id'
      | 'view_limited'
      | 'article_id'
      | 'article_view_limited'
      | 'miniprogram'
    >();
  });

  test('valid menus compile', () => {
    menu.create({
      button: [
        { type: 'click', name: '今日歌曲', key: 'K' },
        {
          name: '菜单',
          sub_button: [
            { type: 'view', name: '搜索', url: 'https://www.soso.com/' },
            {
              type: 'miniprogram',
              name: 'wxa',
              url: 'https://a.cn',
              appid: 'wx286b93c14bbf93aa',
              pagepath: 'p',
            },
            { type: 'media_id', name: '图片', media_id: 'M' },
            { type: 'article_view_limited', name: '文章', article_id: 'A' },
          ],
        },
        { type: 'location_select', name: '位置', key: 'L', sub_button: [] },
      ],
    });
    expectTypeOf({ type: 'click', name: 'n', key: 'k' } as const).toExtend<ClickButton>();
    expectTypeOf({ type: 'view', name: 'n', url: 'u' } as const).toExtend<ViewButton>();
    expectTypeOf({
      name: 'p',
      sub_button: [{ type: 'click', name: 'n', key: 'k' }],
    } as const).toExtend<MenuParentButton>();
  });

  test('a click button without key, a view without url do not compile', () => {
    // @ts-expect-error: a click button needs a key
    menu.create({ button: [{ type: 'click', name: 'n' }] });
    // @ts-expect-error: a view button needs a url
    menu.create({ button: [{ type: 'view', name: 'n' }] });
    // @ts-expect-error: a view button has a url, not a key
    menu.create({ button: [{ type: 'view', name: 'n', key: 'k' }] });
    // @ts-expect-error: a miniprogram button needs appid and pagepath
    menu.create({ button: [{ type: 'miniprogram', name: 'n', url: 'https://a.cn' }] });
    // @ts-expect-error: a media_id button needs a media_id
    menu.create({ button: [{ type: 'media_id', name: 'n' }] });
    // @ts-expect-error: an article_id button needs an article_id
    menu.create({ button: [{ type: 'article_id', name: 'n', media_id: 'M' }] });
    // @ts-expect-error: every button needs a name
    menu.create({ button: [{ type: 'click', key: 'k' }] });
    expectTypeOf({ type: 'click', name: 'n' } as const).not.toExtend<MenuLeafButton>();
    expectTypeOf({ type: 'view', name: 'n' } as const).not.toExtend<MenuLeafButton>();
  });

  test('unknown types and the wrong case do not compile', () => {
    // @ts-expect-error: no such type
    menu.create({ button: [{ type: 'tap', name: 'n', key: 'k' }] });
    // @ts-expect-error: types are lower case
    menu.create({ button: [{ type: 'CLICK', name: 'n', key: 'k' }] });
  });

  test('only two levels: a third (or fourth) level does not compile', () => {
    menu.create({
      button: [
        {
          name: 'top',
          // @ts-expect-error: a sub-button cannot open a sub-menu
          sub_button: [{ name: 'second', sub_button: [{ type: 'click', name: 'third', key: 'k' }] }],
        },
      ],
    });
    menu.create({
      button: [
        {
          name: '1',
          sub_button: [
            // @ts-expect-error: four levels, even less
            { name: '2', sub_button: [{ name: '3', sub_button: [{ type: 'click', name: '4', key: 'k' }] }] },
          ],
        },
      ],
    });
    menu.create({
      button: [
        {
          type: 'click',
          name: 'n',
          key: 'k',
          // @ts-expect-error: a leaf cannot have sub-buttons
          sub_button: [{ type: 'click', name: 'm', key: 'k' }],
        },
      ],
    });
    menu.create({
      button: [
        {
          type: 'click',
          name: 'p',
          // @ts-expect-error: a parent has no type (it would be read as a leaf with sub-buttons)
          sub_button: [{ type: 'click', name: 'm', key: 'k' }],
        },
      ],
    });
    expectTypeOf<MenuParentButton>().not.toExtend<MenuLeafButton>();
    expectTypeOf({
      type: 'click',
      name: 'p',
      key: 'k',
      sub_button: [{ type: 'click', name: 'm', key: 'k' }],
    } as const).not.toExtend<MenuTopButton>();
  });

  test('a fetched menu fits create(); menuid is a string', () => {
    expectTypeOf<MenuInfo['menu']>().toExtend<MenuDefinition>();
    expectTypeOf<MenuInfo['menu']['menuid']>().toEqualTypeOf<string | undefined>();
    expectTypeOf(menu.get).returns.resolves.toEqualTypeOf<MenuInfo | undefined>();
    expectTypeOf(menu.tryMatch).returns.resolves.toEqualTypeOf<readonly MenuTopButton[]>();
  });
});

describe('users', () => {
  test('get() narrows on subscribe', async () => {
    const info = await users.get('o');
    expectTypeOf(info).toEqualTypeOf<FollowerInfo>();
    // @ts-expect-error: only followers have tagid_list
    info.tagid_list;
    if (info.subscribe === 1) {
      expectTypeOf(info).toEqualTypeOf<SubscribedUserInfo>();
      expectTypeOf(info.tagid_list).toEqualTypeOf<readonly number[]>();
    }
    expectTypeOf(info.unionid).toEqualTypeOf<string | undefined>();
  });

  test('lang is one of the documented values', () => {
    users.get('o', 'en');
    // @ts-expect-error: not a lang
    users.get('o', 'fr');
  });

  test('the users API is async-iterable over openids', () => {
    expectTypeOf(users).toExtend<AsyncIterable<string>>();
    expectTypeOf(users.iterate()).toExtend<AsyncIterable<string>>();
    expectTypeOf(users.tags.iterateUsersWithTag(100)).toExtend<AsyncIterable<string>>();
  });
});
