import "server-only";
// The symbol a user's settings, account selection and dashboard are about: the first of MARKET_SYMBOLS.
import { env } from "@/lib/env";

/** The primary configured symbol (e.g. BTCUSDT); new users get their trading settings for it. */
export const DEFAULT_SYMBOL: string = env.MARKET_SYMBOLS[0]!;

/** Whether `symbol` is one this installation trades (MARKET_SYMBOLS). */
export function isServedSymbol(symbol: string): boolean {
  return env.MARKET_SYMBOLS.includes(symbol);
}
