import { describe, expect, test } from 'vitest';
import type { Store } from '../../src/store/store.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The behaviour every Store must have. Each store's test file calls this with a factory that
 * gives a fresh, empty store.
 */
export function describeStoreConformance(name: string, fresh: () => Promise<Store>): void {
  describe(`${name} conformance`, () => {
    test('get of an absent key is undefined; set then get; set replaces', async () => {
      const store = await fresh();
      expect(await store.get('a')).toBeUndefined();
      await store.set('a', '1');
      expect(await store.get('a')).toBe('1');
      await store.set('a', '二:😀');
      expect(await store.get('a')).toBe('二:😀');
    });

    test('values expire after their TTL; set without TTL does not expire', async () => {
      const store = await fresh();
      await store.set('short', 'x', 60);
      await store.set('forever', 'y');
      expect(await store.get('short')).toBe('x');
      await sleep(150);
      expect(await store.get('short')).toBeUndefined();
      expect(await store.get('forever')).toBe('y');
    });

    test('delete removes a key and ignores an absent one', async () => {
      const store = await fresh();
      await store.set('a', '1');
      await store.delete('a');
      await store.delete('never');
      expect(await store.get('a')).toBeUndefined();
    });

    test('setIfAbsent is a lease: one holder until it is deleted or expires', async () => {
      const store = await fresh();
      expect(await store.setIfAbsent('lease', 'p1', 80)).toBe(true);
      expect(await store.setIfAbsent('lease', 'p2', 80)).toBe(false);
      expect(await store.get('lease')).toBe('p1');
      await sleep(180);
      expect(await store.setIfAbsent('lease', 'p2', 1000)).toBe(true);
      expect(await store.get('lease')).toBe('p2');
    });

    test('only one of many concurrent setIfAbsent calls wins', async () => {
      const store = await fresh();
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => store.setIfAbsent('race', `p${i}`, 5000)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    test('compareAndDelete deletes only the expected value', async () => {
      const store = await fresh();
      await store.set('token', 'new');
      expect(await store.compareAndDelete('token', 'old')).toBe(false);
      expect(await store.get('token')).toBe('new');
      expect(await store.compareAndDelete('token', 'new')).toBe(true);
      expect(await store.get('token')).toBeUndefined();
      expect(await store.compareAndDelete('token', 'new')).toBe(false);
    });

    test('increment counts from 1, and the TTL set at creation ends the window', async () => {
      const store = await fresh();
      expect(await store.increment('n', 100)).toBe(1);
      expect(await store.increment('n', 100)).toBe(2);
      expect(await store.increment('n')).toBe(3);
      await sleep(200);
      expect(await store.increment('n', 100)).toBe(1);
      expect(await store.increment('plain')).toBe(1);
    });

    test('concurrent increments lose nothing', async () => {
      const store = await fresh();
      await Promise.all(Array.from({ length: 100 }, () => store.increment('hits', 10_000)));
      expect(await store.get('hits')).toBe('100');
    });

    test('deletePrefix deletes exactly the keys under the prefix, glob characters included', async () => {
      const store = await fresh();
      await store.set('wx1:token', 'a');
      await store.set('wx1:ticket', 'b');
      await store.set('wx10:token', 'c');
      await store.set('wx*:token', 'd');
      await store.set('other', 'e');
      expect(await store.deletePrefix('wx1:')).toBe(2);
      expect(await store.get('wx10:token')).toBe('c');
      expect(await store.deletePrefix('wx*:')).toBe(1);
      expect(await store.get('wx10:token')).toBe('c');
      expect(await store.get('other')).toBe('e');
      expect(await store.deletePrefix('none:')).toBe(0);
    });

    test('a TTL that is not positive is refused', async () => {
      const store = await fresh();
      await expect(async () => store.set('a', '1', 0)).rejects.toThrow(RangeError);
      await expect(async () => store.setIfAbsent('a', '1', -5)).rejects.toThrow(RangeError);
    });
  });
}
