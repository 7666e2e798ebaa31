// Webhook throughput and latency over HTTP on loopback, safe mode, an echo bot: ours against
// node-webot's `wechat` middleware on Express and against a bare node:http floor, each in its
// own process, driven by autocannon with the same connections and freshly signed, encrypted,
// never-repeated pushes (a repeated MsgId would be answered from the dedupe cache).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { computeSignature, MessageCrypto } from '../dist/esm/index.js';

const token = 'benchtoken';
const encodingAESKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const appId = 'wx0123456789abcdef';
const platform = new MessageCrypto({ token, encodingAESKey, appId });
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
let msgId = 7300000000000000000n;

function push() {
  msgId += 1n;
  const xml =
    '<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName>' +
    `<CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
    `<Content><![CDATA[你好 ${msgId}]]></Content><MsgId>${msgId}</MsgId></xml>`;
  const sealed = platform.encrypt(xml);
  const query = new URLSearchParams({
    signature: computeSignature(token, sealed.timestamp, sealed.nonce),
    timestamp: sealed.timestamp,
    nonce: sealed.nonce,
    openid: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs',
    encrypt_type: 'aes',
    msg_signature: sealed.msgSignature,
  });
  return {
    method: 'POST',
    path: `/wx?${query}`,
    headers: { 'content-type': 'text/xml' },
    body: `<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><Encrypt><![CDATA[${sealed.encrypt}]]></Encrypt></xml>`,
  };
}

async function load(port, seconds) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ setupRequest: (request) => ({ ...request, ...push() }) }],
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return result;
}

async function measure(kind) {
  const child = spawn(
    process.execPath,
    [join(import.meta.dirname, 'webhook-server.mjs'), kind, token, encodingAESKey, appId],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  try {
    const [line] = await once(child.stdout, 'data');
    const port = Number(String(line).trim());
    // Check the answer is a real encrypted reply before timing anything.
    const sample = push();
    const answer = await (
      await fetch(`http://127.0.0.1:${port}${sample.path}`, { method: 'POST', body: sample.body })
    ).text();
    const content = /<Encrypt><!\[CDATA\[([^\]]+)/.exec(answer)?.[1];
    if (content === undefined || !platform.decrypt(content).message.includes('你好'))
      throw new Error(`${kind}: bad reply ${answer}`);
    await load(port, 2); // warm-up
    const result = await load(port, SECONDS);
    return { kind, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
  } finally {
    child.kill();
  }
}

export async function run() {
  const rows = [];
  for (const kind of ['ours', 'node-webot', 'floor']) rows.push(await measure(kind));
  const floor = rows[2];
  const peer = rows[1];
  console.log(
    `\nWebhook: encrypted echo bot over HTTP, safe mode, ${CONNECTIONS} connections, ${SECONDS} s (autocannon)`,
  );
  const names = {
    ours: 'wechat-mp createWebhook',
    'node-webot': 'node-webot wechat on Express',
    floor: 'bare node:http floor',
  };
  for (const row of rows) {
    console.log(
      `  ${names[row.kind].padEnd(34)} ${Math.round(row.rps).toLocaleString('en-US').padStart(8)} req/s` +
        `  p50 ${String(row.p50).padStart(3)} ms  p99 ${String(row.p99).padStart(3)} ms` +
        `  ${(row.rps / floor.rps).toFixed(2)}× floor  ${(row.rps / peer.rps).toFixed(1)}× node-webot`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
