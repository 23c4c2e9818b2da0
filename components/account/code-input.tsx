"use client";
// The input for a second-factor code: six digits from the authenticator app, or a recovery code.
import { Input } from "@/components/ui/input";

/** A one-time-code field (numeric keyboard on phones, autofill from the OS where it can). */
export function CodeInput({
  id = "code",
  invalid,
  describedBy,
  ...props
}: React.ComponentProps<typeof Input> & { invalid?: boolean; describedBy?: string }) {
  return (
    <Input
      id={id}
      name="code"
      inputMode="text"
      autoComplete="one-time-code"
      autoCapitalize="off"
      spellCheck={false}
      placeholder="123 456"
      maxLength={32}
      className="font-mono text-lg tracking-[0.3em]"
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      {...props}
    />
  );
}
