import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { WeChatXmlError, type XmlErrorReason } from '../../src/protocol/errors.js';
import { buildXml, parseXml, type XmlInputObject } from '../../src/protocol/xml.js';

function reasonOf(xml: string, options?: Parameters<typeof parseXml>[1]): XmlErrorReason | undefined {
  try {
    parseXml(xml, options);
  } catch (error) {
    if (error instanceof WeChatXmlError) return error.reason;
    throw error;
  }
  return undefined;
}

describe('parseXml', () => {
  test('reads CDATA, plain text, entities, nesting, repeated names, empty and self-closing elements', () => {
    const doc = parseXml(
      '\ufeff<?xml version="1.0" encoding="UTF-8"?>\n<!-- pushed -->\n<xml>\n' +
        '<A><![CDATA[ keep  spaces ]]></A>\n<B>1</B><B>2</B>\n<C>&lt;&gt;&amp;&quot;&apos;&#20013;&#x6587;</C>' +
        '<D><E attr="a>b" other=\'c\'><![CDATA[x]]><![CDATA[y]]></E></D><F></F><G/><H x="1" /></xml>\n',
    );
    expect(doc).toEqual({
      name: 'xml',
      value: { A: ' keep  spaces ', B: ['1', '2'], C: `<>&"'中文`, D: { E: 'xy' }, F: '', G: '', H: '' },
    });
  });

  test('element names that are Object.prototype members are plain keys', () => {
    const { value } = parseXml('<xml><__proto__>1</__proto__><constructor>2</constructor></xml>');
    expect(Object.getPrototypeOf(value)).toBeNull();
    expect((value as Record<string, string>).constructor).toBe('2');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test.each<[string, string, XmlErrorReason]>([
    ['DOCTYPE', '<!DOCTYPE xml><xml/>', 'doctype'],
    ['lower-case doctype', '<!doctype xml><xml/>', 'doctype'],
    [
      'XXE',
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><A>&e;</A></xml>',
      'doctype',
    ],
    ['billion laughs', '<!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><xml>&b;</xml>', 'doctype'],
    ['entity declaration inside', '<xml><!ENTITY a "x"></xml>', 'entity'],
    ['unknown entity', '<xml><A>&nbsp;</A></xml>', 'entity'],
    ['external entity reference', '<xml><A>&e;</A></xml>', 'entity'],
    ['bare ampersand', '<xml><A>a & b</A></xml>', 'malformed'],
    ['invalid char reference', '<xml><A>&#0;</A></xml>', 'malformed'],
    ['mismatched close', '<xml><A></B></xml>', 'malformed'],
    ['unclosed', '<xml><A>x</A>', 'malformed'],
    ['unterminated CDATA', '<xml><A><![CDATA[x</A></xml>', 'malformed'],
    ['two roots', '<xml/><xml/>', 'malformed'],
    ['text outside', 'x<xml/>', 'malformed'],
    ['no root', '   ', 'malformed'],
    ['JSON', '{"MsgType":"text"}', 'malformed'],
    ['processing instruction', '<xml><?php echo 1 ?></xml>', 'malformed'],
    ['bad name', '<xml><1a>x</1a></xml>', 'malformed'],
    ['mixed content', '<xml>text<A>x</A></xml>', 'malformed'],
  ])('refuses %s', (_, xml, reason) => {
    expect(reasonOf(xml)).toBe(reason);
  });

  test('refuses documents over the size limit and nesting over the depth limit', () => {
    expect(reasonOf(`<xml><A>${'a'.repeat(100)}</A></xml>`, { maxLength: 100 })).toBe('too-large');
    expect(reasonOf(`<xml>${'<a>'.repeat(40)}${'</a>'.repeat(40)}</xml>`)).toBe('too-deep');
    expect(reasonOf(`<xml>${'<a>'.repeat(10)}${'</a>'.repeat(10)}</xml>`, { maxDepth: 5 })).toBe('too-deep');
  });

  test('random input only ever throws WeChatXmlError', () => {
    const xmlish = fc
      .array(
        fc.constantFrom(
          '<',
          '>',
          '/',
          'xml',
          'A',
          '<![CDATA[',
          ']]>',
          '&',
          ';',
          '#',
          '!',
          '"',
          ' ',
          '?',
          '-',
          'x',
        ),
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), xmlish), (input) => {
        try {
          parseXml(input);
        } catch (error) {
          expect(error).toBeInstanceOf(WeChatXmlError);
        }
      }),
      { numRuns: 5000 },
    );
  });
});

describe('the one-pass reader of flat pushes', () => {
  /** The general parser's answer: an XML declaration keeps the one-pass reader out. */
  const general = (xml: string) => outcome(`<?xml version="1.0"?>${xml}`);
  const outcome = (xml: string) => {
    try {
      return parseXml(xml);
    } catch (error) {
      return error instanceof WeChatXmlError ? error.reason : error;
    }
  };
  const flatish = fc
    .array(
      fc.oneof(
        fc.constantFrom('<A>', '</A>', '<B>', '</B>', '<__proto__>', '</__proto__>', '<A/>', '<A x="1">'),
        fc.constantFrom('<![CDATA[', ']]>', '&amp;', '&', '<!-- c -->', ' ', '\n', '<', '>', '/'),
        fc.string({ unit: 'binary', maxLength: 6 }),
      ),
      { maxLength: 12 },
    )
    .map((parts) => `<xml>${parts.join('')}</xml>`);

  test('reads what the general parser reads, and leaves it everything else', () => {
    expect(parseXml('<xml>\n  <A><![CDATA[a]]></A>\n  <B>2</B><A>b</A>\n</xml>\n').value).toEqual({
      A: ['a', 'b'],
      B: '2',
    });
    fc.assert(
      fc.property(flatish, (xml) => {
        expect(outcome(xml)).toEqual(general(xml));
      }),
      { numRuns: 20_000 },
    );
  });

  test('every push in the fixture corpus reads the same both ways', () => {
    const dir = fileURLToPath(new URL('../fixtures/messages/', import.meta.url));
    const pushes = readdirSync(dir).filter((file) => file.endsWith('.xml'));
    expect(pushes.length).toBeGreaterThan(40);
    for (const file of pushes) {
      const xml = readFileSync(join(dir, file), 'utf8');
      expect(outcome(xml), file).toEqual(general(xml));
    }
  });
});

describe('buildXml', () => {
  test('writes CDATA strings, plain numbers, nested objects and repeated arrays in order', () => {
    expect(buildXml('xml', { S: 'a', N: 1, O: { X: 'x' }, L: ['1', '2'], U: undefined })).toBe(
      '<xml><S><![CDATA[a]]></S><N>1</N><O><X><![CDATA[x]]></X></O><L><![CDATA[1]]></L><L><![CDATA[2]]></L></xml>',
    );
  });

  test('any text, including "]]>", survives build → parse', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string(), (a, b) => {
        const text = `${a}]]>${b}`;
        const input: XmlInputObject = { A: text, B: { C: [a, b] } };
        const expected = { A: text, B: { C: [a, b] } };
        expect(parseXml(buildXml('xml', input)).value).toEqual(expected);
      }),
    );
  });
});
