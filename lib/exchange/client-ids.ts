// Our canonical client order id (`tp-<decision base36>-<user base36>-<leg>`, lib/execution/client-order-id.ts) in
// the formats other exchanges accept, and back. Pure, so tests check every mapping without an exchange.
import { ExchangeError } from "./types";

const CANONICAL = /^tp-([0-9a-z]{1,13})-([0-9a-z]{1,13})-([oc])$/;
const OKX_ENCODED = /^TP([0-9a-z]{13})([0-9a-z]{13})([oc])$/;
const OKX_ALLOWED = /^[A-Za-z0-9]{1,32}$/;
const BINANCE_ALLOWED = /^[.A-Z:/a-z0-9_-]{1,36}$/;

const unpad = (s: string) => s.replace(/^0+(?=.)/, "");

/**
 * OKX `clOrdId` (case-sensitive alphanumerics, at most 32): `TP` + decision and user zero-padded to 13 base36 digits
 * (any 64-bit id fits) + the leg, always 29 characters. Upper-case `TP` never starts a canonical id, so the mapping
 * is one-to-one. An id that is not ours but already valid for OKX is sent unchanged.
 */
export function okxClientId(canonical: string): string {
  const m = CANONICAL.exec(canonical);
  if (m) return `TP${m[1]!.padStart(13, "0")}${m[2]!.padStart(13, "0")}${m[3]}`;
  if (OKX_ALLOWED.test(canonical)) return canonical;
  throw new ExchangeError(
    "rejected",
    "This client order id cannot be sent to OKX (alphanumeric, at most 32)",
  );
}

/** An OKX `clOrdId` → our canonical id (ids that are not ours come back unchanged). */
export function okxCanonicalClientId(exchangeId: string): string {
  const m = OKX_ENCODED.exec(exchangeId);
  return m ? `tp-${unpad(m[1]!)}-${unpad(m[2]!)}-${m[3]}` : exchangeId;
}

/** Binance `newClientOrderId` (`^[.A-Z:/a-z0-9_-]{1,36}$`): our canonical ids already fit and are sent unchanged. */
export function binanceClientId(canonical: string): string {
  if (BINANCE_ALLOWED.test(canonical)) return canonical;
  throw new ExchangeError(
    "rejected",
    "This client order id cannot be sent to Binance (at most 36 of A-Z a-z 0-9 .:/_-)",
  );
}

/**
 * The `clientAlgoId` of the stop-loss (`ts-…`) or take-profit (`tt-…`) order that protects the position an entry
 * opened: same length as the entry's id, and never equal to one of our order ids (those start `tp-`).
 */
export function binanceProtectionId(entryId: string, kind: "stop_loss" | "take_profit"): string {
  const prefix = kind === "stop_loss" ? "ts" : "tt";
  const entry = binanceClientId(entryId);
  return entry.startsWith("tp-") ? `${prefix}${entry.slice(2)}` : `${prefix}.${entry}`.slice(0, 36);
}

/** Which protective order a Binance client id names, if it is one of ours. */
export function binanceProtectionKind(clientId: string): "stop_loss" | "take_profit" | null {
  if (/^ts-[0-9a-z]+-[0-9a-z]+-[oc]$/.test(clientId)) return "stop_loss";
  if (/^tt-[0-9a-z]+-[0-9a-z]+-[oc]$/.test(clientId)) return "take_profit";
  return null;
}
