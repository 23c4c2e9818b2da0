// The web server: `npm run web` (and `npm start`, Docker, the browser tests). Next's request handler behind a
// small Node HTTP server that first checks and normalises each request (lib/http/prepare-request.ts): the client
// IP from the socket unless TRUST_PROXY names the proxy in front, 400 for malformed URLs, 403 for cross-site server
// actions, and HSTS when the request came over https. `next start` alone would trust a client's X-Forwarded-For.
import { createServer } from "node:http";
import next from "next";
import { loadEnvFiles } from "@/lib/load-env";

// The explicit environment step, before anything reads it.
loadEnvFiles();
const { parseEnv } = await import("@/lib/env-schema");
const { prepareRequest } = await import("@/lib/http/prepare-request");
const { trustedProxies } = await import("@/lib/http/trusted-proxies");

const env = parseEnv(process.env);
const dev = env.NODE_ENV !== "production";
const isTrusted = trustedProxies(env.TRUST_PROXY);
const appOrigin = new URL(env.APP_URL).origin;
const HSTS = "max-age=63072000; includeSubDomains";

const app = next({ dev, hostname: env.HOST, port: env.PORT });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  const refusal = prepareRequest(req, { isTrusted, appOrigin });
  if (refusal) {
    const api = (req.url ?? "").startsWith("/api/");
    const code = refusal.status === 400 ? "bad_request" : "forbidden";
    res.writeHead(refusal.status, {
      "content-type": api ? "application/json" : "text/plain; charset=utf-8",
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
    });
    res.end(api ? JSON.stringify({ error: { code, message: refusal.message } }) : refusal.message);
    return;
  }
  if (req.headers["x-forwarded-proto"] === "https") res.setHeader("Strict-Transport-Security", HSTS);
  void handle(req, res);
});

server.listen(env.PORT, env.HOST, () => {
  console.log(
    `› web server listening on http://${env.HOST}:${env.PORT} (${dev ? "development" : "production"})`,
  );
});

// Stop taking connections on SIGTERM/SIGINT, let open requests finish, then exit.
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
