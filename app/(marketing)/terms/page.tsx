// GET /terms — the terms of service: what Tickpilot does and does not do, the risks of automated leveraged
// trading, the user's duties, plans and billing, and liability.
import type { Metadata } from "next";
import Link from "next/link";
import { LegalPage, type LegalSection } from "../legal-page";

export const metadata: Metadata = {
  title: "Terms of service",
  description: "The terms for using Tickpilot, AI-driven auto-trading on your own exchange account.",
};

const SECTIONS: LegalSection[] = [
  {
    title: "What Tickpilot is",
    body: (
      <>
        <p>
          Tickpilot is software. Every few minutes it reads market data, produces a trading decision (buy,
          sell, close or hold) with a language model or its built-in indicator strategy, and — only if you
          switch auto-trading on — places orders on the exchange account you connect, sized and limited by the
          risk settings you choose.
        </p>
        <p>
          Tickpilot is not a broker, an exchange, an investment adviser or a fund. It never holds your money:
          funds stay on your exchange account, and the paper exchange uses simulated money only.
        </p>
      </>
    ),
  },
  {
    title: "Not financial advice; risk of loss",
    body: (
      <>
        <p>
          <strong>Trading leveraged crypto derivatives can lose you more than you expect, quickly.</strong>{" "}
          Decisions may be wrong, late or based on bad data; stop losses can fill at worse prices than set,
          and positions can be liquidated. Past or simulated results (backtests, the public track record, the
          paper exchange) do not predict future returns.
        </p>
        <p>
          Nothing Tickpilot shows is a recommendation to buy or sell anything. You decide whether to trade,
          with how much and at what leverage. Trade only money you can afford to lose.
        </p>
      </>
    ),
  },
  {
    title: "Your account",
    body: (
      <ul>
        <li>You must be at least 18 and allowed to trade crypto derivatives where you live.</li>
        <li>
          Keep your password and two-factor codes to yourself. You are responsible for what happens under your
          account; tell us at once if you think someone else has used it.
        </li>
        <li>One person per account. Do not share accounts or create accounts to get around limits.</li>
      </ul>
    ),
  },
  {
    title: "Exchange keys",
    body: (
      <>
        <p>
          Connect keys with trading permission only. Tickpilot refuses keys that allow withdrawals where the
          exchange reports it. Keys are stored encrypted and are used only to place, watch and close the
          orders Tickpilot makes for you and to read your balance and positions.
        </p>
        <p>
          You can delete keys at any time; revoke them on the exchange as well when you stop using Tickpilot.
          Exchange fees, funding and the exchange&apos;s own rules apply to every order.
        </p>
      </>
    ),
  },
  {
    title: "Automated trading and your controls",
    body: (
      <ul>
        <li>
          Auto-trading acts only while it is switched on. You can switch it off, close positions or stop and
          flatten at any time from the dashboard.
        </li>
        <li>
          Your limits (risk level, maximum leverage, minimum confidence, daily loss limit) are applied to
          every order, but markets can move past them between checks.
        </li>
        <li>
          The operator may pause trading for everyone (the kill switch) during outages, bad data or
          maintenance. Open positions then stay as they are on your exchange account.
        </li>
      </ul>
    ),
  },
  {
    title: "Plans and billing",
    body: (
      <>
        <p>
          Paid plans renew monthly until cancelled and are billed in advance through Stripe. You can cancel
          any time from the billing page; the plan then runs to the end of the paid period. Prices include the
          features listed on the pricing table at the time of purchase.
        </p>
        <p>A self-hosted installation without billing has every feature unlocked and charges nothing.</p>
      </>
    ),
  },
  {
    title: "Acceptable use",
    body: (
      <ul>
        <li>No attempts to break, overload or probe the service, or to reach other users&apos; data.</li>
        <li>No use for market manipulation, money laundering or anything unlawful.</li>
        <li>We may suspend accounts that break these terms; auto-trading stops for suspended accounts.</li>
      </ul>
    ),
  },
  {
    title: "Availability and liability",
    body: (
      <>
        <p>
          Tickpilot is provided as is. Exchanges, data feeds and model providers can fail, and so can we; we
          do not promise that decisions arrive on time or that orders are placed. To the extent the law
          allows, we are not liable for trading losses, missed trades, exchange actions or indirect losses,
          and our total liability is limited to the fees you paid in the last twelve months.
        </p>
      </>
    ),
  },
  {
    title: "Ending and changes",
    body: (
      <p>
        You can delete your account from the security page at any time. We may change these terms; when a
        change matters we tell you by email or in the app before it applies. Questions about these terms go to
        the operator of this installation.
      </p>
    ),
  },
];

export default function TermsPage() {
  return (
    <LegalPage
      title="Terms of service"
      updated="1 December 2026"
      seeAlso={{ href: "/privacy", label: "privacy policy" }}
      intro={
        <p>
          These terms apply when you use Tickpilot. By creating an account you accept them. Please read the
          risk section in particular, and the{" "}
          <Link href="/privacy" className="text-primary underline underline-offset-4">
            privacy policy
          </Link>{" "}
          for what we do with your data.
        </p>
      }
      sections={SECTIONS}
    />
  );
}
