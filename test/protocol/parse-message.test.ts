import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { WeChatMessageError, WeChatXmlError } from '../../src/protocol/errors.js';
import type { InboundMessage } from '../../src/protocol/messages.js';
import {
  KNOWN_EVENT_NAMES,
  KNOWN_MESSAGE_TYPES,
  messageFromXmlObject,
  parseMessage,
} from '../../src/protocol/parse-message.js';
import {
  buildXml,
  parseXml,
  type XmlInput,
  type XmlInputObject,
  type XmlObject,
  type XmlParseOptions,
} from '../../src/protocol/xml.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/messages/', import.meta.url));
const samples = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.xml'))
  .sort()
  .map((file) => ({
    name: file.slice(0, -4),
    xml: readFileSync(join(FIXTURES, file), 'utf8'),
    expected: JSON.parse(readFileSync(join(FIXTURES, file.replace(/\.xml$/, '.json')), 'utf8')) as unknown,
  }));

/** The typed part of a parsed message (everything but `raw`). */
function typed(m: InboundMessage): Record<string, unknown> {
  const { raw: _raw, ...rest } = m;
  return rest;
}

function root(xml: string): XmlObject {
  return parseXml(xml).value as XmlObject;
}

/** Builds a push from wire fields, the way WeChat writes them. */
function push(fields: XmlInputObject): string {
  return buildXml('xml', { ToUserName: 'gh_1', FromUserName: 'o_user', CreateTime: 1700000000, ...fields });
}

function messageError(fn: () => unknown): WeChatMessageError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(WeChatMessageError);
    return error as WeChatMessageError;
  }
  throw new Error('expected a WeChatMessageError');
}

describe('corpus', () => {
  test('has samples', () => {
    expect(samples.length).toBeGreaterThanOrEqual(50);
  });

  test.each(samples)('$name', ({ xml, expected }) => {
    const message = parseMessage(xml);
    expect(typed(message)).toStrictEqual(expected);
    expect(message.raw).toEqual(root(xml));
  });

  test.each(samples)('$name survives a rewrite through buildXml', ({ xml }) => {
    const first = parseMessage(xml);
    const again = parseMessage(buildXml('xml', first.raw as XmlInputObject));
    expect(typed(again)).toStrictEqual(typed(first));
  });

  test('covers every modelled message type and event', () => {
    const types = new Set<string>();
    const events = new Set<string>();
    for (const { xml } of samples) {
      const m = parseMessage(xml);
      if (m.MsgType === 'event') events.add(String(m.Event));
      else types.add(String(m.MsgType));
    }
    for (const t of KNOWN_MESSAGE_TYPES) expect(types).toContain(t);
    for (const e of KNOWN_EVENT_NAMES) expect(events).toContain(e);
    expect(KNOWN_MESSAGE_TYPES).toHaveLength(8);
    expect(KNOWN_EVENT_NAMES).toHaveLength(31);
  });
});

describe('numbers and 64-bit ids', () => {
  test('MsgId keeps every digit', () => {
    const m = parseMessage(push({ MsgType: 'text', Content: 'x', MsgId: '6054768590064713728' }));
    expect(m.MsgType === 'text' && m.MsgId).toBe('6054768590064713728');
    // What going through Number would have produced:
    expect(String(Number('6054768590064713728'))).not.toBe('6054768590064713728');
  });

  test('MsgID of results and subscription lists keeps every digit', () => {
    const mass = parseMessage(
      push({
        MsgType: 'event',
        Event: 'TEMPLATESENDJOBFINISH',
        MsgID: '18446744073709551615',
        Status: 'success',
      }),
    );
    expect(mass).toMatchObject({ MsgID: '18446744073709551615' });
    const sent = parseMessage(
      push({
        MsgType: 'event',
        Event: 'subscribe_msg_sent_event',
        SubscribeMsgSentEvent: {
          List: { TemplateId: 't', MsgID: '1700827132819554304', ErrorCode: 0, ErrorStatus: 'success' },
        },
      }),
    );
    expect(sent).toMatchObject({ SubscribeMsgSentEvent: { List: [{ MsgID: '1700827132819554304' }] } });
  });

  test('ids are trimmed, text is not', () => {
    const m = parseMessage(push({ MsgType: 'text', Content: '  a  ', MsgId: ' 42\n' }));
    expect(m).toMatchObject({ Content: '  a  ', MsgId: '42' });
  });

  test('a number too large to be exact is refused, not rounded', () => {
    const error = messageError(() =>
      parseMessage(push({ MsgType: 'text', Content: 'x', MsgId: '1', CreateTime: '6054768590064713728' })),
    );
    expect(error.message).toContain('CreateTime');
  });

  test('numbers accept CDATA and surrounding whitespace', () => {
    const m = parseMessage(
      push({ MsgType: 'event', Event: 'LOCATION', Latitude: '23.1', Longitude: ' 113.2 ', Precision: '-1' }),
    );
    expect(m).toMatchObject({ Latitude: 23.1, Longitude: 113.2, Precision: -1 });
  });

  test.each(['abc', '', '1e3', '0x10', 'Infinity', 'NaN', '1.', '.5', '1,5', '١٢'])(
    'non-numeric %j in a number field is refused, naming the field',
    (value) => {
      const error = messageError(() =>
        parseMessage(
          push({ MsgType: 'location', Location_X: value, Location_Y: 1, Scale: 1, Label: '', MsgId: '1' }),
        ),
      );
      expect(error.message).toContain('Location_X');
    },
  );

  test("the doc sample's placeholder Idx (xxxx) is refused, naming Idx", () => {
    const error = messageError(() =>
      parseMessage(push({ MsgType: 'text', Content: 'x', MsgId: '1', MsgDataId: 'xxxx', Idx: 'xxxx' })),
    );
    expect(error.message).toContain('Idx');
  });

  test('an empty optional number is absent', () => {
    const m = parseMessage(push({ MsgType: 'text', Content: 'x', MsgId: '1', Idx: '' }));
    expect('Idx' in m).toBe(false);
    expect(m.raw.Idx).toBe('');
  });

  test('absent optional fields are absent, not undefined', () => {
    const m = parseMessage(push({ MsgType: 'voice', MediaId: 'm', Format: 'amr', MsgId: '1' }));
    expect(Object.keys(typed(m)).sort()).toEqual(
      ['CreateTime', 'Format', 'FromUserName', 'MediaId', 'MsgId', 'MsgType', 'ToUserName'].sort(),
    );
  });
});

describe('lists', () => {
  const pics = (SendPicsInfo: XmlInputObject) =>
    parseMessage(push({ MsgType: 'event', Event: 'pic_weixin', EventKey: 'k', SendPicsInfo }));

  test('one picture is a one-element array', () => {
    expect(pics({ Count: 1, PicList: { item: { PicMd5Sum: 'a' } } })).toMatchObject({
      SendPicsInfo: { Count: 1, PicList: [{ PicMd5Sum: 'a' }] },
    });
  });

  test('several <item> in one <PicList> and several sibling <PicList> give the same array', () => {
    const items = pics({ Count: 2, PicList: { item: [{ PicMd5Sum: 'a' }, { PicMd5Sum: 'b' }] } });
    const siblings = pics({
      Count: 2,
      PicList: [{ item: { PicMd5Sum: 'a' } }, { item: { PicMd5Sum: 'b' } }],
    });
    expect(typed(items)).toStrictEqual(typed(siblings));
    expect(items).toMatchObject({ SendPicsInfo: { PicList: [{ PicMd5Sum: 'a' }, { PicMd5Sum: 'b' }] } });
  });

  test('a missing or empty <PicList> is an empty array', () => {
    expect(pics({ Count: 0 })).toMatchObject({ SendPicsInfo: { PicList: [] } });
    expect(pics({ Count: 0, PicList: '' })).toMatchObject({ SendPicsInfo: { PicList: [] } });
  });

  test('a subscription List with one entry is an array', () => {
    const m = parseMessage(
      push({
        MsgType: 'event',
        Event: 'subscribe_msg_popup_event',
        SubscribeMsgPopupEvent: {
          List: { TemplateId: 't', SubscribeStatusString: 'accept', PopupScene: '1' },
        },
      }),
    );
    expect(m).toMatchObject({
      SubscribeMsgPopupEvent: { List: [{ TemplateId: 't', SubscribeStatusString: 'accept', PopupScene: 1 }] },
    });
  });

  test('fail_idx is an array of numbers: one, many or none', () => {
    const publish = (info: XmlInputObject) =>
      parseMessage(push({ MsgType: 'event', Event: 'PUBLISHJOBFINISH', PublishEventInfo: info }));
    expect(publish({ publish_id: '1', publish_status: 2, fail_idx: '3' })).toMatchObject({
      PublishEventInfo: { fail_idx: [3] },
    });
    expect(publish({ publish_id: '1', publish_status: 4, fail_idx: ['1', '2', '5'] })).toMatchObject({
      PublishEventInfo: { fail_idx: [1, 2, 5] },
    });
    expect(publish({ publish_id: '1', publish_status: 1 })).toMatchObject({
      PublishEventInfo: { fail_idx: [] },
    });
  });

  test('article_detail.item is an array for several articles', () => {
    const m = parseMessage(
      push({
        MsgType: 'event',
        Event: 'PUBLISHJOBFINISH',
        PublishEventInfo: {
          publish_id: '2247483856',
          publish_status: 0,
          article_id: 'a',
          article_detail: {
            count: 2,
            item: [
              { idx: 1, article_url: 'u1' },
              { idx: 2, article_url: 'u2' },
            ],
          },
        },
      }),
    );
    expect(m).toMatchObject({
      PublishEventInfo: {
        article_detail: {
          count: 2,
          item: [
            { idx: 1, article_url: 'u1' },
            { idx: 2, article_url: 'u2' },
          ],
        },
      },
    });
  });

  test('an empty ResultList is an empty array', () => {
    const m = parseMessage(readFileSync(join(FIXTURES, 'event-MASSSENDJOBFINISH-success.xml'), 'utf8'));
    expect(m).toMatchObject({ CopyrightCheckResult: { ResultList: [] } });
  });

  test('a mass send of text has no originality check, and that is not an error', () => {
    const m = parseMessage(
      push({
        MsgType: 'event',
        Event: 'MASSSENDJOBFINISH',
        MsgID: '1000001625',
        Status: 'send success',
        TotalCount: 2,
        FilterCount: 2,
        SentCount: 2,
        ErrorCount: 0,
      }),
    );
    expect(m.MsgType === 'event' && m.Event === 'MASSSENDJOBFINISH' && m.SentCount).toBe(2);
    expect(m).not.toHaveProperty('CopyrightCheckResult');
  });

  test('a list element of the wrong shape is refused, naming the path', () => {
    const error = messageError(() => pics({ Count: 1, PicList: { item: 'text' } }));
    expect(error.message).toContain('SendPicsInfo.PicList.item');
  });
});

describe('case normalisation', () => {
  test.each([
    ['click', 'CLICK'],
    ['Click', 'CLICK'],
    ['scan', 'SCAN'],
    ['location', 'LOCATION'],
    ['masssendjobfinish', 'MASSSENDJOBFINISH'],
    ['SUBSCRIBE', 'subscribe'],
    ['View_MiniProgram', 'view_miniprogram'],
  ])('Event %s becomes %s, raw keeps the wire value', (wire, canonical) => {
    const fields: Record<string, XmlInputObject> = {
      CLICK: { EventKey: 'k' },
      SCAN: { EventKey: '1', Ticket: 't' },
      LOCATION: { Latitude: 1, Longitude: 2, Precision: 3 },
      MASSSENDJOBFINISH: {
        MsgID: '1',
        Status: 'send success',
        TotalCount: 1,
        FilterCount: 1,
        SentCount: 1,
        ErrorCount: 0,
        CopyrightCheckResult: { Count: 0, ResultList: '', CheckState: 1 },
      },
      subscribe: {},
      view_miniprogram: { EventKey: 'pages/index' },
    };
    const m = parseMessage(push({ MsgType: 'event', Event: wire, ...fields[canonical] }));
    expect(m.MsgType === 'event' && m.Event).toBe(canonical);
    expect(m.raw.Event).toBe(wire);
  });

  test('MsgType is matched case-insensitively too', () => {
    const m = parseMessage(push({ MsgType: 'TEXT', Content: 'hi', MsgId: '1' }));
    expect(m.MsgType).toBe('text');
    expect(m.raw.MsgType).toBe('TEXT');
    expect(parseMessage(push({ MsgType: 'Event', Event: 'unsubscribe' })).MsgType).toBe('event');
  });

  test('subscribe through a QR code keeps the qrscene_ prefix and the ticket', () => {
    const m = parseMessage(
      push({ MsgType: 'event', Event: 'subscribe', EventKey: 'qrscene_42', Ticket: 'T' }),
    );
    expect(typed(m)).toMatchObject({ Event: 'subscribe', EventKey: 'qrscene_42', Ticket: 'T' });
  });

  test('a subscribe with a Ticket but no qrscene_ key is a plain follow; raw keeps the ticket', () => {
    const m = parseMessage(
      push({ MsgType: 'event', Event: 'subscribe', EventKey: 'scanbarcode|x', Ticket: 'T' }),
    );
    expect(typed(m)).toMatchObject({ EventKey: 'scanbarcode|x' });
    expect('Ticket' in m).toBe(false);
    expect(m.raw.Ticket).toBe('T');
  });
});

describe('unknown types', () => {
  test('an unknown MsgType passes through with every field', () => {
    const m = parseMessage(readFileSync(join(FIXTURES, 'unknown-device_text.xml'), 'utf8'));
    expect(String(m.MsgType)).toBe('device_text');
    expect(m.raw).toMatchObject({
      DeviceID: 'dev1234',
      Content: 'aGVsbG8=',
      SessionID: '9394',
      OpenID: expect.any(String),
    });
  });

  test('an unknown event passes through with every field, its name untouched', () => {
    const m = parseMessage(
      push({ MsgType: 'event', Event: 'User_Get_Card', CardId: 'c', Nested: { A: '1' } }),
    );
    expect(m.MsgType).toBe('event');
    expect(m.MsgType === 'event' && String(m.Event)).toBe('User_Get_Card');
    expect(m.raw).toMatchObject({ CardId: 'c', Nested: { A: '1' } });
    expect('EventKey' in m).toBe(false);
  });

  test('unknown types never throw on their own fields', () => {
    const m = parseMessage(push({ MsgType: 'hardware', MsgId: { weird: 'x' }, Anything: ['1', '2'] }));
    expect(String(m.MsgType)).toBe('hardware');
    expect('MsgId' in m).toBe(false);
    expect(m.raw.Anything).toEqual(['1', '2']);
  });

  test('a field name like __proto__ is just data', () => {
    const m = parseMessage(
      '<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime>' +
        '<MsgType>x</MsgType><__proto__><polluted>1</polluted></__proto__></xml>',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(m.raw)).toContain('__proto__');
  });
});

describe('missing and malformed fields', () => {
  const text = {
    ToUserName: 'a',
    FromUserName: 'b',
    CreateTime: 1,
    MsgType: 'text',
    Content: 'c',
    MsgId: '1',
  };

  test.each(['ToUserName', 'FromUserName', 'CreateTime', 'MsgType', 'Content', 'MsgId'])(
    'a text message without %s is refused, naming it',
    (field) => {
      const { [field]: _omitted, ...rest } = text as Record<string, string | number>;
      const error = messageError(() => parseMessage(buildXml('xml', rest)));
      expect(error.message).toContain(field);
    },
  );

  test('an event without Event is refused', () => {
    const error = messageError(() => parseMessage(push({ MsgType: 'event' })));
    expect(error.message).toContain('Event');
  });

  test('a nested required field is named with its path', () => {
    const error = messageError(() =>
      parseMessage(
        push({
          MsgType: 'event',
          Event: 'scancode_push',
          EventKey: 'k',
          ScanCodeInfo: { ScanType: 'qrcode' },
        }),
      ),
    );
    expect(error.message).toContain('ScanCodeInfo.ScanResult');
  });

  test('a required wrapper is required', () => {
    const error = messageError(() => parseMessage(push({ MsgType: 'event', Event: 'PUBLISHJOBFINISH' })));
    expect(error.message).toContain('PublishEventInfo');
  });

  test('a repeated text field is refused', () => {
    const error = messageError(() =>
      parseMessage(push({ MsgType: ['text', 'image'], Content: 'x', MsgId: '1' })),
    );
    expect(error.message).toContain('MsgType');
  });

  test('elements where text is expected are refused', () => {
    const error = messageError(() =>
      parseMessage(push({ MsgType: 'text', Content: { b: 'x' }, MsgId: '1' })),
    );
    expect(error.message).toContain('Content');
  });

  test.each([
    ['another root', '<message><MsgType>text</MsgType></message>'],
    ['an empty root', '<xml></xml>'],
    ['a self-closing root', '<xml/>'],
    ['a text root', '<xml>hello</xml>'],
  ])('%s is not a WeChat message', (_name, xml) => {
    messageError(() => parseMessage(xml));
  });

  test('messageFromXmlObject refuses what is not an object', () => {
    for (const value of ['text', ['a'], null, undefined, 42]) {
      messageError(() => messageFromXmlObject(value as unknown as XmlObject));
    }
  });

  test('messageFromXmlObject keeps the given object as raw (compatibility mode carries Encrypt)', () => {
    const obj = root(
      push({
        MsgType: 'event',
        Event: 'PUBLISHJOBFINISH',
        PublishEventInfo: { publish_id: '1', publish_status: 1 },
        Encrypt: 'e',
      }),
    );
    const m = messageFromXmlObject(obj);
    expect(m.raw).toBe(obj);
    expect(m.raw.Encrypt).toBe('e');
  });
});

describe('hostile input', () => {
  const xmlError = (xml: string, reason: string, options?: XmlParseOptions) => {
    try {
      parseMessage(xml, options);
    } catch (error) {
      expect(error).toBeInstanceOf(WeChatXmlError);
      expect((error as WeChatXmlError).reason).toBe(reason);
      return;
    }
    throw new Error('expected a WeChatXmlError');
  };

  test('DOCTYPE', () => {
    xmlError(
      '<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><MsgType>&x;</MsgType></xml>',
      'doctype',
    );
  });

  test('entity declaration', () => {
    xmlError('<xml><!ENTITY lol "lol"><MsgType>&lol;</MsgType></xml>', 'entity');
  });

  test('billion laughs', () => {
    xmlError(
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><xml>&lol2;</xml>',
      'doctype',
    );
  });

  test('unknown entity', () => {
    xmlError(
      push({ MsgType: 'text', MsgId: '1' }).replace('</xml>', '<Content>&nbsp;</Content></xml>'),
      'entity',
    );
  });

  test('a document over the size limit given in options', () => {
    const xml = push({ MsgType: 'text', Content: 'x'.repeat(2000), MsgId: '1' });
    xmlError(xml, 'too-large', { maxLength: 1000 });
    expect(parseMessage(xml).MsgType).toBe('text');
  });

  test('nesting deeper than the limit', () => {
    xmlError(`<xml>${'<a>'.repeat(40)}${'</a>'.repeat(40)}</xml>`, 'too-deep');
  });

  test('malformed XML', () => {
    xmlError('<xml><MsgType>text</xml>', 'malformed');
  });
});

describe('only typed errors, whatever the input', () => {
  const onlyTypedErrors = (input: string): void => {
    try {
      parseMessage(input);
    } catch (error) {
      if (!(error instanceof WeChatXmlError || error instanceof WeChatMessageError)) throw error;
    }
  };

  const names = [
    'xml',
    'ToUserName',
    'FromUserName',
    'CreateTime',
    'MsgType',
    'MsgId',
    'Event',
    'EventKey',
    'Content',
    'SendPicsInfo',
    'PicList',
    'item',
    'Count',
    'PublishEventInfo',
    'fail_idx',
    'article_detail',
    'List',
    'SubscribeMsgPopupEvent',
    'CopyrightCheckResult',
    'ResultList',
    '__proto__',
  ];
  const values = [
    'text',
    'event',
    'CLICK',
    'subscribe',
    'pic_weixin',
    'PUBLISHJOBFINISH',
    'subscribe_msg_popup_event',
    'MASSSENDJOBFINISH',
    '1',
    '-0',
    '9007199254740993',
    '',
    'qrscene_1',
  ];
  const token = fc.oneof(
    fc.constantFrom(...names).map((n) => `<${n}>`),
    fc.constantFrom(...names).map((n) => `</${n}>`),
    fc.constantFrom(...names).map((n) => `<${n}/>`),
    fc.constantFrom(...values),
    fc.constantFrom(
      '<![CDATA[',
      ']]>',
      '<!--',
      '-->',
      '<!DOCTYPE x>',
      '<!ENTITY a "b">',
      '<?pi?>',
      '&amp;',
      '&#0;',
    ),
    fc.constantFrom('&#x110000;', '&#xD800;', '&bogus;', '&', '<', '>', '"', ' ', '\n', '\uFEFF'),
    fc.string({ maxLength: 5 }),
  );

  test('random strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), onlyTypedErrors), { numRuns: 2000 });
  });

  test('random bytes decoded as UTF-8', () => {
    const decoder = new TextDecoder();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => onlyTypedErrors(decoder.decode(bytes))),
      { numRuns: 2000 },
    );
  });

  test('random XML-ish token soup', () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 60 }), (tokens) => onlyTypedErrors(tokens.join(''))),
      { numRuns: 3000 },
    );
  });

  // Well-formed documents of every known type with random fields: reaches the typed readers.
  const field: fc.Arbitrary<XmlInput> = fc.letrec<{ value: XmlInput }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom(...values),
      fc.string({ maxLength: 8 }),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom(...names, 'PicMd5Sum', 'publish_id', 'TemplateId'), tie('value'), {
        maxKeys: 4,
      }),
    ),
  })).value;
  const wellFormed = fc
    .record({
      MsgType: fc.constantFrom<string>(...KNOWN_MESSAGE_TYPES, 'event', 'EVENT', 'device_text'),
      Event: fc.constantFrom<string>(...KNOWN_EVENT_NAMES, 'card_pass_check'),
      body: fc.dictionary(
        fc.constantFrom(...names, 'ScanCodeInfo', 'SendLocationInfo', 'Ticket', 'Idx'),
        field,
        {
          maxKeys: 6,
        },
      ),
    })
    .map(({ MsgType, Event, body }) => push({ ...body, MsgType, Event }));

  test('well-formed documents with random fields', () => {
    fc.assert(fc.property(wellFormed, onlyTypedErrors), { numRuns: 3000 });
  });

  /** Replaces (or deletes, when `value` is undefined) the `n`-th node of a parsed tree, in document order. */
  function mutate(tree: XmlInput, n: number, value: XmlInput): XmlInput {
    let index = 0;
    const walk = (node: XmlInput): XmlInput => {
      if (index++ === n) return value;
      if (typeof node !== 'object') return node;
      if (Array.isArray(node)) return (node as readonly XmlInput[]).map(walk);
      const copy: Record<string, XmlInput> = {};
      for (const [k, v] of Object.entries(node)) copy[k] = walk(v);
      return copy;
    };
    return walk(tree);
  }

  // Real samples with a few nodes replaced or removed: reaches every typed reader, near-valid.
  const mutatedSample = fc
    .record({
      sample: fc.constantFrom(...samples),
      edits: fc.array(fc.tuple(fc.nat({ max: 60 }), fc.option(field, { nil: undefined })), {
        minLength: 1,
        maxLength: 3,
      }),
    })
    .map(({ sample, edits }) => {
      let tree: XmlInput = root(sample.xml) as XmlInputObject;
      for (const [n, value] of edits) tree = mutate(tree, n + 1, value);
      return buildXml('xml', tree as XmlInputObject);
    });

  test('real samples with random edits', () => {
    fc.assert(fc.property(mutatedSample, onlyTypedErrors), { numRuns: 3000 });
  });
});
