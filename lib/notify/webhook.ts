import "server-only";
// Signed outgoing webhooks: a JSON body POSTed to the user's URL with
// `Tickpilot-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>` (docs/notifications.md shows
// how to verify it). The connection goes only to an address checked by safe-url.ts, on every attempt.
import { createHmac, randomBytes } from "node:crypto";
import http from "node:http";
import https from "node:https";
import { checkedLookup, parseWebhookUrl, resolvePublic } from "./safe-url";

/** A new signing secret (shown to the user once, stored encrypted). */
export const newWebhookSecret = () => `tpwh_${randomBytes(24).toString("base64url")}`;

/** The signature header's value for `body` sent at `t` (unix seconds). */
export function signatureHeader(secret: string, body: string, t: number): string {
  const v1 = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
  return `t=${t},v1=${v1}`;
}

/** A delivery that failed with the receiver's HTTP status (retried on 408, 429 and 5xx). */
export class WebhookStatusError extends Error {
  constructor(readonly status: number) {
    super(`Webhook answered HTTP ${status}`);
  }
  get retryable() {
    return this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

/** POST `body` (JSON text) to `rawUrl`, signed; resolves on a 2xx, throws otherwise. */
export async function postSigned(
  rawUrl: string,
  secret: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs = 10_000,
): Promise<number> {
  const url = parseWebhookUrl(rawUrl);
  // An IP literal never reaches the socket's lookup: check it here (a hostname is checked in both places).
  await resolvePublic(url.hostname);
  const t = Math.floor(Date.now() / 1000);
  const client = url.protocol === "https:" ? https : http;
  return new Promise<number>((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: "POST",
        lookup: checkedLookup,
        timeout: timeoutMs,
        headers: {
          "content-type": "application/json",
          "user-agent": "Tickpilot-Webhooks/1",
          "tickpilot-signature": signatureHeader(secret, body, t),
          ...headers,
          "content-length": String(Buffer.byteLength(body)),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve(status);
          else reject(new WebhookStatusError(status));
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error(`Webhook did not answer within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end(body);
  });
}
