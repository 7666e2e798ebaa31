// `wechat-mp emulator`: runs the local WeChat platform until SIGINT/SIGTERM. The emulator module
// is imported only when this command runs, so other commands (`wechat-mp errcode`) start fast.
import { parseArgs } from 'node:util';
import type { Emulator, EmulatorOptions } from '../../emulator/server.js';
import type { AccountType, EmulatorStateError, MessageMode } from '../../emulator/state.js';
import type { CliCommand, CliContext } from '../command.js';
import { describeParseError, UsageError } from '../config.js';

/** The port used when `--port` is not given. `--port 0` picks a free one. */
export const DEFAULT_EMULATOR_PORT = 4000;

const MODES: readonly MessageMode[] = ['plain', 'compatible', 'safe'];
const ACCOUNT_TYPES: readonly AccountType[] = ['service', 'subscription'];

const HELP = `Usage: wechat-mp emulator [options]

Runs the WeChat platform on your machine: the API on the same paths and with the
same JSON as api.weixin.qq.com, and a control API under /emulator/ to create
users, send messages, move the clock and inject faults. The first line printed
is "wechat-mp emulator listening on http://HOST:PORT"; the account follows.
It runs until Ctrl-C (SIGINT) or SIGTERM, then saves the state and exits 0.

Options:
  --port N             Port to listen on (default ${DEFAULT_EMULATOR_PORT}; 0 picks a free port)
  --host H             Interface to listen on (default 127.0.0.1)
  --app-id ID          AppID of the emulated account (env WECHAT_APP_ID; default random wx…)
  --app-secret S       AppSecret (env WECHAT_APP_SECRET; default random)
  --token T            Server-settings Token (env WECHAT_TOKEN; default random)
  --aes-key K          EncodingAESKey, 43 characters (env WECHAT_AES_KEY; default random)
  --original-id ID     The account's original id, gh_… (default random)
  --account-type T     service or subscription (default service)
  --mode M             plain, compatible or safe: how pushes are encrypted (default safe)
  --webhook URL        Your server URL, where pushes go (or PATCH /emulator/app later)
  --state FILE         Load the state from FILE and save every change to it
  --quota PATH=N       Daily call limit of an API path, e.g. /cgi-bin/token=5 (repeatable)
  --push-timeout MS    Timeout of one push attempt (default 5000, as the platform)
  --push-retries N     Retries after a failed push attempt (default 3, as the platform)
  --log                Print one line per request to stderr
  -h, --help           Show this help

Flags win over the environment variables. With --state, the account stored in
FILE is used, and any of the account flags given replace its values.

Examples:
  wechat-mp emulator --port 0
  wechat-mp emulator --app-id wx0123456789abcdef --app-secret s3cret --state .emulator.json
  wechat-mp emulator --webhook http://127.0.0.1:3000/wechat --mode plain --log

Exit status: 0 after SIGINT/SIGTERM, 1 when the emulator cannot start (port in
use, corrupt state file), 2 on a usage mistake.
`;

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'app-id': { type: 'string' },
  'app-secret': { type: 'string' },
  token: { type: 'string' },
  'aes-key': { type: 'string' },
  'original-id': { type: 'string' },
  'account-type': { type: 'string' },
  mode: { type: 'string' },
  webhook: { type: 'string' },
  state: { type: 'string' },
  quota: { type: 'string', multiple: true },
  'push-timeout': { type: 'string' },
  'push-retries': { type: 'string' },
  log: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function integer(text: string, what: string, min: number, max: number): number {
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`${what} must be an integer from ${min} to ${max}`);
  const value = Number(text.trim());
  if (value < min || value > max) throw new UsageError(`${what} must be an integer from ${min} to ${max}`);
  return value;
}

function nonEmpty(text: string | undefined, what: string): string | undefined {
  if (text === undefined) return undefined;
  if (text === '') throw new UsageError(`${what} must not be empty`);
  return text;
}

/** Reads a flag, or the environment variable standing in for it; empty variables count as unset. */
function flagOrEnv(
  flag: string | undefined,
  name: string,
  env: Readonly<Record<string, string | undefined>>,
  variable: string,
): { value: string; source: string } | undefined {
  if (flag !== undefined) return { value: flag, source: `--${name}` };
  const fromEnv = env[variable];
  if (fromEnv !== undefined && fromEnv !== '') return { value: fromEnv, source: `$${variable}` };
  return undefined;
}

/**
 * Parses the arguments of `wechat-mp emulator` into {@link EmulatorOptions}.
 *
 * @returns the options and whether `--log` was given, or `'help'` when help was asked for.
 * @throws UsageError for anything the usage does not allow.
 */
function parseEmulatorArgs(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): { options: Mutable<EmulatorOptions>; log: boolean } | 'help' {
  const { values } = (() => {
    try {
      return parseArgs({ args: [...args], options: OPTIONS, strict: true, allowPositionals: false });
    } catch (error) {
      throw new UsageError(describeParseError(error, 'the emulator takes options only'));
    }
  })();
  if (values.help === true) return 'help';

  const options: Mutable<EmulatorOptions> = {
    port: values.port === undefined ? DEFAULT_EMULATOR_PORT : integer(values.port, '--port', 0, 65535),
    host: nonEmpty(values.host, '--host') ?? '127.0.0.1',
  };

  const appId = flagOrEnv(values['app-id'], 'app-id', env, 'WECHAT_APP_ID');
  if (appId !== undefined) options.appId = nonEmpty(appId.value, appId.source) ?? appId.value;
  const secret = flagOrEnv(values['app-secret'], 'app-secret', env, 'WECHAT_APP_SECRET');
  if (secret !== undefined) options.appSecret = nonEmpty(secret.value, secret.source) ?? secret.value;
  const token = flagOrEnv(values.token, 'token', env, 'WECHAT_TOKEN');
  if (token !== undefined) options.token = nonEmpty(token.value, token.source) ?? token.value;
  const key = flagOrEnv(values['aes-key'], 'aes-key', env, 'WECHAT_AES_KEY');
  if (key !== undefined) {
    if (!/^[A-Za-z0-9+/]{43}$/.test(key.value)) {
      throw new UsageError(
        `${key.source} must be an EncodingAESKey: 43 characters of A-Z a-z 0-9 + / (got ${key.value.length})`,
      );
    }
    options.encodingAESKey = key.value;
  }
  const originalId = nonEmpty(values['original-id'], '--original-id');
  if (originalId !== undefined) options.originalId = originalId;

  if (values.mode !== undefined) {
    const mode = MODES.find((candidate) => candidate === values.mode);
    if (mode === undefined) throw new UsageError(`--mode must be one of ${MODES.join(', ')}`);
    options.mode = mode;
  }
  if (values['account-type'] !== undefined) {
    const type = ACCOUNT_TYPES.find((candidate) => candidate === values['account-type']);
    if (type === undefined) throw new UsageError(`--account-type must be one of ${ACCOUNT_TYPES.join(', ')}`);
    options.accountType = type;
  }
  if (values.webhook !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(values.webhook);
    } catch {
      url = undefined;
    }
    if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new UsageError(`--webhook must be an http:// or https:// URL, not "${values.webhook}"`);
    }
    options.webhook = values.webhook;
  }
  const state = nonEmpty(values.state, '--state');
  if (state !== undefined) options.statePath = state;

  if (values.quota !== undefined) {
    const limits: Record<string, number> = {};
    for (const entry of values.quota) {
      const match = /^(\/[^=\s]*)=(\d+)$/.exec(entry.trim());
      if (match === null || match[1] === undefined || match[2] === undefined) {
        throw new UsageError(
          `--quota takes PATH=N with an API path and a whole number, e.g. /cgi-bin/token=5`,
        );
      }
      limits[match[1]] = Number(match[2]);
    }
    options.quotaLimits = limits;
  }
  if (values['push-timeout'] !== undefined) {
    options.pushTimeoutMs = integer(values['push-timeout'], '--push-timeout', 1, 600_000);
  }
  if (values['push-retries'] !== undefined) {
    options.pushRetries = integer(values['push-retries'], '--push-retries', 0, 10);
  }
  return { options, log: values.log === true };
}

/** How `runEmulator` learns it should stop. */
export interface EmulatorRunOptions {
  /**
   * Stops the emulator when aborted, instead of SIGINT/SIGTERM (which are then not listened
   * to). For running the command in-process, in tests.
   */
  readonly stop?: AbortSignal;
  /** Called once the emulator listens, before the account is printed. */
  readonly onStarted?: (emulator: Emulator) => void;
}

/** Resolves with what stopped the emulator: a signal name, or `abort`. Cleans up its listeners. */
function waitForStop(stop: AbortSignal | undefined): { stopped: Promise<string>; cancel(): void } {
  if (stop !== undefined) {
    let onAbort = () => {};
    const stopped = new Promise<string>((resolve) => {
      onAbort = () => resolve('abort');
      if (stop.aborted) onAbort();
      else stop.addEventListener('abort', onAbort, { once: true });
    });
    return { stopped, cancel: () => stop.removeEventListener('abort', onAbort) };
  }
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const handlers = new Map<NodeJS.Signals, () => void>();
  const cancel = () => {
    for (const [signal, handler] of handlers) process.removeListener(signal, handler);
    handlers.clear();
  };
  const stopped = new Promise<string>((resolve) => {
    for (const signal of signals) {
      // Kept until the state is saved: a second signal (npx and a terminal can both deliver
      // Ctrl-C) must not kill the process halfway through. Later ones are no-ops.
      const handler = () => resolve(signal);
      handlers.set(signal, handler);
      process.on(signal, handler);
    }
  });
  return { stopped, cancel };
}

/** Why the emulator could not start, in one sentence, or undefined for an unexpected error. */
function describeStartError(
  error: unknown,
  options: EmulatorOptions,
  StateError: typeof EmulatorStateError,
): string | undefined {
  if (!(error instanceof Error)) return undefined;
  if (error instanceof StateError) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  const where = `${options.host}:${options.port}`;
  switch (code) {
    case 'EADDRINUSE':
      return `port ${options.port} on ${options.host} is already in use; stop what is using it, pick another with --port N, or use --port 0 for a free port`;
    case 'EACCES':
      return `not allowed to listen on ${where} (ports below 1024 need privileges); pick another with --port N`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot listen on ${where}: no such local address (${code}); check --host`;
    default:
      return typeof code === 'string' ? `cannot listen on ${where}: ${error.message}` : undefined;
  }
}

function printAccount(emulator: Emulator, options: EmulatorOptions, context: CliContext): void {
  const { app } = emulator.state;
  const { dim, cyan } = context.outStyle;
  const rows: Array<readonly [string, string]> = [
    ['AppID', app.appId],
    ['AppSecret', app.appSecret],
    ['Token', app.token],
    ['EncodingAESKey', app.encodingAESKey],
    ['Original ID', app.originalId],
    ['Account type', app.accountType],
    ['Mode', app.mode],
    ['Webhook', app.webhook ?? 'none — set with PATCH /emulator/app'],
    ['State', options.statePath ?? 'in memory (pass --state FILE to keep it)'],
  ];
  const lines = rows.map(([label, value]) => `  ${dim(label.padEnd(16))}${cyan(value)}`);
  context.stdout.write(
    `\n${lines.join('\n')}\n\n` +
      `Control API: ${emulator.url}/emulator/ (users, users/{openid}/send, users/{openid}/inbox, app, clock, faults, stats, verify)\n` +
      `${dim(`Stop with Ctrl-C or SIGTERM${options.statePath === undefined ? '' : `; the state is saved to ${options.statePath}`}.`)}\n`,
  );
}

/**
 * Runs `wechat-mp emulator` with the given arguments: starts the emulator, prints its URL (the
 * first line, exactly `wechat-mp emulator listening on http://HOST:PORT`) and the account, and
 * waits until SIGINT/SIGTERM (or `run.stop`), then closes it, which saves the state.
 *
 * @param args - the arguments after `emulator`.
 * @param context - output streams and environment.
 * @param run - see {@link EmulatorRunOptions}.
 * @returns 0 after a clean stop, 1 when it cannot start or save, 2 on a usage mistake.
 */
export async function runEmulator(
  args: readonly string[],
  context: CliContext,
  run: EmulatorRunOptions = {},
): Promise<number> {
  const { stdout, stderr, errStyle } = context;
  const prefix = errStyle.red('wechat-mp emulator:');
  let options: Mutable<EmulatorOptions>;
  try {
    const parsed = parseEmulatorArgs(args, context.env);
    if (parsed === 'help') {
      stdout.write(HELP);
      return 0;
    }
    options = parsed.options;
    if (parsed.log) options.log = (line) => stderr.write(`${line}\n`);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr.write(`${prefix} ${error.message}\n\nRun "wechat-mp emulator --help" for the options.\n`);
    return 2;
  }
  const [{ startEmulator }, stateModule] = await Promise.all([
    import('../../emulator/server.js'),
    import('../../emulator/state.js'),
  ]);
  // Listen for signals before starting, so one arriving during the start is not lost.
  const stop = waitForStop(run.stop);
  let emulator: Emulator;
  try {
    emulator = await startEmulator(options);
  } catch (error) {
    stop.cancel();
    const reason = describeStartError(error, options, stateModule.EmulatorStateError);
    if (reason === undefined) throw error;
    stderr.write(`${prefix} ${reason}\n`);
    return 1;
  }

  stdout.write(`wechat-mp emulator listening on ${emulator.url}\n`);
  run.onStarted?.(emulator);
  printAccount(emulator, options, context);

  const reason = await stop.stopped;
  try {
    await emulator.close();
  } catch (error) {
    stderr.write(
      `${prefix} stopped, but could not save the state to ${options.statePath}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  } finally {
    stop.cancel();
  }
  const saved = options.statePath === undefined ? '' : `; state saved to ${options.statePath}`;
  stderr.write(`wechat-mp emulator: stopped (${reason})${saved}\n`);
  return 0;
}

/** `wechat-mp emulator`: the WeChat platform on localhost, until Ctrl-C. */
export const emulatorCommand: CliCommand = {
  name: 'emulator',
  synopsis: '[options]',
  summary: 'Run the WeChat platform locally (API, pushes, control API)',
  help: HELP,
  run: (args, context) => runEmulator(args, context),
};
