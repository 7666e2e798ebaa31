import { describe, expect, test } from 'vitest';
import { startWebhook } from '../helpers/webhook.js';
import { type ApiBody, type EmulatorHarness, emulatorPerTest, expectError } from './helpers.js';

const SEND = '/cgi-bin/message/custom/send';
const BLACKLIST = '/cgi-bin/tags/members/batchblacklist';
const UNBLACKLIST = '/cgi-bin/tags/members/batchunblacklist';
const OK = { errcode: 0, errmsg: 'ok' };

// ---- an emulator whose users have just written to the account -----------------------------------

const start = emulatorPerTest();

class Account {
  constructor(
    readonly harness: EmulatorHarness,
    readonly token: string,
  ) {}

  post(path: string, body: object): Promise<ApiBody> {
    return this.harness.post(path, body, { access_token: this.token });
  }

  /** A customer-service text to `touser`. */
  text(touser: string, content = '你好'): Promise<ApiBody> {
    return this.post(SEND, { touser, msgtype: 'text', text: { content } });
  }

  /** The user is created and writes to the account, which opens their 48-hour window. */
  async interact(openid: string): Promise<void> {
    expect((await this.harness.control('POST', '/emulator/users', { openid })).status).toBe(200);
    const { body } = await this.harness.control<{ status: string }>(
      'POST',
      `/emulator/users/${openid}/send`,
      {
        MsgType: 'text',
        Content: '在吗',
      },
    );
    expect(body.status).toBe('empty');
  }

  async customInbox(openid: string): Promise<unknown[]> {
    const { body } = await this.harness.control<{ kind: string; message: unknown }[]>(
      'GET',
      `/emulator/users/${openid}/inbox`,
    );
    return body.filter((entry) => entry.kind === 'custom').map((entry) => entry.message);
  }
}

async function account(users: readonly string[]): Promise<Account> {
  const harness = await start({ webhook: (await startWebhook()).url });
  const result = new Account(harness, await harness.accessToken());
  for (const openid of users) await result.interact(openid);
  return result;
}

describe('customer-service messages to blacklisted users', () => {
  test('43019 while blacklisted, delivered again once removed from the blacklist', async () => {
    const a = await account(['oBlocked', 'oOther']);
    expect(await a.post(BLACKLIST, { openid_list: ['oBlocked'] })).toEqual(OK);

    expectError(await a.text('oBlocked', '第一条'), 43019, 'require remove blacklist');
    expect(await a.customInbox('oBlocked')).toEqual([]);
    // Only the listed user is refused.
    expect(await a.text('oOther')).toEqual(OK);

    expect(await a.post(UNBLACKLIST, { openid_list: ['oBlocked'] })).toEqual(OK);
    expect(await a.text('oBlocked', '第二条')).toEqual(OK);
    expect(await a.customInbox('oBlocked')).toEqual([{ msgtype: 'text', text: { content: '第二条' } }]);
  });

  test('refused sends use none of the window’s 5 messages', async () => {
    const a = await account(['oBlocked']);
    expect(await a.post(BLACKLIST, { openid_list: ['oBlocked'] })).toEqual(OK);
    for (let i = 0; i < 5; i++) expectError(await a.text('oBlocked'), 43019);

    expect(await a.post(UNBLACKLIST, { openid_list: ['oBlocked'] })).toEqual(OK);
    for (let i = 0; i < 5; i++) expect(await a.text('oBlocked', `#${i}`)).toEqual(OK);
    expectError(await a.text('oBlocked'), 45047);
    expect(await a.customInbox('oBlocked')).toHaveLength(5);
  });
});
