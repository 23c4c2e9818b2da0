// The Tickpilot mark (a rising tick line in a rounded tile) and wordmark.
import { cn } from "@/lib/utils";

/** The square mark alone, sized by `className` (default size-7). */
export function LogoMark({ className }: { className?: string }) {
  return (
    <svg
      viewBox="0 0 32 32"
      aria-hidden="true"
      className={cn("size-7 shrink-0", className)}
      xmlns="http://www.w3.org/2000/svg"
    >
      <rect width="32" height="32" rx="8" className="fill-primary" />
      <path
        d="M7.5 20.5 12.5 15l4 3.5 7-8"
        fill="none"
        className="stroke-primary-foreground"
        strokeWidth="2.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
      <circle cx="23.5" cy="10.5" r="2.4" className="fill-primary-foreground" />
    </svg>
  );
}

/** Mark + "Tickpilot" wordmark; pass `wordmark={false}` for the mark only. */
export function Logo({ className, wordmark = true }: { className?: string; wordmark?: boolean }) {
  return (
    <span className={cn("inline-flex items-center gap-2", className)}>
      <LogoMark />
      {wordmark && (
        <span className="text-foreground text-[1.05rem] font-semibold tracking-tight">Tickpilot</span>
      )}
      {!wordmark && <span className="sr-only">Tickpilot</span>}
    </span>
  );
}
