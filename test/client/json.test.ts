import { describe, expect, test } from 'vitest';
import { ID_FIELDS, parseJsonLossless } from '../../src/client/json.js';

describe('parseJsonLossless', () => {
  test('a msg_id beyond 2^53 stays exact, as a string', () => {
    const text = '{"errcode":0,"errmsg":"ok","msg_id":9223372036854775807}';
    expect(String((JSON.parse(text) as { msg_id: number }).msg_id)).not.toBe('9223372036854775807'); // JSON.parse loses it
    expect(parseJsonLossless(text)).toEqual({ errcode: 0, errmsg: 'ok', msg_id: '9223372036854775807' });
  });

  test('an id field is a string whatever its size, so its type never depends on its value', () => {
    expect(parseJsonLossless('{"msg_id":1000}')).toEqual({ msg_id: '1000' });
    expect(parseJsonLossless('{"msgid":7}')).toEqual({ msgid: '7' });
    expect(parseJsonLossless('{"msg_data_id":2247483647,"publish_id":1}')).toEqual({
      msg_data_id: '2247483647',
      publish_id: '1',
    });
    expect(parseJsonLossless('{"menuid": 208379533}')).toEqual({ menuid: '208379533' });
    expect(parseJsonLossless('{"msgID":-5}')).toEqual({ msgID: '-5' });
    for (const field of ID_FIELDS) {
      expect(parseJsonLossless(`{"${field}":1}`)).toEqual({ [field]: '1' });
    }
  });

  test('unknown integers too large for a number become strings; safe ones stay numbers', () => {
    expect(
      parseJsonLossless('{"a":12345678901234567890,"b":9007199254740991,"c":-9007199254740993}'),
    ).toEqual({
      a: '12345678901234567890',
      b: 9007199254740991,
      c: '-9007199254740993',
    });
    expect(parseJsonLossless('[1,18446744073709551615,{"x":[9007199254740992]}]')).toEqual([
      1,
      '18446744073709551615',
      { x: ['9007199254740992'] },
    ]);
  });

  test('numbers inside strings are untouched', () => {
    const text =
      '{"msg_id":"12345678901234567890","note":"msg_id: 12345678901234567890","k\\"msg_id":"x","n":1}';
    expect(parseJsonLossless(text)).toEqual({
      msg_id: '12345678901234567890',
      note: 'msg_id: 12345678901234567890',
      'k"msg_id': 'x',
      n: 1,
    });
    expect(parseJsonLossless('{"s":"\\\\","msg_id":12}')).toEqual({ s: '\\', msg_id: '12' });
  });

  test('an id field name used as a value does not quote the next number', () => {
    expect(parseJsonLossless('{"field":"msg_id","count":5}')).toEqual({ field: 'msg_id', count: 5 });
    expect(parseJsonLossless('["msg_id",5]')).toEqual(['msg_id', 5]);
  });

  test('floats and exponents are left as numbers', () => {
    expect(parseJsonLossless('{"msg_id":1,"f":12345678901234568.5,"e":1e21,"g":-0.5}')).toEqual({
      msg_id: '1',
      f: 12345678901234568,
      e: 1e21,
      g: -0.5,
    });
  });

  test('ordinary bodies parse exactly as JSON.parse does', () => {
    const bodies = [
      '{"errcode":0,"errmsg":"ok"}',
      '{"access_token":"ACCESS_TOKEN","expires_in":7200}',
      '{"ip_list":["192.0.2.0/25","198.51.100.0/25"]}',
      '{"quota":{"daily_limit":10000000,"used":0,"remain":10000000}}',
      '{"user_info_list":[{"subscribe":1,"openid":"otvxTs4dckWG7imySrJd6jSi0CWE","nickname":"小明","subscribe_time":1434093047}]}',
      '[]',
      'null',
      '{"nested":{"deep":[true,false,null,-1,0.25]}}',
    ];
    for (const body of bodies) expect(parseJsonLossless(body)).toEqual(JSON.parse(body));
  });

  test('invalid JSON still throws', () => {
    expect(() => parseJsonLossless('{"msg_id":')).toThrow(SyntaxError);
    expect(() => parseJsonLossless('not json')).toThrow(SyntaxError);
  });
});
