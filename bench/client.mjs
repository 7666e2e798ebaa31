// The API client's own cost: a call with a cached token against the bare fetch of the same
// request, against a platform that answers at once and against the emulator on loopback; and how
// many token fetches 10,000 calls from 8 processes sharing one store cause.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../dist/esm/emulator.js';
import { WeChatClient } from '../dist/esm/index.js';
import { measureAsyncInTurns } from './harness.mjs';

const appId = 'wxbench0000000001';
const appSecret = 'bench-secret';
// The emulator enforces the platform's daily limits; a benchmark makes more calls than a day allows.
const UNLIMITED = { '/cgi-bin/getcallbackip': 1e9 };

export async function run() {
  await ownCost();
  await overLoopback();
  await clusterFetches();
}

/**
 * A fetch that answers at once, as if the platform were in this process with nothing in between:
 * what is left of a call's time is the caller's own work.
 */
function instantFetch() {
  const token = JSON.stringify({ access_token: 'bench-token', expires_in: 7200 });
  const ips = JSON.stringify({ ip_list: ['127.0.0.1'] });
  const headers = { 'content-type': 'application/json' };
  return async (url) => new Response(new URL(url).pathname.endsWith('token') ? token : ips, { headers });
}

/**
 * The client's own cost per call: against a platform that answers at once, the difference in time
 * per call between the client and the bare fetch of the same request. Over loopback the same
 * difference is a few percent of a call, and a shared machine's noise can hide it.
 */
async function ownCost() {
  const instant = instantFetch();
  const client = new WeChatClient({ appId, appSecret, fetch: instant });
  await client.accessToken.get();
  const url = 'https://api.weixin.qq.com/cgi-bin/getcallbackip?access_token=bench-token';
  const [bareRate, clientRate] = await compare(
    'API call with a cached token, the platform answering at once (no network)',
    () => instant(url).then((r) => r.json()),
    client,
  );
  const ownUs = 1e6 / clientRate - 1e6 / bareRate;
  console.log(`  client's own time per call                     ${ownUs.toFixed(1).padStart(12)} µs`);
}

/** The same call against the emulator over loopback, beside the bare fetch. */
async function overLoopback() {
  const emulator = await startEmulator({ appId, appSecret, quotaLimits: UNLIMITED });
  try {
    const client = new WeChatClient({ appId, appSecret, baseURL: emulator.url });
    const token = await client.accessToken.get();
    const bareUrl = `${emulator.url}/cgi-bin/getcallbackip?access_token=${token}`;
    await compare(
      'The same call over loopback to the emulator (in this process), 8 in flight',
      () => fetch(bareUrl).then((r) => r.json()),
      client,
    );
  } finally {
    await emulator.close();
  }
}

/** Times `bare` and the client's getcallbackip in turns, 8 in flight, and prints both rates. */
async function compare(title, bare, client) {
  const viaClient = () => client.request('GET', '/cgi-bin/getcallbackip');
  const rates = await measureAsyncInTurns([bare, viaClient], 8);
  console.log(`\n${title}`);
  console.log(`  bare fetch                                     ${fmt(rates[0])} ops/s`);
  console.log(`  WeChatClient.request                           ${fmt(rates[1])} ops/s`);
  return rates;
}

async function clusterFetches() {
  const emulator = await startEmulator({ appId, appSecret, quotaLimits: UNLIMITED });
  const dir = mkdtempSync(join(tmpdir(), 'wechat-mp-bench-'));
  try {
    const processes = 8;
    const calls = 10_000;
    const startAt = Date.now() + 1500;
    const worker = join(import.meta.dirname, 'client-worker.mjs');
    const args = [emulator.url, join(dir, 'store.json'), String(startAt), String(calls / processes)];
    const exits = await Promise.all(
      Array.from(
        { length: processes },
        () =>
          new Promise((resolve) =>
            spawn(process.execPath, [worker, ...args], { stdio: 'inherit' }).on('exit', resolve),
          ),
      ),
    );
    if (exits.some((code) => code !== 0)) throw new Error(`a worker failed: ${exits}`);
    const stats = await (await fetch(`${emulator.url}/emulator/stats`)).json();
    const fetched = (stats.calls['/cgi-bin/stable_token'] ?? 0) + (stats.calls['/cgi-bin/token'] ?? 0);
    console.log(
      `\nToken fetches for ${calls.toLocaleString('en-US')} calls from ${processes} processes sharing a FileStore, cold cache`,
    );
    console.log(`  token fetches                                  ${String(fetched).padStart(12)}`);
    console.log(
      `  API calls the platform saw                     ${String(stats.calls['/cgi-bin/getcallbackip']).padStart(12)}`,
    );
  } finally {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (n) => Math.round(n).toLocaleString('en-US').padStart(12);
