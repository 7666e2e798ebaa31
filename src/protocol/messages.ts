import type { XmlObject } from './xml.js';

/*
 * Inbound pushes, typed. Property names are WeChat's wire names, unchanged, so the XML in the
 * official documentation, logs and these types read the same. Numbers that fit a JavaScript
 * number are numbers; 64-bit ids (`MsgId`, `MsgID`, `MsgDataId`, `publish_id`) are strings
 * because `Number` would corrupt them. Lists are always arrays. Every member keeps the parsed
 * document as `raw` for the fields this version does not model.
 */

declare const unlisted: unique symbol;

/**
 * The type of a `MsgType` or `Event` that this version does not model. At run time it is the
 * wire string as received; read it with `String(name)`.
 *
 * It is deliberately not a `string` subtype: TypeScript cannot express "any string except
 * these", and any string-like type would stop `m.MsgType === 'text'` from narrowing to
 * {@link TextMessage}. The price is that comparing it with a literal this version does not
 * list is a type error; compare `String(m.Event)` instead, or route on `raw`.
 */
// biome-ignore lint/complexity/noBannedTypes: String (not string) keeps the methods without making it comparable to literals.
export interface UnlistedName extends String {
  readonly [unlisted]: true;
}

/** Fields present on every push, whatever its type. */
export interface MessageBase {
  /** The account's original id (`gh_…`): tells accounts apart when one server serves several. */
  readonly ToUserName: string;
  /** The sender's OpenID, or a system sender (`mphelper`…) for job results. */
  readonly FromUserName: string;
  /** Unix time in seconds; with `FromUserName` it is the dedup key of events. */
  readonly CreateTime: number;
  /** Every field as parsed, including those not typed here (and `Encrypt` in compatibility mode). */
  readonly raw: XmlObject;
}

// ---------------------------------------------------------------------------------------------
// Ordinary messages
// ---------------------------------------------------------------------------------------------

/** Fields every ordinary (user-sent) message has. */
export interface OrdinaryMessageBase<T extends string> extends MessageBase {
  /** The message type; the discriminant of {@link InboundMessage}. */
  readonly MsgType: T;
  /** 64-bit id, a string so it stays exact; the dedup key WeChat documents for messages. */
  readonly MsgId: string;
  /** The article's data id, only when the message was sent from inside an article. */
  readonly MsgDataId?: string;
  /** 1-based position of that article within a multi-article post. */
  readonly Idx?: number;
}

/** A text message. */
export interface TextMessage extends OrdinaryMessageBase<'text'> {
  /** The text, untrimmed. */
  readonly Content: string;
  /** The item id when the user tapped an entry of a customer-service `msgmenu` message. */
  readonly bizmsgmenuid?: string;
}

/** An image message. */
export interface ImageMessage extends OrdinaryMessageBase<'image'> {
  /** A WeChat-hosted URL of the picture, usable without an access token. */
  readonly PicUrl: string;
  /** Temporary media id, for downloading the original through the media API. */
  readonly MediaId: string;
}

/** A voice message. */
export interface VoiceMessage extends OrdinaryMessageBase<'voice'> {
  /** Temporary media id of the recording (8 kHz when `Format` is `amr`). */
  readonly MediaId: string;
  /** Codec of `MediaId`: `amr`, `speex`… */
  readonly Format: string;
  /** Temporary media id of a 16 kHz copy, when WeChat provides one. */
  readonly MediaId16K?: string;
  /** Speech-recognition text; often empty since WeChat is retiring the feature, so never rely on it. */
  readonly Recognition?: string;
}

/** A video message. */
export interface VideoMessage extends OrdinaryMessageBase<'video'> {
  /** Temporary media id of the video. */
  readonly MediaId: string;
  /** Temporary media id of its thumbnail. */
  readonly ThumbMediaId: string;
}

/** A short-video message: same fields as {@link VideoMessage}, a separate type on the wire. */
export interface ShortVideoMessage extends OrdinaryMessageBase<'shortvideo'> {
  /** Temporary media id of the video. */
  readonly MediaId: string;
  /** Temporary media id of its thumbnail. */
  readonly ThumbMediaId: string;
}

/** A location the user shared in the chat. */
export interface LocationMessage extends OrdinaryMessageBase<'location'> {
  /** Latitude (WeChat's naming, X is not longitude here). */
  readonly Location_X: number;
  /** Longitude. */
  readonly Location_Y: number;
  /** Map zoom level the user picked. */
  readonly Scale: number;
  /** Human-readable address. */
  readonly Label: string;
}

/** A link the user shared. */
export interface LinkMessage extends OrdinaryMessageBase<'link'> {
  /** Link title. */
  readonly Title: string;
  /** Link description. */
  readonly Description: string;
  /** The URL. */
  readonly Url: string;
}

/**
 * A file message. Not documented for Official Accounts (it is a WeCom type) but seen in the
 * wild, so every field but the common ones is optional.
 */
export interface FileMessage extends OrdinaryMessageBase<'file'> {
  /** File name. */
  readonly Title?: string;
  /** File description. */
  readonly Description?: string;
  /** Opaque key of the file. */
  readonly FileKey?: string;
  /** MD5 of the content, hex. */
  readonly FileMd5?: string;
  /** Size in bytes. */
  readonly FileTotalLen?: number;
}

/**
 * A `MsgType` this version does not model (IoT `device_text`, `hardware`…). Never thrown on:
 * its fields are all in `raw`.
 */
export interface UnknownMessage extends MessageBase {
  /** The wire `MsgType`, untouched. */
  readonly MsgType: UnlistedName;
  /** The message id, when the document carries one as text (for dedup). */
  readonly MsgId?: string;
}

/** Ordinary messages by `MsgType`: the source of {@link MessageOf}. */
export interface OrdinaryMessageMap {
  text: TextMessage;
  image: ImageMessage;
  voice: VoiceMessage;
  video: VideoMessage;
  shortvideo: ShortVideoMessage;
  location: LocationMessage;
  link: LinkMessage;
  file: FileMessage;
}

/** The `MsgType` of every ordinary message this version models. */
export type OrdinaryMessageType = keyof OrdinaryMessageMap;

/** Every ordinary message this version models (events and unknown types excluded). */
export type OrdinaryMessage = OrdinaryMessageMap[OrdinaryMessageType];

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

/** Fields every event has. Events carry no `MsgId`: dedup on `FromUserName` + `CreateTime`. */
export interface EventBase<E extends string> extends MessageBase {
  /** Always `event` for events. */
  readonly MsgType: 'event';
  /** The event name in the canonical case (`click` on the wire becomes `CLICK`; `raw` keeps the original). */
  readonly Event: E;
}

/** A plain follow (not through a parametric QR code). */
export interface PlainSubscribeEvent extends EventBase<'subscribe'> {
  /** Usually absent or empty; kept when WeChat sends something else (product-scan follows). */
  readonly EventKey?: string;
  /** Absent: a ticket means a QR-code follow, see {@link ScanSubscribeEvent}. */
  readonly Ticket?: never;
}

/** A follow through a parametric QR code. */
export interface ScanSubscribeEvent extends EventBase<'subscribe'> {
  /** `qrscene_` followed by the code's scene value (unlike {@link ScanEvent}, which has no prefix). */
  readonly EventKey: `qrscene_${string}`;
  /** The QR code's ticket. */
  readonly Ticket: string;
}

/** A follow. `e.Ticket !== undefined` tells a QR-code follow from a plain one, and narrows. */
export type SubscribeEvent = PlainSubscribeEvent | ScanSubscribeEvent;

/** An unfollow. Replying is pointless; the user no longer receives messages. */
export interface UnsubscribeEvent extends EventBase<'unsubscribe'> {
  /** Usually absent or empty. */
  readonly EventKey?: string;
}

/** A follower scanned a parametric QR code. */
export interface ScanEvent extends EventBase<'SCAN'> {
  /** The scene value (`scene_id` or `scene_str`), without the `qrscene_` prefix. */
  readonly EventKey: string;
  /** The QR code's ticket. */
  readonly Ticket: string;
}

/** The user's location, reported on entering the chat or periodically, per account settings. */
export interface LocationEvent extends EventBase<'LOCATION'> {
  /** Latitude. */
  readonly Latitude: number;
  /** Longitude. */
  readonly Longitude: number;
  /** Accuracy. */
  readonly Precision: number;
}

/** A `click` menu button was tapped. */
export interface ClickEvent extends EventBase<'CLICK'> {
  /** The button's `key`. */
  readonly EventKey: string;
}

/** A `view` menu button opened a web page. */
export interface ViewEvent extends EventBase<'VIEW'> {
  /** The URL opened. */
  readonly EventKey: string;
  /** Which (conditional) menu the button belonged to. */
  readonly MenuId?: string;
}

/** A `miniprogram` menu button opened a mini-program page. */
export interface ViewMiniprogramEvent extends EventBase<'view_miniprogram'> {
  /** The page path. */
  readonly EventKey: string;
  /** Which (conditional) menu the button belonged to. */
  readonly MenuId?: string;
}

/** What a scan-code menu button scanned. */
export interface ScanCodeInfo {
  /** `qrcode`, `barcode`… */
  readonly ScanType: string;
  /** The decoded content. */
  readonly ScanResult: string;
}

/** A `scancode_push` button scanned a code; the client shows the result itself. */
export interface ScanCodePushEvent extends EventBase<'scancode_push'> {
  /** The button's `key`. */
  readonly EventKey: string;
  /** What was scanned. */
  readonly ScanCodeInfo: ScanCodeInfo;
}

/** A `scancode_waitmsg` button scanned a code; the client waits for a reply. */
export interface ScanCodeWaitMsgEvent extends EventBase<'scancode_waitmsg'> {
  /** The button's `key`. */
  readonly EventKey: string;
  /** What was scanned. */
  readonly ScanCodeInfo: ScanCodeInfo;
}

/** One picture sent through a picture menu button. */
export interface SendPicItem {
  /** MD5 of the picture, hex: the only handle WeChat gives (the image arrives as a separate message). */
  readonly PicMd5Sum: string;
}

/** The pictures sent through a picture menu button. */
export interface SendPicsInfo {
  /** Number of pictures as WeChat counted them. */
  readonly Count: number;
  /**
   * The pictures, always an array: both wire shapes (several `<item>` in one `<PicList>`, or
   * several sibling `<PicList>`) end up here.
   */
  readonly PicList: readonly SendPicItem[];
}

/** A `pic_sysphoto` button (camera) sent pictures. */
export interface PicSysPhotoEvent extends EventBase<'pic_sysphoto'> {
  /** The button's `key`. */
  readonly EventKey: string;
  /** The pictures. */
  readonly SendPicsInfo: SendPicsInfo;
}

/** A `pic_photo_or_album` button (camera or album) sent pictures. */
export interface PicPhotoOrAlbumEvent extends EventBase<'pic_photo_or_album'> {
  /** The button's `key`. */
  readonly EventKey: string;
  /** The pictures. */
  readonly SendPicsInfo: SendPicsInfo;
}

/** A `pic_weixin` button (WeChat album) sent pictures. */
export interface PicWeixinEvent extends EventBase<'pic_weixin'> {
  /** The button's `key`. */
  readonly EventKey: string;
  /** The pictures. */
  readonly SendPicsInfo: SendPicsInfo;
}

/** The location picked through a `location_select` button. */
export interface SendLocationInfo {
  /** Latitude. */
  readonly Location_X: number;
  /** Longitude. */
  readonly Location_Y: number;
  /** Map zoom level. */
  readonly Scale: number;
  /** Address text, untrimmed (WeChat pads it). */
  readonly Label: string;
  /** Point-of-interest name; often empty. */
  readonly Poiname?: string;
}

/** A `location_select` button sent a location. */
export interface LocationSelectEvent extends EventBase<'location_select'> {
  /** The button's `key`. */
  readonly EventKey: string;
  /** The location. */
  readonly SendLocationInfo: SendLocationInfo;
}

/** The originality check of one article of a mass send. */
export interface CopyrightCheckItem {
  /** 1-based article position. */
  readonly ArticleIdx: number;
  /** Undocumented enumeration. */
  readonly UserDeclareState: number;
  /** Undocumented enumeration. */
  readonly AuditState: number;
  /** URL of the article this one was matched against. */
  readonly OriginalArticleUrl: string;
  /** Kind of the matched original. */
  readonly OriginalArticleType: number;
  /** Whether reprinting is allowed (1) or not (0). */
  readonly CanReprint: number;
  /** Whether the content had to be replaced by the original (1). */
  readonly NeedReplaceContent: number;
  /** Whether the reprint source must be shown (1). */
  readonly NeedShowReprintSource: number;
}

/** The originality check of a mass send. */
export interface CopyrightCheckResult {
  /** Number of articles checked. */
  readonly Count: number;
  /** One entry per checked article; empty for clean sends. */
  readonly ResultList: readonly CopyrightCheckItem[];
  /** 1 not a reprint, 2 reprint allowed, 3 reprint refused; 0 is seen in practice too. */
  readonly CheckState: number;
}

/** The URL of one article of a mass send. */
export interface ArticleUrlItem {
  /** 1-based article position. */
  readonly ArticleIdx: number;
  /** The published article's URL. */
  readonly ArticleUrl: string;
}

/** The URLs of the articles of a mass send. */
export interface ArticleUrlResult {
  /** Number of articles. */
  readonly Count: number;
  /** One entry per article. */
  readonly ResultList: readonly ArticleUrlItem[];
}

/**
 * A mass send (群发) finished. Pushed slightly before the job really ends, so counts can be a
 * little off.
 */
export interface MassSendJobFinishEvent extends EventBase<'MASSSENDJOBFINISH'> {
  /** The mass message id (note the capital D), a string so it stays exact. */
  readonly MsgID: string;
  /** `send success`, `send fail` or `err(code)`; success may still include a few failures. */
  readonly Status: string;
  /** Fans targeted. */
  readonly TotalCount: number;
  /** Fans left after filtering; in principle `SentCount + ErrorCount`. */
  readonly FilterCount: number;
  /** Deliveries that succeeded. */
  readonly SentCount: number;
  /** Deliveries that failed. */
  readonly ErrorCount: number;
  /** The originality check; only sends of articles (图文) are checked, so others may lack it. */
  readonly CopyrightCheckResult?: CopyrightCheckResult;
  /** Article URLs; only in newer pushes. */
  readonly ArticleUrlResult?: ArticleUrlResult;
}

/** A template message was delivered, or not. */
export interface TemplateSendJobFinishEvent extends EventBase<'TEMPLATESENDJOBFINISH'> {
  /** The id returned by `message/template/send`, a string so it stays exact. */
  readonly MsgID: string;
  /** `success`, `failed:user block`, `failed: system failed` (with the space), `failed:freq limit`… */
  readonly Status: string;
}

/** The user's answer for one template in a subscription popup. */
export interface SubscribeMsgPopupItem {
  /** Template id. */
  readonly TemplateId: string;
  /** `accept` or `reject`. */
  readonly SubscribeStatusString: string;
  /** Where the popup was shown: 1 web page, 2 article. */
  readonly PopupScene: number;
}

/** A user answered a subscription-notification popup. */
export interface SubscribeMsgPopupEvent extends EventBase<'subscribe_msg_popup_event'> {
  /** Wrapper named like WeChat's; `List` has one entry per template, always an array. */
  readonly SubscribeMsgPopupEvent: { readonly List: readonly SubscribeMsgPopupItem[] };
}

/** A change of a user's subscription for one template. */
export interface SubscribeMsgChangeItem {
  /** Template id. */
  readonly TemplateId: string;
  /** Only `reject` is pushed. */
  readonly SubscribeStatusString: string;
}

/** A user changed subscription-notification settings. */
export interface SubscribeMsgChangeEvent extends EventBase<'subscribe_msg_change_event'> {
  /** Wrapper named like WeChat's; `List` is always an array. */
  readonly SubscribeMsgChangeEvent: { readonly List: readonly SubscribeMsgChangeItem[] };
}

/** The delivery result of one subscription notification. */
export interface SubscribeMsgSentItem {
  /** Template id. */
  readonly TemplateId: string;
  /** 64-bit message id, a string so it stays exact. */
  readonly MsgID: string;
  /** 0 on success. */
  readonly ErrorCode: number;
  /** `success`, or a failure description. */
  readonly ErrorStatus: string;
}

/** Subscription notifications were delivered (or failed asynchronously). */
export interface SubscribeMsgSentEvent extends EventBase<'subscribe_msg_sent_event'> {
  /** Wrapper named like WeChat's; `List` is always an array. */
  readonly SubscribeMsgSentEvent: { readonly List: readonly SubscribeMsgSentItem[] };
}

/** One published article. */
export interface PublishArticleItem {
  /** 1-based article position. */
  readonly idx: number;
  /** Its URL. */
  readonly article_url: string;
}

/** The articles of a successful publish. */
export interface PublishArticleDetail {
  /** Number of articles. */
  readonly count: number;
  /** One entry per article, always an array. */
  readonly item: readonly PublishArticleItem[];
}

/** The outcome of a `freepublish/submit` task. */
export interface PublishEventInfo {
  /** The task id returned by submit, a string so it stays exact. */
  readonly publish_id: string;
  /** 0 success, 1 publishing, 2 originality failure, 3 failure, 4 rejected, 5 deleted, 6 banned. */
  readonly publish_status: number;
  /** On success: the article id. */
  readonly article_id?: string;
  /** On success: the article URLs. */
  readonly article_detail?: PublishArticleDetail;
  /** On status 2 or 4: 1-based positions of the failing articles; empty otherwise. */
  readonly fail_idx: readonly number[];
}

/** A publish (发布) task finished. */
export interface PublishJobFinishEvent extends EventBase<'PUBLISHJOBFINISH'> {
  /** The outcome. */
  readonly PublishEventInfo: PublishEventInfo;
}

/** A customer-service agent took a session. */
export interface KfCreateSessionEvent extends EventBase<'kf_create_session'> {
  /** The agent (`name@account`). */
  readonly KfAccount: string;
}

/** A customer-service session was closed. */
export interface KfCloseSessionEvent extends EventBase<'kf_close_session'> {
  /** The agent (`name@account`). */
  readonly KfAccount: string;
}

/** A customer-service session moved to another agent. */
export interface KfSwitchSessionEvent extends EventBase<'kf_switch_session'> {
  /** The previous agent. */
  readonly FromKfAccount: string;
  /** The new agent. */
  readonly ToKfAccount: string;
}

/** Qualification verification (资质认证) succeeded; the account gains API rights. */
export interface QualificationVerifySuccessEvent extends EventBase<'qualification_verify_success'> {
  /** When the verification expires, Unix seconds. */
  readonly ExpiredTime: number;
}

/** Qualification verification failed. */
export interface QualificationVerifyFailEvent extends EventBase<'qualification_verify_fail'> {
  /** When it failed, Unix seconds. */
  readonly FailTime: number;
  /** Why. */
  readonly FailReason: string;
}

/** Name verification (名称认证) succeeded. */
export interface NamingVerifySuccessEvent extends EventBase<'naming_verify_success'> {
  /** When the verification expires, Unix seconds. */
  readonly ExpiredTime: number;
}

/** Name verification failed; the account keeps its API rights. */
export interface NamingVerifyFailEvent extends EventBase<'naming_verify_fail'> {
  /** When it failed, Unix seconds. */
  readonly FailTime: number;
  /** Why. */
  readonly FailReason: string;
}

/** The verification must be renewed soon. */
export interface AnnualRenewEvent extends EventBase<'annual_renew'> {
  /** When it expires, Unix seconds. */
  readonly ExpiredTime: number;
}

/** The verification has expired. */
export interface VerifyExpiredEvent extends EventBase<'verify_expired'> {
  /** When it expired, Unix seconds. */
  readonly ExpiredTime: number;
}

/** A web-authorised user's profile was cleaned by WeChat: refresh stored nickname and avatar. */
export interface UserInfoModifiedEvent extends EventBase<'user_info_modified'> {
  /** The user. */
  readonly OpenID: string;
  /** The app the user authorised. */
  readonly AppID: string;
  /** The user's UnionID, in some variants. */
  readonly UnionID?: string;
}

/** A user withdrew some web authorisations. */
export interface UserAuthorizationRevokeEvent extends EventBase<'user_authorization_revoke'> {
  /** The user. */
  readonly OpenID: string;
  /** The app the user authorised. */
  readonly AppID: string;
  /** Which authorisations, as WeChat codes them (201 address, 202 invoice…). */
  readonly RevokeInfo: string;
  /** The user's UnionID, in some variants. */
  readonly UnionID?: string;
}

/** A user deleted their WeChat account: erase their data. */
export interface UserAuthorizationCancellationEvent extends EventBase<'user_authorization_cancellation'> {
  /** The user. */
  readonly OpenID: string;
  /** The app the user authorised. */
  readonly AppID: string;
  /** The user's UnionID, in some variants. */
  readonly UnionID?: string;
}

/**
 * An event this version does not model (cards, invoices, `debug_demo`…). Never thrown on: its
 * fields are all in `raw`.
 */
export interface UnknownEvent extends MessageBase {
  /** Always `event`. */
  readonly MsgType: 'event';
  /** The wire `Event`, untouched. */
  readonly Event: UnlistedName;
  /** The event key, when the document carries one as text. */
  readonly EventKey?: string;
}

/** Events by canonical name: the source of {@link EventOf}. */
export interface EventMap {
  subscribe: SubscribeEvent;
  unsubscribe: UnsubscribeEvent;
  SCAN: ScanEvent;
  LOCATION: LocationEvent;
  CLICK: ClickEvent;
  VIEW: ViewEvent;
  view_miniprogram: ViewMiniprogramEvent;
  scancode_push: ScanCodePushEvent;
  scancode_waitmsg: ScanCodeWaitMsgEvent;
  pic_sysphoto: PicSysPhotoEvent;
  pic_photo_or_album: PicPhotoOrAlbumEvent;
  pic_weixin: PicWeixinEvent;
  location_select: LocationSelectEvent;
  MASSSENDJOBFINISH: MassSendJobFinishEvent;
  TEMPLATESENDJOBFINISH: TemplateSendJobFinishEvent;
  subscribe_msg_popup_event: SubscribeMsgPopupEvent;
  subscribe_msg_change_event: SubscribeMsgChangeEvent;
  subscribe_msg_sent_event: SubscribeMsgSentEvent;
  PUBLISHJOBFINISH: PublishJobFinishEvent;
  kf_create_session: KfCreateSessionEvent;
  kf_close_session: KfCloseSessionEvent;
  kf_switch_session: KfSwitchSessionEvent;
  qualification_verify_success: QualificationVerifySuccessEvent;
  qualification_verify_fail: QualificationVerifyFailEvent;
  naming_verify_success: NamingVerifySuccessEvent;
  naming_verify_fail: NamingVerifyFailEvent;
  annual_renew: AnnualRenewEvent;
  verify_expired: VerifyExpiredEvent;
  user_info_modified: UserInfoModifiedEvent;
  user_authorization_revoke: UserAuthorizationRevokeEvent;
  user_authorization_cancellation: UserAuthorizationCancellationEvent;
}

/** Every event name this version models, in its canonical case. */
export type EventName = keyof EventMap;

/** Every event this version models. */
export type KnownEvent = EventMap[EventName];

/** Every event push, modelled or not: what `MsgType === 'event'` narrows to. */
export type InboundEvent = KnownEvent | UnknownEvent;

/** Every `MsgType` this version models, `event` included. */
export type MessageType = OrdinaryMessageType | 'event';

/** Every push WeChat sends to an Official Account: narrow on `MsgType`, then on `Event`. */
export type InboundMessage = OrdinaryMessage | InboundEvent | UnknownMessage;

/**
 * The member a `MsgType` narrows to (`MessageOf<'text'>` is {@link TextMessage};
 * `MessageOf<'event'>` is {@link InboundEvent}), for routers typed by filter strings.
 */
export type MessageOf<T extends MessageType> = T extends OrdinaryMessageType
  ? OrdinaryMessageMap[T]
  : InboundEvent;

/** The member an event name narrows to (`EventOf<'CLICK'>` is {@link ClickEvent}). */
export type EventOf<E extends EventName> = EventMap[E];
