/**
 * The base of every error wechat-mp throws on purpose. Catch `WeChatError` to tell our typed
 * failures from bugs; branch on the subclass for the detail.
 */
export class WeChatError extends Error {
  /** @param message - what went wrong, in one sentence a log reader understands. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Why a document was refused by {@link parseXml}. */
export type XmlErrorReason = 'malformed' | 'doctype' | 'entity' | 'too-large' | 'too-deep';

/**
 * An XML document was malformed or hostile. `reason` says which, so a server can log it and
 * answer 400 (or 413 for `too-large`) without string matching.
 */
export class WeChatXmlError extends WeChatError {
  /** Why the document was refused. */
  readonly reason: XmlErrorReason;
  /** Character offset in the input where the problem was found, when known. */
  readonly offset: number | undefined;

  /**
   * @param reason - the category of the failure.
   * @param message - a precise description.
   * @param offset - where in the input the problem was found.
   */
  constructor(reason: XmlErrorReason, message: string, offset?: number) {
    super(offset === undefined ? message : `${message} (at offset ${offset})`);
    this.reason = reason;
    this.offset = offset;
  }
}

/**
 * A pushed document parsed as XML but is not a WeChat message (no `<xml>` root, no `MsgType`,
 * a required field missing or of the wrong shape).
 */
export class WeChatMessageError extends WeChatError {}

/**
 * A reply cannot be sent as it is (empty news, too many articles, a missing media id…). Thrown
 * by `renderReply` before anything reaches the wire.
 */
export class WeChatReplyError extends WeChatError {}
