// DELETE /api/account/sessions/[id] — end one of the user's own sessions (another device); 404 for anyone else's.
import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { withUser } from "@/lib/api/route";
import { endOwnSession } from "@/lib/auth/sessions";

const params = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{32}$/) });

export const DELETE = withUser({ params }, async ({ user, params: { id } }) => {
  if (!(await endOwnSession(user.id, id))) throw new AppError("not_found", "Session not found");
  return NextResponse.json({ ok: true, current: id === user.sessionId });
});
