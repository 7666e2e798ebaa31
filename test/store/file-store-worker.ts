// Run by file.test.ts in several processes at once: increments one counter in a shared FileStore.
import { FileStore } from '../../src/store/file.js';

const [path, times] = process.argv.slice(2);
if (path === undefined || times === undefined) throw new Error('usage: file-store-worker PATH TIMES');
const store = new FileStore({ path, lockTimeoutMs: 30_000 });
for (let i = 0; i < Number(times); i++) await store.increment('count');
