/**
 * `wechat-mp/express`: the entry point reserved for the Express adapter of the webhook server. It exports nothing in this release;
 * importing it is safe.
 *
 * @packageDocumentation
 */
export {};
