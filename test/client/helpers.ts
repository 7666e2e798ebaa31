// Shared by the client tests and by cluster-worker.ts (which runs outside vitest: no vitest import here).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WeChatClient, type WeChatClientOptions } from '../../src/client/client.js';
import { type Emulator, type EmulatorOptions, startEmulator } from '../../src/emulator.js';
import { control } from '../helpers/control.js';

export { control };

/** The account every client test runs against. */
export const APP_ID = 'wxc1e4a7b0c1e4a7b0';
export const APP_SECRET = 'c1e4a7b0c1e4a7b0c1e4a7b0c1e4a7b0';

/** What `GET /emulator/stats` answers. */
export interface Stats {
  calls: Record<string, number>;
  counters: Record<string, number>;
}

/** Starts an emulator for {@link APP_ID}. */
export function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ appId: APP_ID, appSecret: APP_SECRET, ...options });
}

/** A client of {@link APP_ID} on the emulator at `url`. */
export function clientFor(url: string, options: Partial<WeChatClientOptions> = {}): WeChatClient {
  return new WeChatClient({ appId: APP_ID, appSecret: APP_SECRET, baseURL: url, ...options });
}

/** The emulator's call counters. */
export function stats(url: string): Promise<Stats> {
  return control<Stats>(url, 'GET', '/emulator/stats');
}

/** How many times the emulator was called on `path`. */
export async function calls(url: string, path: string): Promise<number> {
  return (await stats(url)).calls[path] ?? 0;
}

/** How many access tokens the emulator issued, from either endpoint. */
export async function issuedTokens(url: string): Promise<number> {
  const { counters } = await stats(url);
  return (counters['issued:stable_token'] ?? 0) + (counters['issued:token'] ?? 0);
}

/** Arms a fault: the next `times` calls of `path` fail with `errcode` and/or wait `delayMs`. */
export async function fault(
  url: string,
  spec: { path: string; errcode?: number; delayMs?: number; times?: number },
): Promise<void> {
  await control(url, 'POST', '/emulator/faults', spec);
}

/** Moves the emulator clock forward (the client's own clock is not moved). */
export async function advance(url: string, seconds: number): Promise<void> {
  await control(url, 'POST', '/emulator/clock', { advanceSeconds: seconds });
}

/** The store key of the month's quota-reset counter, as QuotaApi writes it. */
export function quotaClearsKey(appId: string, now = Date.now()): string {
  return `${appId}:quota_clears:${new Date(now + 8 * 3600 * 1000).toISOString().slice(0, 7)}`;
}

/** How a worker process ended, with what it printed. */
export interface WorkerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

// tsx as a loader in the worker's own process, not through its CLI: the CLI runs the script in a
// second process, which a SIGKILL of the first would leave running (and it doubles start-up time).
const TSX_LOADER = pathToFileURL(
  join(import.meta.dirname, '..', '..', 'node_modules', 'tsx', 'dist', 'loader.mjs'),
).href;
const WORKER = join(import.meta.dirname, 'cluster-worker.ts');

/** A running cluster-worker.ts process. */
export interface Worker {
  readonly pid: number | undefined;
  kill(signal: NodeJS.Signals): void;
  /** Resolves when the worker printed `ready` (START_AT `-`). */
  readonly ready: Promise<void>;
  /** Writes a line to the worker's stdin. */
  send(line: string): void;
  readonly exited: Promise<WorkerExit>;
}

/** Starts `cluster-worker.ts` with `args` (see that file for their meaning). */
export function startWorker(args: readonly string[]): Worker {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, WORKER, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    if (/^ready$/m.test(stdout)) markReady();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  child.stdin.on('error', () => undefined); // a killed worker's closed stdin
  const exited = new Promise<WorkerExit>((resolve) => {
    child.on('close', (code, signal) => {
      markReady(); // never leave a waiter hanging on a worker that died before it was ready
      resolve({ code, signal, stdout, stderr });
    });
  });
  return {
    pid: child.pid,
    kill: (signal) => child.kill(signal),
    ready,
    send: (line) => child.stdin.write(`${line}\n`),
    exited,
  };
}

/** Waits until `check` holds, polling every 20 ms, for at most `timeoutMs`. */
export async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Starts emulators and closes them all at once: `afterEach(pool.closeAll)`. */
export function emulatorPool(): {
  start(options?: EmulatorOptions): Promise<Emulator>;
  closeAll(): Promise<void>;
} {
  const started: Emulator[] = [];
  return {
    async start(options) {
      const running = await emulator(options);
      started.push(running);
      return running;
    },
    async closeAll() {
      await Promise.all(started.splice(0).map((e) => e.close()));
    },
  };
}
