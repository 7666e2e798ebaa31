/**
 * `wechat-mp/fastify`: the entry point reserved for the Fastify adapter of the webhook server. It exports nothing in this release;
 * importing it is safe.
 *
 * @packageDocumentation
 */
export {};
