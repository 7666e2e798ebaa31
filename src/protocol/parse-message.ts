import { WeChatMessageError } from './errors.js';
import type {
  EventMap,
  EventName,
  InboundMessage,
  OrdinaryMessageMap,
  OrdinaryMessageType,
  ScanSubscribeEvent,
} from './messages.js';
import { parseXml, type XmlObject, type XmlParseOptions, type XmlValue } from './xml.js';

/*
 * Each known type is a row in a table: field name → kind. The table's type is computed from the
 * message interfaces (FieldsSpec below), so a row that disagrees with its interface — a missing
 * field, an optional one marked required, a number read as text — does not compile, and the
 * casts at the end of the interpreter are backed by that check.
 */

type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];

/** How one field of `T` is read: `?` kinds are omitted when absent. `id` is text, trimmed. */
type FieldsSpec<T> = {
  readonly [K in keyof T]-?: FieldSpec<Exclude<T[K], undefined>, K extends OptionalKeys<T> ? true : false>;
};

type FieldSpec<V, Optional extends boolean> = [V] extends [readonly (infer U)[]]
  ? // `list`: the element itself repeats; `items`: a container of repeated `<item>`s.
    { readonly list: ElementSpec<U> } | { readonly items: ElementSpec<U> }
  : [V] extends [string]
    ? Optional extends true
      ? 'string?' | 'id?'
      : 'string' | 'id'
    : [V] extends [number]
      ? Optional extends true
        ? 'number?'
        : 'number'
      : Optional extends true
        ? { readonly fields: FieldsSpec<V>; readonly optional: true }
        : { readonly fields: FieldsSpec<V> };

type ElementSpec<U> = [U] extends [number]
  ? 'number'
  : [U] extends [string]
    ? 'string' | 'id'
    : FieldsSpec<U>;

/** A message's own fields: what its table row describes. */
type Body<M> = Omit<M, 'ToUserName' | 'FromUserName' | 'CreateTime' | 'MsgType' | 'Event' | 'raw'>;

// The interpreter's view of a row, without the per-interface precision.
type ScalarKind = 'string' | 'string?' | 'id' | 'id?' | 'number' | 'number?';
type LooseElement = 'number' | 'string' | 'id' | LooseFields;
type LooseField =
  | ScalarKind
  | { readonly list: LooseElement }
  | { readonly items: LooseElement }
  | { readonly fields: LooseFields; readonly optional?: true };
interface LooseFields {
  readonly [name: string]: LooseField;
}

const ARTICLE_FIELDS = { MsgId: 'id', MsgDataId: 'id?', Idx: 'number?' } as const;
const MEDIA_FIELDS = { ...ARTICLE_FIELDS, MediaId: 'string', ThumbMediaId: 'string' } as const;

const MESSAGE_TABLE: { readonly [T in OrdinaryMessageType]: FieldsSpec<Body<OrdinaryMessageMap[T]>> } = {
  text: { ...ARTICLE_FIELDS, Content: 'string', bizmsgmenuid: 'id?' },
  image: { ...ARTICLE_FIELDS, PicUrl: 'string', MediaId: 'string' },
  voice: {
    ...ARTICLE_FIELDS,
    MediaId: 'string',
    Format: 'string',
    MediaId16K: 'string?',
    Recognition: 'string?',
  },
  video: MEDIA_FIELDS,
  shortvideo: MEDIA_FIELDS,
  location: {
    ...ARTICLE_FIELDS,
    Location_X: 'number',
    Location_Y: 'number',
    Scale: 'number',
    Label: 'string',
  },
  link: { ...ARTICLE_FIELDS, Title: 'string', Description: 'string', Url: 'string' },
  file: {
    ...ARTICLE_FIELDS,
    Title: 'string?',
    Description: 'string?',
    FileKey: 'string?',
    FileMd5: 'string?',
    FileTotalLen: 'number?',
  },
};

const KEY = { EventKey: 'string' } as const;
const SCAN_CODE = { ...KEY, ScanCodeInfo: { fields: { ScanType: 'string', ScanResult: 'string' } } } as const;
const SEND_PICS = {
  ...KEY,
  SendPicsInfo: { fields: { Count: 'number', PicList: { items: { PicMd5Sum: 'string' } } } },
} as const;
const EXPIRED = { ExpiredTime: 'number' } as const;
const FAILED = { FailTime: 'number', FailReason: 'string' } as const;
const AUTHORISED_USER = { OpenID: 'string', AppID: 'string', UnionID: 'string?' } as const;

/** Every modelled event but `subscribe`, whose two shapes are told apart in code. */
const EVENT_TABLE: { readonly [E in Exclude<EventName, 'subscribe'>]: FieldsSpec<Body<EventMap[E]>> } = {
  unsubscribe: { EventKey: 'string?' },
  SCAN: { ...KEY, Ticket: 'string' },
  LOCATION: { Latitude: 'number', Longitude: 'number', Precision: 'number' },
  CLICK: KEY,
  VIEW: { ...KEY, MenuId: 'id?' },
  view_miniprogram: { ...KEY, MenuId: 'id?' },
  scancode_push: SCAN_CODE,
  scancode_waitmsg: SCAN_CODE,
  pic_sysphoto: SEND_PICS,
  pic_photo_or_album: SEND_PICS,
  pic_weixin: SEND_PICS,
  location_select: {
    ...KEY,
    SendLocationInfo: {
      fields: {
        Location_X: 'number',
        Location_Y: 'number',
        Scale: 'number',
        Label: 'string',
        Poiname: 'string?',
      },
    },
  },
  MASSSENDJOBFINISH: {
    MsgID: 'id',
    Status: 'string',
    TotalCount: 'number',
    FilterCount: 'number',
    SentCount: 'number',
    ErrorCount: 'number',
    CopyrightCheckResult: {
      optional: true,
      fields: {
        Count: 'number',
        ResultList: {
          items: {
            ArticleIdx: 'number',
            UserDeclareState: 'number',
            AuditState: 'number',
            OriginalArticleUrl: 'string',
            OriginalArticleType: 'number',
            CanReprint: 'number',
            NeedReplaceContent: 'number',
            NeedShowReprintSource: 'number',
          },
        },
        CheckState: 'number',
      },
    },
    ArticleUrlResult: {
      optional: true,
      fields: { Count: 'number', ResultList: { items: { ArticleIdx: 'number', ArticleUrl: 'string' } } },
    },
  },
  TEMPLATESENDJOBFINISH: { MsgID: 'id', Status: 'string' },
  subscribe_msg_popup_event: {
    SubscribeMsgPopupEvent: {
      fields: {
        List: { list: { TemplateId: 'string', SubscribeStatusString: 'string', PopupScene: 'number' } },
      },
    },
  },
  subscribe_msg_change_event: {
    SubscribeMsgChangeEvent: {
      fields: { List: { list: { TemplateId: 'string', SubscribeStatusString: 'string' } } },
    },
  },
  subscribe_msg_sent_event: {
    SubscribeMsgSentEvent: {
      fields: {
        List: { list: { TemplateId: 'string', MsgID: 'id', ErrorCode: 'number', ErrorStatus: 'string' } },
      },
    },
  },
  PUBLISHJOBFINISH: {
    PublishEventInfo: {
      fields: {
        publish_id: 'id',
        publish_status: 'number',
        article_id: 'string?',
        article_detail: {
          optional: true,
          fields: { count: 'number', item: { list: { idx: 'number', article_url: 'string' } } },
        },
        fail_idx: { list: 'number' },
      },
    },
  },
  kf_create_session: { KfAccount: 'string' },
  kf_close_session: { KfAccount: 'string' },
  kf_switch_session: { FromKfAccount: 'string', ToKfAccount: 'string' },
  qualification_verify_success: EXPIRED,
  qualification_verify_fail: FAILED,
  naming_verify_success: EXPIRED,
  naming_verify_fail: FAILED,
  annual_renew: EXPIRED,
  verify_expired: EXPIRED,
  user_info_modified: AUTHORISED_USER,
  user_authorization_revoke: { ...AUTHORISED_USER, RevokeInfo: 'string' },
  user_authorization_cancellation: AUTHORISED_USER,
};

/** Every ordinary `MsgType` {@link parseMessage} types, for validating route filters at run time. */
export const KNOWN_MESSAGE_TYPES: readonly OrdinaryMessageType[] = Object.freeze(
  Object.keys(MESSAGE_TABLE) as OrdinaryMessageType[],
);

/** Every event name {@link parseMessage} types, in canonical case, for validating route filters. */
export const KNOWN_EVENT_NAMES: readonly EventName[] = Object.freeze([
  'subscribe',
  ...(Object.keys(EVENT_TABLE) as Exclude<EventName, 'subscribe'>[]),
]);

// Lower-cased wire name → canonical name. Maps, not objects, so `__proto__` and friends are inert.
const MESSAGE_TYPES = new Map<string, OrdinaryMessageType>(KNOWN_MESSAGE_TYPES.map((t) => [t, t]));
const EVENT_NAMES = new Map<string, EventName>(KNOWN_EVENT_NAMES.map((e) => [e.toLowerCase(), e]));

/**
 * Parses a pushed XML document into its typed member of {@link InboundMessage}.
 *
 * Known types are checked against their shape; anything else passes through as
 * `UnknownMessage`/`UnknownEvent` with every field in `raw`, so a new WeChat feature never turns
 * into a failed (and retried) push. `MsgType` and `Event` are matched case-insensitively and
 * normalised to the canonical case.
 *
 * @throws {@link WeChatXmlError} when the text is not acceptable XML (including DOCTYPE and
 * entity declarations), {@link WeChatMessageError} when it is XML but not a WeChat push; never
 * anything else, whatever the input.
 * @example
 * ```ts
 * const m = parseMessage(body);
 * if (m.MsgType === 'text') reply(m.Content);
 * else if (m.MsgType === 'event' && m.Event === 'CLICK') route(m.EventKey);
 * ```
 */
export function parseMessage(xml: string, options?: XmlParseOptions): InboundMessage {
  const doc = parseXml(xml, options);
  if (doc.name !== 'xml') throw new WeChatMessageError(`root element is <${doc.name}>, expected <xml>`);
  if (typeof doc.value !== 'object' || Array.isArray(doc.value)) {
    throw new WeChatMessageError('<xml> has no child elements');
  }
  return messageFromXmlObject(doc.value);
}

/**
 * Types an already-parsed `<xml>` element, for callers that parsed it themselves (the webhook
 * does, to read `Encrypt` in compatibility mode). Same rules as {@link parseMessage}. The object
 * is kept, not copied, as the result's `raw`.
 *
 * @throws {@link WeChatMessageError} when it is not a WeChat push.
 */
export function messageFromXmlObject(obj: XmlObject): InboundMessage {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    throw new WeChatMessageError('a WeChat message must be an object of fields');
  }
  const msgType = readText(obj, 'MsgType');
  const out: Record<string, unknown> = {
    ToUserName: readText(obj, 'ToUserName'),
    FromUserName: readText(obj, 'FromUserName'),
    CreateTime: toNumber(readText(obj, 'CreateTime'), 'CreateTime'),
    MsgType: msgType,
  };

  const type = MESSAGE_TYPES.get(msgType.toLowerCase());
  if (type !== undefined) {
    out.MsgType = type;
    readFields(MESSAGE_TABLE[type], obj, `${type} message: `, out);
  } else if (msgType.toLowerCase() === 'event') {
    out.MsgType = 'event';
    const wireEvent = readText(obj, 'Event');
    const event = EVENT_NAMES.get(wireEvent.toLowerCase());
    out.Event = event ?? wireEvent;
    if (event === 'subscribe') readSubscribe(obj, out);
    else if (event !== undefined) readFields(EVENT_TABLE[event], obj, `${event} event: `, out);
    else if (typeof obj.EventKey === 'string') out.EventKey = obj.EventKey;
  } else if (typeof obj.MsgId === 'string') {
    out.MsgId = obj.MsgId.trim();
  }
  out.raw = obj;
  // The tables are typed from the interfaces (FieldsSpec), which is what makes this cast sound.
  return out as unknown as InboundMessage;
}

function readSubscribe(obj: XmlObject, out: Record<string, unknown>): void {
  const key = obj.EventKey;
  const ticket = obj.Ticket;
  if (typeof key === 'string' && key.startsWith('qrscene_') && typeof ticket === 'string') {
    const scan: Pick<ScanSubscribeEvent, 'EventKey' | 'Ticket'> = {
      EventKey: key as `qrscene_${string}`,
      Ticket: ticket,
    };
    Object.assign(out, scan);
  } else {
    readFields({ EventKey: 'string?' }, obj, 'subscribe event: ', out);
  }
}

function readFields(spec: LooseFields, obj: XmlObject, path: string, out: Record<string, unknown>): void {
  for (const name of Object.keys(spec)) {
    const field = spec[name]!;
    const where = `${path}${name}`;
    const value = obj[name];
    if (typeof field === 'string') {
      const optional = field.endsWith('?');
      if (value === undefined) {
        if (optional) continue;
        throw new WeChatMessageError(`${where} is missing`);
      }
      const text = asText(value, where);
      if (field.startsWith('number')) {
        // An empty optional number (`<Idx></Idx>`) means "no value", not an error.
        if (optional && text.trim() === '') continue;
        out[name] = toNumber(text, where);
      } else {
        out[name] = field.startsWith('id') ? text.trim() : text;
      }
    } else if ('fields' in field) {
      // An empty optional wrapper (`<ArticleUrlResult></ArticleUrlResult>`) means "no value".
      if (field.optional === true && (value === undefined || value === '')) continue;
      if (value === undefined) throw new WeChatMessageError(`${where} is missing`);
      const child: Record<string, unknown> = {};
      readFields(field.fields, asObject(value, where), `${where}.`, child);
      out[name] = child;
    } else if ('list' in field) {
      const result: unknown[] = [];
      for (const element of each(value)) pushElement(field.list, element, where, result);
      out[name] = result;
    } else {
      const result: unknown[] = [];
      for (const container of each(value)) {
        if (container === '') continue;
        for (const element of each(asObject(container, where).item)) {
          pushElement(field.items, element, `${where}.item`, result);
        }
      }
      out[name] = result;
    }
  }
}

/** One value or a repeated element as a list; absent is empty. */
function each(value: XmlValue | undefined): readonly XmlValue[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Adds one list element; an empty element (`<item/>`, `<fail_idx></fail_idx>`) is not an entry. */
function pushElement(spec: LooseElement, value: XmlValue, where: string, result: unknown[]): void {
  if (value === '') return;
  if (spec === 'number') result.push(toNumber(asText(value, where), where));
  else if (spec === 'string') result.push(asText(value, where));
  else if (spec === 'id') result.push(asText(value, where).trim());
  else {
    const child: Record<string, unknown> = {};
    readFields(spec, asObject(value, where), `${where}.`, child);
    result.push(child);
  }
}

/** A required top-level text field. */
function readText(obj: XmlObject, name: string): string {
  const value = obj[name];
  if (value === undefined) throw new WeChatMessageError(`${name} is missing`);
  return asText(value, name);
}

function asText(value: XmlValue, where: string): string {
  if (typeof value === 'string') return value;
  throw new WeChatMessageError(
    Array.isArray(value) ? `${where} appears more than once` : `${where} must be text, not elements`,
  );
}

function asObject(value: XmlValue, where: string): XmlObject {
  if (value === '') return Object.create(null) as XmlObject;
  if (typeof value === 'string') throw new WeChatMessageError(`${where} must contain elements, not text`);
  if (Array.isArray(value)) throw new WeChatMessageError(`${where} appears more than once`);
  return value;
}

const DECIMAL = /^[+-]?\d+(?:\.\d+)?$/;

/** Decimal text to a number; integers must be exact, so a 64-bit value is refused, not rounded. */
function toNumber(text: string, where: string): number {
  const trimmed = text.trim();
  const n = Number(trimmed);
  if (!DECIMAL.test(trimmed) || !Number.isFinite(n) || (!trimmed.includes('.') && !Number.isSafeInteger(n))) {
    throw new WeChatMessageError(`${where} is not a number: ${JSON.stringify(text.slice(0, 40))}`);
  }
  return n;
}
