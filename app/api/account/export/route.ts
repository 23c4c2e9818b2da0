// GET /api/account/export — everything stored about the signed-in user as a JSON download (no secrets).
import { NextResponse } from "next/server";
import { exportUserData } from "@/lib/account/export-data";
import { withUser } from "@/lib/api/route";
import { audit } from "@/lib/audit";

export const dynamic = "force-dynamic";

export const GET = withUser(
  { rateLimit: { name: "export", limit: 10, windowSeconds: 3600 } },
  async ({ user, ip }) => {
    const data = await exportUserData(user.id);
    await audit({ actorId: user.id, targetUserId: user.id, action: "user.export", ip });
    const day = new Date().toISOString().slice(0, 10);
    return new NextResponse(JSON.stringify(data, null, 2), {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="tickpilot-export-${day}.json"`,
        "Cache-Control": "no-store",
      },
    });
  },
);
