// POST /api/billing/paper-switch — move auto-trading to the user's paper account (one click from a billing pause).
import { NextResponse } from "next/server";
import { z } from "zod";
import { withUser } from "@/lib/api/route";
import { switchToPaper } from "@/lib/billing/switch-to-paper";

// No input: the paper account is the signed-in user's own; anything sent is refused rather than ignored.
const body = z.object({}).strict();

export const POST = withUser({ body }, async ({ user, ip }) => {
  const accountId = await switchToPaper(user.id, ip);
  return NextResponse.json({ accountId });
});
