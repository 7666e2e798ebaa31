// `wechat-mp token`: fetches an access_token to prove the AppID/AppSecret work, and shows how
// long it lives and the token endpoint's quota. The token itself is printed only with --show.
import { WeChatClient } from '../../client/client.js';
import type { CliCommand, CliContext } from '../command.js';
import {
  CLIENT_OPTIONS,
  type ClientSettings,
  clientSettings,
  describeFailure,
  parseCommandArgs,
  UsageError,
  withUsage,
} from '../config.js';

const HELP = `Usage: wechat-mp token [options]

Fetches an access_token with the AppID and AppSecret, to check they work, and
prints how long the token stays valid and today's quota of the token endpoint.
The token is never printed, unless --show is given: then it is printed alone on
stdout, for scripts, and nothing else is.

Options:
  --app-id ID        The AppID (env WECHAT_APP_ID)
  --app-secret S     The AppSecret (env WECHAT_APP_SECRET)
  --base-url URL     The API host (env WECHAT_BASE_URL; default https://api.weixin.qq.com),
                     e.g. the URL of "wechat-mp emulator"
  --stable           Use cgi-bin/stable_token (the default)
  --classic          Use cgi-bin/token (each call replaces the previous token!)
  --show             Print the token alone on stdout
  -h, --help         Show this help

Flags win over the environment, which wins over a .env file in the current
directory. Calling the real platform needs this machine's IP in the account's
IP allow-list (40164 otherwise).

Examples:
  wechat-mp token --app-id wx0123456789abcdef --app-secret s3cret
  wechat-mp token --base-url http://127.0.0.1:4000
  curl "https://api.weixin.qq.com/cgi-bin/menu/get?access_token=$(wechat-mp token --show)"

Exit status: 0 when a token was obtained, 1 when the platform refused (the
errcode, its meaning and the rid are printed), 2 on a usage mistake.
`;

const OPTIONS = {
  ...CLIENT_OPTIONS,
  show: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The path of the token endpoint a client uses, for `quota.get`. */
export function tokenPath(settings: Pick<ClientSettings, 'tokenEndpoint'>): string {
  return settings.tokenEndpoint === 'classic' ? '/cgi-bin/token' : '/cgi-bin/stable_token';
}

/** A client for the settings, with no retries of network failures (a CLI should answer fast). */
export function cliClient(settings: ClientSettings, onToken?: (expiresIn: number) => void): WeChatClient {
  return new WeChatClient({
    appId: settings.appId,
    appSecret: settings.appSecret,
    tokenEndpoint: settings.tokenEndpoint,
    maxRetries: 0,
    ...(settings.baseURL === undefined ? {} : { baseURL: settings.baseURL }),
    ...(onToken === undefined ? {} : { hooks: { tokenRefresh: (event) => onToken(event.expiresIn) } }),
  });
}

function duration(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return hours > 0 ? `${hours} h ${minutes} min` : `${minutes} min ${seconds % 60} s`;
}

function localTime(ms: number): string {
  const date = new Date(ms);
  const two = (value: number) => String(value).padStart(2, '0');
  return (
    `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ` +
    `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`
  );
}

async function runToken(args: readonly string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (values.help === true) {
    context.stdout.write(HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const settings = clientSettings(values, { env: context.env });
  let expiresIn: number | undefined;
  const client = cliClient(settings, (seconds) => {
    expiresIn = seconds;
  });
  const path = tokenPath(settings);
  const { stdout, stderr, outStyle, errStyle } = context;
  let token: string;
  try {
    token = await client.accessToken.get();
  } catch (error) {
    const message = describeFailure(error);
    if (message === undefined) throw error;
    stderr.write(`${errStyle.red('wechat-mp token:')} ${message}\n`);
    return 1;
  }
  if (values.show === true) {
    stdout.write(`${token}\n`);
    return 0;
  }
  const label = (text: string) => outStyle.dim(text.padEnd(13));
  const lines = [
    `${outStyle.green('✓')} access_token of ${outStyle.cyan(settings.appId)} from ${path} at ${settings.baseURL ?? 'https://api.weixin.qq.com'}`,
    `  ${label('expires in')}${
      expiresIn === undefined
        ? 'unknown'
        : `${duration(expiresIn)} (${expiresIn} s), at ${localTime(Date.now() + expiresIn * 1000)}`
    }`,
  ];
  try {
    const quota = await client.quota.get(path);
    lines.push(
      `  ${label('quota')}${path}: ${quota.used} of ${quota.daily_limit} used today, ${quota.remain} left`,
    );
  } catch (error) {
    const message = describeFailure(error);
    if (message === undefined) throw error;
    lines.push(`  ${label('quota')}${outStyle.yellow(`unavailable: ${message}`)}`);
  }
  lines.push(`  ${label('token')}${token.length} characters, not shown (--show prints it alone)`);
  stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/** `wechat-mp token`: fetches an access_token and reports its lifetime and quota. */
export const tokenCommand: CliCommand = {
  name: 'token',
  synopsis: '[--show]',
  summary: 'Fetch an access_token: check the AppSecret, lifetime and quota',
  help: HELP,
  run: (args, context) => withUsage('token', context, () => runToken(args, context)),
};
