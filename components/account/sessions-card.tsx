"use client";
// Signed-in devices: this one marked, the others can be ended one by one, or all at once ("log out everywhere").
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { LaptopIcon, MonitorSmartphoneIcon } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { apiFetch, ApiError } from "@/lib/api/client";
import { logoutEverywhere } from "@/lib/auth/actions";
import type { SessionView } from "@/lib/auth/sessions";
import { formatDateTime } from "@/lib/utils";

// "Chrome on macOS" from a user agent, good enough to recognise one's own devices.
function describe(ua: string | null): string {
  if (!ua) return "Unknown device";
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /Firefox\//.test(ua)
      ? "Firefox"
      : /Chrome\//.test(ua)
        ? "Chrome"
        : /Safari\//.test(ua)
          ? "Safari"
          : /curl|node|python/i.test(ua)
            ? "Script"
            : "Browser";
  const os = /Windows/.test(ua)
    ? "Windows"
    : /Android/.test(ua)
      ? "Android"
      : /iPhone|iPad/.test(ua)
        ? "iOS"
        : /Mac OS X/.test(ua)
          ? "macOS"
          : /Linux/.test(ua)
            ? "Linux"
            : "";
  return os ? `${browser} on ${os}` : browser;
}

/** The list of live sessions (from the server) with their end buttons. */
export function SessionsCard({ sessions }: { sessions: SessionView[] }) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);

  async function end(id: string) {
    setBusy(id);
    try {
      await apiFetch(`/api/account/sessions/${id}`, { method: "DELETE" });
      toast.success("That device was signed out");
      router.refresh();
    } catch (err) {
      toast.error(err instanceof ApiError ? err.message : "Could not reach Tickpilot. Try again.");
    } finally {
      setBusy(null);
    }
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <MonitorSmartphoneIcon className="text-muted-foreground size-4" aria-hidden="true" />
          Sessions
        </CardTitle>
        <CardDescription>
          Devices signed in to your account. Don&apos;t recognise one? Sign it out.
        </CardDescription>
      </CardHeader>
      <CardContent className="px-0">
        <ul className="divide-y border-y" data-testid="sessions">
          {sessions.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 px-6 py-3">
              <div className="flex min-w-0 items-center gap-3">
                <LaptopIcon className="text-muted-foreground size-4 shrink-0" aria-hidden="true" />
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
                    {describe(s.userAgent)}
                    {s.current && <Badge variant="success">This device</Badge>}
                  </p>
                  <p className="text-muted-foreground text-xs">
                    {s.ip ?? "unknown address"} · signed in {formatDateTime(s.createdAt)} UTC
                    {s.lastSeenAt && ` · last active ${formatDateTime(s.lastSeenAt)} UTC`}
                  </p>
                </div>
              </div>
              {!s.current && (
                <Button variant="outline" size="sm" onClick={() => end(s.id)} disabled={busy === s.id}>
                  Sign out
                </Button>
              )}
            </li>
          ))}
        </ul>
      </CardContent>
      <CardFooter className="justify-between gap-4">
        <p className="text-muted-foreground text-sm">Lost a device or shared a computer?</p>
        <form action={logoutEverywhere}>
          <Button type="submit" variant="outline">
            Log out everywhere
          </Button>
        </form>
      </CardFooter>
    </Card>
  );
}
