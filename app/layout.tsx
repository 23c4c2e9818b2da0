// Root layout: fonts, theme (class on <html>), toasts and site-wide metadata.
import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";

import { ThemeProvider } from "@/components/theme-provider";
import { Toaster } from "@/components/ui/sonner";
import "./globals.css";

export const metadata: Metadata = {
  title: {
    default: "Tickpilot — AI auto-trading for BTC perpetuals",
    template: "%s · Tickpilot",
  },
  description:
    "Tickpilot reads BTCUSDT candles and indicators every 5 minutes, decides buy, sell, close or hold, and trades on your own exchange account within the risk limits you set. Start on the paper exchange.",
  applicationName: "Tickpilot",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#0e0f14" },
  ],
};

export default async function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  // The CSP nonce proxy.ts made for this response; the theme script is inline and needs it.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-svh font-sans">
        <ThemeProvider
          attribute="class"
          defaultTheme="system"
          enableSystem
          disableTransitionOnChange
          nonce={nonce}
        >
          {children}
          <Toaster richColors={false} closeButton />
        </ThemeProvider>
      </body>
    </html>
  );
}
