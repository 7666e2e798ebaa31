// `npm run bench`: every benchmark in one run, peers measured beside us. See bench/README.md.

import { run as runClient } from './client.mjs';
import { machineLine } from './harness.mjs';
import { run as runProtocol } from './protocol.mjs';
import { run as runWebhook } from './webhook.mjs';
import { run as runWebhookCost } from './webhook-cost.mjs';
import { run as runXml } from './xml-parser.mjs';

console.log(`wechat-mp benchmarks — ${machineLine()}`);
runProtocol();
runXml();
await runClient();
await runWebhook();
await runWebhookCost();
