import "server-only";
// ccxt's error classes → our ExchangeError kinds, with messages safe to show (never the request or a key).
import * as ccxt from "ccxt";
import { ExchangeError } from "./types";

/** Translate anything a ccxt call threw into an ExchangeError. */
export function mapCcxtError(err: unknown, exchangeName: string): ExchangeError {
  if (err instanceof ExchangeError) return err;
  // Rate limits first, before the auth classes (an HTTP 403 "access too frequent" must never look like a revoked
  // key; RateLimitExceeded is a DDoSProtection, a NetworkError): Bybit's 10006 and its HTTP 403
  // "access too frequent" both land here.
  if (
    err instanceof ccxt.RateLimitExceeded ||
    err instanceof ccxt.DDoSProtection ||
    (err instanceof Error && /access too frequent|too many visits|10006/i.test(err.message))
  )
    return new ExchangeError("rate_limited", `${exchangeName} is rate-limiting requests; retrying shortly`);
  // PermissionDenied is a subclass of AuthenticationError in ccxt: test it first.
  if (err instanceof ccxt.PermissionDenied)
    return new ExchangeError("permission", `The ${exchangeName} key lacks a permission this action needs`);
  if (err instanceof ccxt.AuthenticationError)
    return new ExchangeError("auth", `${exchangeName} rejected this key`);
  if (err instanceof ccxt.InsufficientFunds)
    return new ExchangeError("insufficient_balance", `Not enough balance on ${exchangeName} for this order`);
  if (err instanceof ccxt.OrderNotFound) return new ExchangeError("not_found", "Order not found");
  if (err instanceof ccxt.InvalidOrder || err instanceof ccxt.BadRequest || err instanceof ccxt.BadSymbol)
    return new ExchangeError("rejected", `${exchangeName} rejected the order: ${shortReason(err)}`);
  if (
    err instanceof ccxt.NetworkError ||
    err instanceof ccxt.RequestTimeout ||
    err instanceof ccxt.ExchangeNotAvailable
  )
    return new ExchangeError(
      "unavailable",
      `${exchangeName} could not be reached or is busy; try again shortly`,
    );
  return new ExchangeError("unavailable", `${exchangeName} returned an unexpected error`);
}

// ccxt messages are `bybit {"retCode":…,"retMsg":"…"}`, `binanceusdm {"code":…,"msg":"…"}` or
// `okx {"code":"1","data":[{"sCode":…,"sMsg":"…"}]}`; keep only the exchange's own reason.
function shortReason(err: Error): string {
  const match = /"(?:retMsg|sMsg|msg)":"([^"]{1,200})"/.exec(err.message);
  return match?.[1] ?? "invalid order";
}
