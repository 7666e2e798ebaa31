/**
 * `wechat-mp/emulator`: the entry point reserved for the local emulator of the WeChat platform. It exports nothing in this release;
 * importing it is safe.
 *
 * @packageDocumentation
 */
export {};
