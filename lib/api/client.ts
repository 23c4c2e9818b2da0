// Browser-side JSON calls to our API: one error shape (message + field messages) for every form.
export class ApiError extends Error {
  constructor(
    message: string,
    public readonly status: number,
    public readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** fetch + JSON; a non-2xx answer throws ApiError with the server's message and field messages. */
export async function apiFetch<T>(url: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(url, {
    method: init.method ?? "GET",
    headers: init.body === undefined ? undefined : { "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const json = (await res.json().catch(() => ({}))) as {
    error?: { message?: string; fields?: Record<string, string> };
  };
  if (!res.ok) {
    throw new ApiError(
      json.error?.message ?? `Request failed (${res.status})`,
      res.status,
      json.error?.fields ?? {},
    );
  }
  return json as T;
}

/** SWR fetcher. */
export const swrFetcher = <T>(url: string) => apiFetch<T>(url);
