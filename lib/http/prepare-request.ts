// What the web server does to every request before Next sees it (server.ts): answer a malformed URL with 400 and a
// cross-site server action with 403 (Next would throw and answer 500), and replace the forwarding headers a client
// could forge with what the socket and TRUST_PROXY say: X-Forwarded-For becomes the one client IP, -Proto and -Host
// are kept only when a trusted proxy wrote them. Pure apart from mutating the request's headers.
import type { IncomingMessage } from "node:http";
import { resolveClientIp } from "./trusted-proxies";

/** A refusal the server sends itself. */
export interface Refusal {
  status: 400 | 403;
  message: string;
}

/** Whether a request path has a percent-escape that does not decode (e.g. `%ZZ`, a cut UTF-8 sequence). */
export function hasMalformedPath(url: string): boolean {
  const path = url.split("?")[0] ?? "";
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

/** Whether `origin` (an Origin header) is the app itself: APP_URL's origin or the host the request was sent to. */
export function isOwnOrigin(origin: string, host: string | undefined, appOrigin: string): boolean {
  if (origin === appOrigin) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Check and normalise one request; a Refusal is answered by the server, null goes on to Next. */
export function prepareRequest(
  req: IncomingMessage,
  opts: { isTrusted: (ip: string) => boolean; appOrigin: string },
): Refusal | null {
  if (hasMalformedPath(req.url ?? "/")) return { status: 400, message: "Malformed URL" };
  const remote = req.socket.remoteAddress;
  const viaProxy = remote !== undefined && opts.isTrusted(remote);
  const client = resolveClientIp(remote, req.headers["x-forwarded-for"], opts.isTrusted);
  const encrypted = Boolean((req.socket as { encrypted?: boolean }).encrypted);
  const proto = viaProxy ? header(req, "x-forwarded-proto")?.split(",")[0]?.trim() : undefined;
  req.headers["x-forwarded-for"] = client;
  req.headers["x-forwarded-proto"] = encrypted ? "https" : proto === "https" ? "https" : "http";
  if (!viaProxy) delete req.headers["x-forwarded-host"];
  delete req.headers["x-real-ip"];

  // Server actions are POSTs with a Next-Action header; one from another site must not reach Next at all.
  if (req.method === "POST" && req.headers["next-action"] !== undefined) {
    const site = header(req, "sec-fetch-site");
    const origin = header(req, "origin");
    const host = header(req, "x-forwarded-host") ?? header(req, "host");
    if (
      (site && site !== "same-origin") ||
      (origin !== undefined && !isOwnOrigin(origin, host, opts.appOrigin))
    )
      return { status: 403, message: "Cross-site requests are not allowed" };
  }
  return null;
}
