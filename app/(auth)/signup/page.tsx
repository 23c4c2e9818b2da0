// GET /signup — the sign-up card; `?plan=` (from the pricing table) is shown and passed along.
import type { Metadata } from "next";
import Link from "next/link";

import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { PLAN_IDS, PLANS, type PlanId } from "@/lib/billing/plans";
import { SignupForm } from "./signup-form";

export const metadata: Metadata = { title: "Create account" };

function parsePlan(value: string | string[] | undefined): PlanId | undefined {
  return typeof value === "string" && (PLAN_IDS as readonly string[]).includes(value)
    ? (value as PlanId)
    : undefined;
}

export default async function SignupPage({
  searchParams,
}: {
  searchParams: Promise<{ [key: string]: string | string[] | undefined }>;
}) {
  const planId = parsePlan((await searchParams).plan);
  const plan = planId ? PLANS[planId] : undefined;

  return (
    <Card className="gap-6 shadow-lg shadow-black/5 dark:shadow-black/30">
      <CardHeader className="text-center">
        <CardTitle className="text-xl">Create your account</CardTitle>
        <CardDescription>Start on the paper exchange with 10,000 USDT. No card needed.</CardDescription>
        {plan && (
          <div className="mt-2 flex justify-center">
            <Badge
              variant="outline"
              className="text-muted-foreground gap-1.5 rounded-full px-2.5 py-1 font-normal"
            >
              Selected plan:
              <span className="text-foreground font-medium">{plan.name}</span>
              {plan.monthlyUsd > 0 && <span>· ${plan.monthlyUsd}/mo after sign-up</span>}
            </Badge>
          </div>
        )}
      </CardHeader>
      <CardContent>
        <SignupForm plan={planId} />
      </CardContent>
      <CardFooter className="text-muted-foreground justify-center border-t text-sm">
        <p>
          Already have an account?{" "}
          <Link href="/login" className="text-primary font-medium underline-offset-4 hover:underline">
            Log in
          </Link>
        </p>
      </CardFooter>
    </Card>
  );
}
