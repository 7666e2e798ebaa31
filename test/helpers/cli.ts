import { Readable } from 'node:stream';
import type { CliOutput } from '../../src/cli/command.js';
import { runCli } from '../../src/cli/run.js';

/** A stream that keeps what the CLI writes, for assertions. */
export class Capture implements CliOutput {
  text = '';
  constructor(readonly isTTY = false) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

/** What to run the CLI with: its environment, its stdin, whether its streams are terminals. */
export interface CliRunOptions {
  readonly env?: Record<string, string>;
  readonly stdin?: string;
  readonly tty?: boolean;
}

/** Runs `wechat-mp argv…` in this process and returns its exit code and what it printed. */
export async function runCaptured(argv: readonly string[], options: CliRunOptions = {}) {
  const stdout = new Capture(options.tty);
  const stderr = new Capture(options.tty);
  const code = await runCli(
    argv,
    {
      stdout,
      stderr,
      env: options.env ?? {},
      ...(options.stdin === undefined ? {} : { stdin: Readable.from([options.stdin]) }),
    },
    { version: '9.9.9-test' },
  );
  return { code, stdout: stdout.text, stderr: stderr.text };
}
