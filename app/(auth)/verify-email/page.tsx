// GET /verify-email?token= — confirm an email address from the link we sent. A button does the confirming (not
// the page load), so mail scanners that open links cannot use it up.
import type { Metadata } from "next";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmEmailForm } from "./confirm-email-form";

export const metadata: Metadata = { title: "Confirm your email" };

export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ [key: string]: string | string[] | undefined }>;
}) {
  const token = (await searchParams).token;
  return (
    <Card className="gap-6 shadow-lg shadow-black/5 dark:shadow-black/30">
      <CardHeader className="text-center">
        <CardTitle className="text-xl">Confirm your email address</CardTitle>
        <CardDescription>
          A confirmed address lets you connect exchange keys and recover your account.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ConfirmEmailForm token={typeof token === "string" ? token : ""} />
      </CardContent>
    </Card>
  );
}
