// Request types reject wrong payloads at compile time, for the APIs not covered by their own
// *.test-d.ts (template, mass and menu have theirs).
import { expectTypeOf, test } from 'vitest';
import type { CustomMessage } from '../../src/client/api/custom.js';
import type { OAuthApi } from '../../src/client/api/oauth.js';
import type { UsersApi } from '../../src/client/api/users.js';

test('customer-service messages: the payload must match the msgtype', () => {
  const text: CustomMessage = { touser: 'o', msgtype: 'text', text: { content: 'hi' } };
  const image: CustomMessage = { touser: 'o', msgtype: 'image', image: { media_id: 'm' } };
  // @ts-expect-error a text message carries text, not image
  const wrongPayload: CustomMessage = { touser: 'o', msgtype: 'text', image: { media_id: 'm' } };
  // @ts-expect-error no such msgtype
  const unknownType: CustomMessage = { touser: 'o', msgtype: 'fax', fax: {} };
  // @ts-expect-error touser is required
  const noRecipient: CustomMessage = { msgtype: 'text', text: { content: 'hi' } };
  // @ts-expect-error media_id is required
  const noMedia: CustomMessage = { touser: 'o', msgtype: 'voice', voice: {} };
  expectTypeOf(text.msgtype).toEqualTypeOf<'text'>();
  expectTypeOf([image, wrongPayload, unknownType, noRecipient, noMedia]).toBeArray();
});

test('users: openids are strings, remarks need an openid and a remark', () => {
  expectTypeOf<UsersApi['get']>().parameter(0).toEqualTypeOf<string>();
  expectTypeOf<UsersApi['updateRemark']>().parameters.toEqualTypeOf<[string, string]>();
});

test('OAuth: the scope is one of the two documented ones', () => {
  type Options = Parameters<OAuthApi['authorizeUrl']>[0];
  expectTypeOf<Options['scope']>().toEqualTypeOf<'snsapi_base' | 'snsapi_userinfo'>();
});
