// Next.js configuration. ccxt and the database/queue drivers stay server-side and unbundled.
/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ["ccxt", "mysql2", "ioredis", "bullmq", "@node-rs/argon2", "pino", "prom-client"],
  poweredByHeader: false,
  typedRoutes: false,
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
};

export default nextConfig;
