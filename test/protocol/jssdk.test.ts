import { expect, test } from 'vitest';
import { cardSignature, jsapiSignature } from '../../src/protocol/jssdk.js';
import { vectors } from '../fixtures/vectors.js';

test.each(vectors.jsapi)('JS-SDK signature, official vector', (v) => {
  expect(jsapiSignature(v)).toBe(v.signature);
  expect(jsapiSignature({ ...v, timestamp: Number(v.timestamp) })).toBe(v.signature);
});

test('the #fragment of the page URL is not signed', () => {
  const v = vectors.jsapi[0]!;
  expect(jsapiSignature({ ...v, url: `${v.url}#/route?x=1` })).toBe(v.signature);
  expect(jsapiSignature({ ...v, url: `${v.url}&more=1` })).not.toBe(v.signature);
});

test.each(vectors.cardSignature)('card signature, official vector', (v) => {
  expect(cardSignature(v.values)).toBe(v.signature);
  expect(cardSignature(Object.values(v.values).reverse())).toBe(v.signature);
  expect(cardSignature({ ...v.values, openid: '' })).toBe(v.signature);
});
