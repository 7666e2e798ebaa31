// The pushes every webhook benchmark sends: an account, and safe-mode text messages sealed the
// way the platform seals them, each with a new MsgId (a repeated one would be answered from the
// dedupe cache).
import { computeSignature, MessageCrypto } from '../dist/esm/index.js';

/** The benchmark account's server settings. */
export const account = {
  token: 'benchtoken',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appId: 'wx0123456789abcdef',
};

/** The platform's side of the encryption, to seal pushes and open replies. */
export const platform = new MessageCrypto(account);

let msgId = 7300000000000000000n;

/**
 * A new encrypted text push: its request path (with the signed query) and body. Both are flat
 * strings, as a server reading them from a socket gets them: a string built by concatenation
 * would be flattened by the first server to read it, into a copy that lives as long as the push.
 */
export function sealPush() {
  msgId += 1n;
  const xml =
    '<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName>' +
    `<CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
    `<Content><![CDATA[你好 ${msgId}]]></Content><MsgId>${msgId}</MsgId></xml>`;
  const sealed = platform.encrypt(xml);
  const query = new URLSearchParams({
    signature: computeSignature(account.token, sealed.timestamp, sealed.nonce),
    timestamp: sealed.timestamp,
    nonce: sealed.nonce,
    openid: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs',
    encrypt_type: 'aes',
    msg_signature: sealed.msgSignature,
  });
  return {
    path: flat(`/wx?${query}`),
    body: flat(
      `<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><Encrypt><![CDATA[${sealed.encrypt}]]></Encrypt></xml>`,
    ),
  };
}

const flat = (text) => Buffer.from(text).toString();
