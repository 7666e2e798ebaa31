// The contract between `runCli` and the commands under src/cli/commands/. A command is one file
// exporting a `CliCommand`; add it to the list in src/cli/run.ts and it shows up in the usage.

/** Somewhere the CLI writes text: `process.stdout`, `process.stderr` or a test double. */
export interface CliOutput {
  /** Writes a chunk of text. */
  write(chunk: string): unknown;
  /** True when the stream is a terminal; colour is only used then. */
  readonly isTTY?: boolean | undefined;
}

/** The streams and environment `runCli` works with, so it can run in-process in tests. */
export interface CliIO {
  /** Where results go. */
  readonly stdout: CliOutput;
  /** Where errors and usage mistakes go. */
  readonly stderr: CliOutput;
  /** Environment variables (`NO_COLOR`, `FORCE_COLOR`, `TERM`…); defaults to `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Where interactive commands (`chat`) read lines from; defaults to `process.stdin`. */
  readonly stdin?: NodeJS.ReadableStream;
}

/** Text decorations; each one returns its input unchanged when colour is off. */
export interface CliStyle {
  /** Bold text. */
  bold(text: string): string;
  /** Faint text, for labels. */
  dim(text: string): string;
  /** Red text, for errors. */
  red(text: string): string;
  /** Yellow text, for warnings and flags. */
  yellow(text: string): string;
  /** Green text, for success. */
  green(text: string): string;
  /** Cyan text, for names and codes. */
  cyan(text: string): string;
}

/** What a command gets besides its arguments. */
export interface CliContext {
  /** Where results go. */
  readonly stdout: CliOutput;
  /** Where errors go. */
  readonly stderr: CliOutput;
  /** The environment the CLI runs in. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where interactive commands read lines from. */
  readonly stdin: NodeJS.ReadableStream;
  /** Styling for text written to `stdout`. */
  readonly outStyle: CliStyle;
  /** Styling for text written to `stderr`. */
  readonly errStyle: CliStyle;
}

/** One `wechat-mp <name>` subcommand. */
export interface CliCommand {
  /** The word typed after `wechat-mp`. */
  readonly name: string;
  /** Argument synopsis shown after the name in the command list, e.g. `<code>`. */
  readonly synopsis: string;
  /** One line for the command list in `wechat-mp --help`. */
  readonly summary: string;
  /** The full help text printed by `wechat-mp help <name>` and `wechat-mp <name> --help`. */
  readonly help: string;
  /**
   * Runs the command.
   * @param args - the arguments after the command name.
   * @returns the process exit code: 0 success, 1 failure, 2 usage error.
   */
  run(args: readonly string[], context: CliContext): number | Promise<number>;
}

const ansi =
  (open: number, close: number) =>
  (text: string): string =>
    `\u001b[${open}m${text}\u001b[${close}m`;

const identity = (text: string): string => text;

const COLOURED: CliStyle = {
  bold: ansi(1, 22),
  dim: ansi(2, 22),
  red: ansi(31, 39),
  yellow: ansi(33, 39),
  green: ansi(32, 39),
  cyan: ansi(36, 39),
};

const PLAIN: CliStyle = {
  bold: identity,
  dim: identity,
  red: identity,
  yellow: identity,
  green: identity,
  cyan: identity,
};

/**
 * Decides whether text written to `output` should be coloured: never when `NO_COLOR` is set
 * (see no-color.org) or `TERM=dumb`, always when `FORCE_COLOR` is set to anything but `0`,
 * otherwise only when the stream is a terminal.
 */
export function useColour(output: CliOutput, env: Readonly<Record<string, string | undefined>>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  if (env.TERM === 'dumb') return false;
  return output.isTTY === true;
}

/** The styling to use for `output`: ANSI colours or pass-through, per {@link useColour}. */
export function styleFor(output: CliOutput, env: Readonly<Record<string, string | undefined>>): CliStyle {
  return useColour(output, env) ? COLOURED : PLAIN;
}
