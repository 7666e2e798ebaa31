import { afterEach, describe, expect, test } from 'vitest';
import { canonicalPageUrl } from '../../src/client/api/jssdk.js';
import { jsapiSignature } from '../../src/protocol/jssdk.js';
import { APP_ID, clientFor, emulatorPool, stats } from './helpers.js';

const pool = emulatorPool();
afterEach(pool.closeAll);

const PAGE = 'https://app.example.com/shop/item?id=42&from=menu';

describe('config', () => {
  test('a wx.config object whose signature verifies with jsapiSignature and the current ticket', async () => {
    const emulator = await pool.start();
    const client = clientFor(emulator.url);
    const config = await client.jssdk.config({
      url: PAGE,
      jsApiList: ['updateAppMessageShareData', 'chooseImage'],
      openTagList: ['wx-open-launch-weapp'],
    });
    expect(config).toEqual({
      debug: false,
      appId: APP_ID,
      timestamp: expect.any(Number),
      nonceStr: expect.stringMatching(/^[A-Za-z0-9]{16}$/),
      signature: expect.stringMatching(/^[0-9a-f]{40}$/),
      jsApiList: ['updateAppMessageShareData', 'chooseImage'],
      openTagList: ['wx-open-launch-weapp'],
    });
    expect(Math.abs(config.timestamp - Date.now() / 1000)).toBeLessThan(600);
    const ticket = await client.jsapiTicket.get();
    expect(config.signature).toBe(
      jsapiSignature({
        jsapiTicket: ticket,
        nonceStr: config.nonceStr,
        timestamp: config.timestamp,
        url: PAGE,
      }),
    );
  });

  test('debug is passed through and openTagList is absent unless given', async () => {
    const emulator = await pool.start();
    const config = await clientFor(emulator.url).jssdk.config({ url: PAGE, jsApiList: [], debug: true });
    expect(config.debug).toBe(true);
    expect(config).not.toHaveProperty('openTagList');
  });

  test('many configs fetch the ticket once (one getticket, one access_token)', async () => {
    const emulator = await pool.start();
    const client = clientFor(emulator.url);
    const configs = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        client.jssdk.config({ url: `${PAGE}&n=${i}`, jsApiList: ['scanQRCode'] }),
      ),
    );
    expect(new Set(configs.map((c) => c.nonceStr)).size).toBe(50);
    const { calls, counters } = await stats(emulator.url);
    expect(calls['/cgi-bin/ticket/getticket']).toBe(1);
    expect(counters['issued:jsapi']).toBe(1);
    expect(calls['/cgi-bin/stable_token']).toBe(1);
  });

  test('the fragment is dropped and &amp; un-escaped before signing', async () => {
    const emulator = await pool.start();
    const client = clientFor(emulator.url);
    const ticket = await client.jsapiTicket.get();
    const config = await client.jssdk.config({
      url: 'https://app.example.com/shop/item?id=42&amp;from=menu#/detail?x=1',
      jsApiList: [],
    });
    expect(config.signature).toBe(
      jsapiSignature({
        jsapiTicket: ticket,
        nonceStr: config.nonceStr,
        timestamp: config.timestamp,
        url: PAGE,
      }),
    );
  });

  test('a relative URL is refused before any call', async () => {
    const emulator = await pool.start();
    const client = clientFor(emulator.url);
    await expect(client.jssdk.config({ url: '/shop', jsApiList: [] })).rejects.toThrow(TypeError);
    expect((await stats(emulator.url)).calls['/cgi-bin/ticket/getticket']).toBeUndefined();
  });
});

describe('canonicalPageUrl', () => {
  test.each([
    [PAGE, PAGE],
    ['https://app.example.com/a?b=1#hash', 'https://app.example.com/a?b=1'],
    ['https://app.example.com/a?b=1&amp;c=2', 'https://app.example.com/a?b=1&c=2'],
    ['https://app.example.com/a?b=1&amp;c=2#x&amp;y', 'https://app.example.com/a?b=1&c=2'],
    // Signed as given: exactly what location.href shows, nothing re-cased or re-encoded.
    ['https://app.example.com?x=1', 'https://app.example.com?x=1'],
    ['HTTPS://App.Example.COM/Path?Q=A', 'HTTPS://App.Example.COM/Path?Q=A'],
    ['http://127.0.0.1:8080/a', 'http://127.0.0.1:8080/a'],
    // Never re-encoded: the page's own bytes are signed.
    ['https://app.example.com/搜索?q=微信&x=%E5%BE%AE', 'https://app.example.com/搜索?q=微信&x=%E5%BE%AE'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalPageUrl(input)).toBe(expected);
  });

  test.each(['', '/a', 'app.example.com/a', 'ftp://a.example/x', 'https://'])('%j is refused', (input) => {
    expect(() => canonicalPageUrl(input)).toThrow(TypeError);
  });
});

describe('explain', () => {
  test('shows string1 and confirms a matching signature', async () => {
    const emulator = await pool.start();
    const client = clientFor(emulator.url);
    const config = await client.jssdk.config({ url: PAGE, jsApiList: [] });
    const ticket = await client.jsapiTicket.get();
    const explanation = await client.jssdk.explain({
      url: `${PAGE}#top`,
      timestamp: config.timestamp,
      nonceStr: config.nonceStr,
      signature: config.signature,
    });
    expect(explanation.matches).toBe(true);
    expect(explanation.url).toBe(PAGE);
    expect(explanation.string1).toBe(
      `jsapi_ticket=${ticket}&noncestr=${config.nonceStr}&timestamp=${config.timestamp}&url=${PAGE}`,
    );
    expect(explanation.redacted).not.toContain(ticket);
    expect(explanation.redacted).toContain(
      `&noncestr=${config.nonceStr}&timestamp=${config.timestamp}&url=${PAGE}`,
    );
    expect(explanation.expected).toBe(config.signature);
    expect(explanation).not.toHaveProperty('matchedVariant');
    expect(explanation.hints.join('\n')).toContain('fragment was dropped');
  });

  test('finds the mistake behind invalid signature: a page signed with its fragment', async () => {
    const emulator = await pool.start();
    const client = clientFor(emulator.url);
    const ticket = await client.jsapiTicket.get();
    const withHash = `${PAGE}#/cart`;
    // A signer that forgot to drop the fragment.
    const wrong = (await import('node:crypto'))
      .createHash('sha1')
      .update(`jsapi_ticket=${ticket}&noncestr=abc&timestamp=1700000000&url=${withHash}`)
      .digest('hex');
    const explanation = await client.jssdk.explain({
      url: withHash,
      timestamp: 1_700_000_000,
      nonceStr: 'abc',
      signature: wrong,
    });
    expect(explanation.matches).toBe(false);
    expect(explanation.matchedVariant).toBe(withHash);
    expect(explanation.hints.join('\n')).toMatch(/signed for .*#\/cart/);
  });

  test('a signature from another ticket matches nothing and lists the usual causes', async () => {
    const emulator = await pool.start();
    const client = clientFor(emulator.url);
    const signature = jsapiSignature({ jsapiTicket: 'old-ticket', nonceStr: 'n', timestamp: 1, url: PAGE });
    const explanation = await client.jssdk.explain({ url: PAGE, timestamp: 1, nonceStr: 'n', signature });
    expect(explanation.matches).toBe(false);
    expect(explanation).not.toHaveProperty('matchedVariant');
    expect(explanation.hints.join('\n')).toContain('ticket is older');
    // With the ticket it was signed with, it matches.
    const again = await client.jssdk.explain({
      url: PAGE,
      timestamp: 1,
      nonceStr: 'n',
      signature,
      ticket: 'old-ticket',
    });
    expect(again.matches).toBe(true);
  });

  test('matches the official JS-SDK vector', async () => {
    const emulator = await pool.start();
    const client = clientFor(emulator.url);
    const explanation = await client.jssdk.explain({
      ticket: 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg',
      nonceStr: 'Wm3WZYTPz0wzccnW',
      timestamp: 1414587457,
      url: 'http://mp.weixin.qq.com?params=value',
      signature: '0f9de62fce790f9a083d5c99e95740ceb90c27ed',
    });
    expect(explanation.matches).toBe(true);
    // The official example's URL has no "/" path, which no browser's location.href shows.
    expect(explanation.hints.join('\n')).toContain(
      'location.href for this page reads http://mp.weixin.qq.com/?params=value',
    );
  });

  test('finds a page signed in the browser form when given another form', async () => {
    const emulator = await pool.start();
    const client = clientFor(emulator.url);
    const ticket = await client.jsapiTicket.get();
    const signature = jsapiSignature({
      jsapiTicket: ticket,
      nonceStr: 'n',
      timestamp: 1,
      url: 'https://app.example.com/?x=1',
    });
    const explanation = await client.jssdk.explain({
      url: 'https://App.Example.com:443?x=1',
      timestamp: 1,
      nonceStr: 'n',
      signature,
    });
    expect(explanation.matches).toBe(false);
    expect(explanation.matchedVariant).toBe('https://app.example.com/?x=1');
  });
});
