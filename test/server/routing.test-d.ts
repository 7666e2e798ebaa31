import { expectTypeOf, test } from 'vitest';
import type {
  ClickEvent,
  InboundEvent,
  InboundMessage,
  LocationSelectEvent,
  MassSendJobFinishEvent,
  PicSysPhotoEvent,
  ScanEvent,
  SubscribeEvent,
  TextMessage,
  UnknownEvent,
  VoiceMessage,
} from '../../src/protocol/messages.js';
import type { Reply } from '../../src/protocol/replies.js';
import type {
  Handler,
  HandlerResult,
  MessageForFilter,
  Middleware,
  WebhookContext,
} from '../../src/server/context.js';
import { createWebhook } from '../../src/server/webhook.js';

const app = createWebhook({ token: 'token' });

test('on(MsgType) narrows ctx.message to that message', () => {
  app.on('text', (ctx) => {
    expectTypeOf(ctx.message).toEqualTypeOf<TextMessage>();
    expectTypeOf(ctx.message.Content).toEqualTypeOf<string>();
    expectTypeOf(ctx).toEqualTypeOf<WebhookContext<TextMessage>>();
  });
  app.on('voice', (ctx) => {
    expectTypeOf(ctx.message).toEqualTypeOf<VoiceMessage>();
    expectTypeOf(ctx.message.Recognition).toEqualTypeOf<string | undefined>();
  });
  app.on('event', (ctx) => {
    expectTypeOf(ctx.message).toEqualTypeOf<InboundEvent>();
  });
});

test("on('event:<Event>') narrows to that event", () => {
  app.on('event:subscribe', (ctx) => {
    expectTypeOf(ctx.message).toEqualTypeOf<SubscribeEvent>();
    if (ctx.message.Ticket !== undefined)
      expectTypeOf(ctx.message.EventKey).toEqualTypeOf<`qrscene_${string}`>();
  });
  app.on('event:CLICK', (ctx) => {
    expectTypeOf(ctx.message).toEqualTypeOf<ClickEvent>();
    expectTypeOf(ctx.message.EventKey).toEqualTypeOf<string>();
  });
  app.on('event:SCAN', (ctx) => {
    expectTypeOf(ctx.message).toEqualTypeOf<ScanEvent>();
  });
  app.on('event:pic_sysphoto', (ctx) => {
    expectTypeOf(ctx.message).toEqualTypeOf<PicSysPhotoEvent>();
    expectTypeOf(ctx.message.SendPicsInfo.PicList[0]).toEqualTypeOf<
      { readonly PicMd5Sum: string } | undefined
    >();
  });
  app.on('event:location_select', (ctx) => {
    expectTypeOf(ctx.message).toEqualTypeOf<LocationSelectEvent>();
  });
  app.on('event:MASSSENDJOBFINISH', (ctx) => {
    expectTypeOf(ctx.message).toEqualTypeOf<MassSendJobFinishEvent>();
  });
});

test('filters this version does not model are accepted, loosely typed', () => {
  app.on('event:card_pass_check', (ctx) => {
    expectTypeOf(ctx.message).toEqualTypeOf<UnknownEvent>();
  });
  app.on('device_text', (ctx) => {
    expectTypeOf(ctx.message).toEqualTypeOf<InboundMessage>();
  });
  expectTypeOf<MessageForFilter<'event:CLICK'>>().toEqualTypeOf<ClickEvent>();
  expectTypeOf<MessageForFilter<'event:nope'>>().toEqualTypeOf<UnknownEvent>();
  expectTypeOf<MessageForFilter<'event'>>().toEqualTypeOf<InboundEvent>();
  expectTypeOf<MessageForFilter<'whatever'>>().toEqualTypeOf<InboundMessage>();
});

test('hears gives a text message; key an event; otherwise and middleware any message', () => {
  app.hears('exact', (ctx) => {
    expectTypeOf(ctx.message).toEqualTypeOf<TextMessage>();
  });
  app.hears(/^order (\d+)$/, (ctx) => {
    expectTypeOf(ctx.message).toEqualTypeOf<TextMessage>();
  });
  app.key('MENU_KEY', (ctx) => {
    expectTypeOf(ctx.message).toEqualTypeOf<InboundEvent>();
  });
  app.otherwise((ctx) => {
    expectTypeOf(ctx.message).toEqualTypeOf<InboundMessage>();
  });
  app.use(async (ctx, next) => {
    expectTypeOf(ctx.message).toEqualTypeOf<InboundMessage>();
    expectTypeOf(next).toEqualTypeOf<() => Promise<HandlerResult>>();
    return next();
  });
});

test('handlers may return a string, a Reply or nothing, sync or async', () => {
  app.on('text', () => 'a text reply');
  app.on('text', () => ({ type: 'image', mediaId: 'MEDIA' }));
  app.on('text', () => ({ type: 'news', articles: [{ title: 'Docs', url: 'https://example.com' }] }));
  app.on('text', () => undefined);
  app.on('text', () => {});
  app.on('text', async () => 'later');
  app.on('text', async (): Promise<Reply> => ({ type: 'transfer_customer_service' }));
  app.hears('hi', (ctx) => (ctx.message.Content.length > 2 ? 'long' : undefined));
  app.use(async (_ctx, next) => {
    const result = await next();
    return typeof result === 'string' ? `${result}!` : result;
  });
  expectTypeOf<string>().toExtend<HandlerResult>();
  expectTypeOf<Reply>().toExtend<HandlerResult>();
  expectTypeOf<undefined>().toExtend<HandlerResult>();
  expectTypeOf<number>().not.toExtend<HandlerResult>();
  expectTypeOf<ReturnType<Handler>>().toEqualTypeOf<HandlerResult | Promise<HandlerResult>>();
});

test('anything else is a type error', () => {
  // @ts-expect-error a number is not a reply
  app.on('text', () => 42);
  // @ts-expect-error nor is a promise of one
  app.on('text', async () => 42);
  // @ts-expect-error a reply type that does not exist
  app.on('text', () => ({ type: 'sticker', mediaId: 'M' }));
  // @ts-expect-error an image reply needs its mediaId
  app.on('text', () => ({ type: 'image' }));
  // @ts-expect-error a text message has no EventKey
  app.on('text', (ctx) => ctx.message.EventKey);
  // @ts-expect-error hears answers text only: no Event on a text message
  app.hears('x', (ctx) => ctx.message.Event);
  // @ts-expect-error a click has no Content
  app.on('event:CLICK', (ctx) => ctx.message.Content);
  // @ts-expect-error middleware cannot return a number either
  const bad: Middleware = () => 1;
  void bad;
});
