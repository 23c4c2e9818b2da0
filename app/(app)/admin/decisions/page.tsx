// GET /admin/decisions?symbol=&page= — the decision log; each row opens the full prompt and raw response.
import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";

import { DecisionsTable } from "@/components/admin/decisions-table";
import { Pager } from "@/components/admin/pager";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { DECISIONS_PAGE_SIZE, listDecisions } from "@/lib/admin/decision-log";
import { requireAdminPage } from "@/lib/auth/session";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Admin · Decisions" };

const params = z.object({
  symbol: z
    .string()
    .regex(/^[A-Z0-9]{2,20}USDT$/)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

export default async function AdminDecisionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  await requireAdminPage();
  const { symbol, page } = params.parse(await searchParams);
  const { rows, total } = await listDecisions(symbol, page);
  return (
    <>
      <PageHeader
        title="Decisions"
        description="Every decision the loop made, with what the model saw and answered."
      />
      <div className="mb-4 flex flex-wrap gap-2" role="group" aria-label="Filter by symbol">
        {[undefined, ...env.MARKET_SYMBOLS].map((s) => (
          <Button key={s ?? "all"} size="sm" variant={s === symbol ? "secondary" : "ghost"} asChild>
            <Link
              href={s ? `/admin/decisions?symbol=${s}` : "/admin/decisions"}
              aria-current={s === symbol ? "true" : undefined}
            >
              {s ?? "All symbols"}
            </Link>
          </Button>
        ))}
      </div>
      <DecisionsTable rows={rows} />
      <Pager
        basePath="/admin/decisions"
        params={{ symbol }}
        page={page}
        pageSize={DECISIONS_PAGE_SIZE}
        total={total}
      />
    </>
  );
}
