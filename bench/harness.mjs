// A small benchmark harness: each case runs in timed batches after a warm-up; the figure
// printed is the median ops/s over several rounds, so one noisy round does not decide it.
import { cpus } from 'node:os';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 300);

/** Median ops/s of `fn` (sync) over ROUNDS rounds of ROUND_MS each. */
export function measure(fn) {
  const end = performance.now() + ROUND_MS;
  while (performance.now() < end) fn();
  const rates = [];
  for (let round = 0; round < ROUNDS; round++) {
    let ops = 0;
    const start = performance.now();
    let now = start;
    while (now - start < ROUND_MS) {
      for (let i = 0; i < 50; i++) fn();
      ops += 50;
      now = performance.now();
    }
    rates.push((ops * 1000) / (now - start));
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)];
}

/** Prints one comparison table: each row's ops/s and its ratio to the last row (the peer). */
export function printComparison(title, rows) {
  const results = rows.map(([name, fn]) => [name, measure(fn)]);
  const base = results[results.length - 1][1];
  console.log(`\n${title}`);
  for (const [name, rate] of results) {
    const ratio = `${(rate / base).toFixed(1)}×`;
    console.log(
      `  ${name.padEnd(46)} ${Math.round(rate).toLocaleString('en-US').padStart(12)} ops/s  ${ratio.padStart(6)}`,
    );
  }
  return results;
}

/** One line naming the machine, so figures are read against what produced them. */
export function machineLine() {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `Node ${process.version} on ${process.platform}/${process.arch}, ${cpus().length} × ${cpu}; median of ${ROUNDS} rounds × ${ROUND_MS} ms`;
}

/**
 * Median ops/s of several async functions measured in turns, round after round, so that warm-up
 * and slow spells of the machine fall on all of them alike.
 */
export async function measureAsyncInTurns(fns, concurrency = 1) {
  const round = async (fn) => {
    let ops = 0;
    const start = performance.now();
    const worker = async () => {
      while (performance.now() - start < ROUND_MS) {
        await fn();
        ops += 1;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return (ops * 1000) / (performance.now() - start);
  };
  for (const fn of fns) await round(fn); // warm-up
  const rates = fns.map(() => []);
  for (let i = 0; i < ROUNDS; i++)
    for (const [index, fn] of fns.entries()) rates[index].push(await round(fn));
  return rates.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]);
}
