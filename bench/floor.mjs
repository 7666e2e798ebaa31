// The floor of the webhook benchmarks: the least a safe-mode echo bot can do. It verifies both
// signatures, decrypts, takes three fields by regex and encrypts the reply; nothing more.
import { checkSignature, MessageCrypto } from '../dist/esm/index.js';

const field = (xml, name) =>
  new RegExp(`<${name}><!\\[CDATA\\[([\\s\\S]*?)\\]\\]></${name}>`).exec(xml)?.[1] ?? '';

/** The floor's answer to a push: `undefined` for a bad signature, else the encrypted reply. */
export function createFloor({ token, encodingAESKey, appId }) {
  const crypto = new MessageCrypto({ token, encodingAESKey, appId });
  return (url, body) => {
    const q = new URL(url, 'http://x').searchParams;
    const encrypt = field(body, 'Encrypt');
    const ok =
      checkSignature({
        token,
        signature: q.get('signature'),
        timestamp: q.get('timestamp'),
        nonce: q.get('nonce'),
      }) &&
      crypto.verify({
        msgSignature: q.get('msg_signature'),
        timestamp: q.get('timestamp'),
        nonce: q.get('nonce'),
        encrypt,
      });
    if (!ok) return undefined;
    const xml = crypto.decrypt(encrypt).message;
    const reply =
      `<xml><ToUserName><![CDATA[${field(xml, 'FromUserName')}]]></ToUserName><FromUserName><![CDATA[${field(xml, 'ToUserName')}]]></FromUserName>` +
      `<CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${field(xml, 'Content')}]]></Content></xml>`;
    return crypto.encryptReply(reply, { nonce: q.get('nonce') });
  };
}
