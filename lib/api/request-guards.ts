import "server-only";
// Checks every state-changing API request passes before its handler runs: it comes from our own pages (not a
// cross-site form or script riding on the user's cookie) and carries the content type the route reads.
import { AppError } from "./errors";
import { env } from "@/lib/env";
import { isOwnOrigin } from "@/lib/http/prepare-request";

/** Methods that change something; only these need the origin and content-type checks. */
export const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** What a route reads from the body: JSON (the API), a form (Auth.js), or whatever the handler parses itself. */
export type Accepts = "json" | "form" | "any";

const appOrigin = new URL(env.APP_URL).origin;

/**
 * 403 for a request a browser sent from another site. Browsers mark every fetch and form post with
 * `Sec-Fetch-Site` and `Origin`; a request with neither (curl, scripts, server-to-server) is not a browser acting
 * for someone, so it passes and its session cookie, if any, decides as usual.
 */
export function assertSameOrigin(req: Request): void {
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") {
    throw new AppError("forbidden", "Cross-site requests are not allowed");
  }
  const origin = req.headers.get("origin");
  if (origin === null) return;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? undefined;
  if (!isOwnOrigin(origin, host, appOrigin))
    throw new AppError("forbidden", "Cross-site requests are not allowed");
}

/** `application/json` and `application/*+json`, with or without parameters. */
export const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json(?:\s*;|$)/i;
/** The 415 message of a JSON route. */
export const JSON_TYPE_MESSAGE = "Send the body as JSON (Content-Type: application/json)";
const FORM_TYPE = /^(?:application\/x-www-form-urlencoded|multipart\/form-data)(?:\s*;|$)/i;

/**
 * 415 unless the body's declared type is the one the route reads. A body-less request may omit the header; a
 * text/plain body — which a cross-site form can send without a CORS preflight — is refused.
 */
export function assertContentType(req: Request, accepts: Accepts): void {
  if (accepts === "any") return;
  const type = req.headers.get("content-type");
  const length = req.headers.get("content-length");
  const hasBody =
    type !== null || (length !== null && length !== "0") || req.headers.has("transfer-encoding");
  if (!hasBody) return;
  const ok = accepts === "json" ? JSON_TYPE.test(type ?? "") : FORM_TYPE.test(type ?? "");
  if (!ok) {
    throw new AppError(
      "unsupported_media_type",
      accepts === "json"
        ? "Send the body as JSON (Content-Type: application/json)"
        : "Send the body as a form",
    );
  }
}
