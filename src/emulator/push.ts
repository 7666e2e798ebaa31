import type { JsonObject, Platform, PushResult } from './routes.js';

/** Timing of pushes. */
export interface PushOptions {
  /** Timeout of one attempt (ms). */
  readonly timeoutMs: number;
  /** Retries after a timeout or a connection failure. */
  readonly retries: number;
}

/** What `POST /emulator/verify` reports. */
export interface VerifyResult {
  /** Whether the webhook echoed the echostr exactly. */
  ok: boolean;
}

/** Pushes a message from `openid` to the webhook. Not implemented yet. */
export async function pushToWebhook(
  _platform: Platform,
  _options: PushOptions,
  _openid: string,
  _fields: JsonObject,
): Promise<PushResult> {
  throw new Error('not implemented');
}

/** Performs the URL-verification handshake. Not implemented yet. */
export async function verifyWebhook(_platform: Platform): Promise<VerifyResult> {
  throw new Error('not implemented');
}
