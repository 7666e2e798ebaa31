// Webhook throughput and latency over HTTP on loopback, safe mode, an echo bot: ours against
// node-webot's `wechat` middleware on Express and against a bare node:http floor, each in its
// own process, driven by autocannon with the same connections and freshly signed, encrypted,
// never-repeated pushes (a repeated MsgId would be answered from the dedupe cache).
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { account, platform, sealPush } from './pushes.mjs';

const { token, encodingAESKey, appId } = account;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

/** A new push as autocannon sends it. */
function push() {
  const { path, body } = sealPush();
  return { method: 'POST', path, headers: { 'content-type': 'text/xml' }, body };
}

/** Most requests a load of `seconds` may send: pushes are sealed before it starts (see {@link load}). */
const MAX_RATE = Number(process.env.BENCH_MAX_RATE ?? 25_000);

async function load(port, seconds) {
  // Sealing a push (AES, two SHA-1) costs the load generator about as much as a server spends
  // answering it: sealed during the load, it can starve the generator's CPU before the fastest
  // server is busy. So they are sealed first; past the pool, more are sealed on the fly.
  const pool = Array.from({ length: MAX_RATE * seconds }, push);
  let next = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ setupRequest: (request) => ({ ...request, ...(pool[next++] ?? push()) }) }],
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return result;
}

/**
 * The server gets the last CPU to itself and the load generator the others, when `taskset` is
 * there: otherwise the scheduler moves them about and a run's figures swing by half.
 */
const pinned = (() => {
  const cpus = availableParallelism();
  if (cpus < 2 || process.env.BENCH_PIN === '0') return undefined;
  try {
    // -a: every thread of this process (V8's and libuv's helpers too), not only the main one.
    execFileSync('taskset', ['-apc', `0-${cpus - 2}`, String(process.pid)], { stdio: 'ignore' });
    return ['taskset', ['-c', String(cpus - 1), process.execPath]];
  } catch {
    return undefined;
  }
})();

/** Starts `kind`'s server, checks its answer, then runs `rounds` timed loads; resolves to each round's result. */
async function measure(kind, rounds) {
  const [command, prefix] = pinned ?? [process.execPath, []];
  const child = spawn(
    command,
    [...prefix, join(import.meta.dirname, 'webhook-server.mjs'), kind, token, encodingAESKey, appId],
    { stdio: ['ignore', 'pipe', 'inherit'] },
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
    const results = [];
    for (let round = 0; round < rounds; round++) {
      const cpuBefore = cpuMicros(child.pid);
      const result = await load(port, SECONDS);
      const cpu = cpuMicros(child.pid) - cpuBefore;
      results.push({
        rps: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        cpuPerRequest: cpu / result.requests.total,
      });
    }
    return results;
  } finally {
    child.kill();
  }
}

/**
 * CPU time a process has used, in µs, from /proc (NaN elsewhere). Per request, it says what a
 * server costs whether or not the load generator kept it busy.
 */
function cpuMicros(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return Number.NaN;
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function run() {
  const kinds = ['ours', 'node-webot', 'floor'];
  const rounds = Number(process.env.BENCH_WEBHOOK_ROUNDS ?? 5);
  // The servers take turns, round after round, so a slow spell of the machine hits them alike;
  // ours and the floor run back to back, in alternating order, for the paired ratio below.
  const samples = Object.fromEntries(kinds.map((kind) => [kind, []]));
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? ['ours', 'floor', 'node-webot'] : ['floor', 'ours', 'node-webot'];
    for (const kind of order) samples[kind].push(...(await measure(kind, 1)));
  }
  const rows = kinds.map((kind) => ({
    kind,
    rps: median(samples[kind].map((s) => s.rps)),
    p50: median(samples[kind].map((s) => s.p50)),
    p99: median(samples[kind].map((s) => s.p99)),
    cpu: median(samples[kind].map((s) => s.cpuPerRequest)),
  }));
  const floor = rows[2];
  const peer = rows[1];
  console.log(
    `\nWebhook: encrypted echo bot over HTTP, safe mode, ${CONNECTIONS} connections, median of ${rounds} × ${SECONDS} s (autocannon)` +
      (pinned ? `; server pinned to CPU ${pinned[1][1]}, load generator to the others` : ''),
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
        (Number.isNaN(row.cpu) ? '' : `  ${row.cpu.toFixed(0).padStart(3)} µs CPU/req`) +
        `  ${(row.rps / floor.rps).toFixed(2)}× floor  ${(row.rps / peer.rps).toFixed(1)}× node-webot`,
    );
  }
  // Each round's ours/floor ratio, measured minutes apart at most: steadier than the ratio of
  // medians when the machine's speed drifts.
  const paired = samples.ours.map((s, i) => s.rps / samples.floor[i].rps);
  console.log(
    `  ours / floor, round by round: ${paired.map((r) => r.toFixed(2)).join(', ')} (median ${median(paired).toFixed(2)});` +
      ` p99 above the floor's: ${samples.ours.map((s, i) => s.p99 - samples.floor[i].p99).join(', ')} ms`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
