import { expect } from 'vitest';

/** The error `promise` rejects with; fails if it resolves, or, given `type`, if the error is not one. */
export async function rejection<E = unknown>(
  promise: Promise<unknown>,
  type?: abstract new (...args: never[]) => E,
): Promise<E> {
  try {
    await promise;
  } catch (error) {
    if (type !== undefined) expect(error).toBeInstanceOf(type);
    return error as E;
  }
  throw new Error('expected the call to fail');
}
