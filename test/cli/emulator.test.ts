import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { runEmulator } from '../../src/cli/commands/emulator.js';
import { Capture, runCaptured } from '../helpers/cli.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsxCli = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const FIRST_LINE = /^wechat-mp emulator listening on http:\/\/127\.0\.0\.1:(\d+)$/;
const APP = ['--app-id', 'wx0123456789abcdef', '--app-secret', 'test-secret'];

const scratch = mkdtempSync(join(tmpdir(), 'wechat-mp-emulator-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const identity = (text: string) => text;
const plain = {
  bold: identity,
  dim: identity,
  red: identity,
  yellow: identity,
  green: identity,
  cyan: identity,
};

/** Resolves when `check` holds, polling; rejects after `ms` with `what` in the message. */
async function waitFor(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface Running {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** The first stdout line, once printed (bounded wait). */
  readonly firstLine: Promise<string>;
  /** The exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
}

const children = new Set<ChildProcess>();
afterEach(() => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
});

/** Spawns the real binary, `src/cli/main.ts` through tsx. */
function startCli(args: readonly string[], env: Record<string, string> = {}): Running {
  const child = spawn(process.execPath, [tsxCli, 'src/cli/main.ts', 'emulator', ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let done = false;
  void exited.then(() => {
    done = true;
  });
  const firstLine = waitFor(() => out.includes('\n') || done, 'the first line').then(() => {
    if (!out.includes('\n')) throw new Error(`exited before printing a line; stderr: ${err}`);
    return out.slice(0, out.indexOf('\n'));
  });
  firstLine.catch(() => {}); // Tests of failures never read it; the others still see the rejection.
  return { child, stdout: () => out, stderr: () => err, firstLine, exited };
}

/** Waits for the exit, bounded: a process that does not exit fails the test instead of hanging it. */
async function exitOf(running: Running): Promise<number | null> {
  let code: number | null | undefined;
  void running.exited.then((c) => {
    code = c;
  });
  await waitFor(() => code !== undefined, 'the process to exit');
  return code ?? null;
}

async function getJson(url: string): Promise<Record<string, unknown>> {
  const response = await fetch(url);
  return (await response.json()) as Record<string, unknown>;
}

function tokenUrl(base: string, appId = 'wx0123456789abcdef', secret = 'test-secret'): string {
  return `${base}/cgi-bin/token?grant_type=client_credential&appid=${appId}&secret=${secret}`;
}

describe('wechat-mp emulator (the real binary)', () => {
  test('prints the contract line first, serves the API, and on SIGTERM saves the state and exits 0', async () => {
    const statePath = join(scratch, 'state.json');
    const first = startCli(['--port', '0', ...APP, '--state', statePath]);
    const line = await first.firstLine;
    expect(line).toMatch(FIRST_LINE);
    const base = line.slice('wechat-mp emulator listening on '.length);
    expect(Number(FIRST_LINE.exec(line)?.[1])).toBeGreaterThan(0);

    const issued = await getJson(tokenUrl(base));
    expect(issued.expires_in).toBeGreaterThan(7000);
    const token = issued.access_token;
    expect(typeof token).toBe('string');
    await waitFor(() => first.stdout().includes('Control API'), 'the account to be printed');
    expect(first.stdout()).toContain('wx0123456789abcdef');
    expect(first.stdout()).toContain('test-secret');
    expect(first.stdout()).toContain('none — set with PATCH /emulator/app');

    first.child.kill('SIGTERM');
    expect(await exitOf(first)).toBe(0);
    const saved = JSON.parse(readFileSync(statePath, 'utf8')) as { credentials: Record<string, unknown> };
    expect(Object.keys(saved.credentials)).toContain(token);

    // A restart on the same state keeps the account and the tokens it issued.
    const second = startCli(['--port', '0', '--state', statePath]);
    const base2 = (await second.firstLine).slice('wechat-mp emulator listening on '.length);
    const ips = await getJson(`${base2}/cgi-bin/getcallbackip?access_token=${String(token)}`);
    expect(ips.errcode).toBeUndefined();
    expect(Array.isArray(ips.ip_list)).toBe(true);
    await waitFor(() => second.stdout().includes('Control API'), 'the account to be printed');
    expect(second.stdout()).toContain('wx0123456789abcdef');
    second.child.kill('SIGINT');
    expect(await exitOf(second)).toBe(0);
    expect(second.stderr()).toContain(`wechat-mp emulator: stopped (SIGINT); state saved to ${statePath}`);
  });

  test('a corrupt state file: exit 1, a message naming the file, no stack, the file untouched', async () => {
    const statePath = join(scratch, 'corrupt.json');
    const corrupt = '{"version": 1, "app": ';
    writeFileSync(statePath, corrupt);
    const running = startCli(['--port', '0', '--state', statePath]);
    expect(await exitOf(running)).toBe(1);
    expect(running.stdout()).toBe('');
    expect(running.stderr()).toContain(statePath);
    expect(running.stderr()).not.toMatch(/\n\s+at /);
    expect(readFileSync(statePath, 'utf8')).toBe(corrupt);
  });

  test('flags win over the WECHAT_* environment variables, which stand in for missing flags', async () => {
    const running = startCli(['--port', '0', '--app-secret', 'from-flag'], {
      WECHAT_APP_ID: 'wxfromenvironment',
      WECHAT_APP_SECRET: 'from-env',
      WECHAT_TOKEN: 'env-token',
    });
    const base = (await running.firstLine).slice('wechat-mp emulator listening on '.length);
    const app = await getJson(`${base}/emulator/app`);
    expect(app).toMatchObject({ appId: 'wxfromenvironment', appSecret: 'from-flag', token: 'env-token' });
    running.child.kill('SIGTERM');
    expect(await exitOf(running)).toBe(0);
  });

  test('a bad flag exits 2 without starting', async () => {
    const running = startCli(['--port', 'abc']);
    expect(await exitOf(running)).toBe(2);
    expect(running.stdout()).toBe('');
    expect(running.stderr()).toContain('--port must be an integer from 0 to 65535');
  });
});

const runInProcess = (args: string[], env: Record<string, string> = {}) =>
  runCaptured(['emulator', ...args], { env });

describe('wechat-mp emulator (in-process)', () => {
  test('stops on SIGINT/SIGTERM, ignores a repeated signal while saving, then removes its listeners', async () => {
    const before = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
    const statePath = join(scratch, 'signals.json');
    const stdout = new Capture();
    const stderr = new Capture();
    const running = runEmulator(['--port', '0', '--state', statePath], {
      stdout,
      stderr,
      env: {},
      stdin: process.stdin,
      outStyle: plain,
      errStyle: plain,
    });
    await waitFor(() => stdout.text.includes('Control API'), 'the emulator to start');
    const added = (signal: 'SIGINT' | 'SIGTERM') =>
      process.listeners(signal).filter((listener) => !before[signal].includes(listener));
    expect(added('SIGINT')).toHaveLength(1);
    expect(added('SIGTERM')).toHaveLength(1);

    // Ctrl-C can arrive twice (from the terminal and from npx): both go to our listener, which
    // must stay installed until the state is saved, or the second would kill the process.
    const [onSigint] = added('SIGINT');
    onSigint?.('SIGINT');
    onSigint?.('SIGINT');
    expect(added('SIGINT')).toHaveLength(1);
    expect(await running).toBe(0);
    expect(stderr.text).toBe(`wechat-mp emulator: stopped (SIGINT); state saved to ${statePath}\n`);
    expect(added('SIGINT')).toHaveLength(0);
    expect(added('SIGTERM')).toHaveLength(0);
    expect(JSON.parse(readFileSync(statePath, 'utf8'))).toMatchObject({ version: 1 });
  });

  test('--help lists every option of the contract', async () => {
    const { code, stdout } = await runInProcess(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: wechat-mp emulator');
    for (const flag of [
      '--port N',
      '--host H',
      '--app-id ID',
      '--app-secret S',
      '--token T',
      '--aes-key K',
      '--mode M',
      '--webhook URL',
      '--state FILE',
      '--quota PATH=N',
      '--push-timeout MS',
      '--log',
    ]) {
      expect(stdout).toContain(flag);
    }
    expect((await runInProcess(['-h'])).stdout).toBe(stdout);
    expect((await runCaptured(['help', 'emulator'])).code).toBe(0);
  });

  test('the command is listed in wechat-mp --help', async () => {
    const { stdout } = await runCaptured(['--help']);
    expect(stdout).toMatch(/^ {2}emulator \[options\] +Run the WeChat platform/m);
  });

  test.each([
    [['--nope'], 'unknown option "--nope"'],
    [['extra'], 'unexpected argument "extra"'],
    [['--port'], 'option "--port" needs a value'],
    [['--port', '65536'], '--port must be an integer from 0 to 65535'],
    [['--port', '1.5'], '--port must be an integer from 0 to 65535'],
    [['--mode', 'secret'], '--mode must be one of plain, compatible, safe'],
    [['--aes-key', 'short'], '--aes-key must be an EncodingAESKey: 43 characters'],
    [['--webhook', 'ftp://example.com/'], '--webhook must be an http:// or https:// URL'],
    [['--webhook', 'not a url'], '--webhook must be an http:// or https:// URL'],
    [['--quota', 'token=5'], '--quota takes PATH=N'],
    [['--quota', '/cgi-bin/token=-1'], '--quota takes PATH=N'],
    [['--push-timeout', '0'], '--push-timeout must be an integer from 1 to 600000'],
    [['--account-type', 'enterprise'], '--account-type must be one of service, subscription'],
    [['--app-id', ''], '--app-id must not be empty'],
  ])('%j is a usage error', async (args, message) => {
    const { code, stdout, stderr } = await runInProcess(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });

  test('a bad EncodingAESKey in the environment is a usage error naming the variable', async () => {
    const { code, stderr } = await runInProcess(['--port', '0'], { WECHAT_AES_KEY: 'x'.repeat(42) });
    expect(code).toBe(2);
    expect(stderr).toContain('$WECHAT_AES_KEY must be an EncodingAESKey');
  });

  test('a port in use: exit 1 with a message saying so', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const { code, stdout, stderr } = await runInProcess(['--port', String(port)]);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  test('runs until stopped, with --quota, --log and the account flags applied', async () => {
    const stdout = new Capture();
    const stderr = new Capture();
    const stop = new AbortController();
    let url = '';
    const key = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
    const running = runEmulator(
      [
        '--port=0',
        ...APP,
        '--token',
        'tok',
        '--aes-key',
        key,
        '--original-id',
        'gh_0123456789ab',
        '--mode',
        'plain',
        '--webhook',
        'http://127.0.0.1:9/wechat',
        '--quota',
        '/cgi-bin/token=1',
        '--push-timeout',
        '1500',
        '--log',
      ],
      { stdout, stderr, env: {}, stdin: process.stdin, outStyle: plain, errStyle: plain },
      {
        stop: stop.signal,
        onStarted: (emulator) => {
          url = emulator.url;
        },
      },
    );
    await waitFor(() => url !== '', 'the emulator to start');
    expect(stdout.text.split('\n')[0]).toBe(`wechat-mp emulator listening on ${url}`);
    for (const value of [key, 'tok', 'gh_0123456789ab', 'plain', 'http://127.0.0.1:9/wechat']) {
      expect(stdout.text).toContain(value);
    }
    expect((await getJson(tokenUrl(url))).access_token).toBeTypeOf('string');
    expect((await getJson(tokenUrl(url))).errcode).toBe(45009);
    expect(stderr.text).toMatch(
      /^GET \/cgi-bin\/token ok \d+ms\nGET \/cgi-bin\/token errcode 45009 \d+ms\n$/,
    );

    stop.abort();
    expect(await running).toBe(0);
    expect(stderr.text).toContain('wechat-mp emulator: stopped');
    await expect(fetch(`${url}/emulator/app`)).rejects.toThrow();
  });
});
