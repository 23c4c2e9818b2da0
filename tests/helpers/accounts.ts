// Test helpers for exchange accounts: users made through the real sign-up path, candles written to Redis.
import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { exchangeAccounts, type NewExchangeAccount } from "@/db/schema";
import { registerUser } from "@/lib/auth/register";
import { createSession } from "@/lib/auth/sessions";
import { sealAccountKeys } from "@/lib/crypto/account-keys";
import { maskKey } from "@/lib/crypto/vault";
import type { CurrentUser } from "@/lib/auth/session";
import { encodeCandle, seriesKey, seriesKeys } from "@/lib/market/series";
import type { Candle } from "@/lib/market/types";
import { redis } from "@/lib/redis";
import { uniqueEmail } from "./db";

/** A signed-up user (with the paper account sign-up provisions) and a live session of theirs. */
export async function makeUser(tag = "acct"): Promise<CurrentUser & { paperAccountId: number }> {
  const { id } = await registerUser({ email: uniqueEmail(tag), password: "longenough-password" });
  const user = (await db.query.users.findFirst({
    where: (u, { eq: e }) => e(u.id, id),
    columns: { passwordHash: false, totpSecretEnc: false },
  }))!;
  const sessionId = await createSession(id, { ip: "127.0.0.1", userAgent: "vitest" });
  const [paper] = await db
    .select({ id: exchangeAccounts.id })
    .from(exchangeAccounts)
    .where(and(eq(exchangeAccounts.userId, id), eq(exchangeAccounts.exchange, "paper")));
  return { ...user, sessionId, paperAccountId: paper!.id };
}

/**
 * A live exchange account with its key pair encrypted and bound to the new row, stored the way connectAccount
 * stores it (without asking an exchange). Returns the account id.
 */
export async function addLiveAccount(
  userId: number,
  keys: { apiKey: string; apiSecret: string },
  values: Partial<NewExchangeAccount> = {},
): Promise<number> {
  const [row] = await db
    .insert(exchangeAccounts)
    .values({ userId, exchange: "bybit", label: "Bybit", keyHint: maskKey(keys.apiKey), ...values })
    .$returningId();
  await db
    .update(exchangeAccounts)
    .set(sealAccountKeys(row!.id, userId, keys))
    .where(eq(exchangeAccounts.id, row!.id));
  return row!.id;
}

/** Write a 1m candle into the feed's sorted set (replacing one with the same open time). */
export async function writeCandle(
  symbol: string,
  c: Partial<Candle> & { c: number; t: number },
): Promise<Candle> {
  const candle: Candle = { o: c.c, h: c.c, l: c.c, v: 1, ...c };
  const key = seriesKey(symbol);
  await redis().zremrangebyscore(key, candle.t, candle.t);
  await redis().zadd(key, candle.t, encodeCandle(candle));
  return candle;
}

/** Remove every stored candle of a symbol (each test starts from its own prices). */
export async function clearCandles(symbol: string): Promise<void> {
  await redis().del(...seriesKeys(symbol));
}
