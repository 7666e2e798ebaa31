#!/usr/bin/env node
// The `wechat-mp` binary. Kept tiny on purpose: all the work is in runCli (src/cli/run.ts), which
// the tests drive in-process. No import.meta here, so the CommonJS build compiles too.
import { findPackageVersion, runCli } from './run.js';

runCli(
  process.argv.slice(2),
  { stdout: process.stdout, stderr: process.stderr, env: process.env },
  { version: () => findPackageVersion(process.argv[1]) },
).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `wechat-mp: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
