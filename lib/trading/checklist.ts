import "server-only";
// The dashboard's first-run checklist: account ready → settings reviewed → auto-trading on → first decision.
// Each step is read from real state; once every step is done (or the user hides it) it is stored as done on the
// user's settings and never shown again.
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { decisionRecipients, tradingSettings, type TradingSettings } from "@/db/schema";

/** What the checklist shows (null when it is done or dismissed). */
export interface ChecklistView {
  /** The selected account's label and exchange, null when none is selected. */
  account: { label: string; exchange: string } | null;
  settingsSaved: boolean;
  autoTrade: boolean;
  /** Tick time of the first decision made for the user, null before it. */
  firstDecisionAt: string | null;
}

/** The checklist for a user's dashboard, or null once done; marks it done when every step is. */
export async function firstRunChecklist(
  settings: TradingSettings,
  account: ChecklistView["account"],
): Promise<ChecklistView | null> {
  if (settings.checklistDoneAt) return null;
  const [first] = await db
    .select({ tickTime: decisionRecipients.tickTime })
    .from(decisionRecipients)
    .where(eq(decisionRecipients.userId, settings.userId))
    .orderBy(decisionRecipients.tickTime)
    .limit(1);
  const view: ChecklistView = {
    account,
    settingsSaved: settings.settingsSavedAt !== null,
    autoTrade: settings.autoTrade,
    firstDecisionAt: first?.tickTime.toISOString() ?? null,
  };
  if (view.account && view.settingsSaved && view.autoTrade && view.firstDecisionAt) {
    await dismissChecklist(settings.userId);
    return null;
  }
  return view;
}

/** Hide the checklist for good (every symbol's settings row). */
export async function dismissChecklist(userId: number): Promise<void> {
  await db
    .update(tradingSettings)
    .set({ checklistDoneAt: new Date() })
    .where(eq(tradingSettings.userId, userId));
}
