// Billing test helpers: users with a live or paper account selected, webhook delivery through the real route
// handler, and waiting for the billing worker to finish an event.
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { exchangeAccounts, stripeEvents, tradingSettings, users } from "@/db/schema";
import { uniqueEmail } from "./db";

/** A user on `plan` with trading settings pointing at a live (bybit) or paper account. */
export async function makeTrader(opts: { plan?: "free" | "pro" | "elite"; live?: boolean } = {}) {
  const [u] = await db
    .insert(users)
    .values({ email: uniqueEmail("bill"), passwordHash: "x", plan: opts.plan ?? "free" })
    .$returningId();
  const userId = u!.id;
  const [acc] = await db
    .insert(exchangeAccounts)
    .values({
      userId,
      exchange: opts.live === false ? "paper" : "bybit",
      label: "Main",
      keyHint: "AbCd…WxYz",
    })
    .$returningId();
  await db.insert(tradingSettings).values({ userId, exchangeAccountId: acc!.id, autoTrade: true });
  return { id: userId, accountId: acc!.id };
}

/** POST a raw webhook body to the real route handler; returns status and JSON body. */
export async function deliver(payload: string, signature: string | null) {
  const { POST } = await import("@/app/api/stripe/webhook/route");
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature !== null) headers["stripe-signature"] = signature;
  const res = await POST(
    new Request("http://test/api/stripe/webhook", { method: "POST", headers, body: payload }),
    {},
  );
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Wait until the worker has finished event `eventId` (processed, ignored or failed). */
export async function waitForEvent(eventId: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [row] = await db.select().from(stripeEvents).where(eq(stripeEvents.eventId, eventId));
    if (row && row.status !== "received") return row;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`event ${eventId} was not processed within ${timeoutMs} ms`);
}

/** The user's plan as stored. */
export async function storedPlan(userId: number) {
  const [row] = await db.select({ plan: users.plan }).from(users).where(eq(users.id, userId));
  return row?.plan;
}

/** The user's trading settings notice. */
export async function pausedReason(userId: number) {
  const [row] = await db
    .select({ reason: tradingSettings.pausedReason, autoTrade: tradingSettings.autoTrade })
    .from(tradingSettings)
    .where(eq(tradingSettings.userId, userId));
  return row;
}
