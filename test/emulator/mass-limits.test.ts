import { describe, expect, test } from 'vitest';
import { MASS_REQUESTS_PER_MINUTE } from '../../src/emulator/api/mass.js';
import type { EmulatorOptions } from '../../src/emulator.js';
import { type ApiBody, type EmulatorHarness, emulatorPerTest, expectError } from './helpers.js';

const UPLOADVIDEO = '/cgi-bin/media/uploadvideo';
const SENDALL = '/cgi-bin/message/mass/sendall';
const SEND = '/cgi-bin/message/mass/send';
const PREVIEW = '/cgi-bin/message/mass/preview';
const GET = '/cgi-bin/message/mass/get';
const SPEED_GET = '/cgi-bin/message/mass/speed/get';

const TO_ALL = { filter: { is_to_all: true } } as const;
const TEXT = { msgtype: 'text', text: { content: '本周活动' } } as const;
const MINUTE_ERRMSG = 'api minute-quota reach limit mustslower retry next minute';

const start = emulatorPerTest();

class Account {
  constructor(
    readonly harness: EmulatorHarness,
    readonly token: string,
  ) {}

  post(path: string, body?: object | string): Promise<ApiBody> {
    return this.harness.post(path, body, { access_token: this.token });
  }

  async createUser(openid: string): Promise<void> {
    expect((await this.harness.control('POST', '/emulator/users', { openid })).status).toBe(200);
  }

  async massInbox(openid: string): Promise<Record<string, unknown>[]> {
    const { body } = await this.harness.control<{ kind: string; message: Record<string, unknown> }[]>(
      'GET',
      `/emulator/users/${openid}/inbox`,
    );
    return body.filter((entry) => entry.kind === 'mass').map((entry) => entry.message);
  }
}

async function account(options: EmulatorOptions = {}, users: readonly string[] = []): Promise<Account> {
  const harness = await start(options);
  const result = new Account(harness, await harness.accessToken());
  for (const openid of users) await result.createUser(openid);
  return result;
}

describe('60 send requests a minute', () => {
  // No followers: every send is accepted (a service account filters per follower), so only the
  // per-minute limit can refuse one.
  test('sendall and send share the 60; the 61st gets 45011 until the minute has passed', async () => {
    const a = await account();
    expect(MASS_REQUESTS_PER_MINUTE).toBe(60);
    for (let i = 0; i < 30; i++) {
      expect((await a.post(SENDALL, { ...TO_ALL, ...TEXT })).errcode).toBe(0);
      expect((await a.post(SEND, { touser: ['oX', 'oY'], ...TEXT })).errcode).toBe(0);
    }
    expectError(await a.post(SENDALL, { ...TO_ALL, ...TEXT }), 45011, MINUTE_ERRMSG);
    expectError(await a.post(SEND, { touser: ['oX', 'oY'], ...TEXT }), 45011);

    await a.harness.advance(60);
    expect((await a.post(SENDALL, { ...TO_ALL, ...TEXT })).errcode).toBe(0);
  });

  test('requests refused for another reason count too', async () => {
    const a = await account();
    for (let i = 0; i < MASS_REQUESTS_PER_MINUTE; i++) {
      expectError(await a.post(SENDALL, { ...TO_ALL, msgtype: 'text', text: { content: '' } }), 44004);
    }
    expectError(await a.post(SENDALL, { ...TO_ALL, ...TEXT }), 45011);
    await a.harness.advance(60);
    expect((await a.post(SENDALL, { ...TO_ALL, ...TEXT })).errcode).toBe(0);
  });

  test('preview, get and speed/get are not limited with the sends', async () => {
    const a = await account({}, ['oA']);
    const { msg_id } = await a.post(SEND, { touser: ['oA', 'oX'], ...TEXT });
    for (let i = 1; i < MASS_REQUESTS_PER_MINUTE; i++) {
      expect((await a.post(SEND, { touser: ['oX', 'oY'], ...TEXT })).errcode).toBe(0);
    }
    expectError(await a.post(SENDALL, { ...TO_ALL, ...TEXT }), 45011);
    expect((await a.post(PREVIEW, { touser: 'oA', ...TEXT })).errcode).toBe(0);
    expect(await a.post(GET, { msg_id })).toEqual({ msg_id, msg_status: 'SEND_SUCCESS' });
    expect((await a.post(SPEED_GET, {})).speed).toBe(0);
  });
});

describe('media/uploadvideo', () => {
  test('converts a video: type, a new media_id and created_at; an mpvideo send takes the id', async () => {
    const a = await account({}, ['oA', 'oB']);
    const now = await a.harness.now();
    const body = await a.post(UPLOADVIDEO, { media_id: 'RAW_VIDEO', title: '发布会', description: '回放' });
    expect(body.errcode).toBeUndefined();
    expect(body.type).toBe('video');
    expect(body.media_id).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(body.media_id).not.toBe('RAW_VIDEO');
    expect(body.created_at).toBeGreaterThanOrEqual(now);

    const sent = await a.post(SEND, {
      touser: ['oA', 'oB'],
      msgtype: 'mpvideo',
      mpvideo: { media_id: body.media_id },
    });
    expect(sent.errcode).toBe(0);
    expect((await a.massInbox('oA')).map(({ msg_id: _, ...rest }) => rest)).toEqual([
      { msgtype: 'mpvideo', mpvideo: { media_id: body.media_id } },
    ]);
  });

  test('title and description are optional; 40007 no media_id, 47001 a non-string field', async () => {
    const a = await account();
    expect((await a.post(UPLOADVIDEO, { media_id: 'RAW_VIDEO' })).type).toBe('video');
    expectError(await a.post(UPLOADVIDEO, { title: 'T', description: 'D' }), 40007);
    expectError(await a.post(UPLOADVIDEO, { media_id: '' }), 40007);
    expectError(await a.post(UPLOADVIDEO, { media_id: 7 }), 47001);
    expectError(await a.post(UPLOADVIDEO, { media_id: 'RAW_VIDEO', title: 1 }), 47001);
    expectError(await a.post(UPLOADVIDEO), 44002);
  });
});
