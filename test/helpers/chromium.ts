import { existsSync } from 'node:fs';

/** Debian's chromium: the only browser the tests drive (Playwright never downloads one here). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Launch flags: headless, no sandbox (root in CI containers), and no network of its own. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Whether the browser tests can run here. In CI (`CI` set) a missing chromium is a failure, not
 * a skip: `.ci/run` installs it. On a developer machine without it, the tests are skipped and
 * say so.
 */
export function chromiumAvailable(): boolean {
  const found = existsSync(CHROMIUM_PATH);
  if (!found && process.env.CI)
    throw new Error(`${CHROMIUM_PATH} is not installed, and CI requires the browser tests`);
  if (!found)
    console.warn(
      `${CHROMIUM_PATH} not found: skipping the browser tests (apt-get install chromium to run them)`,
    );
  return found;
}
