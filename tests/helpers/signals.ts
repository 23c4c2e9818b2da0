// Signal-webhook test helpers: a signed-up trader on the paper account with auto-trading on, and the webhook
// route called the way TradingView or a script calls it (no session, no Origin).
import { and, eq } from "drizzle-orm";
import { POST as webhookRoute } from "@/app/api/signals/[token]/route";
import { db } from "@/db";
import { tradingSettings, users } from "@/db/schema";
import { getSettings } from "@/lib/trading/settings";
import { makeUser } from "./accounts";

/** A signed-up user on `plan` whose BTCUSDT auto-trading is on, on their paper account. */
export async function makeSignalTrader(plan: "free" | "pro" | "elite" = "pro", tag = "sig") {
  const u = await makeUser(tag);
  await db.update(users).set({ plan }).where(eq(users.id, u.id));
  await getSettings(u.id, "BTCUSDT");
  await db
    .update(tradingSettings)
    .set({ autoTrade: true, exchangeAccountId: u.paperAccountId, maxLeverage: 3 })
    .where(and(eq(tradingSettings.userId, u.id), eq(tradingSettings.symbol, "BTCUSDT")));
  return u;
}

/** The token at the end of a webhook URL. */
export const tokenOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);

/** POST a body to a source's webhook; JSON objects are sent as JSON, strings as text/plain (like TradingView). */
export async function sendSignal(token: string, body: unknown, ip = "198.51.100.7") {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const res = await webhookRoute(
    new Request(`http://localhost/api/signals/${token}`, {
      method: "POST",
      headers: {
        "content-type": typeof body === "string" ? "text/plain" : "application/json",
        "x-forwarded-for": ip,
      },
      body: text,
    }),
    { params: Promise.resolve({ token }) },
  );
  return {
    status: res.status,
    retryAfter: res.headers.get("retry-after"),
    body: (await res.json()) as {
      status?: "accepted" | "duplicate";
      signalId?: number;
      decisionId?: number | null;
      error?: { code: string; message: string };
    },
  };
}
