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
