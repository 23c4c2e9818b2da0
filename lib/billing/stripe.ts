import "server-only";
// The Stripe client (server-only) and the mapping between plans and Stripe price ids.
import Stripe from "stripe";
import { AppError } from "@/lib/api/errors";
import { env } from "@/lib/env";
import type { PlanId } from "@/lib/billing/plans";

let client: Stripe | null = null;

/** The shared Stripe client; STRIPE_API_URL (tests) points it at a local fake. Throws when billing is off. */
export function stripe(): Stripe {
  if (!env.STRIPE_SECRET_KEY) throw new AppError("conflict", "Billing is off on this installation");
  if (client) return client;
  const config: ConstructorParameters<typeof Stripe>[1] = { maxNetworkRetries: 2, timeout: 20_000 };
  if (env.STRIPE_API_URL) {
    const url = new URL(env.STRIPE_API_URL);
    config.host = url.hostname;
    config.protocol = url.protocol === "http:" ? "http" : "https";
    config.port = url.port || (url.protocol === "http:" ? 80 : 443);
  }
  client = new Stripe(env.STRIPE_SECRET_KEY, config);
  return client;
}

/** The Stripe price id configured for a paid plan, or null when it is not set. */
export function priceIdFor(plan: PlanId): string | null {
  if (plan === "pro") return env.STRIPE_PRICE_PRO ?? null;
  if (plan === "elite") return env.STRIPE_PRICE_ELITE ?? null;
  return null;
}

/** The plan a Stripe price id sells; unknown prices are null (never granted anything). */
export function planForPriceId(priceId: string | null | undefined): PlanId | null {
  if (!priceId) return null;
  if (priceId === env.STRIPE_PRICE_ELITE) return "elite";
  if (priceId === env.STRIPE_PRICE_PRO) return "pro";
  return null;
}
