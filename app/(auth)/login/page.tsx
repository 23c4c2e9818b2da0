// GET /login — the log-in card; `?next=` (a local path) is where to go after signing in.
import type { Metadata } from "next";
import Link from "next/link";

import { redirect } from "next/navigation";

import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { homePath, safeNextPath } from "@/lib/auth/schemas";
import { getCurrentUser } from "@/lib/auth/session";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Log in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ [key: string]: string | string[] | undefined }>;
}) {
  // Only same-site paths: "/x" yes, "//evil.example" or "/\\evil.example" no.
  const next = safeNextPath((await searchParams).next, "") || undefined;
  // Someone whose session is still valid goes straight on.
  const user = await getCurrentUser();
  if (user) redirect(next ?? homePath(user.role));

  return (
    <Card className="gap-6 shadow-lg shadow-black/5 dark:shadow-black/30">
      <CardHeader className="text-center">
        <CardTitle className="text-xl">Welcome back</CardTitle>
        <CardDescription>Log in to check on your positions and limits.</CardDescription>
      </CardHeader>
      <CardContent>
        <LoginForm next={next} />
      </CardContent>
      <CardFooter className="text-muted-foreground justify-center border-t text-sm">
        <p>
          New to Tickpilot?{" "}
          <Link href="/signup" className="text-primary font-medium underline-offset-4 hover:underline">
            Create an account
          </Link>
        </p>
      </CardFooter>
    </Card>
  );
}
