// The web server decides who the client is and checks each request before Next: a forged X-Forwarded-For is
// ignored unless TRUST_PROXY names the proxy in front, malformed URLs are 400, cross-site server actions 403.
import { Socket } from "node:net";
import { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { hasMalformedPath, prepareRequest } from "@/lib/http/prepare-request";
import { resolveClientIp, trustedProxies, trustProxySchema } from "@/lib/http/trusted-proxies";

function request(
  remote: string,
  headers: Record<string, string>,
  method = "GET",
  url = "/",
): IncomingMessage {
  const socket = new Socket();
  Object.defineProperty(socket, "remoteAddress", { value: remote });
  const req = new IncomingMessage(socket);
  req.method = method;
  req.url = url;
  req.headers = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return req;
}
const none = trustedProxies([]);
const opts = (isTrusted = none) => ({ isTrusted, appOrigin: "http://localhost:3000" });

describe("the client IP", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    const req = request("203.0.113.7", { "x-forwarded-for": "1.2.3.4", "x-real-ip": "5.6.7.8" });
    expect(prepareRequest(req, opts())).toBeNull();
    expect(req.headers["x-forwarded-for"]).toBe("203.0.113.7");
    expect(req.headers["x-real-ip"]).toBeUndefined();
  });

  it("walks X-Forwarded-For past trusted proxies only", () => {
    const trusted = trustedProxies(trustProxySchema.parse("loopback, 10.0.0.0/8"));
    // client → 10.1.2.3 (trusted LB) → 127.0.0.1 (local nginx) → app
    expect(resolveClientIp("127.0.0.1", "198.51.100.9, 10.1.2.3", trusted)).toBe("198.51.100.9");
    // A client that prepends a fake entry only fools nobody: the walk stops at the first untrusted hop.
    expect(resolveClientIp("127.0.0.1", "1.1.1.1, 198.51.100.9, 10.1.2.3", trusted)).toBe("198.51.100.9");
    // An untrusted peer's header is never read.
    expect(resolveClientIp("198.51.100.9", "1.1.1.1", trusted)).toBe("198.51.100.9");
    expect(resolveClientIp("::ffff:127.0.0.1", "192.0.2.1", trusted)).toBe("192.0.2.1");
    expect(resolveClientIp("127.0.0.1", "garbage", trusted)).toBe("127.0.0.1");
  });

  it("keeps X-Forwarded-Proto and -Host only from a trusted proxy", () => {
    const spoofed = request("203.0.113.7", {
      "x-forwarded-proto": "https",
      "x-forwarded-host": "evil.example",
    });
    prepareRequest(spoofed, opts());
    expect(spoofed.headers["x-forwarded-proto"]).toBe("http");
    expect(spoofed.headers["x-forwarded-host"]).toBeUndefined();
    const proxied = request("127.0.0.1", { "x-forwarded-proto": "https", "x-forwarded-host": "app.example" });
    prepareRequest(proxied, opts(trustedProxies(["loopback"])));
    expect(proxied.headers["x-forwarded-proto"]).toBe("https");
    expect(proxied.headers["x-forwarded-host"]).toBe("app.example");
  });

  it("TRUST_PROXY names proxies; `true` or a typo is refused with the reason", () => {
    expect(trustProxySchema.parse("")).toEqual([]);
    expect(trustProxySchema.parse("false")).toEqual([]);
    expect(trustProxySchema.parse("private,::1,192.0.2.0/24")).toEqual(["private", "::1", "192.0.2.0/24"]);
    expect(trustProxySchema.safeParse("true").error?.issues[0]?.message).toMatch(/name the proxies/);
    expect(trustProxySchema.safeParse("10.0.0.0/33").success).toBe(false);
    expect(trustProxySchema.safeParse("proxy.local").success).toBe(false);
  });
});

describe("requests refused before Next", () => {
  it("a malformed percent-escape in the path is a 400", () => {
    for (const url of ["/api/exchange-keys/%ZZ/reset", "/api/admin/users/%E0%A4%A", "/dashboard/%"]) {
      expect(hasMalformedPath(url)).toBe(true);
      expect(prepareRequest(request("127.0.0.1", {}, "POST", url), opts())).toEqual({
        status: 400,
        message: "Malformed URL",
      });
    }
    expect(hasMalformedPath("/api/admin/users?q=%E0%A4%A")).toBe(false);
    expect(hasMalformedPath("/dashboard/caf%C3%A9")).toBe(false);
  });

  it("a server action from another origin or site is a 403; from our own pages it goes on", () => {
    const action = (headers: Record<string, string>) =>
      prepareRequest(
        request("127.0.0.1", { host: "localhost:3000", "next-action": "abc", ...headers }, "POST"),
        opts(),
      );
    expect(action({ origin: "http://evil.example" })?.status).toBe(403);
    expect(action({ origin: "http://localhost:4000" })?.status).toBe(403);
    expect(action({ "sec-fetch-site": "cross-site" })?.status).toBe(403);
    expect(action({ origin: "http://localhost:3000", "sec-fetch-site": "same-origin" })).toBeNull();
    expect(action({})).toBeNull();
  });
});
