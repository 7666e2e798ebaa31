import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEmulator } from '../../src/emulator.js';
import { APP_ID, APP_SECRET, type EmulatorHarness, RID_SUFFIX, startHarness } from './helpers.js';

/** Every WeChat API route the emulator serves, with its method. */
const API_ROUTES: readonly (readonly [string, string])[] = [
  ['GET', '/cgi-bin/token'],
  ['POST', '/cgi-bin/stable_token'],
  ['GET', '/cgi-bin/ticket/getticket'],
  ['GET', '/cgi-bin/getcallbackip'],
  ['GET', '/cgi-bin/get_api_domain_ip'],
  ['POST', '/cgi-bin/openapi/quota/get'],
  ['POST', '/cgi-bin/clear_quota'],
  ['POST', '/cgi-bin/clear_quota/v2'],
  ['POST', '/cgi-bin/openapi/rid/get'],
  ['POST', '/cgi-bin/callback/check'],
];

/**
 * Every control route, by path (`:openid` is filled in per run). The emulator runs without a
 * webhook, so `send` and `verify` answer 409: they are fuzzed all the same.
 */
const CONTROL_PATHS: readonly string[] = [
  '/emulator/users',
  '/emulator/users/:openid',
  '/emulator/users/:openid/send',
  '/emulator/users/:openid/inbox',
  '/emulator/app',
  '/emulator/stats',
  '/emulator/clock',
  '/emulator/faults',
  '/emulator/verify',
];

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'] as const;
const KNOWN_OPENID = 'oFuzzKnownUser';
/** Replaced by a freshly issued access token when the request is made. */
const VALID_TOKEN = '\u0000valid-token';
const NUM_RUNS = 250;

type Body = string | Uint8Array | undefined;

interface Answer {
  status: number;
  contentType: string | null;
  text: string;
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

const jsonText = fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value));

/** A JSON object with the fields API handlers read, holding random or plausible values. */
const apiObject = fc
  .dictionary(
    fc.constantFrom(
      'grant_type',
      'appid',
      'secret',
      'appsecret',
      'force_refresh',
      'cgi_path',
      'rid',
      'type',
      'action',
      'check_operator',
    ),
    fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom(
        APP_ID,
        APP_SECRET,
        'client_credential',
        '/cgi-bin/token',
        '/cgi-bin/stable_token',
        '/sns/oauth2/access_token',
        'jsapi',
        'all',
        'ping',
        'UNICOM',
        true,
        false,
        '01234567-89abcdef-01234567',
      ),
    ),
    { maxKeys: 6 },
  )
  .map((value) => JSON.stringify(value));

/**
 * A JSON object with the fields control handlers read. Fault delays and counts are kept tiny and
 * webhooks invalid, so the fuzz neither sleeps nor starts pushing anywhere.
 */
const controlObject = fc
  .dictionary(
    fc.constantFrom(
      'openid',
      'nickname',
      'subscribed',
      'mode',
      'accountType',
      'token',
      'encodingAESKey',
      'webhook',
      'advanceSeconds',
      'path',
      'errcode',
      'delayMs',
      'times',
      'MsgType',
      'Content',
    ),
    fc.oneof(
      fc.jsonValue({ maxDepth: 1 }),
      fc.constantFrom(
        KNOWN_OPENID,
        'plain',
        'compatible',
        'service',
        'subscription',
        '/cgi-bin/getcallbackip',
        '/cgi-bin/token',
        -1,
        0,
        1,
        45009,
        3600,
        true,
        'text',
      ),
    ),
    { maxKeys: 6 },
  )
  .map((value) => {
    const safe: Record<string, unknown> = { ...value };
    if (typeof safe.delayMs === 'number') safe.delayMs = Math.min(Math.abs(safe.delayMs), 3);
    if (typeof safe.times === 'number') safe.times = Math.min(safe.times, 3);
    if ('webhook' in safe) safe.webhook = 'not-an-http-url';
    return JSON.stringify(safe);
  });

function bodies(objects: fc.Arbitrary<string>): fc.Arbitrary<Body> {
  return fc.oneof(
    fc.constant(undefined),
    fc.constant(''),
    fc.string({ unit: 'binary', maxLength: 200 }),
    jsonText,
    fc.uint8Array({ maxLength: 200 }),
    objects,
  );
}

/** Random query parameters (some with the names routes read) plus a raw, possibly malformed, tail. */
const query = fc.record({
  params: fc.array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom('access_token', 'appid', 'secret', 'appsecret', 'grant_type', 'type'),
        fc.string({ maxLength: 10 }),
      ),
      fc.oneof(
        fc.constant(VALID_TOKEN),
        fc.constantFrom(APP_ID, APP_SECRET, 'client_credential', 'jsapi', 'wx_card', ''),
        fc.string({ unit: 'binary', maxLength: 30 }),
      ),
    ),
    { maxLength: 5 },
  ),
  raw: fc.oneof(
    fc.constant(''),
    fc.string({ maxLength: 30 }),
    fc.constantFrom('%', '%zz', '%E0%A4%A', 'a=%ff', '&&==&', 'access_token'),
  ),
});

/** A value for `:openid`: the known user, or a random segment (percent signs left raw on purpose). */
const openidSegment = fc.oneof(
  fc.constant(KNOWN_OPENID),
  fc.string({ maxLength: 20 }).map((value) => encodeURIComponent(value)),
  fc.string({ unit: 'binary', maxLength: 20 }).map((value) => value.replace(/[/?#\\]/g, '')),
  fc.constantFrom('%', '%zz', 'constructor', '__proto__', 'toString', '..', '.'),
);

// ---------------------------------------------------------------------------------------------
// Requests and checks

let harness: EmulatorHarness;

async function freshToken(): Promise<string> {
  const response = await fetch(
    `${harness.url}/cgi-bin/token?grant_type=client_credential&appid=${APP_ID}&secret=${APP_SECRET}`,
  );
  const body = (await response.json()) as { access_token?: string };
  return body.access_token ?? 'no-token';
}

async function send(
  method: string,
  pathAndQuery: string,
  body: Body,
): Promise<{ answer: Answer; pathname: string }> {
  const url = `${harness.url}${pathAndQuery}`;
  const withBody = body !== undefined && method !== 'GET' && method !== 'HEAD';
  const response = await fetch(url, { method, ...(withBody ? { body } : {}) });
  const answer = {
    status: response.status,
    contentType: response.headers.get('content-type'),
    text: await response.text(),
  };
  return { answer, pathname: new URL(url).pathname };
}

async function buildQuery(value: { params: [string, string][]; raw: string }): Promise<string> {
  const params: [string, string][] = [];
  for (const [key, param] of value.params) {
    params.push([key, param === VALID_TOKEN ? await freshToken() : param]);
  }
  const encoded = new URLSearchParams(params).toString();
  const parts = [value.raw, encoded].filter((part) => part !== '');
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

/** The platform's envelope: HTTP 200, JSON, a numeric errcode with a rid'd errmsg, or a success body. */
function expectApiAnswer(method: string, answer: Answer): void {
  expect(answer.status).toBe(200);
  expect(answer.contentType).toMatch(/^application\/json/);
  if (method === 'HEAD') return;
  const body: unknown = JSON.parse(answer.text);
  expect(typeof body === 'object' && body !== null && !Array.isArray(body)).toBe(true);
  const record = body as Record<string, unknown>;
  if ('errcode' in record) {
    expect(typeof record.errcode).toBe('number');
    expect(typeof record.errmsg).toBe('string');
    if (record.errcode !== 0) expect(record.errmsg).toMatch(RID_SUFFIX);
  } else {
    expect(Object.keys(record).length).toBeGreaterThan(0);
  }
}

/** The control API: JSON, 2xx or 4xx (never 5xx), `{ error }` on 4xx. */
function expectControlAnswer(method: string, answer: Answer): void {
  expect(answer.status).toBeGreaterThanOrEqual(200);
  expect(answer.status).toBeLessThan(500);
  expect(answer.contentType).toMatch(/^application\/json/);
  if (method === 'HEAD') return;
  const body: unknown = JSON.parse(answer.text);
  if (answer.status >= 400) expect(typeof (body as { error?: unknown }).error).toBe('string');
}

function expectAnswer(method: string, pathname: string, answer: Answer): void {
  if (pathname.startsWith('/emulator/')) expectControlAnswer(method, answer);
  else expectApiAnswer(method, answer);
}

/** Sends one raw HTTP/1.1 request over TCP and answers everything the server wrote. */
function rawRequest(requestLine: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(harness.emulator.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.write(
      `${requestLine}\r\nHost: emulator\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      'latin1',
    );
  });
}

async function expectStillServing(): Promise<void> {
  const { status, body } = await harness.control<{ calls: Record<string, number> }>('GET', '/emulator/stats');
  expect(status).toBe(200);
  expect(typeof body.calls).toBe('object');
}

// ---------------------------------------------------------------------------------------------

describe('fuzz: the emulator never crashes', () => {
  beforeAll(async () => {
    harness = await startHarness({ quotaLimits: { '/cgi-bin/token': 10_000_000 } });
    const created = await harness.control('POST', '/emulator/users', { openid: KNOWN_OPENID });
    expect(created.status).toBe(200);
  });

  afterAll(async () => {
    await harness.close();
  });

  test('API routes: random methods, bodies and query strings get the platform envelope', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...API_ROUTES),
        fc.oneof(fc.constant('route'), fc.constantFrom(...METHODS)),
        bodies(apiObject),
        query,
        async ([routeMethod, path], methodChoice, body, queryValue) => {
          const method = methodChoice === 'route' ? routeMethod : methodChoice;
          const { answer, pathname } = await send(method, `${path}${await buildQuery(queryValue)}`, body);
          expectAnswer(method, pathname, answer);
        },
      ),
      { numRuns: NUM_RUNS },
    );
    await expectStillServing();
  });

  test('control routes: random methods, bodies and query strings get JSON with a 2xx/4xx status', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...CONTROL_PATHS),
        openidSegment,
        fc.constantFrom(...METHODS),
        bodies(controlObject),
        query,
        async (pattern, openid, method, body, queryValue) => {
          const path = pattern.replace(':openid', openid);
          const { answer, pathname } = await send(method, `${path}${await buildQuery(queryValue)}`, body);
          expectAnswer(method, pathname, answer);
        },
      ),
      { numRuns: NUM_RUNS },
    );
    await harness.control('DELETE', '/emulator/faults');
    await expectStillServing();
  });

  test('random paths under /cgi-bin/, /emulator/ and elsewhere are answered, never with 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/cgi-bin', '/emulator', '/emulator/users', ''),
        fc.webPath(),
        fc.constantFrom(...METHODS),
        bodies(jsonText),
        async (prefix, rest, method, body) => {
          const path = `${prefix}${rest.startsWith('/') ? rest : `/${rest}`}`;
          const { answer, pathname } = await send(method, path, body);
          expectAnswer(method, pathname, answer);
        },
      ),
      { numRuns: NUM_RUNS },
    );
    await expectStillServing();
  });

  test('raw request lines (odd request targets, unknown methods) never crash the process', async () => {
    const target = fc.oneof(
      fc.constantFrom(
        'http://[',
        'http://[::1',
        '//emulator/stats',
        '*',
        'http://other.example/emulator/stats',
        '/emulator/users/%',
        '/cgi-bin/token?%',
        '/emulator/users/%E0%A4%A/inbox',
      ),
      fc.string({ unit: 'binary-ascii', maxLength: 40 }).map((value) => value.replace(/[\s]/g, '')),
      fc.webPath(),
    );
    const method = fc.oneof(fc.constantFrom(...METHODS), fc.constantFrom('FOO', 'get', 'PROPFIND'));
    await fc.assert(
      fc.asyncProperty(method, target, async (verb, path) => {
        const response = await rawRequest(`${verb} ${path} HTTP/1.1`);
        // Either the emulator or Node's HTTP parser answers; never a 5xx, never a dropped process.
        const status = /^HTTP\/1\.1 (\d{3}) /.exec(response)?.[1];
        expect(status).toBeDefined();
        expect(Number(status)).toBeLessThan(500);
      }),
      { numRuns: 200 },
    );
    await expectStillServing();
  });

  test('after all that, the state is still a document a new emulator can start from', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'wechat-mp-fuzz-'));
    try {
      const statePath = join(directory, 'state.json');
      writeFileSync(statePath, JSON.stringify(harness.emulator.state));
      const restarted = await startEmulator({ statePath });
      await restarted.close();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
    await expectStillServing();
  });
});
