// The demo bot: what a small Official Account backend looks like with wechat-mp. Every feature
// here runs against the local emulator exactly as it would against WeChat.
import { createWebhook, type WebhookApp, type WeChatClient } from 'wechat-mp';

/** What the bot needs: the account's server settings and an API client. */
export interface DemoBotOptions {
  readonly token: string;
  readonly appId: string;
  readonly encodingAESKey: string;
  readonly client: WeChatClient;
  /** How long `slow` takes; longer than the 5-second rule on purpose. */
  readonly slowMs?: number;
}

/** The commands the bot understands, as its help text lists them. */
export const DEMO_HELP = [
  '发送任意文字，我会原样回复 (echo)',
  'help / 帮助 — 这条帮助',
  '时间 — 现在几点',
  'slow — 一个超过 5 秒的回答，仍然会送达（客服消息）',
].join('\n');

/** Builds the demo bot's webhook. */
export function createDemoBot(options: DemoBotOptions): WebhookApp {
  const app = createWebhook({
    token: options.token,
    appId: options.appId,
    encodingAESKey: options.encodingAESKey,
    client: options.client,
    logger: { warn: () => undefined, error: (message, error) => console.error(message, error) },
  });

  app.on('event:subscribe', (ctx) => {
    const scene = ctx.message.EventKey?.replace(/^qrscene_/, '');
    return `欢迎关注！${scene ? `（扫码场景 ${scene}）` : ''}\n${DEMO_HELP}`;
  });
  app.hears(/^(help|帮助)$/i, () => DEMO_HELP);
  app.hears('时间', () => `现在是 ${new Date().toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai' })}`);
  // Longer than WeChat's 5 seconds: the webhook answers `success` in time and this reply
  // follows as a customer-service message.
  app.hears('slow', async () => {
    await new Promise((resolve) => setTimeout(resolve, options.slowMs ?? 6000));
    return '这个回答用了 6 秒，但还是送到了。';
  });
  app.key('MENU_HELP', () => DEMO_HELP);
  app.on(
    'location',
    (ctx) => `你在 ${ctx.message.Label}（${ctx.message.Location_X}, ${ctx.message.Location_Y}）`,
  );
  app.on('image', () => '收到一张图片。');
  app.on('text', (ctx) => `你说：${ctx.message.Content}`);
  return app;
}
