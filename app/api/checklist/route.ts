// PUT /api/checklist — { dismissed: true } hides the dashboard's first-run checklist for good.
import { NextResponse } from "next/server";
import { z } from "zod";
import { withUser } from "@/lib/api/route";
import { dismissChecklist } from "@/lib/trading/checklist";

const body = z.object({ dismissed: z.literal(true, { error: "dismissed must be true" }) }).strict();

export const PUT = withUser({ body }, async ({ user }) => {
  await dismissChecklist(user.id);
  return NextResponse.json({ dismissed: true });
});
