// The landing page at "/": what Tickpilot does, how it works, features, pricing and the risk notice.
import type { Metadata } from "next";
import Link from "next/link";
import {
  ArrowRightIcon,
  BrainCircuitIcon,
  CandlestickChartIcon,
  FlaskConicalIcon,
  KeyRoundIcon,
  LockKeyholeIcon,
  PlugIcon,
  PowerIcon,
  ShieldCheckIcon,
  SlidersHorizontalIcon,
  TimerIcon,
  TriangleAlertIcon,
  UserPlusIcon,
  ZapIcon,
} from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { billingEnabled } from "@/lib/billing/config";
import { PricingSection } from "./pricing-section";
import { formatPercent } from "@/lib/utils";
import { ProductVisual, SAMPLE_DECISION as D } from "./product-visual";

export const metadata: Metadata = {
  title: { absolute: "Tickpilot — AI auto-trading for BTC perpetuals, inside your limits" },
};

const STEPS = [
  {
    icon: UserPlusIcon,
    title: "Start on paper",
    body: "Create an account and get a simulated USDT-perpetuals wallet with 10,000 USDT. No exchange, no card.",
  },
  {
    icon: PlugIcon,
    title: "Connect your exchange",
    body: "Add a trade-only API key for your own account. It is encrypted on arrival; keys that can withdraw are refused.",
  },
  {
    icon: SlidersHorizontalIcon,
    title: "Set your limits",
    body: "Choose a risk level, a leverage cap, a minimum confidence and a daily loss limit. They bind every order.",
  },
  {
    icon: PowerIcon,
    title: "Switch it on",
    body: "Every 5 minutes the model decides; your order is sized, clamped and placed. Pause it with one switch.",
  },
];

const FEATURES = [
  {
    icon: BrainCircuitIcon,
    title: "Shared decision loop",
    body: "One market feed and one model call per decision group at each 5-minute candle close. Every decision is validated, stored with its reasoning, and anything malformed or late becomes a hold.",
  },
  {
    icon: SlidersHorizontalIcon,
    title: "Per-user risk clamps",
    body: "Confidence below your floor becomes hold. Leverage is the lowest of the model's, your cap and your plan's. Size comes from your equity and the stop distance — one position per symbol.",
  },
  {
    icon: LockKeyholeIcon,
    title: "Encrypted key vault",
    body: "API secrets are sealed with AES-256-GCM, a fresh IV per value and versioned master keys. They are decrypted only to place your order — never logged, never sent back to the browser.",
  },
  {
    icon: FlaskConicalIcon,
    title: "Paper exchange",
    body: "Simulated USDT perpetuals with fees, stop-loss, take-profit and liquidation, driven by the same decisions. Prove the strategy before a single live order.",
  },
  {
    icon: CandlestickChartIcon,
    title: "Live chart & trade log",
    body: "Candles stream into your dashboard with each decision marked on the chart. Every order shows its side, size, price, fees and realised PnL.",
  },
  {
    icon: PowerIcon,
    title: "Kill switches",
    body: "Turn auto-trading off at any moment, let the daily loss limit stop the day for you, and rely on a platform-wide kill switch held by the operators.",
  },
];

const TICK = [
  {
    time: "14:35:00",
    title: "Candle closes",
    body: "The BTCUSDT 5m candle is final; the latest closed candles are read from the feed.",
  },
  {
    time: "14:35:01",
    title: "Indicators",
    body: "RSI(14) 58.2 · MACD hist +41.6 · EMA 12 > EMA 26 · ATR 182",
  },
  {
    time: "14:35:03",
    title: "Model decides",
    body: `BUY · confidence ${formatPercent(D.confidence, { decimals: 0 })} · leverage ${D.requestedLeverage}x · SL ${formatPercent(D.stopLossPct)} · TP ${formatPercent(D.takeProfitPct)}`,
  },
  {
    time: "14:35:04",
    title: "Your clamps",
    body: `Confidence ≥ 60% ✓ · leverage ${D.requestedLeverage}x → ${D.leverage}x · size ${D.qty} BTC at the stop distance`,
  },
  {
    time: "14:35:05",
    title: "Order placed",
    body: "Idempotent client order id on your account — a retry finds it, never doubles it.",
  },
];

function SectionHeading({ eyebrow, title, body }: { eyebrow: string; title: string; body: string }) {
  return (
    <div className="mx-auto max-w-2xl text-center">
      <p className="text-primary text-sm font-semibold">{eyebrow}</p>
      <h2 className="mt-2 text-3xl font-semibold tracking-tight text-balance sm:text-4xl">{title}</h2>
      <p className="text-muted-foreground mt-4 text-base leading-relaxed text-pretty sm:text-lg">{body}</p>
    </div>
  );
}

export default function LandingPage() {
  const billing = billingEnabled();
  return (
    <>
      {/* Hero */}
      <section className="relative isolate overflow-hidden">
        <div
          aria-hidden="true"
          className="absolute inset-0 -z-10 bg-[linear-gradient(to_right,var(--border)_1px,transparent_1px),linear-gradient(to_bottom,var(--border)_1px,transparent_1px)] [mask-image:radial-gradient(ellipse_70%_55%_at_50%_0%,black_35%,transparent_100%)] bg-size-[56px_56px] opacity-70"
        />
        <div
          aria-hidden="true"
          className="bg-primary/20 dark:bg-primary/15 absolute top-[-12rem] left-1/2 -z-10 h-[28rem] w-[56rem] -translate-x-1/2 rounded-full blur-3xl"
        />
        <div className="mx-auto max-w-6xl px-4 pt-16 pb-20 sm:px-6 sm:pt-24 lg:px-8">
          <div className="mx-auto max-w-3xl text-center">
            <Badge
              variant="outline"
              className="bg-background/60 text-muted-foreground gap-2 rounded-full px-3 py-1 text-xs font-medium backdrop-blur"
            >
              <span className="bg-profit size-1.5 rounded-full" aria-hidden="true" />
              BTCUSDT perpetuals · a decision every 5 minutes
            </Badge>
            <h1 className="mt-6 text-4xl font-semibold tracking-tight text-balance sm:text-5xl lg:text-6xl">
              Autopilot for BTC perps.
              <span className="from-primary to-chart-2 block bg-gradient-to-r bg-clip-text pb-1 text-transparent">
                Your account, your limits.
              </span>
            </h1>
            <p className="text-muted-foreground mx-auto mt-6 max-w-2xl text-base leading-relaxed text-pretty sm:text-lg">
              Every 5 minutes Tickpilot&apos;s AI reads the latest BTCUSDT candles and indicators and decides
              to <strong className="text-foreground font-medium">buy, sell, close or hold</strong>. Orders go
              to your own exchange account, sized and capped by the risk limits you set. Start on the built-in
              paper exchange; go live when you&apos;re ready.
            </p>
            <div className="mt-8 flex flex-col items-center justify-center gap-3 sm:flex-row">
              <Button asChild size="lg" className="w-full px-6 sm:w-auto">
                <Link href="/signup?plan=free">
                  Start on paper — free
                  <ArrowRightIcon />
                </Link>
              </Button>
              <Button asChild size="lg" variant="outline" className="w-full px-6 sm:w-auto">
                <Link href="#how-it-works">See how it works</Link>
              </Button>
            </div>
            <p className="mt-4 text-sm">
              <Link
                href="/track-record"
                className="text-primary font-medium underline-offset-4 hover:underline"
                data-testid="track-record-link"
              >
                See the public track record: every decision and its result, losses included →
              </Link>
            </p>
            <ul className="text-muted-foreground mt-8 flex flex-col items-center justify-center gap-x-6 gap-y-2 text-sm sm:flex-row">
              <li className="flex items-center gap-2">
                <LockKeyholeIcon className="text-primary size-4" aria-hidden="true" />
                Keys encrypted with AES-256-GCM
              </li>
              <li className="flex items-center gap-2">
                <KeyRoundIcon className="text-primary size-4" aria-hidden="true" />
                Trade-only keys, no withdrawals
              </li>
              <li className="flex items-center gap-2">
                <ShieldCheckIcon className="text-primary size-4" aria-hidden="true" />
                Your risk limits on every order
              </li>
            </ul>
          </div>
          <div className="mx-auto mt-14 max-w-5xl sm:mt-16">
            <ProductVisual />
          </div>
        </div>
      </section>

      {/* Facts strip */}
      <section aria-label="At a glance" className="bg-muted/30 border-y">
        <dl className="mx-auto grid max-w-6xl grid-cols-2 gap-px px-4 sm:px-6 lg:grid-cols-4 lg:px-8">
          {[
            ["5 min", "between decisions, at the candle close"],
            ["1 call", "to the model per decision group, not per user"],
            ["AES-256", "GCM encryption for every API secret"],
            ["0", "withdrawal permissions accepted on keys"],
          ].map(([value, label]) => (
            <div key={label} className="px-2 py-8 text-center sm:px-4">
              <dt className="sr-only">{label}</dt>
              <dd className="text-2xl font-semibold tracking-tight tabular-nums sm:text-3xl">{value}</dd>
              <dd className="text-muted-foreground mt-1 text-xs text-balance sm:text-sm">{label}</dd>
            </div>
          ))}
        </dl>
      </section>

      {/* How it works */}
      <section id="how-it-works" className="scroll-mt-16 py-20 sm:py-28">
        <div className="mx-auto max-w-6xl px-4 sm:px-6 lg:px-8">
          <SectionHeading
            eyebrow="How it works"
            title="From sign-up to your first automated trade in four steps"
            body="You stay in control of the account, the key and the limits. Tickpilot only makes the call and places the order you allowed."
          />
          <ol className="mt-14 grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
            {STEPS.map((step, i) => (
              <li key={step.title} className="bg-card relative rounded-xl border p-6 shadow-sm">
                <div className="flex items-center justify-between">
                  <div className="bg-primary/10 text-primary flex size-10 items-center justify-center rounded-lg">
                    <step.icon className="size-5" aria-hidden="true" />
                  </div>
                  <span className="text-muted-foreground font-mono text-xs font-medium">0{i + 1}</span>
                </div>
                <h3 className="mt-5 font-semibold">{step.title}</h3>
                <p className="text-muted-foreground mt-2 text-sm leading-relaxed">{step.body}</p>
              </li>
            ))}
          </ol>

          {/* Inside one tick */}
          <div className="bg-card mt-16 grid items-center gap-10 rounded-2xl border p-6 shadow-sm sm:p-10 lg:grid-cols-[1fr_1.25fr]">
            <div>
              <div className="bg-primary/10 text-primary flex size-10 items-center justify-center rounded-lg">
                <TimerIcon className="size-5" aria-hidden="true" />
              </div>
              <h3 className="mt-5 text-2xl font-semibold tracking-tight">Inside one tick</h3>
              <p className="text-muted-foreground mt-3 leading-relaxed">
                Each decision is made once for everyone who shares the same settings, then turned into your
                own order by your own rules. Every step is recorded, so you can always see why a trade
                happened — or why it didn&apos;t.
              </p>
            </div>
            <ol className="relative space-y-5 border-l pl-6">
              {TICK.map((row, i) => (
                <li key={row.time} className="relative">
                  <span
                    aria-hidden="true"
                    className={
                      i === TICK.length - 1
                        ? "bg-profit ring-profit/20 absolute top-1 -left-[29px] size-2.5 rounded-full ring-4"
                        : "border-primary bg-card absolute top-1 -left-[29px] size-2.5 rounded-full border-2"
                    }
                  />
                  <div className="flex flex-wrap items-baseline gap-x-3">
                    <span className="text-muted-foreground font-mono text-xs tabular-nums">{row.time}</span>
                    <span className="text-sm font-medium">{row.title}</span>
                  </div>
                  <p className="text-muted-foreground mt-1 font-mono text-xs leading-relaxed">{row.body}</p>
                </li>
              ))}
            </ol>
          </div>
        </div>
      </section>

      {/* Features */}
      <section id="features" className="bg-muted/30 scroll-mt-16 border-t py-20 sm:py-28">
        <div className="mx-auto max-w-6xl px-4 sm:px-6 lg:px-8">
          <SectionHeading
            eyebrow="Features"
            title="Built like trading infrastructure, not a bot script"
            body="A shared engine that is cheap to run for everyone, and guard rails that are strictly yours."
          />
          <div className="bg-border mt-14 grid gap-px overflow-hidden rounded-2xl border sm:grid-cols-2 lg:grid-cols-3">
            {FEATURES.map((feature) => (
              <div key={feature.title} className="bg-card p-6 sm:p-8">
                <feature.icon className="text-primary size-5" aria-hidden="true" />
                <h3 className="mt-4 font-semibold">{feature.title}</h3>
                <p className="text-muted-foreground mt-2 text-sm leading-relaxed">{feature.body}</p>
              </div>
            ))}
          </div>
        </div>
      </section>

      {/* Pricing */}
      <section id="pricing" className="scroll-mt-16 py-20 sm:py-28">
        <div className="mx-auto max-w-6xl px-4 sm:px-6 lg:px-8">
          <SectionHeading
            eyebrow="Pricing"
            title={
              billing
                ? "Start free on paper. Upgrade when you go live."
                : "Every feature, unlocked, for everyone."
            }
            body={
              billing
                ? "Every plan gets the same decision loop. Paid plans unlock live trading on your own exchange account, custom strategy prompts and higher limits."
                : "Every plan gets the same decision loop. Here live trading on your own exchange account, custom strategy prompts and the highest limits are on for every account."
            }
          />
          <div className="mt-14">
            <PricingSection billing={billing} />
          </div>
          <p className="text-muted-foreground mt-8 text-center text-sm">
            {billing
              ? "Prices in USD, billed monthly through Stripe. Cancel any time from the billing portal."
              : "On this installation every plan is included: no payment is ever asked."}
          </p>
        </div>
      </section>

      {/* Risk notice + final CTA */}
      <section className="pb-20 sm:pb-28">
        <div className="mx-auto max-w-6xl space-y-10 px-4 sm:px-6 lg:px-8">
          <div className="bg-primary text-primary-foreground relative isolate overflow-hidden rounded-3xl px-6 py-14 text-center shadow-xl sm:px-12 sm:py-16">
            <div
              aria-hidden="true"
              className="absolute inset-0 -z-10 bg-[radial-gradient(ellipse_at_top_right,oklch(1_0_0/0.22),transparent_60%)]"
            />
            <div
              aria-hidden="true"
              className="absolute inset-0 -z-10 bg-[linear-gradient(to_right,oklch(1_0_0/0.07)_1px,transparent_1px),linear-gradient(to_bottom,oklch(1_0_0/0.07)_1px,transparent_1px)] bg-size-[40px_40px]"
            />
            <ZapIcon className="mx-auto size-8 opacity-90" aria-hidden="true" />
            <h2 className="mx-auto mt-4 max-w-2xl text-3xl font-semibold tracking-tight text-balance sm:text-4xl">
              Let the model watch the chart. You set the rules.
            </h2>
            <p className="mx-auto mt-4 max-w-xl text-base text-pretty opacity-85">
              Create a free account, run it on the paper exchange for a week, and decide with real numbers in
              front of you.
            </p>
            <div className="mt-8 flex flex-col items-center justify-center gap-3 sm:flex-row">
              <Button
                asChild
                size="lg"
                className="w-full bg-white px-6 text-zinc-900 hover:bg-white/90 sm:w-auto"
              >
                <Link href="/signup?plan=free">
                  Create free account
                  <ArrowRightIcon />
                </Link>
              </Button>
              <Button
                asChild
                size="lg"
                variant="ghost"
                className="text-primary-foreground hover:text-primary-foreground w-full px-6 hover:bg-white/10 sm:w-auto"
              >
                <Link href="/login">I already have an account</Link>
              </Button>
            </div>
          </div>

          <div
            role="note"
            className="border-warning/40 bg-warning/5 text-muted-foreground flex gap-3 rounded-xl border p-4 text-sm sm:p-5"
          >
            <TriangleAlertIcon className="text-warning mt-0.5 size-4 shrink-0" aria-hidden="true" />
            <p className="leading-relaxed">
              <strong className="text-foreground font-medium">Risk disclaimer.</strong> Trading leveraged
              crypto derivatives carries a high risk of loss, including losses larger than you expect in fast
              markets. AI decisions can be wrong, and past results — on paper or live — do not predict future
              returns. Tickpilot is software that executes your settings; it is not financial advice. Only
              trade money you can afford to lose.
            </p>
          </div>
        </div>
      </section>
    </>
  );
}
