import { afterEach, describe, expect, test } from 'vitest';
import { WeChatApiError } from '../../src/client/errors.js';
import { rejection } from '../helpers/rejection.js';
import { calls, clientFor, control, emulatorPool, fault } from './helpers.js';

const UPLOADVIDEO = '/cgi-bin/media/uploadvideo';

const pool = emulatorPool();
afterEach(pool.closeAll);

/** An emulator with followers `oA` and `oB`. */
async function setup(): Promise<string> {
  const { url } = await pool.start();
  for (const openid of ['oA', 'oB']) await control(url, 'POST', '/emulator/users', { openid });
  return url;
}

describe('client.mass.uploadVideo against the emulator', () => {
  test('converts a video whose media_id an mpvideo send then takes', async () => {
    const url = await setup();
    const client = clientFor(url);
    const video = await client.mass.uploadVideo({
      media_id: 'RAW_VIDEO',
      title: '发布会',
      description: '回放',
    });
    expect(video).toEqual({ type: 'video', media_id: expect.any(String), created_at: expect.any(Number) });
    expect(video.media_id).not.toBe('RAW_VIDEO');

    const sent = await client.mass.send({
      touser: ['oA', 'oB'],
      msgtype: 'mpvideo',
      mpvideo: { media_id: video.media_id },
    });
    const inbox = await control<{ message: unknown }[]>(url, 'GET', '/emulator/users/oB/inbox');
    expect(inbox.map((entry) => entry.message)).toEqual([
      { msg_id: sent.msg_id, msgtype: 'mpvideo', mpvideo: { media_id: video.media_id } },
    ]);
  });

  test('the platform’s 40007 comes through; -1 is not retried, as each call makes a new id', async () => {
    const url = await setup();
    const client = clientFor(url);
    const missing = await rejection(client.mass.uploadVideo({ media_id: '' }));
    expect(missing).toBeInstanceOf(WeChatApiError);
    expect((missing as WeChatApiError).errcode).toBe(40007);

    await fault(url, { path: UPLOADVIDEO, errcode: -1 });
    const busy = await rejection(client.mass.uploadVideo({ media_id: 'RAW_VIDEO' }));
    expect((busy as WeChatApiError).errcode).toBe(-1);
    expect(await calls(url, UPLOADVIDEO)).toBe(2);
  });
});
