import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onTestFinished } from 'vitest';
import type { InboundMessage } from '../../src/protocol/messages.js';
import { parseMessage } from '../../src/protocol/parse-message.js';
import { renderReply } from '../../src/protocol/replies.js';

/** A webhook on a loopback port that keeps every push it gets; it closes when the test ends. */
export interface Webhook {
  /** What to pass as the emulator's `webhook` option. */
  readonly url: string;
  /** Every push received so far, as sent (encrypted or not), oldest first. */
  readonly bodies: readonly string[];
  /** Every push received so far, parsed: plain mode only, as this webhook cannot decrypt. */
  received(): InboundMessage[];
  /** The body of the first push, as sent (encrypted or not), once it has arrived. */
  first(): Promise<string>;
  /** The first push, received or to come, that `match` accepts: plain mode only. */
  next(match: (message: InboundMessage) => boolean): Promise<InboundMessage>;
  /** Stops answering, for a test of a webhook that is down. */
  close(): Promise<void>;
}

/** Starts a webhook that answers every push with `success`, or with the text `reply` (plain mode). */
export async function startWebhook(options: { reply?: string } = {}): Promise<Webhook> {
  // Kept as sent and parsed only when a test asks: a safe-mode push cannot be parsed here.
  const bodies: string[] = [];
  const waiters: { match: (body: string) => boolean; resolve: (body: string) => void }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      bodies.push(body);
      if (options.reply === undefined) res.end('success');
      else {
        const message = parseMessage(body);
        res.end(renderReply(options.reply, { to: message.FromUserName, from: message.ToUserName }));
      }
      for (const waiter of waiters.splice(0)) {
        if (waiter.match(body)) waiter.resolve(body);
        else waiters.push(waiter);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  // After afterEach, so the emulators pushing here are closed first.
  onTestFinished(close);
  const nextBody = (match: (body: string) => boolean): Promise<string> => {
    const found = bodies.find(match);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve) => waiters.push({ match, resolve }));
  };
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat`,
    bodies,
    received: () => bodies.map((body) => parseMessage(body)),
    first: () => nextBody(() => true),
    next: async (match) => parseMessage(await nextBody((body) => match(parseMessage(body)))),
    close,
  };
}
