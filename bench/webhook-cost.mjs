// What a push costs the webhook's own code, without HTTP: the CPU time per push of the floor, of
// createWebhook, and of createWebhook with a store that keeps nothing. Each runs in its own
// process, all at once on one CPU, so a slow spell of a shared machine hits them alike: over
// HTTP the same comparison swings by a tenth from one round to the next.
import { execFileSync, fork } from 'node:child_process';
import { once } from 'node:events';
import { cpus as allCpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createWebhook } from '../dist/esm/index.js';
import { createFloor } from './floor.mjs';
import { account, sealPush } from './pushes.mjs';

const SECONDS = Number(process.env.BENCH_COST_SECONDS ?? 5);
/** Pushes sealed per process before timing; more than the fastest can answer in SECONDS at a third of a CPU. */
const POOL = Number(process.env.BENCH_COST_POOL ?? 25_000 * SECONDS);
/** Pushes in flight at once, as on the 32 connections of the HTTP benchmark. */
const IN_FLIGHT = 32;

/** A store that keeps nothing: every push is new and no reply is kept for a retry. */
const keepsNothing = {
  get: () => undefined,
  set() {},
  delete() {},
  setIfAbsent: () => true,
  compareAndDelete: () => false,
  increment: () => 1,
  deletePrefix: () => 0,
};

const variants = {
  floor: { name: 'bare floor (verify, decrypt, regex, encrypt)' },
  ours: { name: 'wechat-mp createWebhook' },
  'keeps-nothing': { name: 'createWebhook, store keeping nothing', store: keepsNothing },
};

/** The answer to one push, as a function of its path and body. */
function answerer(variant) {
  if (variant === 'floor') {
    const floor = createFloor(account);
    return async (path, body) => {
      await null; // a push is answered in a later turn, as its body arrives after its headers
      if (floor(path, body) === undefined) throw new Error('floor: bad signature');
    };
  }
  const { store } = variants[variant];
  const app = createWebhook({ ...account, ...(store ? { store } : {}) });
  app.on('text', (ctx) => ctx.message.Content);
  const signal = { aborted: false, addEventListener() {}, removeEventListener() {} };
  return async (path, body) => {
    const answer = await app.process({ method: 'POST', url: path, readBody: async () => body, signal });
    if (answer.status !== 200 || !answer.body.startsWith('<xml><Encrypt>')) throw new Error(answer.body);
  };
}

/** One variant's process: seal, warm up, wait for the start, answer pushes for SECONDS, report. */
async function child(variant) {
  const pool = Array.from({ length: POOL }, sealPush);
  const answer = answerer(variant);
  let next = 0;
  const drive = async (until) => {
    let answered = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (until() && next < pool.length) {
          const { path, body } = pool[next++];
          await answer(path, body);
          answered += 1;
        }
      }),
    );
    return answered;
  };
  const warmUp = Math.min(3000, pool.length / 10);
  await drive(() => next < warmUp);
  process.send('ready');
  await once(process, 'message');
  const cpu = process.cpuUsage();
  const faults = process.resourceUsage().minorPageFault;
  const end = performance.now() + SECONDS * 1000;
  const answered = await drive(() => performance.now() < end);
  const used = process.cpuUsage(cpu);
  const result = {
    answered,
    cpuPerPush: (used.user + used.system) / answered,
    // Memory pages touched for the first time: what a growing heap costs beyond copying.
    pagesPerPush: (process.resourceUsage().minorPageFault - faults) / answered,
    ranOut: next >= pool.length,
  };
  process.send(result, () => process.disconnect());
}

export async function run() {
  // Every CPU of the machine, not only those this process may use: the HTTP benchmark pins
  // this process to all but the last.
  const cpus = allCpus().length;
  const pin = cpus >= 2 && process.env.BENCH_PIN !== '0' && hasTaskset() ? String(cpus - 1) : undefined;
  const names = Object.keys(variants);
  const children = names.map((variant) =>
    fork(fileURLToPath(import.meta.url), ['child', variant], {
      ...(pin ? { execPath: 'taskset', execArgv: ['-c', pin, process.execPath] } : {}),
    }),
  );
  await Promise.all(children.map((c) => once(c, 'message')));
  for (const c of children) c.send('go');
  const results = await Promise.all(children.map((c) => once(c, 'message').then(([result]) => result)));
  const floor = results[0].cpuPerPush;
  console.log(
    `\nWebhook core without HTTP: CPU per push, each in its own process, all at once for ${SECONDS} s` +
      (pin ? ` on CPU ${pin}` : ''),
  );
  names.forEach((variant, i) => {
    const { cpuPerPush, pagesPerPush, ranOut } = results[i];
    console.log(
      `  ${variants[variant].name.padEnd(46)} ${cpuPerPush.toFixed(1).padStart(6)} µs CPU/push` +
        `  ${(floor / cpuPerPush).toFixed(2)}× floor  ${pagesPerPush.toFixed(2)} new pages/push` +
        (ranOut ? '  (ran out of pushes: raise BENCH_COST_POOL)' : ''),
    );
  });
}

function hasTaskset() {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

if (process.argv[2] === 'child') await child(process.argv[3]);
else if (import.meta.url === `file://${process.argv[1]}`) await run();
