import { describeErrcode, type ErrcodeInfo } from '../../protocol/errcodes.js';
import type { CliCommand, CliStyle } from '../command.js';

const HELP = `Usage: wechat-mp errcode <code> [--json]

Explains one of the WeChat platform's global return codes (the "errcode" in an API
response): the official errmsg and Chinese meaning, our English summary for the
common ones, and whether the code means the access_token is invalid, the call
should be retried later, or a rate limit was hit.

Options:
  --json       Print the result as JSON
  -h, --help   Show this help

Examples:
  wechat-mp errcode 45009
  wechat-mp errcode -1 --json

Exit status: 0 when the code is known, 1 when it is not (or is not a number),
2 on a usage mistake.
`;

/** Renders an errcode for people: `code  errmsg`, then labelled lines. */
function formatErrcode(info: ErrcodeInfo, style: CliStyle): string {
  const code = info.code === 0 ? style.green(String(info.code)) : style.bold(style.cyan(String(info.code)));
  const lines = [info.errmsg === '' ? code : `${code}  ${style.bold(info.errmsg)}`];
  const label = (name: string) => style.dim(name.padEnd(9));
  if (info.meaningZh !== '') lines.push(`  ${label('meaning')}${info.meaningZh}`);
  if (info.summary !== undefined) lines.push(`  ${label('summary')}${info.summary}`);
  const flags = [
    info.tokenInvalid ? 'token-invalid (refresh the access_token and retry once)' : undefined,
    info.retryLater ? 'retry-later (transient; retry after a short pause)' : undefined,
    info.rateLimited ? 'rate-limited (back off until the limit resets)' : undefined,
  ].filter((flag) => flag !== undefined);
  for (const [index, flag] of flags.entries()) {
    lines.push(`  ${label(index === 0 ? 'flags' : '')}${style.yellow(flag)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `wechat-mp errcode <code>`: looks a code up in the platform's global return-code table. */
export const errcodeCommand: CliCommand = {
  name: 'errcode',
  synopsis: '<code>',
  summary: 'Explain a WeChat API return code (errcode)',
  help: HELP,
  run(args, { stdout, stderr, outStyle, errStyle }) {
    let json = false;
    const codes: string[] = [];
    let optionsDone = false;
    for (const arg of args) {
      if (optionsDone || /^-\d+$/.test(arg) || !arg.startsWith('-')) codes.push(arg);
      else if (arg === '--') optionsDone = true;
      else if (arg === '--json') json = true;
      else if (arg === '-h' || arg === '--help') {
        stdout.write(HELP);
        return 0;
      } else {
        stderr.write(`${errStyle.red('wechat-mp errcode:')} unknown option "${arg}"\n\n${HELP}`);
        return 2;
      }
    }
    const [text, ...extra] = codes;
    if (text === undefined || extra.length > 0) {
      const problem = text === undefined ? 'missing the code to explain' : 'expects exactly one code';
      stderr.write(`${errStyle.red('wechat-mp errcode:')} ${problem}\n\n${HELP}`);
      return 2;
    }

    if (!/^[-+]?\d+$/.test(text.trim())) {
      stderr.write(
        `${errStyle.red('wechat-mp errcode:')} "${text}" is not a number; pass a numeric errcode such as 45009\n`,
      );
      return 1;
    }
    const code = Number(text.trim());
    const info = describeErrcode(code);
    if (info === undefined) {
      stderr.write(
        `${errStyle.red('wechat-mp errcode:')} ${code} is not in the WeChat global return code table\n`,
      );
      return 1;
    }
    stdout.write(json ? `${JSON.stringify(info, null, 2)}\n` : formatErrcode(info, outStyle));
    return 0;
  },
};
