// The webhook's hot path without HTTP: verify + decrypt + parse an encrypted text push, and
// render + encrypt its reply. The peer is what node-webot's `wechat` middleware does with
// `wechat-crypto` and `xml2js`, measured in the same run.
import WXBizMsgCrypt from 'wechat-crypto';
import xml2js from 'xml2js';
import { MessageCrypto, parseMessage, parseXml, renderReply } from '../dist/esm/index.js';
import { printComparison } from './harness.mjs';

const token = 'benchtoken';
const encodingAESKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const appId = 'wx0123456789abcdef';
const ours = new MessageCrypto({ token, encodingAESKey, appId });
const peer = new WXBizMsgCrypt(token, encodingAESKey, appId);

const inbound =
  '<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>\n' +
  '<FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName>\n' +
  '<CreateTime>1409735668</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n' +
  '<Content><![CDATA[你好，我想查询一下订单 20241124 的物流状态]]></Content>\n' +
  '<MsgId>6054768590064713728</MsgId>\n</xml>';
const sealed = ours.encrypt(inbound, { timestamp: '1409735669', nonce: '1320562132' });
const body = `<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><Encrypt><![CDATA[${sealed.encrypt}]]></Encrypt></xml>`;
const query = { msg_signature: sealed.msgSignature, timestamp: sealed.timestamp, nonce: sealed.nonce };
const replyText = '您的订单已发货，预计明天送达。';

function oursReceive() {
  const envelope = parseXml(body).value;
  const params = {
    msgSignature: query.msg_signature,
    timestamp: query.timestamp,
    nonce: query.nonce,
    encrypt: envelope.Encrypt,
  };
  return parseMessage(ours.verifyAndDecrypt(params).message);
}

function oursReply() {
  const xml = renderReply(replyText, { to: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs', from: 'gh_10f6c3c3ac5a' });
  return ours.encryptReply(xml, { nonce: query.nonce });
}

// xml2js calls back synchronously for a complete document, so this measures its real cost.
function xml2jsParse(xml) {
  let result;
  xml2js.parseString(xml, { trim: true, explicitArray: false }, (error, parsed) => {
    if (error) throw error;
    result = parsed.xml;
  });
  return result;
}

function peerReceive() {
  const envelope = xml2jsParse(body);
  if (peer.getSignature(query.timestamp, query.nonce, envelope.Encrypt) !== query.msg_signature) {
    throw new Error('signature');
  }
  return xml2jsParse(peer.decrypt(envelope.Encrypt).message);
}

const builder = new xml2js.Builder({ rootName: 'xml', headless: true, cdata: true });
function peerReply() {
  const xml = builder.buildObject({
    ToUserName: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs',
    FromUserName: 'gh_10f6c3c3ac5a',
    CreateTime: Math.floor(Date.now() / 1000),
    MsgType: 'text',
    Content: replyText,
  });
  const encrypt = peer.encrypt(xml);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = peer.getSignature(timestamp, query.nonce, encrypt);
  return builder.buildObject({
    Encrypt: encrypt,
    MsgSignature: signature,
    TimeStamp: timestamp,
    Nonce: query.nonce,
  });
}

// Both sides must agree on what they parsed before their speed means anything.
if (oursReceive().Content !== peerReceive().Content) throw new Error('ours and the peer disagree');
if (!oursReply().includes('<Encrypt>') || !peerReply().includes('<Encrypt>')) throw new Error('reply');

export function run() {
  const receive = printComparison('Receive: verify + decrypt + parse an encrypted text push', [
    ['wechat-mp', oursReceive],
    ['wechat-crypto + xml2js (node-webot)', peerReceive],
  ]);
  const reply = printComparison('Reply: render + encrypt a text reply', [
    ['wechat-mp', oursReply],
    ['wechat-crypto + xml2js (node-webot)', peerReply],
  ]);
  return { receive, reply };
}
