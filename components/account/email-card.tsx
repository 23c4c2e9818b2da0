"use client";
// The account's email address: verified, or a button that sends the confirmation link again.
import { useState } from "react";
import { toast } from "sonner";
import { MailIcon } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { apiFetch, ApiError } from "@/lib/api/client";

/** Email status; resending is limited to a few per hour. */
export function EmailCard({ email, verified }: { email: string; verified: boolean }) {
  const [pending, setPending] = useState(false);

  async function resend() {
    setPending(true);
    try {
      const res = await apiFetch<{ status: string }>("/api/account/verify-email", { method: "POST" });
      toast.success("Confirmation link sent", {
        description:
          res.status === "outbox"
            ? "This server sends no email: an admin can pass the link on from the console's outbox."
            : `Check the inbox of ${email}.`,
      });
    } catch (err) {
      toast.error(err instanceof ApiError ? err.message : "Could not send the link. Try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2">
          <MailIcon className="text-muted-foreground size-4" aria-hidden="true" />
          Email address
          {verified ? (
            <Badge variant="success">Verified</Badge>
          ) : (
            <Badge variant="warning">Not verified</Badge>
          )}
        </CardTitle>
        <CardDescription>
          <span className="text-foreground font-medium break-all">{email}</span>
          {verified
            ? " — security notices and reset links go here."
            : " — confirm it to connect exchange keys and to be able to reset your password."}
        </CardDescription>
      </CardHeader>
      {!verified && (
        <CardFooter className="justify-end border-t">
          <Button variant="outline" onClick={resend} disabled={pending}>
            {pending && <Spinner aria-hidden="true" />}
            Send the confirmation link again
          </Button>
        </CardFooter>
      )}
    </Card>
  );
}
