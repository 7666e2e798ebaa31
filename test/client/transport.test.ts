// Uploads and downloads through a real HTTP server on loopback that answers as the platform's
// media endpoints do: JSON for errors and uploads, a file with its Content-Type for downloads.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { WeChatClient } from '../../src/client/client.js';
import { WeChatApiError } from '../../src/client/errors.js';
import { MemoryStore } from '../../src/store/memory.js';
import { APP_ID } from './helpers.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
let server: Server;
let client: WeChatClient;

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const received = await body(req);
    const json = (value: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(value));
    };
    if (url.pathname === '/cgi-bin/media/upload') {
      // Echo what arrived, so the test sees the multipart body as the server did.
      const type = req.headers['content-type'] ?? '';
      const text = received.toString('latin1');
      json({
        type: url.searchParams.get('type'),
        media_id: 'MEDIA',
        multipart: type.startsWith('multipart/form-data'),
        hasField: text.includes('name="media"; filename="a.png"'),
        hasBytes: received.includes(PNG),
      });
    } else if (url.pathname === '/cgi-bin/media/get' && url.searchParams.get('media_id') === 'MEDIA') {
      res.writeHead(200, {
        'content-type': 'image/png',
        'content-disposition': 'attachment; filename="a.png"',
      });
      res.end(PNG);
    } else if (url.pathname === '/cgi-bin/media/get') {
      // The platform answers a failed download with a JSON error in place of the file.
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('{"errcode":40007,"errmsg":"invalid media_id rid: 0123abcd-0123abcd-0123abcd"}');
    } else {
      json({ errcode: 40066, errmsg: 'invalid url' });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const store = new MemoryStore();
  // A token already in the store: these tests are about the transport, not token fetching.
  await store.set(`${APP_ID}:access_token`, `${Date.now() + 7_200_000}:TOKEN`, 7_200_000);
  client = new WeChatClient({
    appId: APP_ID,
    consumerOnly: true,
    store,
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  });
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('a multipart upload sends the file in the media field', async () => {
  const form = new FormData();
  form.append('media', new Blob([PNG], { type: 'image/png' }), 'a.png');
  const result = await client.request<Record<string, unknown>>('POST', '/cgi-bin/media/upload', {
    query: { type: 'image' },
    form,
  });
  expect(result).toEqual({
    type: 'image',
    media_id: 'MEDIA',
    multipart: true,
    hasField: true,
    hasBytes: true,
  });
});

test('a download returns the bytes, the content type and the file name', async () => {
  const file = await client.download('GET', '/cgi-bin/media/get', { query: { media_id: 'MEDIA' } });
  expect(file.data.equals(PNG)).toBe(true);
  expect(file.contentType).toBe('image/png');
  expect(file.filename).toBe('a.png');
});

test('a JSON error in place of a file is raised as the platform error', async () => {
  const error = await client
    .download('GET', '/cgi-bin/media/get', { query: { media_id: 'nope' } })
    .catch((e) => e);
  expect(error).toBeInstanceOf(WeChatApiError);
  expect(error).toMatchObject({
    errcode: 40007,
    errmsg: 'invalid media_id',
    rid: '0123abcd-0123abcd-0123abcd',
  });
});
