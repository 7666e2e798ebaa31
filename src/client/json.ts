/**
 * Fields the platform sends as JSON numbers that can exceed 2^53. They are always returned as
 * strings, whatever their size, so their type does not depend on their value.
 */
export const ID_FIELDS: ReadonlySet<string> = new Set([
  'msg_id',
  'msg_data_id',
  'msgid',
  'publish_id',
  'msgID',
  'menuid',
]);

const MAY_NEED_QUOTING = /\d{16}|"(?:msg_id|msg_data_id|msgid|publish_id|msgID|menuid)"/;

/**
 * Parses a platform response without losing precision: numbers of the {@link ID_FIELDS} and any
 * integer too large for a JavaScript number become strings. Responses with neither (almost all)
 * go straight to `JSON.parse`.
 */
export function parseJsonLossless(text: string): unknown {
  return JSON.parse(MAY_NEED_QUOTING.test(text) ? quoteLargeNumbers(text) : text);
}

/** Wraps the affected number literals of a JSON text in quotes; strings are skipped as they are. */
function quoteLargeNumbers(text: string): string {
  let out = '';
  let copied = 0;
  let lastString = '';
  let keyPending = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const end = stringEnd(text, i);
      lastString = text.slice(i + 1, end);
      keyPending = false;
      i = end;
    } else if (c === 0x3a /* : */) {
      keyPending = true;
    } else if (c === 0x2c /* , */ || c === 0x7b /* { */ || c === 0x5b /* [ */) {
      keyPending = false;
      lastString = '';
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let end = i + 1;
      while (end < text.length && /[0-9.eE+-]/.test(text[end] as string)) end++;
      const literal = text.slice(i, end);
      const isInteger = /^-?\d+$/.test(literal);
      if (
        isInteger &&
        ((keyPending && ID_FIELDS.has(lastString)) || !Number.isSafeInteger(Number(literal)))
      ) {
        out += `${text.slice(copied, i)}"${literal}"`;
        copied = end;
      }
      keyPending = false;
      i = end - 1;
    }
  }
  return out + text.slice(copied);
}

function stringEnd(text: string, start: number): number {
  for (let j = start + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x5c /* \ */) j++;
    else if (c === 0x22) return j;
  }
  return text.length;
}
