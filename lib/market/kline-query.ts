// Validation of GET /api/kline's query (pure, so it is unit-tested without a server).
import { z } from "zod";
import { INTERVALS } from "./types";

/** Largest `count` a kline request may ask for (the stored 1m history). */
export const MAX_KLINE_COUNT = 5_000;

/** The query schema for the configured symbols: symbol known, interval 1m/5m/15m/1h, count 1–5,000 (default 300). */
export function klineQuerySchema(symbols: readonly string[]) {
  return z.object({
    symbol: z
      .string({ error: "symbol is required" })
      .transform((s) => s.trim().toUpperCase())
      .refine((s) => symbols.includes(s), { message: `must be one of ${symbols.join(", ")}` }),
    interval: z.enum(INTERVALS, { error: `must be one of ${INTERVALS.join(", ")}` }).default("1m"),
    count: z.coerce
      .number({ error: "must be a whole number from 1 to 5000" })
      .int("must be a whole number from 1 to 5000")
      .min(1, "must be a whole number from 1 to 5000")
      .max(MAX_KLINE_COUNT, "must be a whole number from 1 to 5000")
      .default(300),
  });
}

/** A validated kline query. */
export type KlineQuery = z.infer<ReturnType<typeof klineQuerySchema>>;
