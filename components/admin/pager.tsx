// Previous / next links for paged admin tables, keeping the other query parameters.
import Link from "next/link";
import { ChevronLeftIcon, ChevronRightIcon } from "lucide-react";

import { Button } from "@/components/ui/button";

interface PagerProps {
  basePath: string;
  params: Record<string, string | undefined>;
  page: number;
  pageSize: number;
  total: number;
}

function href(basePath: string, params: PagerProps["params"], page: number) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  if (page > 1) q.set("page", String(page));
  const s = q.toString();
  return s ? `${basePath}?${s}` : basePath;
}

/** "Showing 26–50 of 120" with previous/next buttons. */
export function Pager({ basePath, params, page, pageSize, total }: PagerProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <div className="text-muted-foreground flex items-center justify-between gap-4 pt-4 text-sm">
      <p>{total === 0 ? "No results" : `Showing ${from}–${to} of ${total.toLocaleString("en-US")}`}</p>
      <div className="flex gap-2">
        <Button variant="outline" size="sm" asChild disabled={page <= 1}>
          {page <= 1 ? (
            <span aria-disabled="true" className="pointer-events-none opacity-50">
              <ChevronLeftIcon aria-hidden="true" /> Previous
            </span>
          ) : (
            <Link href={href(basePath, params, page - 1)}>
              <ChevronLeftIcon aria-hidden="true" /> Previous
            </Link>
          )}
        </Button>
        <Button variant="outline" size="sm" asChild>
          {page >= pages ? (
            <span aria-disabled="true" className="pointer-events-none opacity-50">
              Next <ChevronRightIcon aria-hidden="true" />
            </span>
          ) : (
            <Link href={href(basePath, params, page + 1)}>
              Next <ChevronRightIcon aria-hidden="true" />
            </Link>
          )}
        </Button>
      </div>
    </div>
  );
}
