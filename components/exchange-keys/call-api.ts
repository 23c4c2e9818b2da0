// Tiny JSON fetch for the exchange-keys page: the API's error body becomes { message, fields }.
import { readableMessage } from "@/lib/api/client";

export interface ApiFailure {
  message: string;
  fields: Record<string, string>;
}

/** Call one of our JSON routes; never throws. */
export async function callApi<T>(
  url: string,
  method: string,
  body?: unknown,
): Promise<{ ok: true; data: T } | { ok: false; error: ApiFailure }> {
  try {
    const res = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => null)) as
      (T & { error?: { message?: string; fields?: Record<string, string> } }) | null;
    if (res.ok) return { ok: true, data: json as T };
    const fields = json?.error?.fields ?? {};
    const message = json?.error?.message ?? `The request failed (${res.status}). Please try again.`;
    return { ok: false, error: { message: readableMessage(message, fields), fields } };
  } catch {
    return { ok: false, error: { message: "Could not reach Tickpilot. Check your connection.", fields: {} } };
  }
}
