// One server of the webhook benchmark, in its own process so the load generator does not share
// its event loop: `ours` (createWebhook), `node-webot` (the `wechat` middleware on Express) or
// `floor` (bare node:http: verify, decrypt, three fields by regex, encrypt the reply).
import { createServer } from 'node:http';
import express from 'express';
import wechat from 'wechat';
import { checkSignature, createWebhook, MessageCrypto, toNodeHandler } from '../dist/esm/index.js';

const [kind, token, encodingAESKey, appId] = process.argv.slice(2);
let listener;
if (kind === 'ours') {
  const app = createWebhook({
    token,
    appId,
    encodingAESKey,
    ...(process.env.REPLY_TTL ? { replyTtlMs: Number(process.env.REPLY_TTL) } : {}),
  });
  app.on('text', (ctx) => ctx.message.Content);
  listener = toNodeHandler(app);
} else if (kind === 'node-webot') {
  const app = express();
  app.use(
    '/wx',
    wechat({ token, appid: appId, encodingAESKey }, (req, res) => res.reply(req.weixin.Content)),
  );
  listener = app;
} else {
  const crypto = new MessageCrypto({ token, encodingAESKey, appId });
  const field = (xml, name) =>
    new RegExp(`<${name}><!\\[CDATA\\[([\\s\\S]*?)\\]\\]></${name}>`).exec(xml)?.[1] ?? '';
  listener = (req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const q = new URL(req.url, 'http://x').searchParams;
      const body = Buffer.concat(chunks).toString();
      const encrypt = field(body, 'Encrypt');
      const ok =
        checkSignature({
          token,
          signature: q.get('signature'),
          timestamp: q.get('timestamp'),
          nonce: q.get('nonce'),
        }) &&
        crypto.verify({
          msgSignature: q.get('msg_signature'),
          timestamp: q.get('timestamp'),
          nonce: q.get('nonce'),
          encrypt,
        });
      if (!ok) {
        res.writeHead(401).end();
        return;
      }
      const xml = crypto.decrypt(encrypt).message;
      const reply =
        `<xml><ToUserName><![CDATA[${field(xml, 'FromUserName')}]]></ToUserName><FromUserName><![CDATA[${field(xml, 'ToUserName')}]]></FromUserName>` +
        `<CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${field(xml, 'Content')}]]></Content></xml>`;
      res
        .writeHead(200, { 'content-type': 'application/xml' })
        .end(crypto.encryptReply(reply, { nonce: q.get('nonce') }));
    });
  };
}
const server = createServer(listener);
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
process.on('SIGINT', () => process.exit(0));
