// A simulated follower talking to an account through the emulator's control API: what
// `wechat-mp chat` and the demo are built on. It speaks HTTP only, so it works against any
// emulator URL, in this process or another.

/** One thing the user received, as the emulator's inbox lists it. */
export interface InboxEntry {
  readonly kind: 'reply' | 'custom' | 'template' | 'mass';
  readonly at: number;
  readonly message: Record<string, unknown>;
}

/** What the emulator reports for one push. */
export interface PushOutcome {
  readonly attempts: number;
  readonly status: 'replied' | 'empty' | 'failed';
  readonly latencyMs: number;
  readonly reason?: string;
  readonly shown?: string;
  /** The menu button tapped, when the push came from a tap on the account's menu. */
  readonly tapped?: string;
}

/** A follower of the account on an emulator. */
export class ChatSession {
  readonly #url: string;
  #openid = '';
  #seen = 0;

  /** @param emulatorUrl - the emulator's base URL. */
  constructor(emulatorUrl: string) {
    this.#url = emulatorUrl.replace(/\/+$/, '');
  }

  /** The follower's OpenID (after {@link join}). */
  get openid(): string {
    return this.#openid;
  }

  /** Creates the follower, or reuses `openid` if it exists. */
  async join(openid?: string, nickname?: string): Promise<string> {
    if (openid !== undefined) {
      const existing = await fetch(`${this.#url}/emulator/users/${encodeURIComponent(openid)}`);
      if (existing.ok) {
        this.#openid = openid;
        this.#seen = (await this.inbox()).length;
        return openid;
      }
    }
    const user = await this.#control<{ openid: string }>('POST', '/emulator/users', {
      ...(openid === undefined ? {} : { openid }),
      ...(nickname === undefined ? {} : { nickname }),
    });
    this.#openid = user.openid;
    return user.openid;
  }

  /**
   * Pushes a message or event from the follower (e.g. `{ MsgType: 'text', Content: 'hi' }`).
   * A `CLICK` or `VIEW` event is played as a tap on the account's menu when it has a button
   * with that key (or url, or name), so the event carries what the platform puts in it
   * (`MenuId`…); without a menu or such a button, the event is pushed as given.
   */
  async send(fields: Record<string, unknown>): Promise<PushOutcome> {
    const { MsgType, Event, EventKey } = fields;
    if (MsgType === 'event' && (Event === 'CLICK' || Event === 'VIEW') && typeof EventKey === 'string') {
      const tapped = await this.tap(EventKey);
      if (tapped !== undefined) return tapped;
    }
    return this.#control('POST', `/emulator/users/${encodeURIComponent(this.#openid)}/send`, fields);
  }

  /**
   * Taps the menu button whose key, url or name is `target`, as the follower would
   * (`POST /emulator/users/{openid}/click`). Resolves to `undefined` when the account has no
   * menu or the menu no such button; a button that pushes nothing (a sub-menu, a material)
   * resolves to an `empty` outcome with no attempt.
   */
  async tap(target: string): Promise<PushOutcome | undefined> {
    if (target === '') return undefined;
    const response = await fetch(`${this.#url}/emulator/users/${encodeURIComponent(this.#openid)}/click`, {
      method: 'POST',
      body: JSON.stringify({ key: target }),
    });
    const body = (await response.json()) as {
      button?: { name?: string };
      push?: PushOutcome;
      error?: string;
    };
    // 409: no menu; 404: no such button (an unknown user or a missing webhook fail the plain push too).
    if (response.status === 404 || response.status === 409) return undefined;
    if (!response.ok) throw new Error(`tap ${target}: ${body.error ?? response.status}`);
    const tapped = body.button?.name ?? target;
    return body.push === undefined
      ? { attempts: 0, status: 'empty', latencyMs: 0, tapped }
      : { ...body.push, tapped };
  }

  /** Everything the follower received, oldest first. */
  inbox(): Promise<InboxEntry[]> {
    return this.#control('GET', `/emulator/users/${encodeURIComponent(this.#openid)}/inbox`);
  }

  /** What arrived since the last call. */
  async received(): Promise<InboxEntry[]> {
    const all = await this.inbox();
    const fresh = all.slice(this.#seen);
    this.#seen = all.length;
    return fresh;
  }

  /** Waits up to `timeoutMs` for something new to arrive. */
  async waitForNew(timeoutMs: number): Promise<InboxEntry[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const fresh = await this.received();
      if (fresh.length > 0 || Date.now() >= deadline) return fresh;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async #control<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.#url}${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const parsed = (await response.json()) as T & { error?: string };
    if (!response.ok) throw new Error(`${method} ${path}: ${parsed.error ?? response.status}`);
    return parsed;
  }
}

/** Turns a line the user typed into the push it stands for; `undefined` for a local command. */
export function pushFor(line: string): Record<string, unknown> | undefined {
  const [command = '', ...args] = line.trim().split(/\s+/);
  switch (command) {
    case '/subscribe':
      return {
        MsgType: 'event',
        Event: 'subscribe',
        ...(args[0] ? { EventKey: `qrscene_${args[0]}`, Ticket: 'TICKET' } : {}),
      };
    case '/unsubscribe':
      return { MsgType: 'event', Event: 'unsubscribe' };
    case '/click':
      return { MsgType: 'event', Event: 'CLICK', EventKey: args[0] ?? '' };
    case '/view':
      return { MsgType: 'event', Event: 'VIEW', EventKey: args[0] ?? 'https://example.com/' };
    case '/scan':
      return { MsgType: 'event', Event: 'SCAN', EventKey: args[0] ?? '1', Ticket: 'TICKET' };
    case '/location':
      return {
        MsgType: 'location',
        Location_X: Number(args[0] ?? 23.134521),
        Location_Y: Number(args[1] ?? 113.358803),
        Scale: 15,
        Label: args.slice(2).join(' ') || '广州市海珠区',
      };
    case '/image':
      return { MsgType: 'image', PicUrl: 'http://mmbiz.qpic.cn/demo.jpg', MediaId: `media_${Date.now()}` };
    default:
      return command.startsWith('/') ? undefined : { MsgType: 'text', Content: line };
  }
}

/** One inbox entry as a line of the chat: who sent it and what it says. */
export function describeEntry(entry: InboxEntry): string {
  const via = { reply: '', custom: ' (客服消息)', template: ' (模板消息)', mass: ' (群发)' }[entry.kind];
  const m = entry.message;
  const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
  let body: string;
  if (entry.kind === 'reply') {
    if (m.type === 'text') body = text(m.content);
    else if (m.type === 'news')
      body = `[图文] ${((m.articles as { title: string }[]) ?? []).map((a) => a.title).join(' / ')}`;
    else body = `[${text(m.type)}] ${text(m.mediaId ?? m.title ?? '')}`.trim();
  } else if (entry.kind === 'template') {
    body = text(m.rendered ?? m.data);
  } else {
    const type = text(m.msgtype);
    const payload = m[type] as Record<string, unknown> | undefined;
    body = type === 'text' ? text(payload?.content) : `[${type}] ${text(payload ?? '')}`;
  }
  return `公众号${via}: ${body}`;
}

/** The chat's help text. */
export const CHAT_HELP = `Type a message and press Enter to send it as the follower. Commands:
  /subscribe [SCENE]  follow the account (with SCENE: via a QR code)
  /unsubscribe        unfollow
  /click KEY          tap the menu button KEY (or the one named KEY)
  /view URL           tap a menu link
  /scan SCENE         scan a QR code while following
  /location [LAT LNG] send a location
  /image              send a picture
  /help               this help
  /quit               leave
`;
