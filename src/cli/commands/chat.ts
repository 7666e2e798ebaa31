import { createInterface } from 'node:readline';
import { CHAT_HELP, ChatSession, describeEntry, pushFor } from '../chat/session.js';
import type { CliCommand, CliContext } from '../command.js';

const HELP = `Usage: wechat-mp chat <emulator-url> [--openid ID] [--nickname NAME]

Talks to your bot as a follower, through a running emulator: what you type is
pushed to the bot's webhook like a message from WeChat, its passive replies are
printed, and customer-service, template and mass messages are printed when they
arrive.

${CHAT_HELP}`;

/** Runs the chat until /quit or the end of input; resolves to the exit code. */
async function chat(
  url: string,
  openid: string | undefined,
  nickname: string | undefined,
  ctx: CliContext,
): Promise<number> {
  const { stdout, outStyle: style } = ctx;
  const session = new ChatSession(url);
  try {
    await session.join(openid, nickname);
  } catch (error) {
    ctx.stderr.write(`wechat-mp chat: cannot reach the emulator at ${url}: ${(error as Error).message}\n`);
    return 1;
  }
  stdout.write(
    `${style.dim(`Chatting as ${session.openid} on ${url}. /help for commands, /quit to leave.`)}\n`,
  );
  const rl = createInterface({
    input: ctx.stdin,
    output: stdout as NodeJS.WritableStream,
    terminal: Boolean(stdout.isTTY),
  });
  const print = (line: string) => {
    stdout.write(`\r${line}\n`);
    rl.prompt(true);
  };
  // Messages sent later (customer-service, template, mass) arrive between the user's lines.
  let busy = false;
  const poll = setInterval(() => {
    if (busy) return;
    session.received().then(
      (entries) => {
        for (const entry of entries) print(style.green(describeEntry(entry)));
      },
      () => undefined,
    );
  }, 500);
  rl.setPrompt(style.cyan('你> '));
  rl.prompt();
  try {
    for await (const line of rl) {
      const text = line.trim();
      if (text === '') {
        rl.prompt();
        continue;
      }
      if (text === '/quit' || text === '/exit') break;
      const fields = pushFor(text);
      if (fields === undefined) {
        print(text === '/help' ? CHAT_HELP : style.yellow(`unknown command ${text}; /help lists them`));
        continue;
      }
      busy = true;
      try {
        const outcome = await session.send(fields);
        for (const entry of await session.received()) print(style.green(describeEntry(entry)));
        if (outcome.status === 'empty') print(style.dim(`(no reply, ${outcome.latencyMs} ms)`));
        if (outcome.status === 'failed')
          print(style.red(`${outcome.shown ?? 'failed'} — ${outcome.reason ?? ''}`));
      } catch (error) {
        print(style.red((error as Error).message));
      } finally {
        busy = false;
      }
    }
  } finally {
    clearInterval(poll);
    rl.close();
  }
  return 0;
}

/** `wechat-mp chat`: a terminal chat with a bot, as a follower on the emulator. */
export const chatCommand: CliCommand = {
  name: 'chat',
  synopsis: '<emulator-url>',
  summary: 'Chat with your bot as a follower, through the emulator',
  help: HELP,
  async run(args, ctx) {
    let url: string | undefined;
    let openid: string | undefined;
    let nickname: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i] as string;
      if (arg === '-h' || arg === '--help') {
        ctx.stdout.write(HELP);
        return 0;
      }
      if (arg === '--openid') openid = args[++i];
      else if (arg === '--nickname') nickname = args[++i];
      else if (!arg.startsWith('-') && url === undefined) url = arg;
      else {
        ctx.stderr.write(`wechat-mp chat: unexpected argument "${arg}"\n\n${HELP}`);
        return 2;
      }
    }
    if (url === undefined || !/^https?:\/\//.test(url)) {
      ctx.stderr.write(
        `wechat-mp chat: the emulator URL is required (e.g. http://127.0.0.1:4000)\n\n${HELP}`,
      );
      return 2;
    }
    return chat(url, openid, nickname, ctx);
  },
};
