import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { findPackageVersion } from '../../src/cli/run.js';
import { runCaptured } from '../helpers/cli.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const packageVersion = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string })
  .version;

const run = runCaptured;

describe('wechat-mp errcode', () => {
  test('explains 45009 in plain text when not on a TTY', async () => {
    const { code, stdout, stderr } = await run(['errcode', '45009']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout.split('\n')[0]).toBe('45009  reach max api daily quota limit');
    expect(stdout).toContain('接口调用超过限制');
    expect(stdout).toContain('daily call quota');
    expect(stdout).toContain('rate-limited');
    expect(stdout).not.toContain('\u001b[');
  });

  test('accepts -1 as a code, not an option', async () => {
    const { code, stdout } = await run(['errcode', '-1']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^-1 {2}system error\n/);
    expect(stdout).toContain('retry-later');
  });

  test('--json prints the info object', async () => {
    const { code, stdout } = await run(['errcode', '40001', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      code: 40001,
      errmsg: 'invalid credential, access_token is invalid or not latest',
      tokenInvalid: true,
      retryLater: false,
      rateLimited: false,
    });
  });

  test('an unknown code exits 1 with a message on stderr', async () => {
    const { code, stdout, stderr } = await run(['errcode', '12345']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('12345 is not in the WeChat global return code table');
  });

  test('a non-numeric code exits 1 with a message on stderr', async () => {
    const { code, stdout, stderr } = await run(['errcode', 'abc']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('"abc" is not a number');
  });

  test('a missing code or an unknown option is a usage error', async () => {
    expect((await run(['errcode'])).code).toBe(2);
    expect((await run(['errcode', '1', '2'])).code).toBe(2);
    const unknown = await run(['errcode', '--nope', '45009']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown option "--nope"');
  });

  test('errcode --help prints its own help', async () => {
    const { code, stdout } = await run(['errcode', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: wechat-mp errcode <code> [--json]');
  });

  test('colours on a TTY, but not with NO_COLOR', async () => {
    expect((await run(['errcode', '45009'], { tty: true })).stdout).toContain('\u001b[');
    expect((await run(['errcode', '45009'], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(
      '\u001b[',
    );
  });
});

describe('wechat-mp', () => {
  test('--help, -h and help list the commands that exist', async () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const { code, stdout, stderr } = await run(argv);
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).toContain('Usage:');
      expect(stdout).toMatch(/^ {2}errcode <code> +Explain/m);
    }
  });

  test('help <command> prints that command’s help', async () => {
    const { code, stdout } = await run(['help', 'errcode']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: wechat-mp errcode');
  });

  test('an unknown command prints the usage on stderr and exits 2', async () => {
    const { code, stdout, stderr } = await run(['frobnicate']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('unknown command "frobnicate"');
    expect(stderr).toContain('Usage:');
  });

  test('no arguments prints the usage on stderr and exits 2', async () => {
    const { code, stderr } = await run([]);
    expect(code).toBe(2);
    expect(stderr).toContain('Usage:');
  });

  test('--version prints the version', async () => {
    const { code, stdout } = await run(['--version']);
    expect(code).toBe(0);
    expect(stdout).toBe('9.9.9-test\n');
  });

  test('findPackageVersion walks up from a built or source entry to our package.json', () => {
    expect(findPackageVersion(join(root, 'dist', 'esm', 'cli', 'main.js'))).toBe(packageVersion);
    expect(findPackageVersion(join(root, 'src', 'cli', 'main.ts'))).toBe(packageVersion);
    expect(findPackageVersion(undefined)).toBeUndefined();
  });
});

describe('the real binary (src/cli/main.ts through tsx)', () => {
  const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const main = join(root, 'src', 'cli', 'main.ts');
  const spawn = (...args: string[]) =>
    spawnSync(process.execPath, [tsx, main, ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });

  test('errcode 45009 exits 0 and prints the explanation', () => {
    const result = spawn('errcode', '45009');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^45009 {2}reach max api daily quota limit\n/);
    expect(result.stdout).toContain('rate-limited');
  });

  test('an unknown code exits 1', () => {
    const result = spawn('errcode', '12345');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('12345 is not in the WeChat global return code table');
  });

  test('--version prints the package version', () => {
    const result = spawn('--version');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${packageVersion}\n`);
  });
});
