// POST /api/billing/paper-switch — move auto-trading to the user's paper account (one click from a billing pause).
import { NextResponse } from "next/server";
import { z } from "zod";
import { apiRoute, readJson } from "@/lib/api/handler";
import { clientIp } from "@/lib/auth/client-ip";
import { requireApiUser } from "@/lib/auth/session";
import { switchToPaper } from "@/lib/billing/switch-to-paper";

// No input: the paper account is the signed-in user's own; anything sent is refused rather than ignored.
const body = z.object({}).strict();

export const POST = apiRoute(async (req) => {
  const user = await requireApiUser();
  await readJson(req, body);
  const accountId = await switchToPaper(user.id, clientIp(req.headers));
  return NextResponse.json({ accountId });
});
