// What the account commands (verify, token, menu, crypto) share: reading their flags, the
// WECHAT_* settings with their precedence (flag > environment > .env file), reading `-` from
// stdin, and usage errors. No dependencies beyond node:.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { WeChatConnectionError } from '../client/errors.js';
import { WeChatError } from '../protocol/errors.js';
import type { CliContext } from './command.js';

/** The settings and the environment variable (or `.env` key) standing in for each one's flag. */
export const CONFIG_VARIABLES = {
  appId: 'WECHAT_APP_ID',
  appSecret: 'WECHAT_APP_SECRET',
  token: 'WECHAT_TOKEN',
  aesKey: 'WECHAT_AES_KEY',
  baseUrl: 'WECHAT_BASE_URL',
} as const;

/** The name of a setting: `appId`, `appSecret`, `token`, `aesKey`, `baseUrl`. */
export type ConfigKey = keyof typeof CONFIG_VARIABLES;

/** The flag of each setting. */
export const CONFIG_FLAGS: Readonly<Record<ConfigKey, string>> = {
  appId: '--app-id',
  appSecret: '--app-secret',
  token: '--token',
  aesKey: '--aes-key',
  baseUrl: '--base-url',
};

/** A setting's value and where it came from: `--token`, `$WECHAT_TOKEN` or `.env WECHAT_TOKEN`. */
export interface ConfigSetting {
  /** The value, never empty. */
  readonly value: string;
  /** Where it was found, for messages. */
  readonly source: string;
}

/** The settings found, by name; absent when none of the three places has one. */
export type ResolvedConfig = { readonly [K in ConfigKey]?: ConfigSetting };

/** Where {@link resolveConfig} looks besides the flags. */
export interface ConfigSources {
  /** The environment (the CLI's `ctx.env`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The directory whose `.env` file is read. Default `process.cwd()`. */
  readonly cwd?: string;
}

/** A mistake in the arguments or settings: reported with a pointer to `--help`, exit status 2. */
export class UsageError extends Error {}

/**
 * Parses the text of a `.env` file: `KEY=VALUE` lines, an optional `export ` before the key,
 * values optionally in single or double quotes (double quotes understand `\n`, `\"`, `\\`),
 * `#` comment lines and ` #` comments after an unquoted value. Other lines are ignored.
 */
export function parseDotEnv(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(raw);
    if (match === null) continue;
    const [, key = '', rest = ''] = match;
    let value: string;
    const quoted = /^(["'])(.*)\1(?:\s+#.*)?$/.exec(rest);
    if (quoted !== null) {
      const inner = quoted[2] ?? '';
      value =
        quoted[1] === '"'
          ? inner.replace(/\\([nrt"\\])/g, (_, c: string) =>
              c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c,
            )
          : inner;
    } else {
      value = rest.replace(/(^|\s+)#.*$/, '');
    }
    values[key] = value;
  }
  return values;
}

/** Reads and parses `cwd/.env`; a missing file gives no values. */
export function readDotEnv(cwd: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(join(cwd, '.env'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new UsageError(`cannot read ${join(cwd, '.env')}: ${(error as Error).message}`);
  }
  return parseDotEnv(text);
}

/**
 * Finds each setting in the flags, else the environment, else the `.env` file of `cwd`. Empty
 * environment and `.env` values count as unset; an empty flag is a mistake.
 *
 * @param flags - the flag values given, by setting name.
 * @throws UsageError for an empty flag or an unreadable `.env`.
 */
export function resolveConfig(
  flags: { readonly [K in ConfigKey]?: string | undefined },
  sources: ConfigSources,
): ResolvedConfig {
  let dotEnv: Record<string, string> | undefined;
  const resolved: { [K in ConfigKey]?: ConfigSetting } = {};
  for (const key of Object.keys(CONFIG_VARIABLES) as ConfigKey[]) {
    const variable = CONFIG_VARIABLES[key];
    const flag = flags[key];
    if (flag !== undefined) {
      if (flag === '') throw new UsageError(`${CONFIG_FLAGS[key]} must not be empty`);
      resolved[key] = { value: flag, source: CONFIG_FLAGS[key] };
      continue;
    }
    const fromEnv = sources.env[variable];
    if (fromEnv !== undefined && fromEnv !== '') {
      resolved[key] = { value: fromEnv, source: `$${variable}` };
      continue;
    }
    dotEnv ??= readDotEnv(sources.cwd ?? process.cwd());
    const fromFile = Object.hasOwn(dotEnv, variable) ? dotEnv[variable] : undefined;
    if (fromFile !== undefined && fromFile !== '')
      resolved[key] = { value: fromFile, source: `.env ${variable}` };
  }
  return resolved;
}

/** The value of a setting, or a {@link UsageError} saying the three ways to give it. */
export function requireSetting(config: ResolvedConfig, key: ConfigKey, what: string): string {
  const setting = config[key];
  if (setting === undefined) {
    throw new UsageError(
      `missing the ${what}: pass ${CONFIG_FLAGS[key]}, or set ${CONFIG_VARIABLES[key]} in the environment or in .env`,
    );
  }
  return setting.value;
}

/** Checks the shape of an EncodingAESKey (43 characters of base64) before any crypto sees it. */
export function checkAesKey(setting: ConfigSetting): string {
  if (!/^[A-Za-z0-9+/]{43}$/.test(setting.value)) {
    throw new UsageError(
      `${setting.source} must be an EncodingAESKey: 43 characters of A-Z a-z 0-9 + / (got ${setting.value.length})`,
    );
  }
  return setting.value;
}

/** The `--base-url` setting checked to be an http(s) URL, or undefined when not set. */
export function baseUrlOf(config: ResolvedConfig): string | undefined {
  const setting = config.baseUrl;
  if (setting === undefined) return undefined;
  if (!/^https?:\/\/[^/?#\s]+/i.test(setting.value) || !URL.canParse(setting.value)) {
    throw new UsageError(`${setting.source} must be an http:// or https:// URL, not "${setting.value}"`);
  }
  return setting.value.replace(/\/+$/, '');
}

/** Parses an integer flag within bounds. */
export function integerFlag(text: string, flag: string, min: number, max: number): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!(value >= min && value <= max))
    throw new UsageError(`${flag} must be an integer from ${min} to ${max}`);
  return value;
}

/**
 * Turns node:util parseArgs' errors into one short sentence. `positionals` says why a command
 * that takes none refuses one.
 */
export function describeParseError(error: unknown, positionals?: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown }).code;
  const quoted = /'([^']+)'/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && quoted !== undefined) return `unknown option "${quoted}"`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' && quoted !== undefined) {
    return `unexpected argument "${quoted}"${positionals === undefined ? '' : ` (${positionals})`}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && quoted !== undefined) {
    const name = quoted.split(' ')[0] ?? quoted;
    return message.includes('argument missing')
      ? `option "${name}" needs a value`
      : `option "${name}" needs a value; write ${name}=VALUE for a value starting with "-"`;
  }
  return message;
}

/** What {@link parseCommandArgs} gives back for the options `O`: typed values and positionals. */
export type ParsedCommandArgs<O extends NonNullable<ParseArgsConfig['options']>> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: true }>
>;

/**
 * Parses a command's arguments strictly (unknown options are mistakes), positionals allowed.
 *
 * @throws UsageError with a readable sentence instead of parseArgs' own errors.
 */
export function parseCommandArgs<const O extends NonNullable<ParseArgsConfig['options']>>(
  args: readonly string[],
  options: O,
): ParsedCommandArgs<O> {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
}

/** Reads a whole stream (the CLI's stdin) as UTF-8. */
export async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Runs a command body, turning a {@link UsageError} into its message, the pointer to
 * `wechat-mp <name> --help` and exit status 2.
 */
export async function withUsage(
  name: string,
  context: CliContext,
  body: () => number | Promise<number>,
): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    context.stderr.write(
      `${context.errStyle.red(`wechat-mp ${name}:`)} ${error.message}\n\nRun "wechat-mp ${name} --help" for the options.\n`,
    );
    return 2;
  }
}

/** The flags of the commands that call the API (`token`, `menu`), for {@link parseCommandArgs}. */
export const CLIENT_OPTIONS = {
  'app-id': { type: 'string' },
  'app-secret': { type: 'string' },
  'base-url': { type: 'string' },
  stable: { type: 'boolean' },
  classic: { type: 'boolean' },
} as const;

/** What {@link clientSettings} reads: the values of {@link CLIENT_OPTIONS}. */
export interface ClientFlags {
  readonly 'app-id'?: string | undefined;
  readonly 'app-secret'?: string | undefined;
  readonly 'base-url'?: string | undefined;
  readonly stable?: boolean | undefined;
  readonly classic?: boolean | undefined;
}

/** The account and endpoint a command's API client uses. */
export interface ClientSettings {
  readonly appId: string;
  readonly appSecret: string;
  /** Undefined for the real platform. */
  readonly baseURL: string | undefined;
  readonly tokenEndpoint: 'stable' | 'classic';
}

/**
 * Resolves the client flags with the environment and `.env`: the AppID and AppSecret are
 * required, the base URL optional, `--stable` (the default) and `--classic` exclusive.
 */
export function clientSettings(flags: ClientFlags, sources: ConfigSources): ClientSettings {
  if (flags.stable === true && flags.classic === true) {
    throw new UsageError('--stable and --classic are exclusive: pick one token endpoint');
  }
  const config = resolveConfig(
    { appId: flags['app-id'], appSecret: flags['app-secret'], baseUrl: flags['base-url'] },
    sources,
  );
  return {
    appId: requireSetting(config, 'appId', 'AppID'),
    appSecret: requireSetting(config, 'appSecret', 'AppSecret'),
    baseURL: baseUrlOf(config),
    tokenEndpoint: flags.classic === true ? 'classic' : 'stable',
  };
}

/**
 * One sentence for a failed API call: the message of a wechat-mp error (an API error's holds
 * the errcode, its meaning and the rid), with a hint for connection failures; undefined for any
 * other error, which is a bug to rethrow.
 */
export function describeFailure(error: unknown): string | undefined {
  if (error instanceof WeChatConnectionError) {
    return `${error.message}; check --base-url ($WECHAT_BASE_URL) and the network`;
  }
  return error instanceof WeChatError ? error.message : undefined;
}
