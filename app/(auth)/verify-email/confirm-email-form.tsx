"use client";
// The confirm button of a verification link, and what happened.
import Link from "next/link";
import { useActionState } from "react";
import { CircleCheckIcon, LinkIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { confirmEmail, type VerifyState } from "@/lib/account/actions";

const initialState: VerifyState = {};

function Outcome({ ok, title, text }: { ok: boolean; title: string; text: string }) {
  const Icon = ok ? CircleCheckIcon : LinkIcon;
  return (
    <div className="grid justify-items-center gap-3 text-center" role="status">
      <div
        className={`flex size-11 items-center justify-center rounded-full ${ok ? "bg-success/10 text-success" : "bg-warning/15 text-warning"}`}
      >
        <Icon className="size-5" aria-hidden="true" />
      </div>
      <p className="font-medium">{title}</p>
      <p className="text-muted-foreground text-sm">{text}</p>
      <Button asChild className="mt-2 w-full" variant={ok ? "default" : "outline"}>
        <Link href={ok ? "/dashboard" : "/dashboard/security"}>
          {ok ? "Go to the dashboard" : "Open security settings"}
        </Link>
      </Button>
    </div>
  );
}

/** "Confirm" posts the token to the `confirmEmail` action. */
export function ConfirmEmailForm({ token }: { token: string }) {
  const [state, formAction, pending] = useActionState(confirmEmail, initialState);
  if (state.outcome === "verified")
    return <Outcome ok title="Email address confirmed" text="You can now connect exchange keys." />;
  if (state.outcome === "invalid" || !token)
    return (
      <Outcome
        ok={false}
        title="This link no longer works"
        text="Verification links work once and expire after 24 hours. Send a new one from your security settings."
      />
    );
  return (
    <form action={formAction} className="grid gap-3">
      <input type="hidden" name="token" value={token} />
      {state.outcome === "limited" && (
        <p className="text-destructive text-sm" role="alert">
          Too many attempts from your network. Try again in a few minutes.
        </p>
      )}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? (
          <>
            <Spinner aria-hidden="true" />
            Confirming…
          </>
        ) : (
          "Confirm my email address"
        )}
      </Button>
    </form>
  );
}
