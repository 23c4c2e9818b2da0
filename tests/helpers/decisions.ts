// Decision rows for execution tests (what the decide step would have written).
import { db } from "@/db";
import { decisions, type Decision } from "@/db/schema";

let seq = 0;

/** Insert a decision for BTCUSDT with the given action and parameters. */
export async function makeDecision(
  partial: Partial<Decision> & { action: Decision["action"] },
): Promise<Decision> {
  seq += 1;
  const row = {
    symbol: "BTCUSDT",
    tickTime: new Date(Date.UTC(2030, 0, 1) + seq * 300_000 + (process.pid % 1000) * 86_400_000),
    groupKey: `test-${process.pid}-${seq}`,
    riskLevel: "medium" as const,
    provider: "builtin",
    model: "indicators-v1",
    confidence: 0.8,
    leverage: 5,
    stopLoss: 0.01,
    takeProfit: 0.02,
    reason: "test decision",
    status: "ok" as const,
    ...partial,
  };
  const [inserted] = await db.insert(decisions).values(row).$returningId();
  return (await db.query.decisions.findFirst({ where: (d, { eq }) => eq(d.id, inserted!.id) }))!;
}
