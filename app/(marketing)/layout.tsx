// Layout for the public pages: sticky header, content, footer (and the "logged out" confirmation).
import { Suspense } from "react";
import { LoggedOutToast } from "./logged-out-toast";
import { SiteFooter } from "./site-footer";
import { SiteHeader } from "./site-header";

export default function MarketingLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-svh flex-col">
      <SiteHeader />
      <main className="flex-1">{children}</main>
      <SiteFooter />
      <Suspense fallback={null}>
        <LoggedOutToast />
      </Suspense>
    </div>
  );
}
