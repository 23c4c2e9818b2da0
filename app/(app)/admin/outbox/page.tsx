// GET /admin/outbox?page= — every email Tickpilot sent or kept: without SMTP_URL the messages wait here with their
// text (verification and reset links an admin can pass on), with SMTP only their delivery status.
import type { Metadata } from "next";
import { MailIcon } from "lucide-react";

import { OutboxTable } from "@/components/admin/outbox-table";
import { Pager } from "@/components/admin/pager";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { listOutbox, OUTBOX_PAGE_SIZE } from "@/lib/admin/outbox";
import { requireAdminPage } from "@/lib/auth/session";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Admin · Outbox" };

export default async function AdminOutboxPage({
  searchParams,
}: {
  searchParams: Promise<{ [key: string]: string | string[] | undefined }>;
}) {
  await requireAdminPage();
  const raw = Number((await searchParams).page);
  const page = Number.isInteger(raw) && raw >= 1 && raw <= 10_000 ? raw : 1;
  const { rows, total } = await listOutbox(page);
  return (
    <>
      <PageHeader
        title="Outbox"
        description="Account emails: verification links, password resets and security notices."
      />
      <div className="space-y-6">
        {!env.SMTP_URL && (
          <Alert>
            <MailIcon />
            <AlertTitle>No SMTP server is configured</AlertTitle>
            <AlertDescription>
              Emails are kept here instead of being sent. Set SMTP_URL to deliver them; until then, pass links
              on to the people who ask for them.
            </AlertDescription>
          </Alert>
        )}
        {rows.length === 0 ? (
          <EmptyState
            icon={MailIcon}
            title="No emails yet"
            description="Sign-ups, password resets and security changes send one."
          />
        ) : (
          <OutboxTable rows={rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }))} />
        )}
        <Pager page={page} pageSize={OUTBOX_PAGE_SIZE} total={total} basePath="/admin/outbox" params={{}} />
      </div>
    </>
  );
}
