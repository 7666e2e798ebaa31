import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

/** A `state.json` path in a new temporary directory, removed when the test ends. */
export function tempStatePath(): string {
  const directory = mkdtempSync(join(tmpdir(), 'wechat-mp-state-'));
  // onTestFinished runs after afterEach, so the emulators have written their last state by then.
  onTestFinished(() => rmSync(directory, { recursive: true, force: true }));
  return join(directory, 'state.json');
}
