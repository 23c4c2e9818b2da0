// Next.js configuration. ccxt and the database/queue drivers stay server-side and unbundled. Security headers go on
// every response (pages get their nonce-based Content-Security-Policy from proxy.ts; HSTS comes from server.ts,
// which knows whether the request came over https).
/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: [
    "ccxt",
    "mysql2",
    "ioredis",
    "bullmq",
    "@node-rs/argon2",
    "pino",
    "prom-client",
    "nodemailer",
    "qrcode",
  ],
  poweredByHeader: false,
  typedRoutes: false,
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
      {
        // JSON is never a document: nothing may run or frame it even if a browser were tricked into rendering it.
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }],
      },
    ];
  },
};

export default nextConfig;
