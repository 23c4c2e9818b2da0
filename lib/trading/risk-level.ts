// The risk levels a user picks from: they set the share of equity risked per trade and steer the strategy.
// The values are the database enum's (db/schema/trading.ts); this is the one declaration of their type.
import { RISK_LEVELS } from "@/db/schema/trading";

export { RISK_LEVELS };

/** One risk level; decision prompts, sizing and settings all use this type. */
export type RiskLevel = (typeof RISK_LEVELS)[number];
