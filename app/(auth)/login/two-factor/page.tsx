// GET /login/two-factor — the second sign-in step for an account with two-factor authentication: the code from the
// authenticator app, or a recovery code. Without a pending sign-in (it lasts five minutes) it goes back to /login.
import type { Metadata } from "next";
import Link from "next/link";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { ShieldCheckIcon } from "lucide-react";

import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { readChallenge } from "@/lib/auth/login";
import { TwoFactorForm } from "./two-factor-form";

export const metadata: Metadata = { title: "Two-factor authentication" };

export default async function TwoFactorPage() {
  if (!(await readChallenge((await cookies()).get("tp_2fa")?.value))) redirect("/login");
  return (
    <Card className="gap-6 shadow-lg shadow-black/5 dark:shadow-black/30">
      <CardHeader className="text-center">
        <div className="bg-primary/10 text-primary mx-auto mb-2 flex size-11 items-center justify-center rounded-full">
          <ShieldCheckIcon className="size-5" aria-hidden="true" />
        </div>
        <CardTitle className="text-xl">Enter your code</CardTitle>
        <CardDescription>
          Open your authenticator app and enter the 6-digit code for Tickpilot.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <TwoFactorForm />
      </CardContent>
      <CardFooter className="text-muted-foreground justify-center border-t text-sm">
        <p>
          Not you?{" "}
          <Link href="/login" className="text-primary font-medium underline-offset-4 hover:underline">
            Start over
          </Link>
        </p>
      </CardFooter>
    </Card>
  );
}
