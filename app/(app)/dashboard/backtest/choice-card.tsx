"use client";
// A card-sized radio option (title and one line of detail), for the backtest form's choices.
import { cn } from "@/lib/utils";

/** One option of a radiogroup; `disabled` options say why in their text. */
export function ChoiceCard(props: {
  checked: boolean;
  disabled?: boolean;
  onSelect: () => void;
  title: string;
  text: string;
  testId?: string;
}) {
  return (
    <button
      type="button"
      role="radio"
      aria-checked={props.checked}
      aria-disabled={props.disabled}
      disabled={props.disabled}
      data-testid={props.testId}
      onClick={props.onSelect}
      className={cn(
        "rounded-lg border p-3 text-left transition-colors disabled:cursor-not-allowed disabled:opacity-60",
        props.checked
          ? "border-primary bg-primary/5 ring-primary/30 ring-2"
          : "border-border hover:border-primary/60",
      )}
    >
      <span className="text-sm font-medium">{props.title}</span>
      <span className="text-muted-foreground mt-0.5 block text-xs leading-snug">{props.text}</span>
    </button>
  );
}
