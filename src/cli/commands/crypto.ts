// `wechat-mp crypto decrypt|encrypt`: the message encryption of compatible and safe mode, for
// looking into captured pushes and replies by hand.
import { readFile } from 'node:fs/promises';
import { MessageCrypto, WeChatCryptoError } from '../../protocol/crypto.js';
import { parseXml } from '../../protocol/xml.js';
import type { CliCommand, CliContext } from '../command.js';
import {
  integerFlag,
  parseCommandArgs,
  readStream,
  requireSetting,
  resolveConfig,
  UsageError,
  withUsage,
} from '../config.js';

const HELP = `Usage: wechat-mp crypto decrypt [options] (CIPHERTEXT | --xml FILE | -)
       wechat-mp crypto encrypt [options] (XML | -)

decrypt   Decrypts the Encrypt value of a captured push or reply, or a whole
          captured body (--xml FILE, or - with a body starting with "<"), and
          prints the plaintext XML. The msg_signature is verified when given
          (--msg-signature, --timestamp, --nonce, as in the push's query string)
          or when the body holds MsgSignature, TimeStamp and Nonce (a reply).
encrypt   Encrypts a reply document and prints the safe-mode reply:
          <xml><Encrypt/><MsgSignature/><TimeStamp/><Nonce/></xml>.

Options:
  --token T            The Token of the server settings (env WECHAT_TOKEN);
                       needed to sign, and to verify a msg_signature
  --aes-key K          The EncodingAESKey, 43 characters (env WECHAT_AES_KEY)
  --app-id ID          The AppID (env WECHAT_APP_ID)
  --msg-signature S    decrypt: the msg_signature to verify
  --timestamp T        The timestamp signed (encrypt: default now)
  --nonce N            The nonce signed (encrypt: default random)
  --xml FILE           decrypt: read a whole body from FILE (- for stdin)
  -h, --help           Show this help

Flags win over the environment, which wins over a .env file in the current
directory.

Examples:
  wechat-mp crypto decrypt --xml push.xml --msg-signature 5d19… --timestamp 1409735669 --nonce 1320562132
  echo '<xml>…</xml>' | wechat-mp crypto encrypt - --timestamp 1700000000 --nonce abc

Exit status: 0 on success; 1 when a crypto check fails, printed with the official
error code and name (-40001 ValidateSignatureError … -40011 GenReturnXmlError);
2 on a usage mistake.
`;

const OPTIONS = {
  token: { type: 'string' },
  'aes-key': { type: 'string' },
  'app-id': { type: 'string' },
  'msg-signature': { type: 'string' },
  timestamp: { type: 'string' },
  nonce: { type: 'string' },
  xml: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseCommandArgs<typeof OPTIONS>>['values'];

/** What decrypt works on: the ciphertext and any signature fields found in a body. */
interface Captured {
  readonly encrypt: string;
  readonly fields: Readonly<Record<string, string>>;
}

/** Reads a captured body: its Encrypt and the signature fields of a reply document. */
function fromBody(body: string, where: string): Captured {
  let root: unknown;
  try {
    root = parseXml(body.trim()).value;
  } catch (error) {
    throw new WeChatCryptoError('ParseXmlError', `${where} is not XML: ${(error as Error).message}`);
  }
  const element = (name: string) => {
    const value =
      typeof root === 'object' && root !== null ? (root as Record<string, unknown>)[name] : undefined;
    return typeof value === 'string' ? value.trim() : undefined;
  };
  const encrypt = element('Encrypt');
  if (encrypt === undefined || encrypt === '') {
    throw new WeChatCryptoError('ParseXmlError', `${where} has no <Encrypt> element`);
  }
  const fields: Record<string, string> = {};
  for (const name of ['MsgSignature', 'TimeStamp', 'Nonce']) {
    const value = element(name);
    if (value !== undefined && value !== '') fields[name] = value;
  }
  return { encrypt, fields };
}

async function readCaptured(values: Values, positionals: readonly string[], context: CliContext) {
  if (values.xml !== undefined) {
    if (positionals.length > 0) throw new UsageError('give either --xml FILE or a ciphertext, not both');
    const body = values.xml === '-' ? await readStream(context.stdin) : await readText(values.xml);
    return fromBody(body, values.xml === '-' ? 'stdin' : values.xml);
  }
  const [input, ...extra] = positionals;
  if (input === undefined) throw new UsageError('missing the ciphertext (or --xml FILE, or - for stdin)');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const text = input === '-' ? (await readStream(context.stdin)).trim() : input.trim();
  return text.startsWith('<') ? fromBody(text, 'stdin') : { encrypt: text, fields: {} };
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

async function decrypt(values: Values, positionals: readonly string[], context: CliContext) {
  const config = resolveConfig(
    { token: values.token, aesKey: values['aes-key'], appId: values['app-id'] },
    { env: context.env },
  );
  const encodingAESKey = requireSetting(config, 'aesKey', 'EncodingAESKey');
  const appId = requireSetting(config, 'appId', 'AppID');
  const { encrypt, fields } = await readCaptured(values, positionals, context);
  const msgSignature = values['msg-signature'] ?? fields.MsgSignature;
  const timestamp = values.timestamp ?? fields.TimeStamp;
  const nonce = values.nonce ?? fields.Nonce;
  if (msgSignature !== undefined && (timestamp === undefined || nonce === undefined)) {
    throw new UsageError('verifying a msg_signature needs --timestamp and --nonce too');
  }
  const token =
    msgSignature === undefined ? (config.token?.value ?? '') : requireSetting(config, 'token', 'Token');
  const crypto = new MessageCrypto({ token, encodingAESKey, appId });
  if (msgSignature !== undefined && timestamp !== undefined && nonce !== undefined) {
    if (!crypto.verify({ msgSignature, timestamp, nonce, encrypt })) {
      throw new WeChatCryptoError(
        'ValidateSignatureError',
        'msg_signature does not match token, timestamp, nonce and ciphertext',
      );
    }
  }
  const { message } = crypto.decrypt(encrypt);
  context.stderr.write(
    msgSignature === undefined
      ? `${context.errStyle.dim('msg_signature not checked (pass --msg-signature, --timestamp and --nonce)')}\n`
      : `${context.errStyle.green('✓')} msg_signature verified, appid ${appId}\n`,
  );
  context.stdout.write(message.endsWith('\n') ? message : `${message}\n`);
}

async function encrypt(values: Values, positionals: readonly string[], context: CliContext) {
  const config = resolveConfig(
    { token: values.token, aesKey: values['aes-key'], appId: values['app-id'] },
    { env: context.env },
  );
  const token = requireSetting(config, 'token', 'Token');
  const encodingAESKey = requireSetting(config, 'aesKey', 'EncodingAESKey');
  const appId = requireSetting(config, 'appId', 'AppID');
  if (values.xml !== undefined || values['msg-signature'] !== undefined) {
    throw new UsageError('--xml and --msg-signature are options of decrypt');
  }
  const [input, ...extra] = positionals;
  if (input === undefined) throw new UsageError('missing the XML to encrypt (or - for stdin)');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const xml = input === '-' ? (await readStream(context.stdin)).trim() : input;
  const options: { timestamp?: number; nonce?: string } = {};
  if (values.timestamp !== undefined) {
    options.timestamp = integerFlag(values.timestamp, '--timestamp', 0, 0xffff_ffff);
  }
  if (values.nonce !== undefined) {
    if (values.nonce === '') throw new UsageError('--nonce must not be empty');
    options.nonce = values.nonce;
  }
  context.stdout.write(`${new MessageCrypto({ token, encodingAESKey, appId }).encryptReply(xml, options)}\n`);
}

async function runCrypto(args: readonly string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (values.help === true) {
    context.stdout.write(HELP);
    return 0;
  }
  const [action, ...rest] = positionals;
  if (action !== 'decrypt' && action !== 'encrypt') {
    throw new UsageError(
      action === undefined ? 'missing the action: decrypt or encrypt' : `unknown action "${action}"`,
    );
  }
  try {
    await (action === 'decrypt' ? decrypt(values, rest, context) : encrypt(values, rest, context));
    return 0;
  } catch (error) {
    if (!(error instanceof WeChatCryptoError)) throw error;
    const reason = error.message.replace(/ \[-\d+ \w+\]$/, '');
    context.stderr.write(
      `${context.errStyle.red(`wechat-mp crypto ${action}:`)} ${error.code} ${error.codeName}: ${reason}\n`,
    );
    return 1;
  }
}

/** `wechat-mp crypto decrypt|encrypt`: message encryption by hand. */
export const cryptoCommand: CliCommand = {
  name: 'crypto',
  synopsis: 'decrypt|encrypt',
  summary: 'Decrypt a captured push or reply, or encrypt a reply (safe mode)',
  help: HELP,
  run: (args, context) => withUsage('crypto', context, () => runCrypto(args, context)),
};
