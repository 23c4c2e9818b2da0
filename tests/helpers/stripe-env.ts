// The fake Stripe for one integration test file, with the billing env pointing at it. Call it inside vi.hoisted
// (before lib/env is first read): `const fake = await vi.hoisted(() => import("../helpers/stripe-env").then(…))`.
import type { FakeStripe } from "../fakes/stripe";

/** Start the fake and set STRIPE_* (prices `price_pro_test` / `price_elite_test`, webhook secret `secret`). */
export async function startStripeEnv(
  secret: string,
  extraEnv: Record<string, string> = {},
): Promise<FakeStripe> {
  const { startFakeStripe } = await import("../fakes/stripe");
  const fake = await startFakeStripe({ webhookSecret: secret });
  Object.assign(process.env, {
    STRIPE_SECRET_KEY: "sk_test_fake",
    STRIPE_WEBHOOK_SECRET: secret,
    STRIPE_PRICE_PRO: "price_pro_test",
    STRIPE_PRICE_ELITE: "price_elite_test",
    STRIPE_API_URL: fake.url,
    ...extraEnv,
  });
  return fake;
}
