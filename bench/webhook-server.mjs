// One server of the webhook benchmark, in its own process so the load generator does not share
// its event loop: `ours` (createWebhook), `node-webot` (the `wechat` middleware on Express) or
// `floor` (bare node:http: verify, decrypt, three fields by regex, encrypt the reply).
import { createServer } from 'node:http';
import express from 'express';
import wechat from 'wechat';
import { createWebhook, toNodeHandler } from '../dist/esm/index.js';
import { createFloor } from './floor.mjs';

const [kind, token, encodingAESKey, appId] = process.argv.slice(2);
let listener;
if (kind === 'ours') {
  const app = createWebhook({ token, appId, encodingAESKey });
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
  const floor = createFloor({ token, encodingAESKey, appId });
  listener = (req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const reply = floor(req.url, Buffer.concat(chunks).toString());
      if (reply === undefined) res.writeHead(401).end();
      else res.writeHead(200, { 'content-type': 'application/xml' }).end(reply);
    });
  };
}
const server = createServer(listener);
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
process.on('SIGINT', () => process.exit(0));
