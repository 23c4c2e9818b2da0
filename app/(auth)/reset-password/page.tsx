// GET /reset-password?token= — choose a new password with an emailed link; a used or expired link says so and
// offers a new one.
import type { Metadata } from "next";
import Link from "next/link";
import { LinkIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { peekToken } from "@/lib/account/tokens";
import { ResetPasswordForm } from "./reset-password-form";

export const metadata: Metadata = { title: "Choose a new password" };

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ [key: string]: string | string[] | undefined }>;
}) {
  const token = (await searchParams).token;
  const valid = typeof token === "string" && (await peekToken(token, "reset_password")) !== null;
  if (!valid)
    return (
      <Card className="gap-6 shadow-lg shadow-black/5 dark:shadow-black/30">
        <CardHeader className="text-center">
          <div className="bg-warning/15 text-warning mx-auto mb-2 flex size-11 items-center justify-center rounded-full">
            <LinkIcon className="size-5" aria-hidden="true" />
          </div>
          <CardTitle className="text-xl">This link no longer works</CardTitle>
          <CardDescription>
            Reset links work once and expire after an hour. Ask for a new one and use the newest email.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-2">
          <Button asChild className="w-full">
            <Link href="/forgot-password">Send a new link</Link>
          </Button>
          <Button asChild variant="ghost" className="w-full">
            <Link href="/login">Back to log in</Link>
          </Button>
        </CardContent>
      </Card>
    );
  return (
    <Card className="gap-6 shadow-lg shadow-black/5 dark:shadow-black/30">
      <CardHeader className="text-center">
        <CardTitle className="text-xl">Choose a new password</CardTitle>
        <CardDescription>Every device signed in to your account will be signed out.</CardDescription>
      </CardHeader>
      <CardContent>
        <ResetPasswordForm token={token} />
      </CardContent>
    </Card>
  );
}
