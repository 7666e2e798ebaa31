import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { FileStore } from '../../src/store/file.js';
import { describeStoreConformance } from './conformance.js';

const dir = mkdtempSync(join(tmpdir(), 'wechat-mp-filestore-'));
let counter = 0;

describeStoreConformance(
  'FileStore',
  async () => new FileStore({ path: join(dir, `store-${counter++}.json`) }),
);

test('survives a restart: a new instance on the same file sees the data', async () => {
  const path = join(dir, 'restart.json');
  await new FileStore({ path }).set('token', 'abc', 60_000);
  expect(await new FileStore({ path }).get('token')).toBe('abc');
});

test('a corrupt file is reported, not overwritten', async () => {
  const path = join(dir, 'corrupt.json');
  writeFileSync(path, '{not json');
  await expect(new FileStore({ path }).set('a', '1')).rejects.toThrow(/not valid JSON/);
  expect(readFileSync(path, 'utf8')).toBe('{not json');
});

test('a lock left by a crashed process is taken over once stale', async () => {
  const path = join(dir, 'stale.json');
  writeFileSync(`${path}.lock`, '');
  const store = new FileStore({ path, staleLockMs: 50, lockTimeoutMs: 2000 });
  await new Promise((resolve) => setTimeout(resolve, 80));
  await store.set('a', '1');
  expect(await store.get('a')).toBe('1');
});

test('several processes incrementing one file lose no update', async () => {
  const path = join(dir, 'processes.json');
  const worker = join(import.meta.dirname, 'file-store-worker.ts');
  const tsx = join(import.meta.dirname, '..', '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const processes = 6;
  const perProcess = 40;
  const exits = await Promise.all(
    Array.from(
      { length: processes },
      () =>
        new Promise<number | null>((resolve) => {
          const child = spawn(process.execPath, [tsx, worker, path, String(perProcess)], {
            stdio: 'inherit',
          });
          child.on('exit', resolve);
        }),
    ),
  );
  expect(exits).toEqual(Array(processes).fill(0));
  expect(await new FileStore({ path }).get('count')).toBe(String(processes * perProcess));
}, 60_000);
