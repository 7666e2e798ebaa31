/**
 * wechat-mp: the TypeScript toolkit for WeChat Official Accounts (微信公众号).
 *
 * This entry point holds, sorted by folder: the API client and its resource APIs (`client/`),
 * the pure protocol layer — signatures, message encryption, XML, typed messages and replies,
 * JS-SDK signatures, the error-code table (`protocol/`), the webhook server (`server/`) and the
 * stores a cluster shares state through (`store/`). `RedisStore` is in `wechat-mp/redis`, the
 * emulator in `wechat-mp/emulator`, the framework adapters in `wechat-mp/express`, `/koa` and
 * `/fastify`. Every error raised on purpose is a `WeChatError`.
 *
 * @packageDocumentation
 */
// The API client, its errors and its resource APIs.
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

// The protocol core: pure functions over strings and buffers.
export type {
  CryptoErrorCode,
  CryptoErrorName,
  DecryptedMessage,
  EncryptedMessage,
  MessageCryptoOptions,
  MsgSignatureParams,
} from './protocol/crypto.js';
export {
  CRYPTO_ERROR_CODES,
  decodeEncodingAESKey,
  MessageCrypto,
  WeChatCryptoError,
} from './protocol/crypto.js';
export type { ErrcodeInfo } from './protocol/errcodes.js';
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
export { cardSignature, jsapiSignature } from './protocol/jssdk.js';
export type * from './protocol/messages.js';
export {
  KNOWN_EVENT_NAMES,
  KNOWN_MESSAGE_TYPES,
  messageFromXmlObject,
  parseMessage,
} from './protocol/parse-message.js';
export type * from './protocol/replies.js';
export { MAX_NEWS_ARTICLES, parseReply, renderReply } from './protocol/replies.js';
export type { SignatureParams } from './protocol/signature.js';
export { checkSignature, computeMsgSignature, computeSignature } from './protocol/signature.js';
export type {
  XmlDocument,
  XmlInput,
  XmlInputObject,
  XmlObject,
  XmlParseOptions,
  XmlValue,
} from './protocol/xml.js';
export { buildXml, cdata, DEFAULT_MAX_XML_LENGTH, parseXml } from './protocol/xml.js';

// The webhook server: passive replies under the 5-second rule.
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
export { createWebhook, defaultDedupeKey } from './server/webhook.js';

// Stores: what a cluster shares.
export type { FileStoreOptions } from './store/file.js';
export { FileStore } from './store/file.js';
export type { MemoryStoreOptions } from './store/memory.js';
export { MemoryStore } from './store/memory.js';
export type { MaybePromise, Store } from './store/store.js';
