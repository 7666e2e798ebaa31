import { createHash } from 'node:crypto';
import { sortedSha1 } from './signature.js';

/** The inputs of a JS-SDK `wx.config` signature. */
export interface JsapiSignatureParams {
  /** A valid `jsapi_ticket` (from `ticket/getticket?type=jsapi`). */
  readonly jsapiTicket: string;
  /** The `nonceStr` that goes into `wx.config` too. */
  readonly nonceStr: string;
  /** The `timestamp` (Unix seconds) that goes into `wx.config` too. */
  readonly timestamp: string | number;
  /** The full URL of the page calling `wx.config`; any `#fragment` is dropped. */
  readonly url: string;
}

/**
 * Signs a page for the JS-SDK:
 * `sha1("jsapi_ticket=…&noncestr=…&timestamp=…&url=…")`, with the URL's `#fragment` removed
 * (the page's URL as WeChat sees it has none). The URL is used as given otherwise: it must be
 * exactly the page's `location.href` up to `#`, not re-encoded.
 */
export function jsapiSignature({ jsapiTicket, nonceStr, timestamp, url }: JsapiSignatureParams): string {
  const hash = url.indexOf('#');
  const page = hash === -1 ? url : url.slice(0, hash);
  return createHash('sha1')
    .update(`jsapi_ticket=${jsapiTicket}&noncestr=${nonceStr}&timestamp=${timestamp}&url=${page}`, 'utf8')
    .digest('hex');
}

/**
 * Signs a card (卡券) JS-SDK call: the values (the card `api_ticket`, timestamp, nonce_str and
 * whichever of card_id, code, openid, … the call uses) are sorted byte-wise, concatenated and
 * SHA-1 hashed. Pass them as an object (names are for readability only: only the values are
 * signed) or as a list. Empty values are left out, as the platform's card documentation says.
 */
export function cardSignature(
  values: Readonly<Record<string, string | number>> | readonly (string | number)[],
): string {
  const list = Array.isArray(values) ? values : Object.values(values);
  return sortedSha1(list.map(String).filter((value) => value !== ''));
}
