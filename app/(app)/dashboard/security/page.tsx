// GET /dashboard/security — the account's security and data: email verification, password, two-factor
// authentication, signed-in devices, the JSON export and account deletion. Admins are sent here until 2FA is on.
import type { Metadata } from "next";
import { ShieldAlertIcon } from "lucide-react";

import { DataCard } from "@/components/account/data-card";
import { EmailCard } from "@/components/account/email-card";
import { PasswordCard } from "@/components/account/password-card";
import { SessionsCard } from "@/components/account/sessions-card";
import { TwoFactorCard } from "@/components/account/two-factor-card";
import { PageHeader } from "@/components/page-header";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { requireUser } from "@/lib/auth/session";
import { listSessions } from "@/lib/auth/sessions";
import { recoveryCodesLeft } from "@/lib/auth/totp";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage({
  searchParams,
}: {
  searchParams: Promise<{ [key: string]: string | string[] | undefined }>;
}) {
  const user = await requireUser("/dashboard/security");
  const [sessions, recoveryLeft] = await Promise.all([
    listSessions(user.id, user.sessionId),
    user.totpEnabledAt ? recoveryCodesLeft(user.id) : Promise.resolve(0),
  ]);
  const adminNeeds2fa = user.role === "admin" && !user.totpEnabledAt;
  const required = (await searchParams).required === "admin" || adminNeeds2fa;
  return (
    <>
      <PageHeader title="Security" description="Your sign-in, your devices and your data." />
      <div className="grid gap-6">
        {required && adminNeeds2fa && (
          <Alert variant="destructive">
            <ShieldAlertIcon />
            <AlertTitle>Turn on two-factor authentication to use the admin console</AlertTitle>
            <AlertDescription>
              Admin accounts can suspend users and stop trading for everyone, so they need a second factor.
            </AlertDescription>
          </Alert>
        )}
        <EmailCard email={user.email} verified={user.emailVerifiedAt !== null} />
        <TwoFactorCard
          enabled={user.totpEnabledAt !== null}
          recoveryLeft={recoveryLeft}
          isAdmin={user.role === "admin"}
        />
        <PasswordCard />
        <SessionsCard sessions={sessions} />
        <DataCard twoFactor={user.totpEnabledAt !== null} />
      </div>
    </>
  );
}
