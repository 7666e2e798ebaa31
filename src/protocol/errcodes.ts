import { ERRCODE_ROWS } from './generated/errcodes.js';

/**
 * What we know about one of the platform's global return codes (the `errcode` in an API
 * response body).
 */
export interface ErrcodeInfo {
  /** The numeric code, as it appears in the `errcode` field of a response. */
  readonly code: number;
  /**
   * The platform's own English `errmsg` for this code, as listed in the official table. Empty
   * when the table gives none. A live response may carry a longer `errmsg` (often with a `rid`).
   */
  readonly errmsg: string;
  /** The official Chinese explanation of the code. Empty when the table gives none. */
  readonly meaningZh: string;
  /**
   * Our own one-line English summary. Present only for the codes an Official Account commonly
   * meets; absent for the rest of the table.
   */
  readonly summary?: string;
  /**
   * The access_token used for the call is invalid or expired: drop the cached token, fetch a new
   * one and retry once. See {@link TOKEN_INVALID_ERRCODES}.
   */
  readonly tokenInvalid: boolean;
  /**
   * A transient failure on WeChat's side ("system busy"): the same call may succeed if retried
   * after a short pause. See {@link RETRY_LATER_ERRCODES}.
   */
  readonly retryLater: boolean;
  /**
   * A call-frequency or call-quota limit was hit: back off until the window resets (the next
   * minute, day or month, depending on the code) instead of retrying straight away. See
   * {@link RATE_LIMIT_ERRCODES}.
   */
  readonly rateLimited: boolean;
}

/**
 * Codes meaning the access_token is bad — invalid (40001, 40014) or expired (42001). An API
 * client should refresh the token and retry once. 40001 is also what fetching a token with a
 * wrong AppSecret returns, so a refresh that gets 40001 again should give up.
 */
export const TOKEN_INVALID_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);

/**
 * Codes for transient failures on WeChat's side ("system busy", "inner error, retry after some
 * while", "file being transcoded"), where retrying after a short pause may succeed. -1 is the
 * one every API can return.
 */
export const RETRY_LATER_ERRCODES: ReadonlySet<number> = new Set([-1, 46007, 61503, 89247, 89250, 9203999]);

/**
 * Codes for call-frequency and call-quota limits: per-minute limits, daily/monthly API quotas,
 * mass-send and customer-service message quotas, "too frequently" and "retry too fast" refusals.
 * Limits on how many *things* an account may own (tags, menus, domains…) are not included:
 * waiting does not lift those.
 */
export const RATE_LIMIT_ERRCODES: ReadonlySet<number> = new Set([
  43100, // change template too frequently
  45009, // daily API quota used up
  45011, // per-minute API quota used up
  45028, // no mass-send quota left
  45040, // monthly API quota used up
  45047, // customer-service message limit for this user reached
  45061, // updated too often
  45066, // same clientmsgid retried too fast
  45093, // no quota left to send messages
  47006, // daily page-submission quota used up
  48006, // clear_quota itself has hit its limit
  53011, // name check called too frequently
  73104, // frequency limit
  86005, // frequency limit
  86006, // no quota left to send group messages
  95104, // product import too frequent
  930564, // quota used up, try the next day
  9300509, // speed limit, retry too fast
  9301011, // frequency limit
  9402202, // concurrent-operation limit
]);

// Our own English summaries, one line each, for the codes an Official Account meets most. They are
// kept here, hand-written, rather than in a second TSV: the list is short, reviewed together with
// the flags above, and test/protocol/errcodes.test.ts checks that every code exists in the table.
// Each was written against that code's errmsg / meaning_zh row in data/errcodes.tsv.
const SUMMARIES: ReadonlyArray<readonly [number, string]> = [
  // General
  [-1, 'WeChat is busy; wait a moment and retry the same call.'],
  [0, 'Success.'],
  [40097, 'One or more request arguments are invalid; check the request against the API docs.'],
  [43001, 'This API must be called with GET.'],
  [43002, 'This API must be called with POST.'],
  [43003, 'This API must be called over HTTPS.'],
  [44002, 'The POST body is empty.'],
  [47001, 'The request body could not be parsed as JSON/XML.'],
  [40033, 'The request contains \\uXXXX escapes; send the text as UTF-8 instead.'],
  [47002, 'Do not \\u-escape non-ASCII text in the JSON body; send it as UTF-8.'],

  // access_token and app credentials
  [
    40001,
    'The access_token is invalid or was replaced by a newer one (or the AppSecret was wrong when fetching it).',
  ],
  [40002, 'Wrong grant_type; fetching an access_token needs grant_type=client_credential.'],
  [40013, 'The AppID is not valid; check it for typos, stray spaces and letter case.'],
  [40014, 'The access_token is malformed or not valid for this account; fetch a fresh one.'],
  [40125, 'The AppSecret is wrong; copy it again from the console.'],
  [40164, 'The calling IP address is not on the account’s API IP whitelist.'],
  [41001, 'The access_token parameter is missing.'],
  [41002, 'The appid parameter is missing.'],
  [41004, 'The secret parameter is missing.'],
  [42001, 'The access_token has expired; fetch a new one.'],
  [61024, 'This is a third-party platform account; get its token through api_component_token.'],

  // Quota and frequency
  [45009, 'The daily call quota for this API is used up; wait for the daily reset or use clear_quota.'],
  [45011, 'Too many calls this minute; slow down and retry in the next minute.'],
  [45028, 'No mass-send quota is left for the current period.'],
  [45040, 'The monthly call quota for this API is used up.'],
  [45047, 'Too many customer-service messages sent to this user since they last interacted.'],
  [45061, 'Updated too often; wait before trying again.'],
  [45065, 'A mass send with this clientmsgid already exists; the response carries its msg_id.'],
  [45066, 'The same clientmsgid was retried too quickly; wait a minute before retrying.'],
  [48006, 'clear_quota cannot be used again: its own reset limit has been reached.'],

  // Permission and account state
  [48001, 'This account has no permission for the API (not granted, or the account is not verified).'],
  [48002, 'The user has turned off receiving messages from this account.'],
  [48004, 'The API is blocked for this account after a violation; see mp.weixin.qq.com for details.'],
  [48005, 'The material is used by an auto-reply or the menu and cannot be deleted.'],
  [48008, 'This account may not send this type of message.'],
  [50001, 'The user has not authorized this API, or the account lacks it.'],
  [50002, 'The user is restricted, possibly blocked after a violation.'],
  [50005, 'The user does not follow this account.'],
  [43004, 'The recipient must follow the account first.'],
  [43019, 'The recipient is on the account’s blacklist; remove them from it first.'],
  [43101, 'The user refused the message or cancelled their subscription.'],
  [45064, 'The menu links a Mini Program that is not associated with this account.'],

  // Media and material
  [40004, 'Invalid media type.'],
  [40005, 'Invalid file type.'],
  [40006, 'Invalid file size.'],
  [40007, 'Invalid media_id: wrong, expired (temporary media lasts 3 days) or from another account.'],
  [40009, 'Invalid image size.'],
  [40010, 'Invalid voice size.'],
  [40011, 'Invalid video size.'],
  [40137, 'Unsupported image format.'],
  [41005, 'The media file data is missing from the upload.'],
  [41006, 'The media_id parameter is missing.'],
  [44001, 'The uploaded media file is empty.'],
  [45001, 'The media file is larger than allowed.'],
  [46001, 'No media exists for this media_id.'],

  // Messages
  [40003, 'Invalid OpenID: not a follower of this account, or an OpenID of another account.'],
  [40008, 'Invalid message type.'],
  [40037, 'Invalid template_id.'],
  [40130, 'A mass send by OpenID list needs at least two OpenIDs.'],
  [44004, 'The text message content is empty.'],
  [45002, 'The message content is too long.'],
  [45003, 'The title is too long.'],
  [45004, 'The description is too long.'],
  [45008, 'The news message has too many articles.'],
  [45015, 'The reply window has passed (the user last interacted over 48 hours ago) or they unsubscribed.'],
  [45080, 'Typing status needs a message exchange with the user within the last 30 seconds.'],
  [47003, 'A template argument is empty or invalid; the errmsg names the field.'],

  // Menus, users and tags
  [40016, 'Invalid number of menu buttons.'],
  [45010, 'The menu-creation limit has been exceeded.'],
  [46003, 'No menu exists for this account.'],
  [45056, 'Too many tags; no more can be created.'],
  [45057, 'This tag has too many followers to be deleted.'],
  [46004, 'The user does not exist.'],

  // Web page authorization (OAuth)
  [40029, 'Invalid OAuth code: wrong, or issued for another AppID.'],
  [40163, 'This OAuth code has already been used; each code works once.'],
  [42003, 'The OAuth code has expired (codes last 5 minutes).'],
  [41008, 'The OAuth code parameter is missing.'],
  [40030, 'Invalid refresh_token.'],
  [42002, 'The refresh_token has expired; the user must authorize again.'],
  [
    42007,
    'The user changed their WeChat password; their OAuth tokens are void and they must authorize again.',
  ],
];

/** Our English summaries keyed by code (see {@link ErrcodeInfo.summary}). */
export const ERRCODE_SUMMARIES: ReadonlyMap<number, string> = new Map(SUMMARIES);

let table: Map<number, readonly [errmsg: string, meaningZh: string]> | undefined;

/** Splits the generated string into a Map the first time a code is looked up. */
function loadTable(): Map<number, readonly [string, string]> {
  if (table === undefined) {
    table = new Map();
    for (const row of ERRCODE_ROWS.split('\n')) {
      const tab1 = row.indexOf('\t');
      const tab2 = row.indexOf('\t', tab1 + 1);
      table.set(Number(row.slice(0, tab1)), [row.slice(tab1 + 1, tab2), row.slice(tab2 + 1)]);
    }
  }
  return table;
}

/**
 * Looks up one of the platform's global return codes.
 *
 * @param code - the `errcode` from an API response.
 * @returns the code's official texts, our English summary when we have one, and the
 *   token/retry/rate-limit flags; `undefined` when the code is not in the official table.
 *
 * @example
 * ```ts
 * const info = describeErrcode(45009);
 * info?.rateLimited; // true
 * ```
 */
export function describeErrcode(code: number): ErrcodeInfo | undefined {
  const row = loadTable().get(code);
  if (row === undefined) return undefined;
  const summary = ERRCODE_SUMMARIES.get(code);
  const flags = {
    tokenInvalid: TOKEN_INVALID_ERRCODES.has(code),
    retryLater: RETRY_LATER_ERRCODES.has(code),
    rateLimited: RATE_LIMIT_ERRCODES.has(code),
  };
  return summary === undefined
    ? { code, errmsg: row[0], meaningZh: row[1], ...flags }
    : { code, errmsg: row[0], meaningZh: row[1], summary, ...flags };
}
