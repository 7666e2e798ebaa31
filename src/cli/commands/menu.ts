// `wechat-mp menu push FILE` / `wechat-mp menu pull`: the custom menu as a JSON file.
import { readFile } from 'node:fs/promises';
import { type MenuDefinition, MenuValidationError, validateMenu } from '../../client/api/menu.js';
import type { CliCommand, CliContext } from '../command.js';
import {
  CLIENT_OPTIONS,
  clientSettings,
  describeFailure,
  parseCommandArgs,
  readStream,
  UsageError,
  withUsage,
} from '../config.js';
import { cliClient } from './token.js';

const HELP = `Usage: wechat-mp menu push FILE [options]
       wechat-mp menu pull [options]

push   Reads a menu from FILE (- for stdin) as JSON, { "button": [...] } (the
       output of "menu pull" is accepted as it is), checks it locally against the
       rules of menu/create (counts, name lengths, keys, URLs), then creates it.
       A broken rule is reported with its field and errcode, and nothing is sent.
pull   Prints the default menu created through the API as JSON,
       { "button": [...] }, ready to edit and push back. When there is none
       (46003), prints nothing on stdout, says so on stderr and exits 0.
       Personalised menus are counted on stderr, not printed.

Options:
  --app-id ID        The AppID (env WECHAT_APP_ID)
  --app-secret S     The AppSecret (env WECHAT_APP_SECRET)
  --base-url URL     The API host (env WECHAT_BASE_URL; default https://api.weixin.qq.com)
  --stable           Get the access_token from cgi-bin/stable_token (the default)
  --classic          Get it from cgi-bin/token
  -h, --help         Show this help

Flags win over the environment, which wins over a .env file in the current
directory.

Examples:
  wechat-mp menu pull > menu.json
  wechat-mp menu push menu.json

Exit status: 0 on success (also "no menu"), 1 when the file is unreadable, not
JSON, breaks a rule, or the platform refuses, 2 on a usage mistake.
`;

const OPTIONS = { ...CLIENT_OPTIONS, help: { type: 'boolean', short: 'h' } } as const;

/** A failure to report with exit status 1. */
class MenuFailure extends Error {}

/** Reads FILE (or stdin for `-`) and returns the menu it holds, unchecked. */
async function readMenu(file: string, context: CliContext): Promise<MenuDefinition> {
  let text: string;
  try {
    text = file === '-' ? await readStream(context.stdin) : await readFile(file, 'utf8');
  } catch (error) {
    throw new MenuFailure(`cannot read ${file}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new MenuFailure(`${file} is not JSON: ${(error as Error).message}`);
  }
  // The whole menu/get answer, { menu: { button } }, is accepted too.
  const inner = (value as { menu?: { button?: unknown } } | null)?.menu;
  if (inner !== undefined && (value as { button?: unknown }).button === undefined) value = inner;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MenuFailure(`${file} must hold an object { "button": [...] }`);
  }
  const { button } = value as { button?: unknown };
  return { button } as MenuDefinition;
}

async function push(file: string, context: CliContext, settings: ReturnType<typeof clientSettings>) {
  const menu = await readMenu(file, context);
  try {
    validateMenu(menu);
  } catch (error) {
    if (!(error instanceof MenuValidationError)) throw error;
    throw new MenuFailure(
      `${file}: ${error.field} ${error.errmsg} (errcode ${error.errcode}); nothing was sent`,
    );
  }
  await cliClient(settings).menu.create(menu);
  const names = menu.button.map((button) => button.name).join(', ');
  context.stdout.write(
    `${context.outStyle.green('✓')} menu created: ${menu.button.length} button${menu.button.length === 1 ? '' : 's'} (${names})\n`,
  );
}

async function pull(context: CliContext, settings: ReturnType<typeof clientSettings>) {
  const info = await cliClient(settings).menu.get();
  if (info === undefined) {
    context.stderr.write('wechat-mp menu: no menu has been created through the API (46003)\n');
    return;
  }
  context.stdout.write(`${JSON.stringify({ button: info.menu.button }, null, 2)}\n`);
  const personalised = info.conditionalmenu?.length ?? 0;
  if (personalised > 0) {
    context.stderr.write(
      `wechat-mp menu: ${personalised} personalised menu${personalised === 1 ? '' : 's'} not shown\n`,
    );
  }
}

async function runMenu(args: readonly string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (values.help === true) {
    context.stdout.write(HELP);
    return 0;
  }
  const [action, ...rest] = positionals;
  if (action !== 'push' && action !== 'pull') {
    throw new UsageError(
      action === undefined ? 'missing the action: push FILE or pull' : `unknown action "${action}"`,
    );
  }
  if (action === 'push' && rest.length !== 1) throw new UsageError('menu push takes one FILE (- for stdin)');
  if (action === 'pull' && rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
  const settings = clientSettings(values, { env: context.env });
  try {
    if (action === 'push') await push(rest[0] as string, context, settings);
    else await pull(context, settings);
    return 0;
  } catch (error) {
    const message = error instanceof MenuFailure ? error.message : describeFailure(error);
    if (message === undefined) throw error;
    context.stderr.write(`${context.errStyle.red('wechat-mp menu:')} ${message}\n`);
    return 1;
  }
}

/** `wechat-mp menu push FILE | pull`: the custom menu from and to JSON. */
export const menuCommand: CliCommand = {
  name: 'menu',
  synopsis: 'push <file> | pull',
  summary: 'Create the custom menu from a JSON file, or print the current one',
  help: HELP,
  run: (args, context) => withUsage('menu', context, () => runMenu(args, context)),
};
