// Without STRIPE_SECRET_KEY the install is self-hosted: every feature on, billing endpoints refuse politely.
import { afterAll, describe, expect, it, vi } from "vitest";
import { closeDb } from "@/db";
import { getUserDetail, searchUsers } from "@/lib/admin/users";
import { createCheckoutSession, createPortalSession } from "@/lib/billing/checkout";
import { assertCanUseAccount, planFor } from "@/lib/billing/limits";
import { getBillingOverview } from "@/lib/billing/overview";
import { closeRedis } from "@/lib/redis";
import { deliver, makeTrader } from "../helpers/billing";

vi.hoisted(() => {
  process.env.STRIPE_SECRET_KEY = "";
  process.env.STRIPE_WEBHOOK_SECRET = "";
});

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

describe("billing off", () => {
  it("gives a free user Elite limits with live trading", async () => {
    const user = await makeTrader({ plan: "free" });
    const access = await planFor({ id: user.id, plan: "free" });
    expect(access).toMatchObject({ liveTradingAllowed: true, reason: null, subscriptionStatus: null });
    expect(access.plan.id).toBe("elite");
    await expect(
      assertCanUseAccount({ id: user.id, plan: "free" }, { exchange: "bybit" }),
    ).resolves.toBeUndefined();
    expect(await getBillingOverview(user.id)).toMatchObject({
      enabled: false,
      plan: "elite",
      purchasable: [],
    });
  });

  it("the admin console shows the plan whose limits apply, as the user's own menu does", async () => {
    const user = await makeTrader({ plan: "free" });
    const row = await getUserDetail(user.id);
    const { rows } = await searchUsers(row.user.email);
    expect(rows.map((r) => r.plan)).toEqual(["elite"]);
    expect(row.user.plan).toBe("elite");
  });

  it("refuses checkout, portal and webhooks with clear messages", async () => {
    const user = await makeTrader();
    await expect(createCheckoutSession(user.id, "pro")).rejects.toMatchObject({
      status: 409,
      message: "Nothing to buy: this installation has every feature unlocked",
    });
    await expect(createPortalSession(user.id)).rejects.toMatchObject({ status: 409 });
    expect(await deliver("{}", "t=1,v1=abc")).toMatchObject({ status: 404 });
  });
});
