// A centred placeholder for pages or panels with nothing to show yet.
import type { LucideIcon } from "lucide-react";

import { cn } from "@/lib/utils";

interface EmptyStateProps {
  icon?: LucideIcon;
  title: string;
  description?: React.ReactNode;
  /** Buttons or links shown under the text. */
  action?: React.ReactNode;
  className?: string;
}

/** Icon in a soft tile, a title, a sentence and optional actions, inside a dashed panel. */
export function EmptyState({ icon: Icon, title, description, action, className }: EmptyStateProps) {
  return (
    <div
      data-slot="empty-state"
      className={cn(
        "bg-card/40 flex flex-col items-center justify-center rounded-xl border border-dashed px-6 py-14 text-center",
        className,
      )}
    >
      {Icon && (
        <div className="relative mb-5">
          <div
            className="bg-primary/10 absolute inset-0 -z-10 scale-150 rounded-full blur-xl"
            aria-hidden="true"
          />
          <div className="bg-background text-primary flex size-12 items-center justify-center rounded-xl border shadow-sm">
            <Icon className="size-5" aria-hidden="true" />
          </div>
        </div>
      )}
      <h2 className="text-base font-semibold tracking-tight">{title}</h2>
      {description && (
        <div className="text-muted-foreground mt-1.5 max-w-md text-sm leading-relaxed text-balance">
          {description}
        </div>
      )}
      {action && <div className="mt-6 flex flex-wrap items-center justify-center gap-2">{action}</div>}
    </div>
  );
}
