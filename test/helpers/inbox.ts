import { expect } from 'vitest';
import type { InboxEntry } from '../../src/emulator.js';

/** Everything the emulator at `url` delivered to `openid`, oldest first. */
export async function inbox(url: string, openid: string): Promise<InboxEntry[]> {
  const response = await fetch(new URL(`/emulator/users/${openid}/inbox`, url));
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return (await response.json()) as InboxEntry[];
}

/** The messages of one kind the emulator at `url` delivered to `openid`, oldest first. */
export async function inboxOf(
  url: string,
  openid: string,
  kind: InboxEntry['kind'],
): Promise<Record<string, unknown>[]> {
  const entries = await inbox(url, openid);
  return entries
    .filter((entry) => entry.kind === kind)
    .map((entry) => entry.message as Record<string, unknown>);
}
