/** Calls the emulator's control API; a non-2xx answer throws with its body. */
export async function control<T = unknown>(
  url: string,
  method: string,
  path: string,
  body?: object,
): Promise<T> {
  const response = await fetch(new URL(path, url), {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const parsed = (await response.json()) as T;
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${JSON.stringify(parsed)}`);
  return parsed;
}
