// Browser-side calls to the admin API: JSON in, JSON out, the server's error message thrown as an Error.

/** An admin API refusal, with per-field messages when the input was invalid. */
export class AdminFetchError extends Error {
  constructor(
    message: string,
    public readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Call an admin endpoint; a non-2xx answer throws with the message the server gave. */
export async function adminFetch<T = unknown>(
  url: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  const res = await fetch(url, {
    method: init.method ?? "GET",
    headers: init.body === undefined ? undefined : { "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const data = (await res.json().catch(() => null)) as {
    error?: { message?: string; fields?: Record<string, string> };
  } | null;
  if (!res.ok)
    throw new AdminFetchError(data?.error?.message ?? `Request failed (${res.status})`, data?.error?.fields);
  return data as T;
}
