import "server-only";
// The paper exchange's rules from env (slippage, taker fee, maintenance margin), without the database: the
// backtester and the CLI read them too.
import { env } from "@/lib/env";
import type { PaperRules } from "./math";

/** The paper rules from env. */
export function paperRules(): PaperRules {
  return {
    slippageBps: env.PAPER_SLIPPAGE_BPS,
    takerFee: env.PAPER_TAKER_FEE,
    maintenanceMargin: env.PAPER_MAINTENANCE_MARGIN,
  };
}
