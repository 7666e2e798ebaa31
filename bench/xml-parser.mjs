// Why src/protocol/xml.ts is a purpose-built scanner: parse the documents WeChat pushes with
// it and with fast-xml-parser (the fastest general-purpose parser on npm), same run.
import { XMLParser } from 'fast-xml-parser';
import { parseXml } from '../dist/esm/index.js';
import { printComparison } from './harness.mjs';

const text =
  '<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>\n<FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName>\n' +
  '<CreateTime>1409735668</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[abcdteT]]></Content>\n' +
  '<MsgId>6054768590064713728</MsgId>\n</xml>';
const items = Array.from(
  { length: 8 },
  (_, i) =>
    `<item><ArticleIdx>${i + 1}</ArticleIdx><UserDeclareState>0</UserDeclareState><AuditState>2</AuditState>` +
    `<OriginalArticleUrl><![CDATA[Url_${i}]]></OriginalArticleUrl><OriginalArticleType>1</OriginalArticleType>` +
    '<CanReprint>1</CanReprint><NeedReplaceContent>1</NeedReplaceContent><NeedShowReprintSource>1</NeedShowReprintSource></item>',
).join('\n');
const massResult =
  '<xml><ToUserName><![CDATA[gh_4d00ed8d6399]]></ToUserName><FromUserName><![CDATA[oV5CrjpxgaGXNHIQigzNlgLTnwic]]></FromUserName>' +
  '<CreateTime>1481013459</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[MASSSENDJOBFINISH]]></Event>' +
  '<MsgID>1000001625</MsgID><Status><![CDATA[send success]]></Status><TotalCount>100</TotalCount><FilterCount>100</FilterCount>' +
  `<SentCount>99</SentCount><ErrorCount>1</ErrorCount><CopyrightCheckResult><Count>8</Count><ResultList>${items}</ResultList>` +
  '<CheckState>2</CheckState></CopyrightCheckResult></xml>';

// Settings that make fast-xml-parser as strict as ours where it can be: no entity expansion
// beyond the predefined ones, values kept as strings (64-bit ids), DOCTYPE processing off.
const fxp = new XMLParser({
  parseTagValue: false,
  processEntities: true,
  ignoreDeclaration: true,
  ignoreAttributes: true,
});
if (fxp.parse(text).xml.MsgId !== parseXml(text).value.MsgId) throw new Error('parsers disagree');

export function run() {
  printComparison('XML parse: a text message (280 B)', [
    ['wechat-mp parseXml', () => parseXml(text)],
    ['fast-xml-parser', () => fxp.parse(text)],
  ]);
  printComparison(`XML parse: MASSSENDJOBFINISH with 8 copyright results (${massResult.length} B)`, [
    ['wechat-mp parseXml', () => parseXml(massResult)],
    ['fast-xml-parser', () => fxp.parse(massResult)],
  ]);
}
