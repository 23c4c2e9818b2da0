// The public site's footer: product links, account links and the risk notice.
import Link from "next/link";

import { Logo } from "@/components/logo";
import { MARKETING_NAV } from "./nav-links";

const ACCOUNT_LINKS = [
  { href: "/login", label: "Log in" },
  { href: "/signup", label: "Create account" },
  { href: "/dashboard", label: "Dashboard" },
];

/** Footer with two link columns and the small print. */
export function SiteFooter() {
  return (
    <footer className="bg-muted/30 border-t">
      <div className="mx-auto grid max-w-6xl gap-10 px-4 py-12 sm:px-6 md:grid-cols-[1.5fr_1fr_1fr] lg:px-8">
        <div className="space-y-3">
          <Logo />
          <p className="text-muted-foreground max-w-xs text-sm leading-relaxed">
            AI-driven auto-trading for BTCUSDT perpetuals, on your own exchange account, inside your own
            limits.
          </p>
        </div>
        <div>
          <h2 className="text-sm font-semibold">Product</h2>
          <ul className="mt-3 space-y-2 text-sm">
            {MARKETING_NAV.map((item) => (
              <li key={item.href}>
                <Link
                  href={item.href}
                  className="text-muted-foreground hover:text-foreground transition-colors"
                >
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h2 className="text-sm font-semibold">Account</h2>
          <ul className="mt-3 space-y-2 text-sm">
            {ACCOUNT_LINKS.map((item) => (
              <li key={item.href}>
                <Link
                  href={item.href}
                  className="text-muted-foreground hover:text-foreground transition-colors"
                >
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      </div>
      <div className="border-t">
        <div className="text-muted-foreground mx-auto flex max-w-6xl flex-col gap-2 px-4 py-6 text-xs sm:px-6 md:flex-row md:items-center md:justify-between lg:px-8">
          <p>
            © {new Date().getFullYear()} Tickpilot. Software, not financial advice. ·{" "}
            <Link href="/terms" className="hover:text-foreground underline-offset-4 hover:underline">
              Terms
            </Link>{" "}
            ·{" "}
            <Link href="/privacy" className="hover:text-foreground underline-offset-4 hover:underline">
              Privacy
            </Link>
          </p>
          <p>
            Leveraged crypto trading can lose more than you expect. Trade only what you can afford to lose.
          </p>
        </div>
      </div>
    </footer>
  );
}
