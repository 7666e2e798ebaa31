import { PlatformError } from './platform-error.js';
import type { Json, JsonObject } from './routes.js';

/**
 * JSON.stringify that writes `bigint` values as bare numbers, the way the platform writes 64-bit
 * ids such as `msg_id` (a client must then parse them without losing precision).
 */
export function toJson(value: Json): string {
  const marker = '\u0000bigint:';
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${marker}${v}` : v));
  // JSON.stringify writes the marker's NUL as the six characters \u0000.
  return text.includes('\\u0000bigint:') ? text.replace(/"\\u0000bigint:(-?\d+)"/g, '$1') : text;
}

/** Parses a request body as a JSON object, or returns undefined when it is not one. */
export function parseJsonObject(text: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as JsonObject)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a JSON value is an object (not an array, not null). */
export const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A string field that must be present and non-empty: `errcode` when absent or empty, 47001 when not a string. */
export function required(payload: JsonObject, key: string, errcode = 47001): string {
  const value = payload[key];
  if (value === undefined || value === '') throw new PlatformError(errcode);
  if (typeof value !== 'string') throw new PlatformError(47001);
  return value;
}
