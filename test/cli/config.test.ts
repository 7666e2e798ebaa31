import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { clientSettings, parseDotEnv, resolveConfig, UsageError } from '../../src/cli/config.js';

const root = mkdtempSync(join(tmpdir(), 'wechat-mp-config-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A fresh directory to use as the current one, holding `.env` with `text` when given. */
function withDotEnv(text: string | undefined): string {
  const cwd = mkdtempSync(join(root, 'cwd-'));
  if (text !== undefined) writeFileSync(join(cwd, '.env'), text);
  return cwd;
}

describe('parseDotEnv', () => {
  test('KEY=VALUE lines, quotes optional, comments, export, blank and junk lines', () => {
    expect(
      parseDotEnv(
        [
          '# a comment',
          'WECHAT_APP_ID=wx0123456789abcdef',
          '  WECHAT_TOKEN = "quoted # not a comment"  ',
          "WECHAT_APP_SECRET='single'",
          'export WECHAT_AES_KEY=abc # trailing comment',
          'WECHAT_BASE_URL=http://127.0.0.1:4000/#frag',
          'MULTI="a\\nb"',
          'EMPTY=',
          '',
          'not a line',
          '=nokey',
        ].join('\n'),
      ),
    ).toEqual({
      WECHAT_APP_ID: 'wx0123456789abcdef',
      WECHAT_TOKEN: 'quoted # not a comment',
      WECHAT_APP_SECRET: 'single',
      WECHAT_AES_KEY: 'abc',
      WECHAT_BASE_URL: 'http://127.0.0.1:4000/#frag',
      MULTI: 'a\nb',
      EMPTY: '',
    });
  });

  test('Windows line endings', () => {
    expect(parseDotEnv('A=1\r\nB="2"\r\n')).toEqual({ A: '1', B: '2' });
  });
});

describe('resolveConfig: flags > environment > .env', () => {
  const dotEnv = [
    'WECHAT_APP_ID=from-file',
    'WECHAT_APP_SECRET=from-file',
    'WECHAT_TOKEN=from-file',
    'WECHAT_AES_KEY=from-file',
  ].join('\n');

  test('each setting comes from the first place that has it', () => {
    const cwd = withDotEnv(dotEnv);
    const config = resolveConfig(
      { appId: 'from-flag' },
      { env: { WECHAT_APP_ID: 'from-env', WECHAT_APP_SECRET: 'from-env' }, cwd },
    );
    expect(config.appId).toEqual({ value: 'from-flag', source: '--app-id' });
    expect(config.appSecret).toEqual({ value: 'from-env', source: '$WECHAT_APP_SECRET' });
    expect(config.token).toEqual({ value: 'from-file', source: '.env WECHAT_TOKEN' });
    expect(config.aesKey?.value).toBe('from-file');
    expect(config.baseUrl).toBeUndefined();
  });

  test('empty environment and .env values count as unset; an empty flag is a mistake', () => {
    const cwd = withDotEnv('WECHAT_TOKEN=\nWECHAT_APP_ID=file-id');
    const config = resolveConfig({}, { env: { WECHAT_APP_ID: '', WECHAT_TOKEN: '' }, cwd });
    expect(config.appId?.value).toBe('file-id');
    expect(config.token).toBeUndefined();
    expect(() => resolveConfig({ token: '' }, { env: {}, cwd })).toThrow(UsageError);
  });

  test('no .env file: only flags and environment', () => {
    const cwd = withDotEnv(undefined);
    expect(resolveConfig({}, { env: { WECHAT_TOKEN: 't' }, cwd })).toEqual({
      token: { value: 't', source: '$WECHAT_TOKEN' },
    });
  });

  test('clientSettings: required AppID/AppSecret named with their three sources', () => {
    const cwd = withDotEnv('WECHAT_APP_ID=wxfile\nWECHAT_BASE_URL=http://127.0.0.1:4000/');
    expect(() => clientSettings({}, { env: {}, cwd })).toThrow(
      'missing the AppSecret: pass --app-secret, or set WECHAT_APP_SECRET in the environment or in .env',
    );
    expect(clientSettings({ classic: true }, { env: { WECHAT_APP_SECRET: 's' }, cwd })).toEqual({
      appId: 'wxfile',
      appSecret: 's',
      baseURL: 'http://127.0.0.1:4000',
      tokenEndpoint: 'classic',
    });
  });
});
