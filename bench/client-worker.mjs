// One process of the cluster benchmark: waits for the common start time, then makes its calls.
import { FileStore, WeChatClient } from '../dist/esm/index.js';

const [baseURL, storePath, startAt, calls] = process.argv.slice(2);
const client = new WeChatClient({
  appId: 'wxbench0000000001',
  appSecret: 'bench-secret',
  baseURL,
  store: new FileStore({ path: storePath }),
});
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
const inFlight = 16;
let left = Number(calls);
await Promise.all(
  Array.from({ length: inFlight }, async () => {
    while (left-- > 0) await client.request('GET', '/cgi-bin/getcallbackip');
  }),
);
