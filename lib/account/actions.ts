"use server";
// Server actions of the account pages that a link leads to (no session needed): confirming an email address.
import { headers } from "next/headers";
import { clientIp } from "@/lib/auth/client-ip";
import { limitAuthAttempt } from "@/lib/auth/rate-limit";
import { verifyEmailToken, type VerifyOutcome } from "./email-verification";

/** What the verify-email page shows after the button. */
export interface VerifyState {
  outcome?: VerifyOutcome | "limited";
}

/** Confirm the address a verification link was sent to (form field: token). */
export async function confirmEmail(_prev: VerifyState, formData: FormData): Promise<VerifyState> {
  const ip = clientIp(await headers());
  const limited = await limitAuthAttempt("verify-email", ip, undefined);
  if (!limited.ok) return { outcome: "limited" };
  return { outcome: await verifyEmailToken(formData.get("token"), ip) };
}
