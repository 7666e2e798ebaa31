/**
 * `wechat-mp/redis`: {@link RedisStore}, the store for a cluster, on `ioredis` (an optional peer
 * dependency: install it next to wechat-mp to use this entry point).
 *
 * @packageDocumentation
 */
export { RedisStore, type RedisStoreOptions } from './store/redis.js';
