// `wechat-mp verify URL`: plays WeChat against the user's own server, the URL-verification
// handshake and one text push, and says exactly what the platform would dislike.
import { randomBytes, randomInt } from 'node:crypto';
import { MessageCrypto, WeChatCryptoError } from '../../protocol/crypto.js';
import { WeChatXmlError } from '../../protocol/errors.js';
import { parseReply } from '../../protocol/replies.js';
import { computeSignature } from '../../protocol/signature.js';
import { buildXml, parseXml } from '../../protocol/xml.js';
import type { CliCommand, CliContext } from '../command.js';
import {
  checkAesKey,
  integerFlag,
  parseCommandArgs,
  requireSetting,
  resolveConfig,
  UsageError,
  withUsage,
} from '../config.js';

/** How long WeChat waits for an answer before giving up (and retrying a push). */
export const WECHAT_TIMEOUT_MS = 5000;
/** Answers slower than this pass but are reported: they are close to the 5-second limit. */
export const SLOW_WARNING_MS = 4500;
/** What the user sees in WeChat when a push gets no usable answer. */
const SERVICE_UNAVAILABLE = '「该公众号暂时无法提供服务，请稍后再试」';
/** The text of the test push. */
export const VERIFY_CONTENT = 'wechat-mp verify';

const HELP = `Usage: wechat-mp verify URL [options]

Checks your server as WeChat will see it: the URL-verification handshake made
when you save the server settings (GET with signature, timestamp, nonce and
echostr), then one signed text push from a test follower (POST; encrypted in
compatible and safe mode). Prints one line per check, with a hint for each
failure: unreachable, wrong token, echostr mangled, push refused, a reply that
is not "success" or a valid reply document, addressed to the wrong user, not
encrypted or badly signed in safe mode, or too slow (WeChat waits 5 s).

Options:
  --token T          The Token of the server settings (env WECHAT_TOKEN)
  --app-id ID        The AppID, written into every ciphertext (env WECHAT_APP_ID)
  --aes-key K        The EncodingAESKey, 43 characters (env WECHAT_AES_KEY)
  --mode M           plain, compatible or safe (default safe with an AES key, else plain)
  --original-id ID   The account's gh_ id used as ToUserName (default a random one)
  --timeout MS       How long to wait for each answer (default ${WECHAT_TIMEOUT_MS}, as WeChat)
  -h, --help         Show this help

Flags win over the environment, which wins over a .env file in the current
directory. WeChat only calls ports 80 and 443: check a local server here, then
expose it through a proxy or tunnel before saving the URL on the platform.

Examples:
  wechat-mp verify http://127.0.0.1:3000/wechat --token my-token
  wechat-mp verify https://example.com/wechat --mode safe --app-id wx0123456789abcdef \\
    --aes-key abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG

Exit status: 0 when every check passed, 1 when one failed, 2 on a usage mistake.
`;

const OPTIONS = {
  token: { type: 'string' },
  'app-id': { type: 'string' },
  'aes-key': { type: 'string' },
  mode: { type: 'string' },
  'original-id': { type: 'string' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Mode = 'plain' | 'compatible' | 'safe';

interface Target {
  readonly url: URL;
  readonly token: string;
  readonly mode: Mode;
  readonly appId: string | undefined;
  readonly crypto: MessageCrypto | undefined;
  readonly originalId: string;
  readonly timeoutMs: number;
}

/** What one HTTP exchange gave: an answer, nothing in time, or no connection at all. */
type Exchange =
  | { readonly kind: 'answer'; readonly status: number; readonly body: string; readonly ms: number }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'unreachable'; readonly what: string; readonly hint: string };

/** Prints checks as they are made and remembers whether one failed. */
class Report {
  failed = 0;
  passed = 0;
  constructor(private readonly context: CliContext) {}

  pass(text: string): void {
    this.passed += 1;
    this.context.stdout.write(`  ${this.context.outStyle.green('✓')} ${text}\n`);
  }

  warn(text: string, hint: string): void {
    this.passed += 1;
    const { yellow, dim } = this.context.outStyle;
    this.context.stdout.write(`  ${yellow('!')} ${text}\n      ${dim(`hint: ${hint}`)}\n`);
  }

  fail(text: string, hint: string): void {
    this.failed += 1;
    const { red, dim } = this.context.outStyle;
    this.context.stdout.write(`  ${red('✗')} ${text}\n      ${dim(`hint: ${hint}`)}\n`);
  }

  heading(text: string): void {
    this.context.stdout.write(`${this.context.outStyle.bold(text)}\n`);
  }
}

/** Shows a body as a quoted string: visible newlines and quotes, cut after 120 characters. */
function shown(body: string): string {
  return body.length > 120 ? `${JSON.stringify(body.slice(0, 120))}…` : JSON.stringify(body);
}

/** A random number of `count` digits; 19 digits stay below 2^63, as the platform's MsgIds do. */
function digits(count: number): string {
  let text = String(randomInt(1, 9));
  while (text.length < count) text += String(randomInt(0, 10));
  return text;
}

/** Describes a failed connection from its Node error code. */
function unreachable(error: unknown, url: URL): Exchange {
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
  const nested = (cause as { errors?: unknown[] }).errors?.[0];
  const code = (cause as { code?: unknown }).code ?? (nested as { code?: unknown } | undefined)?.code;
  const where = `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
  const text = typeof code === 'string' ? code : cause instanceof Error ? cause.message : String(cause);
  if (code === 'ECONNREFUSED') {
    return {
      kind: 'unreachable',
      what: `connection refused by ${where}`,
      hint: 'nothing listens there: is your server running, on this port and interface?',
    };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return {
      kind: 'unreachable',
      what: `cannot resolve ${url.hostname} (DNS ${code})`,
      hint: 'check the host name; WeChat resolves it from the public internet',
    };
  }
  if (typeof code === 'string' && /CERT|SELF_SIGNED|TLS|SSL|EPROTO/.test(code)) {
    return {
      kind: 'unreachable',
      what: `TLS handshake with ${where} failed (${code})`,
      hint: 'an https URL needs a valid certificate from a public CA for this host name',
    };
  }
  return {
    kind: 'unreachable',
    what: `cannot connect to ${where} (${text})`,
    hint: 'check that the server is up and reachable from this machine',
  };
}

/** One request as WeChat makes it: no redirects followed, the timeout covering the body. */
async function exchange(url: URL, init: RequestInit, timeoutMs: number): Promise<Exchange> {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await response.text();
    return { kind: 'answer', status: response.status, body, ms: Math.round(performance.now() - started) };
  } catch (error) {
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      return { kind: 'timeout' };
    }
    return unreachable(error, url);
  }
}

function withQuery(url: URL, query: Readonly<Record<string, string>>): URL {
  const target = new URL(url);
  for (const [key, value] of Object.entries(query)) target.searchParams.set(key, value);
  return target;
}

/** The hint for an HTTP status other than 2xx. */
function statusHint(status: number, encrypted: boolean): string {
  if (status === 401 || status === 403) {
    return encrypted
      ? 'your server refused the signature or the ciphertext: the Token, EncodingAESKey and AppID must be the ones of the server-settings page'
      : 'wrong token: the Token saved on the server-settings page (--token) must be the one your server checks signatures with';
  }
  if (status >= 300 && status < 400) return 'WeChat does not follow redirects: configure the final URL';
  if (status === 404) return 'check the path: WeChat calls exactly the URL you save';
  if (status === 405) return 'the URL must accept GET (verification) and POST (pushes)';
  if (status >= 500) return 'your server failed: see its log; WeChat retries a push 3 times, then gives up';
  return 'your server could not read the request; see its log';
}

function tooSlow(report: Report, label: string, ms: number): void {
  if (ms > WECHAT_TIMEOUT_MS) {
    report.fail(
      `${label} in ${ms} ms: too slow`,
      `WeChat gives up after ${WECHAT_TIMEOUT_MS} ms and the user sees ${SERVICE_UNAVAILABLE}; answer "success" at once and reply later with a customer-service message`,
    );
  } else if (ms > SLOW_WARNING_MS) {
    report.warn(
      `${label} in ${ms} ms: close to WeChat's ${WECHAT_TIMEOUT_MS} ms limit`,
      `past ${WECHAT_TIMEOUT_MS} ms the user sees ${SERVICE_UNAVAILABLE}; answer faster or reply later`,
    );
  } else {
    report.pass(`${label} in ${ms} ms (WeChat waits ${WECHAT_TIMEOUT_MS} ms)`);
  }
}

function timedOut(report: Report, label: string, timeoutMs: number): void {
  const limit =
    timeoutMs < WECHAT_TIMEOUT_MS ? ` (--timeout ${timeoutMs}; WeChat waits ${WECHAT_TIMEOUT_MS} ms)` : '';
  report.fail(
    `${label}: no answer within ${timeoutMs} ms${limit}`,
    `too slow: WeChat gives up after ${WECHAT_TIMEOUT_MS} ms and the user sees ${SERVICE_UNAVAILABLE}`,
  );
}

/** Why a body that is not exactly the echostr is wrong. */
function echostrProblem(body: string, echostr: string): { what: string; hint: string } {
  const got = `got ${shown(body)}, expected ${shown(echostr)}`;
  if (body.trim() === echostr) {
    return {
      what: `echostr mangled: surrounding whitespace or a trailing newline (${got})`,
      hint: 'write the echostr as it is, with no newline (res.end(echostr), not println)',
    };
  }
  if (body.trim() === JSON.stringify(echostr)) {
    return {
      what: `echostr mangled: JSON-quoted (${got})`,
      hint: 'answer plain text, not JSON: res.send(echostr) / ctx.body = echostr, not res.json(echostr)',
    };
  }
  if (/^\s*[[{]/.test(body) && body.includes(echostr)) {
    return {
      what: `echostr mangled: wrapped in JSON (${got})`,
      hint: 'answer the echostr alone as the body, not an object holding it',
    };
  }
  if (body.includes(echostr)) {
    return {
      what: `echostr mangled: inside other text (${got})`,
      hint: 'answer the echostr alone as the body: no HTML, prefix or suffix',
    };
  }
  return {
    what: `echostr not returned (${got})`,
    hint: 'usually a wrong token (the signature check failed and the server still answered 200), or a handler that does not echo the echostr query parameter',
  };
}

/** Step 1: the URL-verification GET. Returns false when the server cannot be reached at all. */
async function checkHandshake(target: Target, report: Report): Promise<boolean> {
  report.heading('URL verification (GET)');
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = digits(10);
  const echostr = digits(19);
  const signature = computeSignature(target.token, timestamp, nonce);
  const answer = await exchange(
    withQuery(target.url, { signature, echostr, timestamp, nonce }),
    { method: 'GET' },
    target.timeoutMs,
  );
  if (answer.kind === 'unreachable') {
    report.fail(`server unreachable: ${answer.what}`, answer.hint);
    return false;
  }
  if (answer.kind === 'timeout') {
    timedOut(report, 'verification', target.timeoutMs);
    return true;
  }
  if (answer.status < 200 || answer.status > 299) {
    report.fail(
      `verification refused: HTTP ${answer.status}${answer.body === '' ? '' : ` ${shown(answer.body)}`}`,
      statusHint(answer.status, false),
    );
    return true;
  }
  if (answer.body === echostr) report.pass(`echostr returned exactly (HTTP ${answer.status})`);
  else {
    const problem = echostrProblem(answer.body, echostr);
    report.fail(problem.what, problem.hint);
  }
  if (answer.ms > SLOW_WARNING_MS) tooSlow(report, 'verification answered', answer.ms);
  return true;
}

/** The push WeChat would send for a follower's text, sealed for the mode. */
function buildPush(target: Target, openid: string): { url: URL; body: string } {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = digits(10);
  const fields = {
    ToUserName: target.originalId,
    FromUserName: openid,
    CreateTime: Number(timestamp),
    MsgType: 'text',
    Content: VERIFY_CONTENT,
    MsgId: BigInt(digits(19)),
  };
  const document = buildXml('xml', fields);
  const query = { signature: computeSignature(target.token, timestamp, nonce), timestamp, nonce, openid };
  if (target.crypto === undefined) return { url: withQuery(target.url, query), body: document };
  const { encrypt, msgSignature } = target.crypto.encrypt(document, { timestamp, nonce });
  // Safe mode sends only the addressee and the ciphertext; compatible mode both texts.
  const envelope = target.mode === 'safe' ? { ToUserName: target.originalId } : fields;
  return {
    url: withQuery(target.url, { ...query, encrypt_type: 'aes', msg_signature: msgSignature }),
    body: buildXml('xml', { ...envelope, Encrypt: encrypt }),
  };
}

/** Opens the reply document: the body itself, or what its `<Encrypt>` holds once checked. */
function openReply(body: string, target: Target, report: Report): string | undefined {
  let fields: Record<string, unknown>;
  try {
    const root = parseXml(body).value;
    fields = typeof root === 'object' && !Array.isArray(root) ? root : {};
  } catch (error) {
    report.fail(
      `reply is neither "success" nor well-formed XML: ${(error as Error).message} (got ${shown(body)})`,
      'answer "success", an empty body, or a reply document; not JSON, HTML or hand-built XML with unescaped text',
    );
    return undefined;
  }
  if (fields.Encrypt === undefined) {
    if (target.mode === 'safe') {
      report.fail(
        'reply is not encrypted: in safe mode WeChat drops plaintext replies',
        'encrypt the reply with the EncodingAESKey (MessageCrypto.encryptReply, or createWebhook({ encodingAESKey }))',
      );
      return undefined;
    }
    return body;
  }
  if (target.crypto === undefined) {
    report.fail(
      'reply is encrypted but the push was plain',
      'in plain mode answer a plaintext reply, or run verify with --aes-key and --mode safe',
    );
    return undefined;
  }
  const [encrypt, msgSignature, timestamp, nonce] = ['Encrypt', 'MsgSignature', 'TimeStamp', 'Nonce'].map(
    (name) => (typeof fields[name] === 'string' ? (fields[name] as string) : ''),
  ) as [string, string, string, string];
  if (msgSignature === '' || timestamp === '' || nonce === '') {
    report.fail(
      'encrypted reply lacks <MsgSignature>, <TimeStamp> or <Nonce>',
      'an encrypted reply is <xml><Encrypt/><MsgSignature/><TimeStamp/><Nonce/></xml>',
    );
    return undefined;
  }
  if (!target.crypto.verify({ msgSignature, timestamp, nonce, encrypt })) {
    report.fail(
      'reply has a bad MsgSignature',
      'sign sha1(sort(token, TimeStamp, Nonce, Encrypt)) with the Token of the server settings',
    );
    return undefined;
  }
  try {
    const { message } = target.crypto.decrypt(encrypt);
    report.pass(`reply encrypted, MsgSignature valid, for appid ${target.appId ?? ''}`);
    return message;
  } catch (error) {
    if (error instanceof WeChatCryptoError && error.codeName === 'ValidateAppidError') {
      report.fail(
        `reply encrypted for the wrong appid: ${error.message}`,
        'the server must encrypt with the AppID of this account (--app-id)',
      );
    } else {
      report.fail(
        `cannot decrypt the reply: ${(error as Error).message}`,
        'the server must encrypt with the EncodingAESKey of the server settings (--aes-key)',
      );
    }
    return undefined;
  }
}

/** Step 2: one text push, and what came back. */
async function checkPush(target: Target, report: Report): Promise<void> {
  const openid = `o${randomBytes(21).toString('base64url').slice(0, 27)}`;
  report.heading(`Message push (POST, ${target.mode} mode, text "${VERIFY_CONTENT}" from ${openid})`);
  const push = buildPush(target, openid);
  const answer = await exchange(
    push.url,
    { method: 'POST', headers: { 'content-type': 'text/xml' }, body: push.body },
    target.timeoutMs,
  );
  if (answer.kind === 'unreachable') {
    report.fail(`server unreachable: ${answer.what}`, answer.hint);
    return;
  }
  if (answer.kind === 'timeout') {
    timedOut(report, 'push', target.timeoutMs);
    return;
  }
  if (answer.status < 200 || answer.status > 299) {
    const hint = /appid/i.test(answer.body)
      ? 'your server decrypted the push for another AppID: --app-id must be the AppID your server is configured with'
      : statusHint(answer.status, target.crypto !== undefined);
    report.fail(
      `push refused: HTTP ${answer.status}${answer.body === '' ? '' : ` ${shown(answer.body)}`}`,
      `${hint}; the user sees ${SERVICE_UNAVAILABLE}`,
    );
    return;
  }
  report.pass(`push accepted (HTTP ${answer.status})`);
  const body = answer.body.trim();
  if (body === '' || body === 'success') {
    report.pass(`answered ${body === '' ? 'an empty body' : '"success"'}: no passive reply`);
  } else {
    checkReply(openReply(body, target, report), target, openid, report);
  }
  tooSlow(report, 'answered', answer.ms);
}

function checkReply(xml: string | undefined, target: Target, openid: string, report: Report): void {
  if (xml === undefined) return;
  let parsed: ReturnType<typeof parseReply>;
  try {
    parsed = parseReply(xml);
  } catch (error) {
    if (error instanceof WeChatXmlError) {
      report.fail(
        `reply is not well-formed XML: ${error.message} (got ${shown(xml)})`,
        'build the reply with an XML writer (renderReply) and wrap text in CDATA',
      );
    } else {
      report.fail(
        `reply is not a valid passive reply: ${(error as Error).message}`,
        'a reply needs ToUserName, FromUserName, CreateTime, MsgType and the fields of its type',
      );
    }
    return;
  }
  const { reply, to, from } = parsed;
  const summary = reply.type === 'text' ? `text ${shown(reply.content)}` : reply.type;
  report.pass(`reply is a well-formed ${summary} reply`);
  if (to === openid && from === target.originalId) {
    report.pass(`reply addressed to the follower ${openid} from ${target.originalId}`);
  } else {
    report.fail(
      `reply addressed wrongly: ToUserName ${shown(to)}, FromUserName ${shown(from)} (expected ${openid} and ${target.originalId})`,
      "ToUserName must be the push's FromUserName (the follower) and FromUserName the push's ToUserName (the account)",
    );
  }
}

/** Reads the arguments into a {@link Target}, or 'help'. */
function parseTarget(args: readonly string[], context: CliContext): Target | 'help' {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (values.help === true) return 'help';
  const [text, ...extra] = positionals;
  if (text === undefined) throw new UsageError('missing the URL of your server');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (!/^https?:\/\//i.test(text) || !URL.canParse(text)) {
    throw new UsageError(`the URL must be an http:// or https:// URL, not "${text}"`);
  }
  const config = resolveConfig(
    { token: values.token, appId: values['app-id'], aesKey: values['aes-key'] },
    { env: context.env },
  );
  const token = requireSetting(config, 'token', 'Token of the server settings');
  const key = config.aesKey === undefined ? undefined : checkAesKey(config.aesKey);
  const mode = values.mode ?? (key === undefined ? 'plain' : 'safe');
  if (mode !== 'plain' && mode !== 'compatible' && mode !== 'safe') {
    throw new UsageError('--mode must be one of plain, compatible, safe');
  }
  let crypto: MessageCrypto | undefined;
  if (mode !== 'plain') {
    if (key === undefined) throw new UsageError(`${mode} mode needs the EncodingAESKey: pass --aes-key`);
    const appId = requireSetting(config, 'appId', `AppID (${mode} mode encrypts for it)`);
    crypto = new MessageCrypto({ token, encodingAESKey: key, appId });
  }
  const originalId = values['original-id'] ?? `gh_${randomBytes(6).toString('hex')}`;
  if (originalId === '') throw new UsageError('--original-id must not be empty');
  return {
    url: new URL(text),
    token,
    mode,
    appId: config.appId?.value,
    crypto,
    originalId,
    timeoutMs:
      values.timeout === undefined ? WECHAT_TIMEOUT_MS : integerFlag(values.timeout, '--timeout', 1, 600_000),
  };
}

/** `wechat-mp verify URL`: the handshake and a push, checked like the platform does. */
export const verifyCommand: CliCommand = {
  name: 'verify',
  synopsis: '<url>',
  summary: 'Check your server as WeChat will: URL verification and a signed push',
  help: HELP,
  run: (args, context) =>
    withUsage('verify', context, async () => {
      const target = parseTarget(args, context);
      if (target === 'help') {
        context.stdout.write(HELP);
        return 0;
      }
      const report = new Report(context);
      const { dim } = context.outStyle;
      context.stdout.write(`Verifying ${target.url.href} as WeChat would (${target.mode} mode)\n\n`);
      if (await checkHandshake(target, report)) {
        context.stdout.write('\n');
        await checkPush(target, report);
      }
      const port = target.url.port;
      if (port !== '' && port !== '80' && port !== '443') {
        context.stdout.write(
          `\n${dim(`note: WeChat only calls ports 80 and 443; put port ${port} behind a proxy or tunnel before saving the URL`)}\n`,
        );
      }
      const total = report.passed + report.failed;
      context.stdout.write(
        report.failed === 0
          ? `\n${context.outStyle.green(`All ${total} checks passed.`)}\n`
          : `\n${context.outStyle.red(`${report.failed} of ${total} checks failed.`)}\n`,
      );
      return report.failed === 0 ? 0 : 1;
    }),
};
