// The signed-in app: the session is re-checked against MySQL here (suspended or revoked → login).
import { headers } from "next/headers";
import { AppShell } from "@/components/app-shell/app-shell";
import { requireUser } from "@/lib/auth/session";
import { billingEnabled } from "@/lib/billing/config";
import { effectivePlanId } from "@/lib/billing/effective-plan";
import { KillSwitchBanner } from "@/components/system/kill-switch-banner";
import { VerifyEmailBanner } from "@/components/account/verify-email-banner";
import { getSystemSetting } from "@/lib/system/settings";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const path = (await headers()).get("x-pathname") ?? "/dashboard";
  const user = await requireUser(path);
  const killSwitch = await getSystemSetting("killSwitch");
  return (
    <AppShell
      user={{
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        plan: effectivePlanId(user.plan),
        billingEnabled: billingEnabled(),
      }}
    >
      <KillSwitchBanner initial={killSwitch} />
      {!user.emailVerifiedAt && !path.startsWith("/dashboard/security") && (
        <VerifyEmailBanner email={user.email} />
      )}
      {children}
    </AppShell>
  );
}
