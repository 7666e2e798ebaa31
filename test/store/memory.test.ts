import { expect, test } from 'vitest';
import { MemoryStore } from '../../src/store/memory.js';
import { describeStoreConformance } from './conformance.js';

describeStoreConformance('MemoryStore', async () => new MemoryStore());

test('an injected clock drives expiry', async () => {
  let now = 1_000;
  const store = new MemoryStore({ now: () => now });
  await store.set('k', 'v', 7_200_000);
  now += 7_199_999;
  expect(await store.get('k')).toBe('v');
  now += 1;
  expect(await store.get('k')).toBeUndefined();
});

test('expired keys nobody reads again are swept as later writes come', async () => {
  let now = 0;
  const store = new MemoryStore({ now: () => now });
  for (let i = 0; i < 1_000; i++) await store.setIfAbsent(`seen:${i}`, '1', 30_000);
  expect(store.size).toBe(1_000);
  now += 30_000;
  // A steady flow of new records: the old ones go without ever being read.
  for (let i = 0; i < 2_000; i++) await store.set(`fresh:${i}`, '1', 60_000);
  expect(store.size).toBe(2_000);
  expect(await store.get('fresh:0')).toBe('1');
});
