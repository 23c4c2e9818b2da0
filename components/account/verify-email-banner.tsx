// The reminder on signed-in pages while the account's email address is not confirmed.
import Link from "next/link";
import { MailWarningIcon } from "lucide-react";

/** A slim amber strip with a link to the security page (which can resend the link). */
export function VerifyEmailBanner({ email }: { email: string }) {
  return (
    <div
      role="status"
      data-testid="verify-email-banner"
      className="border-warning/40 bg-warning/10 mb-6 flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border px-4 py-3 text-sm"
    >
      <MailWarningIcon className="text-warning size-4 shrink-0" aria-hidden="true" />
      <p className="min-w-0 flex-1">
        Confirm <span className="font-medium break-all">{email}</span> with the link we emailed you — exchange
        keys need a confirmed address.
      </p>
      <Link
        href="/dashboard/security"
        className="text-primary font-medium underline-offset-4 hover:underline"
      >
        Resend link
      </Link>
    </div>
  );
}
