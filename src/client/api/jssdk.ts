import { createHash, randomBytes } from 'node:crypto';
import { jsapiSignature } from '../../protocol/jssdk.js';
import type { WeChatClient } from '../client.js';

/** Options of {@link JsSdkApi.config}. */
export interface JsSdkConfigOptions {
  /**
   * The full URL of the page that calls `wx.config` (`location.href`), scheme and query
   * included. A `#fragment` is dropped and `&amp;` un-escaped (see {@link canonicalPageUrl}).
   */
  readonly url: string;
  /** The JS interfaces the page uses, e.g. `['updateAppMessageShareData', 'chooseImage']`. */
  readonly jsApiList: readonly string[];
  /** Open tags the page uses, e.g. `['wx-open-launch-weapp']`. */
  readonly openTagList?: readonly string[];
  /** `wx.config`'s debug mode (alerts every call's result). Default false. */
  readonly debug?: boolean;
}

/** The object to pass to `wx.config(...)`, as JSON into the page. */
export interface JsSdkConfig {
  debug: boolean;
  /** The AppID whose jsapi_ticket signed the page. */
  appId: string;
  /** Unix seconds, signed. */
  timestamp: number;
  /** A random string, signed. */
  nonceStr: string;
  /** SHA-1 of string1 (see {@link JsSdkApi.explain}). */
  signature: string;
  jsApiList: string[];
  openTagList?: string[];
}

/** Options of {@link JsSdkApi.explain}: what the page used. */
export interface JsSdkExplainOptions {
  /** The URL the page was signed for (or `location.href` of the failing page). */
  readonly url: string;
  readonly timestamp: number | string;
  readonly nonceStr: string;
  /** The signature the page passed to `wx.config`. */
  readonly signature: string;
  /** The jsapi_ticket to check against. Default the current one (`client.jsapiTicket.get()`). */
  readonly ticket?: string;
}

/** What {@link JsSdkApi.explain} found. */
export interface JsSdkExplanation {
  /** The URL after canonicalisation: the one that must match the page's `location.href.split('#')[0]`. */
  readonly url: string;
  /**
   * The exact string that is SHA-1 hashed (`jsapi_ticket=…&noncestr=…&timestamp=…&url=…`). It
   * holds the ticket: do not log it; {@link JsSdkExplanation.redacted} is the loggable form.
   */
  readonly string1: string;
  /** string1 with the ticket shortened, for logs. */
  readonly redacted: string;
  /** The signature string1 gives. */
  readonly expected: string;
  /** Whether the given signature is the expected one. */
  readonly matches: boolean;
  /**
   * When it does not match: a variant of the URL that does give the signature (e.g. the URL
   * with its fragment, or differently encoded), which tells what the signer did wrong.
   */
  readonly matchedVariant?: string;
  /** Notes on what was changed and the usual causes of `invalid signature`. */
  readonly hints: readonly string[];
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function nonce(length = 16): string {
  let out = '';
  for (const byte of randomBytes(length)) out += ALNUM[byte % ALNUM.length];
  return out;
}

/**
 * The page URL as WeChat signs it — `location.href.split('#')[0]`: the `#fragment` is dropped
 * and `&amp;` (an HTML-escaped URL copied from a template) becomes `&`. Nothing else changes:
 * the URL is signed byte for byte, never re-encoded, so give exactly what the page's
 * `location.href` shows (a browser writes `https://a.com/?x=1`, not `https://a.com?x=1`:
 * {@link JsSdkApi.explain} points such differences out). Throws a TypeError for a URL that is
 * not absolute http(s).
 */
export function canonicalPageUrl(url: string): string {
  const hash = url.indexOf('#');
  const page = (hash === -1 ? url : url.slice(0, hash)).replaceAll('&amp;', '&');
  if (!/^https?:\/\/[^/?#]+/i.test(page) || !URL.canParse(page)) {
    throw new TypeError(`JS-SDK: the page URL must be an absolute http(s) URL, got "${url}"`);
  }
  return page;
}

/**
 * How a browser's `location.href` shows a page URL: scheme and host lower-cased, default port
 * removed, an empty path written `/`. The path and query are kept as they are.
 */
function browserForm(page: string): string {
  const match = /^(https?):\/\/([^/?#]+)(.*)$/i.exec(page);
  if (match === null) return page;
  const scheme = (match[1] ?? '').toLowerCase();
  let host = (match[2] ?? '').toLowerCase();
  if ((scheme === 'https' && host.endsWith(':443')) || (scheme === 'http' && host.endsWith(':80'))) {
    host = host.slice(0, host.lastIndexOf(':'));
  }
  const rest = match[3] ?? '';
  return `${scheme}://${host}${rest.startsWith('/') ? rest : `/${rest}`}`;
}

function string1(ticket: string, nonceStr: string, timestamp: string | number, url: string): string {
  return `jsapi_ticket=${ticket}&noncestr=${nonceStr}&timestamp=${timestamp}&url=${url}`;
}

/**
 * JS-SDK configuration for pages inside WeChat: the signed object for `wx.config`, with the
 * `jsapi_ticket` cached for the whole cluster by `client.jsapiTicket` (one `ticket/getticket`
 * per 2 hours, however many pages are signed), and {@link JsSdkApi.explain} to debug
 * `invalid signature`.
 *
 * @example
 * ```ts
 * const config = await client.jssdk.config({ url: pageUrl, jsApiList: ['updateAppMessageShareData'] });
 * // in the page: wx.config(<JSON of config>)
 * ```
 */
export class JsSdkApi {
  readonly #client: WeChatClient;

  /** @param client - the client these calls go through. */
  constructor(client: WeChatClient) {
    this.#client = client;
  }

  /** The client, for subclasses and tests. */
  protected get client(): WeChatClient {
    return this.#client;
  }

  /**
   * The `wx.config` object for a page: signed with the current jsapi_ticket, a fresh nonce and
   * the current time, for the page's URL (canonicalised by {@link canonicalPageUrl}). Sign the
   * URL the page really has — after any redirect, e.g. the OAuth callback's final URL.
   */
  async config(options: JsSdkConfigOptions): Promise<JsSdkConfig> {
    const url = canonicalPageUrl(options.url);
    const ticket = await this.#client.jsapiTicket.get();
    const timestamp = Math.floor(Date.now() / 1000);
    const nonceStr = nonce();
    const config: JsSdkConfig = {
      debug: options.debug ?? false,
      appId: this.#client.appId,
      timestamp,
      nonceStr,
      signature: jsapiSignature({ jsapiTicket: ticket, nonceStr, timestamp, url }),
      jsApiList: [...options.jsApiList],
    };
    if (options.openTagList !== undefined) config.openTagList = [...options.openTagList];
    return config;
  }

  /**
   * Explains a signature, to debug `invalid signature`: the string that is signed, the expected
   * signature, whether the given one matches, and — when it does not — which common mistake
   * (fragment kept, URL re-encoded, trailing slash, `&amp;`) would produce it.
   */
  async explain(options: JsSdkExplainOptions): Promise<JsSdkExplanation> {
    const ticket = options.ticket ?? (await this.#client.jsapiTicket.get());
    const { nonceStr, timestamp, signature } = options;
    const url = canonicalPageUrl(options.url);
    const signed = string1(ticket, nonceStr, timestamp, url);
    const expected = jsapiSignature({ jsapiTicket: ticket, nonceStr, timestamp, url });
    const matches = expected === signature.trim().toLowerCase();
    const hints: string[] = [];
    if (options.url.includes('#'))
      hints.push('the #fragment was dropped: WeChat signs location.href.split("#")[0]');
    if (options.url.includes('&amp;'))
      hints.push('&amp; was un-escaped to & (an HTML-escaped URL was given)');
    const browser = browserForm(url);
    if (browser !== url) {
      hints.push(
        `a browser's location.href for this page reads ${browser} (lower-case scheme and host, no default port, ` +
          'path at least /): WeChat checks the signature against that, so sign it',
      );
    }
    let matchedVariant: string | undefined;
    if (!matches) {
      matchedVariant = this.#findVariant(options, ticket);
      if (matchedVariant !== undefined) {
        hints.push(
          `the page was signed for ${JSON.stringify(matchedVariant)} instead of ${JSON.stringify(url)}`,
        );
      }
      hints.push(
        'usual causes: the URL signed is not the page URL (fragment, encoding, a redirect such as the OAuth callback: sign the final URL); ' +
          'timestamp or nonceStr differ between signing and wx.config; the ticket is older than the current one ' +
          '(cache it, never fetch one per page); appId is not the account whose ticket signed',
      );
    }
    return {
      url,
      string1: signed,
      redacted: string1(`${ticket.slice(0, 6)}…`, nonceStr, timestamp, url),
      expected,
      matches,
      ...(matchedVariant === undefined ? {} : { matchedVariant }),
      hints,
    };
  }

  /** A URL variant that gives the signature, among the usual mistakes. */
  #findVariant(options: JsSdkExplainOptions, ticket: string): string | undefined {
    const raw = options.url;
    const page = raw.split('#')[0] ?? raw;
    const variants = new Set<string>([
      raw,
      page,
      browserForm(page),
      page.replaceAll('&', '&amp;'),
      encodeURI(page),
    ]);
    try {
      variants.add(decodeURI(page));
      variants.add(decodeURIComponent(page));
    } catch {
      // not decodable: no such variant
    }
    variants.add(page.endsWith('/') ? page.slice(0, -1) : `${page}/`);
    const wanted = options.signature.trim().toLowerCase();
    for (const variant of variants) {
      const signature = string1(ticket, options.nonceStr, options.timestamp, variant);
      // jsapiSignature drops a fragment itself, so hash the variant as is.
      if (sha1(signature) === wanted) return variant;
    }
    return undefined;
  }
}

function sha1(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}
