import { WeChatXmlError } from './errors.js';

/**
 * A parsed element's content: its text when it holds only text (or nothing: `''`), an
 * {@link XmlObject} of its children when it holds elements, and an array when a name repeats.
 */
export type XmlValue = string | XmlObject | XmlValue[];

/**
 * An element's children by name, in document order. The object has no prototype, so element
 * names such as `__proto__` or `constructor` are ordinary keys.
 */
export interface XmlObject {
  [name: string]: XmlValue;
}

/** A parsed document: the root element's name and its content. */
export interface XmlDocument {
  /** The root element's name (`xml` for every WeChat push). */
  readonly name: string;
  /** The root element's content. */
  readonly value: XmlValue;
}

/** Limits applied by {@link parseXml}. */
export interface XmlParseOptions {
  /** Longest accepted document, in UTF-16 code units. Default {@link DEFAULT_MAX_XML_LENGTH}. */
  readonly maxLength?: number;
  /** Deepest accepted element nesting. Default 32 (WeChat's deepest documents use 5). */
  readonly maxDepth?: number;
}

/** Default size limit of {@link parseXml}: 1 MiB, far above any document WeChat pushes. */
export const DEFAULT_MAX_XML_LENGTH = 1024 * 1024;

const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

const NAME = /^[A-Za-z_:][\w.:-]*$/;
const ENTITY = /&([^;&]*);?/g;
const WHITESPACE = /^[ \t\r\n]*$/;

interface Frame {
  readonly name: string;
  children: XmlObject | undefined;
  text: string;
}

/**
 * Parses the XML that WeChat sends: elements, text, CDATA sections, comments and the five
 * predefined entities plus character references. Attributes are accepted and ignored (WeChat
 * uses none).
 *
 * Hostile input is refused, never expanded: any `<!DOCTYPE`, entity declaration, unknown
 * entity, processing instruction, a document over `maxLength`, or nesting deeper than
 * `maxDepth` throws {@link WeChatXmlError}. A purpose-built scanner is used rather than a
 * general library because it does only this, allocates little, and was measured faster than
 * fast-xml-parser on WeChat-sized documents (see `bench/`).
 *
 * @throws {@link WeChatXmlError} on malformed or refused input.
 * @example
 * ```ts
 * parseXml('<xml><A><![CDATA[x]]></A><B>1</B><B>2</B></xml>');
 * // → { name: 'xml', value: { A: 'x', B: ['1', '2'] } }
 * ```
 */
export function parseXml(xml: string, options: XmlParseOptions = {}): XmlDocument {
  const maxLength = options.maxLength ?? DEFAULT_MAX_XML_LENGTH;
  const maxDepth = options.maxDepth ?? 32;
  if (typeof xml !== 'string') throw new WeChatXmlError('malformed', 'XML input must be a string');
  if (xml.length > maxLength) {
    throw new WeChatXmlError('too-large', `XML document of ${xml.length} characters exceeds ${maxLength}`);
  }

  if (maxDepth >= 2) {
    const flat = parseFlat(xml);
    if (flat !== undefined) return flat;
  }

  const stack: Frame[] = [];
  let root: XmlDocument | undefined;
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (xml.startsWith('<?xml', i)) {
    const end = xml.indexOf('?>', i);
    if (end === -1) throw new WeChatXmlError('malformed', 'unterminated XML declaration', i);
    i = end + 2;
  }

  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt === -1 ? xml.length : lt;
    if (textEnd > i) appendText(stack, xml, i, textEnd);
    if (lt === -1) break;
    const next = xml.charCodeAt(lt + 1);

    if (next === 0x2f /* / */) {
      const end = xml.indexOf('>', lt);
      if (end === -1) throw new WeChatXmlError('malformed', 'unterminated closing tag', lt);
      const frame = stack.pop();
      // Compared in place: slicing every closing tag's name was a tenth of the parser's garbage.
      if (frame === undefined || !closes(xml, lt + 2, end, frame.name)) {
        const name = xml.slice(lt + 2, end).trimEnd();
        if (frame === undefined) throw new WeChatXmlError('malformed', `unexpected </${name}>`, lt);
        throw new WeChatXmlError('malformed', `</${name}> does not close <${frame.name}>`, lt);
      }
      const value: XmlValue = frame.children ?? frame.text;
      const parent = stack[stack.length - 1];
      if (parent === undefined) root = { name: frame.name, value };
      else addChild(parent, frame.name, value);
      i = end + 1;
    } else if (next === 0x21 /* ! */) {
      if (xml.startsWith('<![CDATA[', lt)) {
        const end = xml.indexOf(']]>', lt + 9);
        if (end === -1) throw new WeChatXmlError('malformed', 'unterminated CDATA section', lt);
        const frame = stack[stack.length - 1];
        if (frame === undefined) throw new WeChatXmlError('malformed', 'CDATA outside the root element', lt);
        frame.text += xml.slice(lt + 9, end);
        if (frame.children !== undefined && end > lt + 9) mixedContent(frame, lt);
        i = end + 3;
      } else if (xml.startsWith('<!--', lt)) {
        const end = xml.indexOf('-->', lt + 4);
        if (end === -1) throw new WeChatXmlError('malformed', 'unterminated comment', lt);
        i = end + 3;
      } else {
        const word = xml.slice(lt + 2, lt + 9).toUpperCase();
        if (word.startsWith('DOCTYPE')) throw new WeChatXmlError('doctype', 'DOCTYPE is not allowed', lt);
        if (word.startsWith('ENTITY')) {
          throw new WeChatXmlError('entity', 'entity declarations are not allowed', lt);
        }
        throw new WeChatXmlError('malformed', 'unsupported markup declaration', lt);
      }
    } else if (next === 0x3f /* ? */) {
      throw new WeChatXmlError('malformed', 'processing instructions are not allowed', lt);
    } else {
      if (root !== undefined) throw new WeChatXmlError('malformed', 'content after the root element', lt);
      const end = findTagEnd(xml, lt);
      const selfClosing = xml.charCodeAt(end - 1) === 0x2f;
      const nameEnd = endOfName(xml, lt + 1, selfClosing ? end - 1 : end);
      const name = xml.slice(lt + 1, nameEnd);
      if (!NAME.test(name)) throw new WeChatXmlError('malformed', `invalid element name "${name}"`, lt);
      const parent = stack[stack.length - 1];
      if (parent !== undefined && parent.children === undefined) {
        if (parent.text !== '' && !WHITESPACE.test(parent.text)) mixedContent(parent, lt);
        parent.children = Object.create(null) as XmlObject;
      }
      if (selfClosing) {
        if (parent === undefined) root = { name, value: '' };
        else addChild(parent, name, '');
      } else {
        if (stack.length >= maxDepth) {
          throw new WeChatXmlError('too-deep', `elements nested deeper than ${maxDepth}`, lt);
        }
        stack.push({ name, children: undefined, text: '' });
      }
      i = end + 1;
    }
  }

  const open = stack[stack.length - 1];
  if (open !== undefined) throw new WeChatXmlError('malformed', `<${open.name}> is never closed`);
  if (root === undefined) throw new WeChatXmlError('malformed', 'no root element');
  return root;
}

/**
 * Reads the shape of nearly every push in one pass: `<xml>` holding only leaf elements, each
 * one CDATA section or plain text without entities, perhaps with whitespace between them.
 * Anything else returns `undefined` for the general parser, so the result is the same either way;
 * this only skips the general parser's bookkeeping, which was two thirds of a push's parsing time.
 */
function parseFlat(xml: string): XmlDocument | undefined {
  if (!xml.startsWith('<xml>')) return undefined;
  const children = Object.create(null) as XmlObject;
  let empty = true;
  let i = skipSpace(xml, 5);
  while (xml.charCodeAt(i + 1) !== 0x2f /* / */) {
    if (xml.charCodeAt(i) !== 0x3c /* < */) return undefined;
    const open = xml.indexOf('>', i);
    if (open === -1) return undefined;
    const common = commonName(xml, i + 1, open);
    const name = common ?? xml.slice(i + 1, open);
    if (common === undefined && !NAME.test(name)) return undefined;
    let value: string;
    let end: number;
    if (xml.startsWith('<![CDATA[', open + 1)) {
      const cdataEnd = xml.indexOf(']]>', open + 10);
      if (cdataEnd === -1) return undefined;
      value = xml.slice(open + 10, cdataEnd);
      end = cdataEnd + 3;
    } else {
      end = xml.indexOf('<', open + 1);
      if (end === -1) return undefined;
      value = xml.slice(open + 1, end);
      if (value.includes('&')) return undefined;
    }
    if (!xml.startsWith('</', end) || !xml.startsWith(name, end + 2)) return undefined;
    i = end + 2 + name.length;
    if (xml.charCodeAt(i) !== 0x3e /* > */) return undefined;
    addTo(children, name, value);
    empty = false;
    i = skipSpace(xml, i + 1);
  }
  if (empty || !xml.startsWith('</xml>', i) || skipSpace(xml, i + 6) !== xml.length) return undefined;
  return { name: 'xml', value: children };
}

/**
 * The element names of ordinary pushes and of the encrypted envelope, by length. A flat push
 * takes its names from here instead of cutting them out of the document: a cut name is a new
 * string, which the object of children must then look up in V8's string table.
 */
const COMMON_NAMES: readonly (readonly string[])[] = (() => {
  const byLength: string[][] = [];
  for (const name of [
    'ToUserName',
    'FromUserName',
    'CreateTime',
    'MsgType',
    'Content',
    'MsgId',
    'MsgDataId',
    'Idx',
    'Event',
    'EventKey',
    'Ticket',
    'PicUrl',
    'MediaId',
    'Format',
    'Recognition',
    'ThumbMediaId',
    'Location_X',
    'Location_Y',
    'Scale',
    'Label',
    'Title',
    'Description',
    'Url',
    'Latitude',
    'Longitude',
    'Precision',
    'Encrypt',
  ]) {
    byLength[name.length] ??= [];
    byLength[name.length]?.push(name);
  }
  return byLength;
})();

/** The common name that `xml[from, end)` is, if it is one. */
function commonName(xml: string, from: number, end: number): string | undefined {
  const candidates = COMMON_NAMES[end - from];
  if (candidates === undefined) return undefined;
  for (const name of candidates) if (xml.startsWith(name, from)) return name;
  return undefined;
}

function skipSpace(xml: string, from: number): number {
  let i = from;
  while (isSpace(xml.charCodeAt(i))) i++;
  return i;
}

/** Whether `xml[from, end)` is `name`, optionally followed by whitespace. */
function closes(xml: string, from: number, end: number, name: string): boolean {
  if (!xml.startsWith(name, from)) return false;
  for (let j = from + name.length; j < end; j++) if (!isSpace(xml.charCodeAt(j))) return false;
  return true;
}

/** Where the element name starting at `from` ends: at the first whitespace, or at `end`. */
function endOfName(xml: string, from: number, end: number): number {
  for (let j = from; j < end; j++) if (isSpace(xml.charCodeAt(j))) return j;
  return end;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/** Finds the `>` ending the tag that starts at `lt`, skipping quoted attribute values. */
function findTagEnd(xml: string, lt: number): number {
  let quote = 0;
  for (let j = lt + 1; j < xml.length; j++) {
    const c = xml.charCodeAt(j);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) {
      quote = c;
    } else if (c === 0x3e) {
      return j;
    } else if (c === 0x3c) {
      break;
    }
  }
  throw new WeChatXmlError('malformed', 'unterminated start tag', lt);
}

function appendText(stack: Frame[], xml: string, start: number, end: number): void {
  const raw = xml.slice(start, end);
  const frame = stack[stack.length - 1];
  if (frame === undefined) {
    if (!WHITESPACE.test(raw)) throw new WeChatXmlError('malformed', 'text outside the root element', start);
    return;
  }
  if (frame.children !== undefined) {
    if (!WHITESPACE.test(raw)) mixedContent(frame, start);
    return;
  }
  frame.text += raw.includes('&') ? decodeEntities(raw, start) : raw;
}

function mixedContent(frame: Frame, offset: number): never {
  throw new WeChatXmlError('malformed', `<${frame.name}> mixes text and elements`, offset);
}

function decodeEntities(raw: string, offset: number): string {
  return raw.replace(ENTITY, (match, body: string) => {
    if (!match.endsWith(';')) throw new WeChatXmlError('malformed', `bare "&" in text`, offset);
    const predefined = PREDEFINED_ENTITIES[body];
    if (predefined !== undefined) return predefined;
    const code = /^#x[0-9a-f]{1,6}$/i.test(body)
      ? Number.parseInt(body.slice(2), 16)
      : /^#[0-9]{1,7}$/.test(body)
        ? Number.parseInt(body.slice(1), 10)
        : -1;
    if (code === -1) throw new WeChatXmlError('entity', `unknown entity "&${body};"`, offset);
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      throw new WeChatXmlError('malformed', `invalid character reference "&${body};"`, offset);
    }
    return String.fromCodePoint(code);
  });
}

function addChild(parent: Frame, name: string, value: XmlValue): void {
  addTo(parent.children as XmlObject, name, value);
}

function addTo(children: XmlObject, name: string, value: XmlValue): void {
  const existing = children[name];
  if (existing === undefined) children[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else children[name] = [existing, value];
}

/** A value {@link buildXml} can write. `undefined` members are skipped. */
export type XmlInput = string | number | bigint | XmlInputObject | readonly XmlInput[] | undefined;

/** Children for {@link buildXml}, written in property order. */
export interface XmlInputObject {
  readonly [name: string]: XmlInput;
}

/**
 * Writes a document the way WeChat writes its own: strings in CDATA (a `]]>` inside is split
 * across two sections so it survives), numbers as plain text, objects as nested elements, arrays
 * as repeated elements of the same name.
 *
 * @example
 * ```ts
 * buildXml('xml', { MsgType: 'text', CreateTime: 1 });
 * // → '<xml><MsgType><![CDATA[text]]></MsgType><CreateTime>1</CreateTime></xml>'
 * ```
 */
export function buildXml(root: string, content: XmlInputObject): string {
  return `<${root}>${buildXmlContent(content)}</${root}>`;
}

/** The children {@link buildXml} writes inside the root: the elements of `content`, in order. */
export function buildXmlContent(content: XmlInputObject): string {
  let out = '';
  for (const name of Object.keys(content)) out += writeElement(name, content[name]);
  return out;
}

function writeElement(name: string, value: XmlInput): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) {
    let out = '';
    for (const item of value as readonly XmlInput[]) out += writeElement(name, item);
    return out;
  }
  if (typeof value === 'string') return `<${name}>${cdata(value)}</${name}>`;
  if (typeof value === 'number' || typeof value === 'bigint') return `<${name}>${value}</${name}>`;
  return `<${name}>${buildXmlContent(value as XmlInputObject)}</${name}>`;
}

/** Wraps text in CDATA, splitting any `]]>` so the text comes back unchanged when parsed. */
export function cdata(text: string): string {
  return `<![CDATA[${text.includes(']]>') ? text.replaceAll(']]>', ']]]]><![CDATA[>') : text}]]>`;
}
