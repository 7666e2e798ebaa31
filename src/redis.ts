/**
 * `wechat-mp/redis`: the entry point reserved for Redis-backed store for sharing tokens, locks and dedupe state across a cluster. It exports nothing in this release;
 * importing it is safe.
 *
 * @packageDocumentation
 */
export {};
