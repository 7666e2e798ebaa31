import { readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CliCommand, CliContext, CliIO } from './command.js';
import { styleFor } from './command.js';
import { chatCommand } from './commands/chat.js';
import { cryptoCommand } from './commands/crypto.js';
import { emulatorCommand } from './commands/emulator.js';
import { errcodeCommand } from './commands/errcode.js';
import { menuCommand } from './commands/menu.js';
import { tokenCommand } from './commands/token.js';
import { verifyCommand } from './commands/verify.js';

/** The subcommands, in the order the usage lists them. New commands go here. */
const COMMANDS: readonly CliCommand[] = [
  errcodeCommand,
  emulatorCommand,
  chatCommand,
  verifyCommand,
  tokenCommand,
  menuCommand,
  cryptoCommand,
];

const PACKAGE_NAME = 'wechat-mp';

/** Options for {@link runCli} that the real binary and the tests set differently. */
export interface RunCliOptions {
  /**
   * The version `--version` prints, or a function returning it (called only for `--version`).
   * Defaults to the version in the package.json above the running script.
   */
  readonly version?: string | (() => string | undefined);
}

const OPTIONS = [
  ['-h, --help', 'Show this help'],
  ['-v, --version', 'Print the wechat-mp version'],
] as const;

function usage(): string {
  const commands = [
    ...COMMANDS.map((command) => [`${command.name} ${command.synopsis}`.trim(), command.summary] as const),
    ['help [command]', 'Show help for wechat-mp or one command'] as const,
  ];
  const width = Math.max(...[...commands, ...OPTIONS].map(([left]) => left.length)) + 3;
  const table = (rows: ReadonlyArray<readonly [string, string]>) =>
    rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`).join('\n');
  return `wechat-mp: tools for WeChat Official Account (微信公众号) development

Usage:
  wechat-mp <command> [options]

Commands:
${table(commands)}

Options:
${table(OPTIONS)}

Run "wechat-mp help <command>" for a command's options.
`;
}

/**
 * Finds the version of the wechat-mp package that contains `entryPath` by walking up from it to
 * the nearest package.json named `wechat-mp` (dist/esm/cli/main.js → ../../../package.json, and
 * the same from dist/cjs or src). Works the same in the ESM and the CommonJS build, which is why
 * it takes a path instead of reading `import.meta.url`.
 *
 * @param entryPath - the running script, normally `process.argv[1]`; symlinks (npm's `.bin`) are resolved.
 * @returns the version, or `undefined` when no such package.json is found.
 */
export function findPackageVersion(entryPath: string | undefined): string | undefined {
  if (entryPath === undefined || entryPath === '') return undefined;
  let dir: string;
  try {
    dir = dirname(realpathSync(entryPath));
  } catch {
    dir = dirname(entryPath);
  }
  for (;;) {
    try {
      const manifest: unknown = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (typeof manifest === 'object' && manifest !== null) {
        const { name, version } = manifest as { name?: unknown; version?: unknown };
        if (name === PACKAGE_NAME && typeof version === 'string') return version;
      }
    } catch {
      // No (readable) package.json here; keep walking up.
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Runs the `wechat-mp` command line in-process.
 *
 * @param argv - the arguments after the program name (`process.argv.slice(2)`).
 * @param io - where output goes and which environment to read; colour is used only when the
 *   target stream is a TTY and `NO_COLOR` is not set.
 * @param options - see {@link RunCliOptions}.
 * @returns the exit code: 0 success, 1 the command failed, 2 a usage mistake.
 *
 * @example
 * ```ts
 * const code = await runCli(['errcode', '45009'], { stdout: process.stdout, stderr: process.stderr });
 * ```
 */
export async function runCli(
  argv: readonly string[],
  io: CliIO,
  options: RunCliOptions = {},
): Promise<number> {
  const env = io.env ?? process.env;
  const context: CliContext = {
    stdout: io.stdout,
    stderr: io.stderr,
    env,
    stdin: io.stdin ?? process.stdin,
    outStyle: styleFor(io.stdout, env),
    errStyle: styleFor(io.stderr, env),
  };
  const { stdout, stderr, errStyle } = context;
  const [first, ...rest] = argv;

  if (first === undefined) {
    stderr.write(usage());
    return 2;
  }
  if (first === '-h' || first === '--help') {
    stdout.write(usage());
    return 0;
  }
  if (first === '-v' || first === '--version') {
    const version =
      typeof options.version === 'function'
        ? options.version()
        : (options.version ?? findPackageVersion(process.argv[1]));
    if (version === undefined) {
      stderr.write(`${errStyle.red('wechat-mp:')} cannot find the package.json to read the version from\n`);
      return 1;
    }
    stdout.write(`${version}\n`);
    return 0;
  }
  if (first === 'help') {
    const [topic] = rest;
    if (topic === undefined) {
      stdout.write(usage());
      return 0;
    }
    const command = COMMANDS.find((candidate) => candidate.name === topic);
    if (command === undefined) {
      stderr.write(`${errStyle.red('wechat-mp:')} no help for unknown command "${topic}"\n\n${usage()}`);
      return 2;
    }
    stdout.write(command.help);
    return 0;
  }

  const command = COMMANDS.find((candidate) => candidate.name === first);
  if (command === undefined) {
    const what = first.startsWith('-') ? 'unknown option' : 'unknown command';
    stderr.write(`${errStyle.red('wechat-mp:')} ${what} "${first}"\n\n${usage()}`);
    return 2;
  }
  return command.run(rest, context);
}
