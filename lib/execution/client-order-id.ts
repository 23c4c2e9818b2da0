// Deterministic exchange client order ids (Bybit orderLinkId ≤ 36 chars): the same decision and user always
// give the same id, so a retry after a crash finds the first order instead of placing a second.

/** `tp-<decision base36>-<user base36>-<leg>`: leg `o` opens (or closes, for a close decision), `c` is a flip's close. */
export function clientOrderIdFor(decisionId: number, userId: number, leg: "o" | "c" = "o"): string {
  const id = `tp-${decisionId.toString(36)}-${userId.toString(36)}-${leg}`;
  if (id.length > 36) throw new Error("client order id longer than 36 characters");
  return id;
}

/** Manual actions from the dashboard (close now, flatten): `tp-m<request base36>-<user base36>-<leg>`. */
export function manualClientOrderId(requestId: number, userId: number, leg: "o" | "c" = "o"): string {
  return `tp-m${requestId.toString(36)}-${userId.toString(36)}-${leg}`;
}

/** What one of our client order ids says; null for an id Tickpilot did not make (the owner's, the exchange's). */
export function parseClientOrderId(
  id: string | null | undefined,
): { decisionId: number | null; requestId: number | null; userId: number; leg: "o" | "c" } | null {
  const m = /^tp-(m?)([0-9a-z]+)-([0-9a-z]+)-([oc])$/.exec(id ?? "");
  if (!m) return null;
  const n = parseInt(m[2]!, 36);
  return {
    decisionId: m[1] ? null : n,
    requestId: m[1] ? n : null,
    userId: parseInt(m[3]!, 36),
    leg: m[4] as "o" | "c",
  };
}
