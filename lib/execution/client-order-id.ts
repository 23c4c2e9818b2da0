// Deterministic exchange client order ids (Bybit orderLinkId ≤ 36 chars): the same decision and user always
// give the same id, so a retry after a crash finds the first order instead of placing a second.

/** `tp-<decision base36>-<user base36>-<leg>`: leg `o` opens (or closes, for a close decision), `c` is a flip's close. */
export function clientOrderIdFor(decisionId: number, userId: number, leg: "o" | "c" = "o"): string {
  const id = `tp-${decisionId.toString(36)}-${userId.toString(36)}-${leg}`;
  if (id.length > 36) throw new Error("client order id longer than 36 characters");
  return id;
}
