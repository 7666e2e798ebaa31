import { describe, expectTypeOf, test } from 'vitest';
import type {
  ImageReply,
  NewsReply,
  ParsedReply,
  RenderReplyOptions,
  Reply,
  ReplyType,
  TransferCustomerServiceReply,
  VideoReply,
} from '../../src/protocol/replies.js';
import { parseReply, renderReply } from '../../src/protocol/replies.js';

describe('reply types', () => {
  test('ReplyType lists every MsgType', () => {
    expectTypeOf<ReplyType>().toEqualTypeOf<
      'text' | 'image' | 'voice' | 'video' | 'music' | 'news' | 'transfer_customer_service'
    >();
  });

  test('required payload fields', () => {
    expectTypeOf({ type: 'image', mediaId: 'm' } as const).toExtend<Reply>();
    expectTypeOf({ type: 'image' } as const).not.toExtend<Reply>();
    expectTypeOf({ type: 'voice' } as const).not.toExtend<Reply>();
    expectTypeOf({ type: 'video', title: 't' } as const).not.toExtend<Reply>();
    expectTypeOf({ type: 'music', title: 't' } as const).not.toExtend<Reply>();
    expectTypeOf({ type: 'news' } as const).not.toExtend<Reply>();
    expectTypeOf({ type: 'news', articles: [{ url: 'u' }] } as const).not.toExtend<Reply>();
    expectTypeOf({ type: 'news', articles: [{ title: 't' }] } as const).toExtend<NewsReply>();
    expectTypeOf({ type: 'text' } as const).not.toExtend<Reply>();
    expectTypeOf({ type: 'transfer_customer_service' } as const).toExtend<Reply>();
    expectTypeOf({ type: 'link', url: 'u' } as const).not.toExtend<Reply>();
  });

  test('fields of one type do not fit another', () => {
    expectTypeOf({ type: 'image', content: 'x' } as const).not.toExtend<Reply>();
    expectTypeOf({ type: 'text', mediaId: 'm' } as const).not.toExtend<Reply>();
  });

  test('optional fields take no explicit undefined (exactOptionalPropertyTypes)', () => {
    expectTypeOf<{ type: 'video'; mediaId: string; title: undefined }>().not.toExtend<VideoReply>();
    expectTypeOf<{
      type: 'transfer_customer_service';
      kfAccount: undefined;
    }>().not.toExtend<TransferCustomerServiceReply>();
  });

  test('Reply narrows on type', () => {
    const narrow = (reply: Reply) => {
      if (reply.type === 'image') expectTypeOf(reply).toEqualTypeOf<ImageReply>();
      if (reply.type === 'news')
        expectTypeOf(reply.articles[0]).toEqualTypeOf<NewsReply['articles'][number] | undefined>();
      if (reply.type === 'video') expectTypeOf(reply.title).toEqualTypeOf<string | undefined>();
    };
    expectTypeOf(narrow).parameter(0).toEqualTypeOf<Reply>();
  });
});

describe('function signatures', () => {
  test('renderReply takes a Reply or a string and returns the XML', () => {
    expectTypeOf(renderReply).parameter(0).toEqualTypeOf<Reply | string>();
    expectTypeOf(renderReply).returns.toEqualTypeOf<string>();
    expectTypeOf({ to: 'o' }).not.toExtend<RenderReplyOptions>();
    expectTypeOf({ to: 'o', from: 'gh' }).toExtend<RenderReplyOptions>();
    // @ts-expect-error createTime is a number of seconds, not a Date
    renderReply('hi', { to: 'o', from: 'gh', createTime: new Date() });
  });

  test('parseReply returns the reply with its envelope', () => {
    expectTypeOf(parseReply).returns.toEqualTypeOf<ParsedReply>();
    expectTypeOf<ParsedReply['reply']>().toEqualTypeOf<Reply>();
    expectTypeOf<ParsedReply['createTime']>().toEqualTypeOf<number>();
  });
});
