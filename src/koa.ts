/**
 * `wechat-mp/koa`: the entry point reserved for the Koa adapter of the webhook server. It exports nothing in this release;
 * importing it is safe.
 *
 * @packageDocumentation
 */
export {};
