import { expect, test } from 'vitest';
import { toJson } from '../../src/emulator/json.js';

test('bigint values are written as bare JSON numbers, exactly', () => {
  expect(toJson({ msgid: 7300000000000000001n, ok: 'x' })).toBe('{"msgid":7300000000000000001,"ok":"x"}');
  expect(toJson({ list: [1n, -2n] })).toBe('{"list":[1,-2]}');
  expect(toJson({ text: 'bigint:1' })).toBe('{"text":"bigint:1"}');
});
