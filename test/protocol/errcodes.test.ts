import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import {
  describeErrcode,
  ERRCODE_SUMMARIES,
  RATE_LIMIT_ERRCODES,
  RETRY_LATER_ERRCODES,
  TOKEN_INVALID_ERRCODES,
} from '../../src/protocol/errcodes.js';
import { ERRCODE_COUNT, ERRCODE_ROWS } from '../../src/protocol/generated/errcodes.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const generator = join(root, 'scripts', 'generate-errcodes.mjs');
const generatedDir = join(root, 'src', 'protocol', 'generated');

/** data/errcodes.tsv parsed naively, as the reference the generated table must match. */
function tsvRows(): string[][] {
  const [, ...lines] = readFileSync(join(root, 'data', 'errcodes.tsv'), 'utf8')
    .trimEnd()
    .split('\n');
  return lines.map((line) => line.split('\t'));
}

describe('describeErrcode', () => {
  test('45009 is a rate limit with the official texts', () => {
    expect(describeErrcode(45009)).toEqual({
      code: 45009,
      errmsg: 'reach max api daily quota limit',
      meaningZh: '接口调用超过限制',
      summary: expect.stringContaining('daily'),
      tokenInvalid: false,
      retryLater: false,
      rateLimited: true,
    });
  });

  test('40001, 40014 and 42001 mean the access_token is bad', () => {
    for (const code of [40001, 40014, 42001]) {
      expect(describeErrcode(code)).toMatchObject({ code, tokenInvalid: true, rateLimited: false });
    }
    expect(describeErrcode(40001)?.errmsg).toBe('invalid credential, access_token is invalid or not latest');
    expect(describeErrcode(42001)?.errmsg).toBe('access_token expired');
  });

  test('-1 is "system busy": retry later, nothing else', () => {
    expect(describeErrcode(-1)).toMatchObject({
      code: -1,
      errmsg: 'system error',
      retryLater: true,
      tokenInvalid: false,
      rateLimited: false,
    });
  });

  test('0 is ok, with no flag set', () => {
    expect(describeErrcode(0)).toEqual({
      code: 0,
      errmsg: 'ok',
      meaningZh: '请求成功',
      summary: 'Success.',
      tokenInvalid: false,
      retryLater: false,
      rateLimited: false,
    });
  });

  test('45011 (per-minute quota) is rate limited', () => {
    expect(describeErrcode(45011)?.rateLimited).toBe(true);
  });

  test('a code without a summary omits the property instead of setting it to undefined', () => {
    const info = describeErrcode(1003);
    expect(info).toEqual({
      code: 1003,
      errmsg: '',
      meaningZh: 'POST参数非法',
      tokenInvalid: false,
      retryLater: false,
      rateLimited: false,
    });
    expect(info !== undefined && 'summary' in info).toBe(false);
  });

  test('texts with backslashes and quotes survive the generated template string', () => {
    expect(describeErrcode(40033)?.errmsg).toBe(
      'invalid charset. please check your request, if include \\uxxxx will create fail!',
    );
    expect(describeErrcode(41024)?.errmsg).toBe('missing "display" field');
  });

  test('unknown codes and non-integers give undefined', () => {
    for (const code of [12345, 1, -2, 45009.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(describeErrcode(code)).toBeUndefined();
    }
  });
});

describe('the code table', () => {
  test('the generated table holds every TSV row, in order, with the same texts', () => {
    const rows = tsvRows();
    const generated = ERRCODE_ROWS.split('\n').map((line) => line.split('\t'));
    expect(ERRCODE_COUNT).toBe(rows.length);
    expect(generated).toEqual(rows);
    expect(rows.length).toBeGreaterThan(1800);
  });

  test('the TSV has no duplicate codes (the generator would keep the first)', () => {
    const codes = tsvRows().map(([code]) => code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  test('every summary and every flagged code exists in the table', () => {
    const listed = [
      ...ERRCODE_SUMMARIES.keys(),
      ...TOKEN_INVALID_ERRCODES,
      ...RETRY_LATER_ERRCODES,
      ...RATE_LIMIT_ERRCODES,
    ];
    const missing = listed.filter((code) => describeErrcode(code) === undefined);
    expect(missing).toEqual([]);
  });

  test('summaries are single, non-empty lines, around 60–80 of them', () => {
    expect(ERRCODE_SUMMARIES.size).toBeGreaterThanOrEqual(60);
    expect(ERRCODE_SUMMARIES.size).toBeLessThanOrEqual(80);
    for (const [code, summary] of ERRCODE_SUMMARIES) {
      expect(summary, `summary of ${code}`).toMatch(/^\S[^\n]*[.)]$/);
    }
  });

  test('the flag sets are exported as documented', () => {
    expect([...TOKEN_INVALID_ERRCODES].sort()).toEqual([40001, 40014, 42001]);
    expect(RETRY_LATER_ERRCODES.has(-1)).toBe(true);
    for (const code of [45009, 45011, 45047]) expect(RATE_LIMIT_ERRCODES.has(code)).toBe(true);
    // 45048 ("menu use invalid type") and 45065 ("clientmsgid exist") are not limits.
    for (const code of [45048, 45065]) expect(RATE_LIMIT_ERRCODES.has(code)).toBe(false);
  });
});

describe('scripts/generate-errcodes.mjs', () => {
  test('regenerating gives the committed files byte for byte', () => {
    const out = mkdtempSync(join(tmpdir(), 'wechat-mp-errcodes-'));
    try {
      execFileSync(process.execPath, [generator, '--out-dir', out], { stdio: 'pipe' });
      for (const name of ['errcodes.ts', 'README.md']) {
        const fresh = readFileSync(join(out, name), 'utf8');
        const committed = readFileSync(join(generatedDir, name), 'utf8');
        expect(fresh === committed, `src/protocol/generated/${name} is stale: run npm run generate`).toBe(
          true,
        );
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  test('--check passes on the committed files', () => {
    const output = execFileSync(process.execPath, [generator, '--check'], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
    expect(output).toContain('up to date');
  });

  test('the generated module carries the DO NOT EDIT header', () => {
    const source = readFileSync(join(generatedDir, 'errcodes.ts'), 'utf8');
    expect(source.split('\n')[0]).toBe(
      '// Generated from data/errcodes.tsv by scripts/generate-errcodes.mjs. DO NOT EDIT.',
    );
  });
});
