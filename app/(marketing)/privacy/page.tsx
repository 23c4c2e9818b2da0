// GET /privacy — the privacy policy: what Tickpilot stores, why, who else sees it, how long, and the user's
// rights (export and deletion are in the app).
import type { Metadata } from "next";
import Link from "next/link";
import { LegalPage, type LegalSection } from "../legal-page";

export const metadata: Metadata = {
  title: "Privacy policy",
  description: "What Tickpilot stores about you, why, who else sees it and how to get it or delete it.",
};

const SECTIONS: LegalSection[] = [
  {
    title: "What we store",
    body: (
      <ul>
        <li>
          <strong>Account:</strong> your email address, optional name, a hash of your password (never the
          password itself), two-factor settings and your plan.
        </li>
        <li>
          <strong>Exchange keys:</strong> encrypted with AES-256-GCM; only a short masked hint is ever shown.
          Keys are decrypted only at the moment an order is placed or an account is checked.
        </li>
        <li>
          <strong>Trading:</strong> your risk settings, custom prompt, the decisions applied to you, orders,
          fills, positions and profit and loss.
        </li>
        <li>
          <strong>Security records:</strong> sign-ins, sessions (browser and IP address), and an audit log of
          key changes, setting changes and admin actions.
        </li>
        <li>
          <strong>Billing:</strong> with Stripe enabled, your Stripe customer id and subscription status. Card
          details are entered on Stripe&apos;s pages and never reach us.
        </li>
      </ul>
    ),
  },
  {
    title: "Why we use it",
    body: (
      <ul>
        <li>
          To run the service you asked for: make decisions, place and track your orders, show your results.
        </li>
        <li>
          To keep your account safe: sign-in checks, rate limits, alerts about new sign-ins and key changes.
        </li>
        <li>To send the emails and notifications you set up.</li>
        <li>To bill paid plans and meet accounting and legal duties.</li>
      </ul>
    ),
  },
  {
    title: "Who else sees it",
    body: (
      <>
        <p>
          We do not sell your data and we do not use it for advertising. We share only what each service
          needs:
        </p>
        <ul>
          <li>your exchange, through your own keys, for the orders placed on your account;</li>
          <li>
            the language model provider, for market data and the custom prompt of your decision group — never
            your keys, email or balances;
          </li>
          <li>Stripe, for payments; the email provider, for the messages we send you;</li>
          <li>the channels you configure yourself (Telegram, webhooks) for your notifications.</li>
        </ul>
      </>
    ),
  },
  {
    title: "How long we keep it",
    body: (
      <p>
        Account and trading records stay while your account exists. When you delete your account, your
        personal data and keys are removed; records we must keep by law (such as invoices) and anonymised
        audit entries are kept only as long as required.
      </p>
    ),
  },
  {
    title: "Your rights",
    body: (
      <p>
        You can see and correct your data in the app, download an export of it and delete your account from
        the security page. You can also ask the operator of this installation for access, correction or
        deletion, or object to a use of your data; you may complain to your data protection authority.
      </p>
    ),
  },
  {
    title: "Cookies",
    body: (
      <p>
        We use only the cookies the service needs: your session, a marker for browsers you have signed in
        from, and your theme choice. No tracking or advertising cookies.
      </p>
    ),
  },
  {
    title: "Security",
    body: (
      <p>
        Passwords are hashed with Argon2, keys are encrypted at rest, connections use HTTPS in production, and
        two-factor authentication is available to everyone and required for administrators. No system is
        perfectly secure: use a unique password and turn on two-factor authentication.
      </p>
    ),
  },
  {
    title: "Changes",
    body: (
      <p>
        We update this policy when what we do with data changes, and tell you by email or in the app when a
        change matters.
      </p>
    ),
  },
];

export default function PrivacyPage() {
  return (
    <LegalPage
      title="Privacy policy"
      updated="1 December 2026"
      seeAlso={{ href: "/terms", label: "terms of service" }}
      intro={
        <p>
          This policy explains what Tickpilot stores about you when you use it, why, and what you can do about
          it. It applies together with the{" "}
          <Link href="/terms" className="text-primary underline underline-offset-4">
            terms of service
          </Link>
          .
        </p>
      }
      sections={SECTIONS}
    />
  );
}
