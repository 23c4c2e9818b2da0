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

/**
 * A server message fit for a form's summary: the API prefixes validation messages with the field's key for API
 * clients ("label: Give the account a name"); people read the field messages themselves, which name the label.
 */
export function readableMessage(message: string, fields: Record<string, string>): string {
  const messages = Object.values(fields);
  if (messages.length === 0 || !Object.keys(fields).some((key) => message.startsWith(`${key}: `))) {
    return message;
  }
  return messages.length === 1
    ? messages[0]!
    : `Please fix ${messages.length} fields: ${messages.join("; ")}.`;
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
    const fields = json.error?.fields ?? {};
    throw new ApiError(
      readableMessage(json.error?.message ?? `Request failed (${res.status})`, fields),
      res.status,
      fields,
    );
  }
  return json as T;
}

/** SWR fetcher. */
export const swrFetcher = <T>(url: string) => apiFetch<T>(url);
