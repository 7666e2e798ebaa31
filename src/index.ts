/**
 * wechat-mp: the TypeScript toolkit for WeChat Official Accounts (微信公众号).
 *
 * This entry point holds the pure protocol layer: signatures, message encryption, XML,
 * typed inbound messages and passive replies, JS-SDK signatures and the error-code table.
 *
 * @packageDocumentation
 */

export type {
  CryptoErrorCode,
  CryptoErrorName,
  DecryptedMessage,
  EncryptedMessage,
  MessageCryptoOptions,
  MsgSignatureParams,
} from './protocol/crypto.js';
// Errors: catch WeChatError for every failure we raise on purpose.
// Message encryption (安全模式 / 兼容模式).
export {
  CRYPTO_ERROR_CODES,
  decodeEncodingAESKey,
  MessageCrypto,
  WeChatCryptoError,
} from './protocol/crypto.js';
export type { ErrcodeInfo } from './protocol/errcodes.js';
// The platform's global return codes.
export {
  describeErrcode,
  ERRCODE_SUMMARIES,
  RATE_LIMIT_ERRCODES,
  RETRY_LATER_ERRCODES,
  TOKEN_INVALID_ERRCODES,
} from './protocol/errcodes.js';
export type { XmlErrorReason } from './protocol/errors.js';
export { WeChatError, WeChatMessageError, WeChatReplyError, WeChatXmlError } from './protocol/errors.js';
export type { JsapiSignatureParams } from './protocol/jssdk.js';
// JS-SDK.
export { cardSignature, jsapiSignature } from './protocol/jssdk.js';
export type * from './protocol/messages.js';
// Inbound messages and events.
export {
  KNOWN_EVENT_NAMES,
  KNOWN_MESSAGE_TYPES,
  messageFromXmlObject,
  parseMessage,
} from './protocol/parse-message.js';
export type * from './protocol/replies.js';
// Passive replies.
export { MAX_NEWS_ARTICLES, parseReply, renderReply } from './protocol/replies.js';
export type { SignatureParams } from './protocol/signature.js';
// Signatures of the server URL and of encrypted messages.
export { checkSignature, computeMsgSignature, computeSignature } from './protocol/signature.js';
export type {
  XmlDocument,
  XmlInput,
  XmlInputObject,
  XmlObject,
  XmlParseOptions,
  XmlValue,
} from './protocol/xml.js';
// XML as WeChat writes it.
export { buildXml, cdata, DEFAULT_MAX_XML_LENGTH, parseXml } from './protocol/xml.js';
