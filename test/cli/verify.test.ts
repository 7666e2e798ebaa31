import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { createWebhook, MessageCrypto, parseXml, toNodeHandler } from '../../src/index.js';
import { runCaptured } from '../helpers/cli.js';

const TOKEN = 'verify-token';
const APP_ID = 'wx0123456789abcdef';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const SAFE = ['--token', TOKEN, '--app-id', APP_ID, '--aes-key', AES_KEY];
const silent = { info() {}, warn() {}, error() {} };

const run = (argv: string[], env: Record<string, string> = {}) => runCaptured(['verify', ...argv], { env });

const servers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((close) => close()));
});

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

/** Starts a server on a free port; it is closed after the test. */
async function serve(handler: Handler | ReturnType<typeof toNodeHandler>, raw = false): Promise<string> {
  const server = createServer((req, res) => {
    if (raw) {
      (handler as ReturnType<typeof toNodeHandler>)(req, res);
      return;
    }
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => (handler as Handler)(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat`;
}

/** A bot built with createWebhook, answering every text with 你说：… */
async function bot(options: { token: string; appId?: string; encodingAESKey?: string }): Promise<string> {
  const app = createWebhook({ ...options, logger: silent });
  app.on('text', (ctx) => `你说：${ctx.message.Content}`);
  return serve(toNodeHandler(app), true);
}

/** A hand-written server: echoes the echostr (unless told otherwise) and answers pushes with `reply`. */
function handRolled(reply: (body: string) => string, echo = (echostr: string) => echostr): Handler {
  return (req, res, body) => {
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(req.method === 'GET' ? echo(query.get('echostr') ?? '') : reply(body));
  };
}

const strayReply =
  '<xml><ToUserName><![CDATA[oSomeoneElse]]></ToUserName><FromUserName><![CDATA[gh_000000000000]]></FromUserName>' +
  '<CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content></xml>';

describe('wechat-mp verify against a correct webhook', () => {
  test('plain mode: every check passes, exit 0', async () => {
    const url = await bot({ token: TOKEN });
    const { code, stdout, stderr } = await run([url, '--token', TOKEN]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('✓ echostr returned exactly (HTTP 200)');
    expect(stdout).toContain('✓ push accepted (HTTP 200)');
    expect(stdout).toContain('✓ reply is a well-formed text "你说：wechat-mp verify" reply');
    expect(stdout).toMatch(/✓ reply addressed to the follower o\S{27} from gh_[0-9a-f]{12}/);
    expect(stdout).toMatch(/✓ answered in \d+ ms/);
    expect(stdout).not.toContain('✗');
    expect(stdout).toContain('All 5 checks passed.');
    expect(stdout).not.toContain('\u001b[');
  });

  test('safe mode: the push is encrypted and the encrypted reply is checked, exit 0', async () => {
    const url = await bot({ token: TOKEN, appId: APP_ID, encodingAESKey: AES_KEY });
    const { code, stdout } = await run([url, ...SAFE]);
    expect(code).toBe(0);
    expect(stdout).toContain('as WeChat would (safe mode)');
    expect(stdout).toContain(`✓ reply encrypted, MsgSignature valid, for appid ${APP_ID}`);
    expect(stdout).toContain('✓ reply is a well-formed text "你说：wechat-mp verify" reply');
    expect(stdout).toContain('All 6 checks passed.');
  });

  test('compatible mode, with the settings taken from the environment', async () => {
    const url = await bot({ token: TOKEN, appId: APP_ID, encodingAESKey: AES_KEY });
    const { code, stdout } = await run([url, '--mode', 'compatible'], {
      WECHAT_TOKEN: TOKEN,
      WECHAT_APP_ID: APP_ID,
      WECHAT_AES_KEY: AES_KEY,
    });
    expect(code).toBe(0);
    expect(stdout).toContain('(compatible mode)');
    expect(stdout).not.toContain('✗');
  });

  test('a server answering "success" passes without a reply', async () => {
    const url = await serve(handRolled(() => 'success'));
    const { code, stdout } = await run([url, '--token', TOKEN]);
    expect(code).toBe(0);
    expect(stdout).toContain('✓ answered "success": no passive reply');
  });
});

describe('wechat-mp verify reports what is wrong', () => {
  test('wrong token: the handshake and the push are refused with 401', async () => {
    const url = await bot({ token: 'another-token' });
    const { code, stdout } = await run([url, '--token', TOKEN]);
    expect(code).toBe(1);
    expect(stdout).toContain('✗ verification refused: HTTP 401');
    expect(stdout).toContain('✗ push refused: HTTP 401');
    expect(stdout).toContain('hint: wrong token');
    expect(stdout).toContain('2 of 2 checks failed.');
  });

  test('wrong token on a server that answers 200 anyway: echostr not returned', async () => {
    const url = await serve(
      handRolled(
        () => 'success',
        () => 'invalid signature',
      ),
    );
    const { code, stdout } = await run([url, '--token', TOKEN]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/✗ echostr not returned \(got "invalid signature", expected "\d{19}"\)/);
    expect(stdout).toContain('usually a wrong token');
  });

  test('a JSON-quoted echostr is shown as it came back', async () => {
    const url = await serve(
      handRolled(
        () => 'success',
        (echostr) => JSON.stringify(echostr),
      ),
    );
    const { code, stdout } = await run([url, '--token', TOKEN]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/✗ echostr mangled: JSON-quoted \(got "\\"\d{19}\\"", expected "\d{19}"\)/);
    expect(stdout).toContain('not res.json(echostr)');
    expect(stdout).toContain('✓ answered "success"');
  });

  test('an echostr with a trailing newline, and one wrapped in a JSON object', async () => {
    const newline = await serve(
      handRolled(
        () => 'success',
        (echostr) => `${echostr}\n`,
      ),
    );
    const first = await run([newline, '--token', TOKEN]);
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(
      /✗ echostr mangled: surrounding whitespace or a trailing newline \(got "\d{19}\\n"/,
    );

    const wrapped = await serve(
      handRolled(
        () => 'success',
        (echostr) => JSON.stringify({ echostr }),
      ),
    );
    const second = await run([wrapped, '--token', TOKEN]);
    expect(second.code).toBe(1);
    expect(second.stdout).toContain('✗ echostr mangled: wrapped in JSON');
  });

  test('a server slower than --timeout: both requests time out', async () => {
    const timers = new Set<NodeJS.Timeout>();
    servers.push(async () => {
      for (const timer of timers) clearTimeout(timer);
    });
    const url = await serve((req, res, body) => {
      const timer = setTimeout(() => handRolled(() => 'success')(req, res, body), 600);
      timers.add(timer);
    });
    const { code, stdout } = await run([url, '--token', TOKEN, '--timeout', '300']);
    expect(code).toBe(1);
    expect(stdout).toContain('✗ verification: no answer within 300 ms (--timeout 300; WeChat waits 5000 ms)');
    expect(stdout).toContain('✗ push: no answer within 300 ms');
    expect(stdout).toContain('「该公众号暂时无法提供服务，请稍后再试」');
  });

  test('a reply that is not well-formed XML', async () => {
    const url = await serve(handRolled(() => '<xml><ToUserName>oops</xml>'));
    const { code, stdout } = await run([url, '--token', TOKEN]);
    expect(code).toBe(1);
    expect(stdout).toContain('✓ push accepted (HTTP 200)');
    expect(stdout).toMatch(
      /✗ reply is neither "success" nor well-formed XML: .*\(got "<xml><ToUserName>oops<\/xml>"\)/,
    );
  });

  test('a reply addressed to someone else', async () => {
    const url = await serve(handRolled(() => strayReply));
    const { code, stdout } = await run([url, '--token', TOKEN]);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /✗ reply addressed wrongly: ToUserName "oSomeoneElse", FromUserName "gh_000000000000"/,
    );
  });

  test('safe mode: a plaintext reply, and a reply encrypted for another appid', async () => {
    const plain = await serve(handRolled(() => strayReply));
    const first = await run([plain, ...SAFE]);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('✗ reply is not encrypted: in safe mode WeChat drops plaintext replies');

    const foreign = new MessageCrypto({ token: TOKEN, encodingAESKey: AES_KEY, appId: 'wxffffffffffffffff' });
    const other = await serve(handRolled(() => foreign.encryptReply(strayReply)));
    const second = await run([other, ...SAFE]);
    expect(second.code).toBe(1);
    expect(second.stdout).toContain('✗ reply encrypted for the wrong appid');

    const signedWrong = new MessageCrypto({ token: 'x', encodingAESKey: AES_KEY, appId: APP_ID });
    const third = await run([await serve(handRolled(() => signedWrong.encryptReply(strayReply))), ...SAFE]);
    expect(third.code).toBe(1);
    expect(third.stdout).toContain('✗ reply has a bad MsgSignature');
  });

  test('safe mode: a server configured with another AppID refuses the push', async () => {
    const url = await bot({ token: TOKEN, appId: 'wxffffffffffffffff', encodingAESKey: AES_KEY });
    const { code, stdout } = await run([url, ...SAFE]);
    expect(code).toBe(1);
    expect(stdout).toContain('✓ echostr returned exactly');
    expect(stdout).toContain('✗ push refused: HTTP 401');
    expect(stdout).toContain('another AppID');
  });

  test('the push is built like the platform: query, envelope and plaintext', async () => {
    let seen: { query: URLSearchParams; body: string } | undefined;
    const url = await serve((req, res, body) => {
      if (req.method === 'POST') seen = { query: new URL(req.url ?? '/', 'http://x').searchParams, body };
      handRolled(() => 'success')(req, res, body);
    });
    expect((await run([url, ...SAFE, '--original-id', 'gh_0123456789ab'])).code).toBe(0);
    expect(seen).toBeDefined();
    const query = seen?.query ?? new URLSearchParams();
    expect([...query.keys()].sort()).toEqual(
      ['encrypt_type', 'msg_signature', 'nonce', 'openid', 'signature', 'timestamp'].sort(),
    );
    expect(query.get('encrypt_type')).toBe('aes');
    const envelope = parseXml(seen?.body ?? '').value as Record<string, string>;
    expect(Object.keys(envelope)).toEqual(['ToUserName', 'Encrypt']);
    expect(envelope.ToUserName).toBe('gh_0123456789ab');
    const crypto = new MessageCrypto({ token: TOKEN, encodingAESKey: AES_KEY, appId: APP_ID });
    const message = parseXml(crypto.decrypt(envelope.Encrypt ?? '').message).value as Record<string, string>;
    expect(message).toMatchObject({
      ToUserName: 'gh_0123456789ab',
      FromUserName: query.get('openid'),
      MsgType: 'text',
      Content: 'wechat-mp verify',
    });
    expect(message.MsgId).toMatch(/^\d{19}$/);
  });

  test('an unreachable port: connection refused, nothing else tried', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const { code, stdout } = await run([`http://127.0.0.1:${port}/wechat`, '--token', TOKEN]);
    expect(code).toBe(1);
    expect(stdout).toContain(`✗ server unreachable: connection refused by 127.0.0.1:${port}`);
    expect(stdout).toContain('hint: nothing listens there');
    expect(stdout).not.toContain('Message push');
    expect(stdout).toContain('1 of 1 checks failed.');
  });
});

describe('wechat-mp verify usage', () => {
  test('--help prints the help', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: wechat-mp verify URL [options]');
  });

  test.each([
    [['http://127.0.0.1/x'], 'missing the Token of the server settings'],
    [['--token', 't'], 'missing the URL of your server'],
    [['ftp://x', '--token', 't'], 'must be an http:// or https:// URL'],
    [['http://x/', '--token', 't', '--mode', 'safe'], 'safe mode needs the EncodingAESKey'],
    [['http://x/', '--token', 't', '--aes-key', AES_KEY], 'missing the AppID'],
    [['http://x/', '--token', 't', '--aes-key', 'short'], '--aes-key must be an EncodingAESKey'],
    [['http://x/', '--token', 't', '--mode', 'secure'], '--mode must be one of plain, compatible, safe'],
    [['http://x/', '--token', 't', '--timeout', '0'], '--timeout must be an integer from 1 to 600000'],
    [['http://x/', '--token', 't', '--bogus'], 'unknown option "--bogus"'],
  ])('%j is a usage error', async (args, message) => {
    const { code, stdout, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).toContain('Run "wechat-mp verify --help"');
  });
});
