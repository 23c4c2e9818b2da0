import "server-only";
// Billing is on only when a Stripe secret key is configured.
import { env } from "@/lib/env";

/** True when Stripe is configured; otherwise the install is self-hosted with every feature on. */
export function billingEnabled(): boolean {
  return Boolean(env.STRIPE_SECRET_KEY);
}
