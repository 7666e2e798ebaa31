import { expectTypeOf, test } from 'vitest';
import type {
  MassApi,
  MassContent,
  MassPreviewMessage,
  MassSendAllMessage,
  MassSendMessage,
  MassSendResult,
  MassSpeed,
  MassStatusResult,
} from '../../src/client/api/mass.js';

declare const mass: MassApi;

test('valid messages compile', () => {
  const toAll: MassSendAllMessage = { filter: { is_to_all: true }, msgtype: 'text', text: { content: 'hi' } };
  const byTag: MassSendAllMessage = {
    filter: { is_to_all: false, tag_id: 2 },
    msgtype: 'mpnews',
    mpnews: { media_id: 'M' },
    send_ignore_reprint: 1,
    clientmsgid: 'id',
  };
  const list: MassSendMessage = { touser: ['a', 'b'], msgtype: 'image', images: { media_ids: ['I'] } };
  const byName: MassPreviewMessage = { towxname: 'wx', msgtype: 'mpvideo', mpvideo: { media_id: 'V' } };
  const byOpenid: MassPreviewMessage = { touser: 'o', msgtype: 'wxcard', wxcard: { card_id: 'C' } };
  expectTypeOf([toAll, byTag, list, byName, byOpenid]).toBeArray();
});

test('ids are strings; results are typed', () => {
  expectTypeOf(mass.sendAll).returns.resolves.toEqualTypeOf<MassSendResult>();
  expectTypeOf<MassSendResult['msg_id']>().toEqualTypeOf<string>();
  expectTypeOf<MassSendResult['msg_data_id']>().toEqualTypeOf<string | undefined>();
  expectTypeOf(mass.get).parameter(0).toEqualTypeOf<string>();
  expectTypeOf(mass.get).returns.resolves.toEqualTypeOf<MassStatusResult>();
  expectTypeOf<MassStatusResult['msg_status']>().toEqualTypeOf<
    'SEND_SUCCESS' | 'SENDING' | 'SEND_FAIL' | 'DELETE'
  >();
  expectTypeOf(mass.getSpeed).returns.resolves.toEqualTypeOf<MassSpeed>();
  expectTypeOf<MassContent['msgtype']>().toEqualTypeOf<
    'mpnews' | 'text' | 'voice' | 'image' | 'mpvideo' | 'wxcard'
  >();
});

test('wrong payloads do not compile', () => {
  // @ts-expect-error: no filter
  void mass.sendAll({ msgtype: 'text', text: { content: 'hi' } });
  // @ts-expect-error: a tag send needs tag_id
  void mass.sendAll({ filter: { is_to_all: false }, msgtype: 'text', text: { content: 'hi' } });
  // @ts-expect-error: text needs content
  void mass.sendAll({ filter: { is_to_all: true }, msgtype: 'text', text: {} });
  // @ts-expect-error: the payload of another msgtype
  void mass.sendAll({ filter: { is_to_all: true }, msgtype: 'voice', text: { content: 'hi' } });
  // @ts-expect-error: images take media_ids, a list
  void mass.sendAll({ filter: { is_to_all: true }, msgtype: 'image', images: { media_id: 'I' } });
  // @ts-expect-error: not a mass msgtype
  void mass.sendAll({ filter: { is_to_all: true }, msgtype: 'news', news: { articles: [] } });
  const news = { filter: { is_to_all: true }, msgtype: 'mpnews', mpnews: { media_id: 'M' } } as const;
  // @ts-expect-error: send_ignore_reprint is 0 or 1
  void mass.sendAll({ ...news, send_ignore_reprint: 2 });
  // @ts-expect-error: touser is a list for send
  void mass.send({ touser: 'o', msgtype: 'text', text: { content: 'hi' } });
  // @ts-expect-error: a preview needs touser or towxname
  void mass.preview({ msgtype: 'text', text: { content: 'hi' } });
  // @ts-expect-error: speed is 0 to 4
  void mass.setSpeed(5);
  const text = { filter: { is_to_all: true }, msgtype: 'text', text: { content: 'hi' } } as const;
  // @ts-expect-error: an unknown account type
  void mass.sendAll(text, { accountType: 'x' });
  // @ts-expect-error: articles need thumb_media_id
  void mass.uploadNews([{ title: 't', content: 'c' }]);
  // @ts-expect-error: the article index is a number
  void mass.delete('1', '2');
});
