"use client";
// "2 / 7" with previous and next buttons, for lists paged in the browser (trades, decisions).
import { ChevronLeftIcon, ChevronRightIcon } from "lucide-react";
import { Button } from "@/components/ui/button";

/** Pages from 1 to `pages`; `label` names what is paged for screen readers ("trades", "decisions"). */
export function PageButtons(props: {
  page: number;
  pages: number;
  onPage: (page: number) => void;
  label: string;
}) {
  const { page, pages } = props;
  return (
    <div className="flex items-center justify-end gap-2 text-sm">
      <span className="text-muted-foreground tabular-nums">
        {page} / {pages.toLocaleString("en-US")}
      </span>
      <Button
        variant="outline"
        size="icon"
        aria-label={`Previous ${props.label}`}
        disabled={page <= 1}
        onClick={() => props.onPage(page - 1)}
      >
        <ChevronLeftIcon />
      </Button>
      <Button
        variant="outline"
        size="icon"
        aria-label={`Next ${props.label}`}
        disabled={page >= pages}
        onClick={() => props.onPage(page + 1)}
      >
        <ChevronRightIcon />
      </Button>
    </div>
  );
}
