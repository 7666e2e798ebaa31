// The demo bot: what a small Official Account backend looks like with wechat-mp. Every feature
// here runs against the local emulator exactly as it would against WeChat.
//
// - createDemoBot(): the webhook. Passive replies, a menu, a template message, a link to a web
//   page, and an answer slower than WeChat's 5 seconds that still arrives.
// - installMenu() and addNotifyTemplate(): what the bot sets up on the account when it starts.
import {
  createWebhook,
  type MenuDefinition,
  templateKeys,
  type WebhookApp,
  type WebhookContext,
  type WeChatClient,
} from 'wechat-mp';

/** What the bot needs: the account's server settings and an API client. */
export interface DemoBotOptions {
  readonly token: string;
  readonly appId: string;
  readonly encodingAESKey: string;
  readonly client: WeChatClient;
  /** The notification template, from {@link addNotifyTemplate}; without it `notify` says so. */
  readonly templateId?: string;
  /** The web page the `网页` command links to (the OAuth + JS-SDK example). */
  readonly pageUrl?: string;
  /** How long `slow` takes; longer than the 5-second rule on purpose. */
  readonly slowMs?: number;
}

/** The commands the bot understands, as its help text lists them. */
export const DEMO_HELP = [
  '发送任意文字，我会原样回复 (echo)',
  'help / 帮助 — 这条帮助',
  '时间 — 现在几点',
  'notify / 通知 — 给你发一条模板消息',
  '网页 / oauth — 网页授权 + JS-SDK 示例页的地址',
  'slow — 一个超过 5 秒的回答，仍然会送达（客服消息）',
].join('\n');

/** The menu under the chat input: two buttons the bot answers, and a sub-menu. */
export function demoMenu(pageUrl: string): MenuDefinition {
  return {
    button: [
      { type: 'click', name: '帮助', key: 'MENU_HELP' },
      { type: 'click', name: '通知', key: 'MENU_NOTIFY' },
      {
        name: '更多',
        sub_button: [
          { type: 'view', name: '网页', url: pageUrl },
          { type: 'click', name: '时间', key: 'MENU_TIME' },
        ],
      },
    ],
  };
}

/** Installs {@link demoMenu} on the account (`menu/create`), replacing the menu it had. */
export async function installMenu(client: WeChatClient, pageUrl: string): Promise<void> {
  await client.menu.create(demoMenu(pageUrl));
}

/** The template `notify` sends: 订单支付成功通知 from the platform's template library. */
const NOTIFY_TEMPLATE = {
  shortId: 'TM00015',
  title: '订单支付成功通知',
  keywords: ['订单号', '商品名称', '支付金额'],
  /** The data keys of those keywords, as the template's content names them. */
  keys: ['character_string1', 'thing2', 'amount3'],
} as const;

/**
 * Makes sure the account has the notification template and answers its id. An account holds at
 * most 25 templates, so one added by an earlier start is reused rather than added again.
 */
export async function addNotifyTemplate(client: WeChatClient): Promise<string> {
  const existing = (await client.template.getAllPrivateTemplates()).find(
    (template) =>
      template.title === NOTIFY_TEMPLATE.title &&
      templateKeys(template.content).join() === NOTIFY_TEMPLATE.keys.join(),
  );
  return (
    existing?.template_id ?? client.template.addTemplate(NOTIFY_TEMPLATE.shortId, NOTIFY_TEMPLATE.keywords)
  );
}

/** Builds the demo bot's webhook. */
export function createDemoBot(options: DemoBotOptions): WebhookApp {
  const { client, templateId, pageUrl } = options;
  const app = createWebhook({
    token: options.token,
    appId: options.appId,
    encodingAESKey: options.encodingAESKey,
    client,
    logger: { warn: () => undefined, error: (message, error) => console.error(message, error) },
  });

  const now = () => new Date().toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai' });
  let orders = 0;
  // A template message goes through the API (it is not a reply): the user gets it even when
  // they have not written for days. The passive reply confirms it.
  const notify = async (ctx: WebhookContext) => {
    if (templateId === undefined) return '这个演示没有配置模板（见 addNotifyTemplate）。';
    orders += 1;
    await client.template.send({
      touser: ctx.openid,
      template_id: templateId,
      ...(pageUrl === undefined ? {} : { url: pageUrl }),
      data: {
        character_string1: { value: `DEMO${String(orders).padStart(4, '0')}` },
        thing2: { value: '无线蓝牙耳机' },
        amount3: { value: '¥99.00' },
      },
    });
    return '已发送模板消息';
  };
  const webPage = () =>
    pageUrl === undefined
      ? '这个演示没有配置网页。'
      : `网页授权 + JS-SDK 示例：${pageUrl}\n在浏览器里打开，用微信登录（模拟器扮演微信的授权页）。`;

  app.on('event:subscribe', (ctx) => {
    const scene = ctx.message.EventKey?.replace(/^qrscene_/, '');
    return `欢迎关注！${scene ? `（扫码场景 ${scene}）` : ''}\n${DEMO_HELP}`;
  });
  app.hears(/^(help|帮助)$/i, () => DEMO_HELP);
  app.hears('时间', () => `现在是 ${now()}`);
  app.hears(/^(notify|通知)$/i, notify);
  app.hears(/^(网页|oauth)$/i, webPage);
  // Longer than WeChat's 5 seconds: the webhook answers `success` in time and this reply
  // follows as a customer-service message.
  app.hears('slow', async () => {
    await new Promise((resolve) => setTimeout(resolve, options.slowMs ?? 6000));
    return '这个回答用了 6 秒，但还是送到了。';
  });
  // Menu taps: a `click` button pushes `CLICK` with its key.
  app.key('MENU_HELP', () => DEMO_HELP);
  app.key('MENU_NOTIFY', notify);
  app.key('MENU_TIME', () => `现在是 ${now()}`);
  app.on(
    'location',
    (ctx) => `你在 ${ctx.message.Label}（${ctx.message.Location_X}, ${ctx.message.Location_Y}）`,
  );
  app.on('image', () => '收到一张图片。');
  app.on('text', (ctx) => `你说：${ctx.message.Content}`);
  return app;
}
