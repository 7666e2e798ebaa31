import { type MessageCrypto, WeChatCryptoError } from '../protocol/crypto.js';
import { WeChatError, WeChatMessageError, WeChatXmlError } from '../protocol/errors.js';
import type { InboundMessage } from '../protocol/messages.js';
import { parseMessage } from '../protocol/parse-message.js';
import { checkSignature } from '../protocol/signature.js';
import { parseXml } from '../protocol/xml.js';

/**
 * A request the webhook refuses before any handler sees it. `status` is the HTTP answer and
 * `reason` a stable, loggable category (`bad-signature`, `too-large`, …).
 */
export class WebhookRejection extends WeChatError {
  /** The HTTP status answered. */
  readonly status: number;
  /** Why, as a short category for logs and counters. */
  readonly reason: string;

  /** @param status - HTTP status. @param reason - category. @param message - details. */
  constructor(status: number, reason: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.status = status;
    this.reason = reason;
  }
}

/** What {@link receive} needs to know. */
export interface ReceiveOptions {
  readonly token: string;
  readonly crypto: MessageCrypto | undefined;
  readonly encryptedOnly: boolean;
  readonly maxTimestampSkewSeconds: number | undefined;
  readonly maxBodyBytes: number;
  readonly now: () => number;
}

/** The part of `AbortSignal` the webhook uses, so adapters can pass something lighter. */
export interface AbortSignalLike {
  /** Whether the client has gone away. */
  readonly aborted: boolean;
  /** Calls `listener` when the client goes away. */
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  /** Stops calling `listener`. */
  removeEventListener(type: 'abort', listener: () => void): void;
}

/**
 * A request as the webhook core needs it, whatever server received it: adapters fill it without
 * building a Fetch `Request`, which is the costliest part of a push on node:http.
 */
export interface RawRequest {
  /** The HTTP method. */
  readonly method: string;
  /** The request target: a path with its query, or an absolute URL. */
  readonly url: string;
  /** Reads the body as UTF-8, throwing a 413 {@link WebhookRejection} past `limit` bytes. */
  readBody(limit: number): Promise<string>;
  /** Aborts when the client goes away before the answer is sent (an `AbortSignal` will do). */
  readonly signal?: AbortSignalLike | undefined;
}

/** A verified request: the URL handshake, or a push with its parsed message. */
export type Received =
  | { readonly kind: 'verify'; readonly echostr: string }
  | {
      readonly kind: 'push';
      readonly message: InboundMessage;
      readonly encrypted: boolean;
      readonly nonce: string;
    };

/**
 * Verifies and reads one request from WeChat. Everything that is not a valid, authentic push or
 * handshake throws {@link WebhookRejection} with the status to answer: 405 for other methods,
 * 400 for missing parameters or malformed bodies, 401 for bad signatures, stale timestamps and
 * foreign ciphertext, 403 for plain pushes when only encrypted ones are allowed, 413 for bodies
 * over the limit.
 */
export async function receive(request: RawRequest, options: ReceiveOptions): Promise<Received> {
  if (request.method !== 'GET' && request.method !== 'POST') {
    throw new WebhookRejection(405, 'method', `${request.method} is not allowed: WeChat sends GET and POST`);
  }
  const queryStart = request.url.indexOf('?');
  const query = new URLSearchParams(queryStart === -1 ? '' : request.url.slice(queryStart + 1));
  const signature = query.get('signature');
  const timestamp = query.get('timestamp');
  const nonce = query.get('nonce');
  if (!signature || !timestamp || !nonce) {
    throw new WebhookRejection(400, 'missing-parameters', 'signature, timestamp and nonce are required');
  }
  if (!checkSignature({ token: options.token, signature, timestamp, nonce })) {
    throw new WebhookRejection(401, 'bad-signature', 'signature does not match the token');
  }
  const skew = options.maxTimestampSkewSeconds;
  if (skew !== undefined && !(Math.abs(options.now() - Number(timestamp)) <= skew)) {
    throw new WebhookRejection(401, 'stale-timestamp', `timestamp ${timestamp} is more than ${skew} s away`);
  }
  if (request.method === 'GET') {
    const echostr = query.get('echostr');
    if (echostr === null) throw new WebhookRejection(400, 'missing-parameters', 'echostr is required');
    return { kind: 'verify', echostr };
  }

  const body = await request.readBody(options.maxBodyBytes);
  try {
    if (query.get('encrypt_type') === 'aes') {
      return {
        kind: 'push',
        message: parseMessage(decryptBody(body, query, timestamp, nonce, options)),
        encrypted: true,
        nonce,
      };
    }
    if (options.encryptedOnly) {
      throw new WebhookRejection(
        403,
        'plain-refused',
        'plain pushes are refused: only encrypted ones are accepted',
      );
    }
    return { kind: 'push', message: parseMessage(body), encrypted: false, nonce };
  } catch (error) {
    throw asRejection(error);
  }
}

function decryptBody(
  body: string,
  query: URLSearchParams,
  timestamp: string,
  nonce: string,
  options: ReceiveOptions,
): string {
  const { crypto } = options;
  if (crypto === undefined) {
    throw new WebhookRejection(
      400,
      'no-aes-key',
      'an encrypted push arrived but no encodingAESKey is configured',
    );
  }
  const msgSignature = query.get('msg_signature');
  if (!msgSignature)
    throw new WebhookRejection(400, 'missing-parameters', 'msg_signature is required with encrypt_type=aes');
  const envelope = parseXml(body).value;
  const encrypt = typeof envelope === 'object' && !Array.isArray(envelope) ? envelope.Encrypt : undefined;
  if (typeof encrypt !== 'string' || encrypt === '') {
    throw new WebhookRejection(400, 'malformed', 'the encrypted push has no Encrypt element');
  }
  if (!crypto.verify({ msgSignature, timestamp, nonce, encrypt })) {
    throw new WebhookRejection(401, 'bad-signature', 'msg_signature does not match the ciphertext');
  }
  return crypto.decrypt(encrypt).message;
}

function asRejection(error: unknown): unknown {
  if (error instanceof WebhookRejection) return error;
  if (error instanceof WeChatXmlError) {
    return error.reason === 'too-large'
      ? new WebhookRejection(413, 'too-large', error.message, { cause: error })
      : new WebhookRejection(400, `xml-${error.reason}`, error.message, { cause: error });
  }
  if (error instanceof WeChatCryptoError) {
    return error.codeName === 'ValidateAppidError'
      ? new WebhookRejection(401, 'wrong-appid', error.message, { cause: error })
      : new WebhookRejection(400, 'bad-ciphertext', error.message, { cause: error });
  }
  if (error instanceof WeChatMessageError)
    return new WebhookRejection(400, 'not-a-message', error.message, { cause: error });
  return error;
}

/** Reads a Fetch `Request`'s body as UTF-8, refusing more than `limit` bytes with a 413. */
export async function readWebBody(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > limit)
    throw new WebhookRejection(413, 'too-large', `body of ${declared} bytes exceeds ${limit}`);
  if (request.body === null) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new WebhookRejection(413, 'too-large', `body exceeds ${limit} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
