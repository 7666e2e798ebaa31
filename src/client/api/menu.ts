import type { WeChatClient } from '../client.js';

/** The menu API. */
export class MenuApi {
  readonly #client: WeChatClient;

  /** @param client - the client these calls go through. */
  constructor(client: WeChatClient) {
    this.#client = client;
  }

  /** The client, for subclasses and tests. */
  protected get client(): WeChatClient {
    return this.#client;
  }
}
