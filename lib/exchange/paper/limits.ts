// The paper exchange's market limits (same for every symbol).
import type { MarketLimits } from "../types";

/** Bybit-like limits for USDT perpetuals. */
export const PAPER_LIMITS: MarketLimits = {
  minQty: 0.001,
  qtyStep: 0.001,
  minNotional: 5,
  maxLeverage: 100,
  priceTick: 0.1,
};
