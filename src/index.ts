/**
 * wechat-mp: the TypeScript toolkit for WeChat Official Accounts (微信公众号).
 *
 * This entry point holds the API client with its cluster-safe token management, the stores it
 * shares state through, and the pure protocol layer: signatures, message encryption, XML, typed
 * inbound messages and passive replies, JS-SDK signatures and the error-code table.
 *
 * @packageDocumentation
 */

export type {
  CustomCardMessage,
  CustomImageMessage,
  CustomMenuItem,
  CustomMenuMessage,
  CustomMessage,
  CustomMessageBase,
  CustomMessageType,
  CustomMiniProgramPageMessage,
  CustomMpNewsArticleMessage,
  CustomMpNewsMessage,
  CustomMusicMessage,
  CustomNewsArticle,
  CustomNewsMessage,
  CustomSendOptions,
  CustomServiceAccount,
  CustomTextMessage,
  CustomVideoMessage,
  CustomVoiceMessage,
  TypingCommand,
} from './client/api/custom.js';
export { CUSTOM_WINDOW_SECONDS, CustomMessageApi } from './client/api/custom.js';
export * from './client/api/jssdk.js';
export * from './client/api/mass.js';
export * from './client/api/menu.js';
export * from './client/api/oauth.js';
export type { ApiQuota, CallbackCheckResult, RidInfo } from './client/api/quota.js';
export { QuotaApi } from './client/api/quota.js';
export * from './client/api/template.js';
export * from './client/api/users.js';

export type { ClientHooks, ClientLogger, RequestOptions, WeChatClientOptions } from './client/client.js';
// The API client.
export { WeChatClient } from './client/client.js';
export type { CredentialManagerOptions, IssuedValue, RefreshReason } from './client/credential-manager.js';
export { CredentialManager } from './client/credential-manager.js';
export type { RequestSummary } from './client/errors.js';
export {
  WeChatApiError,
  WeChatConnectionError,
  WeChatHttpError,
  WeChatRateLimitError,
  WeChatTimeoutError,
  WeChatTokenInvalidError,
  WeChatTokenUnavailableError,
  WeChatWindowClosedError,
} from './client/errors.js';
export type { RateLimit } from './client/rate-governor.js';
export type { BinaryResponse, QueryValue } from './client/transport.js';
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
export type { FetchHandler, RawHandler } from './server/adapters/node.js';
export { toNodeHandler } from './server/adapters/node.js';
export type {
  Filter,
  Handler,
  HandlerResult,
  MessageForFilter,
  Middleware,
  WebhookContext,
} from './server/context.js';
export type { RawRequest } from './server/receive.js';
export { WebhookRejection } from './server/receive.js';
export { Router } from './server/router.js';
export type {
  RawResponse,
  WebhookApp,
  WebhookLogger,
  WebhookOptions,
  WebhookStats,
} from './server/webhook.js';
// The webhook server: passive replies under the 5-second rule.
export { createWebhook, defaultDedupeKey } from './server/webhook.js';
export type { FileStoreOptions } from './store/file.js';

// Stores: what a cluster shares. RedisStore is in 'wechat-mp/redis'.
export { FileStore } from './store/file.js';
export type { MemoryStoreOptions } from './store/memory.js';
export { MemoryStore } from './store/memory.js';
export type { MaybePromise, Store } from './store/store.js';
