import "server-only";
// The one-click way out of a billing pause: auto-trading moves from the live account to the user's paper account
// (auto-trade keeps its on/off state). The live position stays on the exchange with its stop-loss and take-profit,
// but Tickpilot no longer manages it; the page says so next to the button.
import { and, eq, ne } from "drizzle-orm";
import { db } from "@/db";
import { exchangeAccounts, tradingSettings } from "@/db/schema";
import { ensurePaperAccount } from "@/lib/accounts/paper-account";
import { audit } from "@/lib/audit";
import { isBillingNotice } from "@/lib/billing/status";

/** Select the user's paper account for every symbol that trades on a live one; returns the paper account id. */
export async function switchToPaper(userId: number, ip: string | null): Promise<number> {
  await ensurePaperAccount(userId);
  return db.transaction(async (tx) => {
    const [paper] = await tx
      .select({ id: exchangeAccounts.id })
      .from(exchangeAccounts)
      .where(and(eq(exchangeAccounts.userId, userId), eq(exchangeAccounts.exchange, "paper")))
      .limit(1);
    const rows = await tx
      .select({
        id: tradingSettings.id,
        from: tradingSettings.exchangeAccountId,
        pausedReason: tradingSettings.pausedReason,
      })
      .from(tradingSettings)
      .where(and(eq(tradingSettings.userId, userId), ne(tradingSettings.exchangeAccountId, paper!.id)))
      .for("update");
    for (const row of rows) {
      // The billing notice is about the live account: it no longer applies. Other notices (loss limit) stay.
      const clear = isBillingNotice(row.pausedReason) ? { pausedReason: null, pausedAt: null } : {};
      await tx
        .update(tradingSettings)
        .set({ exchangeAccountId: paper!.id, ...clear })
        .where(eq(tradingSettings.id, row.id));
      await audit(
        {
          actorId: userId,
          targetUserId: userId,
          action: "billing.switched_to_paper",
          targetType: "trading_settings",
          targetId: String(row.id),
          metadata: { from: row.from, to: paper!.id },
          ip,
        },
        tx,
      );
    }
    return paper!.id;
  });
}
