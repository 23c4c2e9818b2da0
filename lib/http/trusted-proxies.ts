// Who the client is. Any client can send X-Forwarded-For, so it is believed only as far as it was written by
// proxies named in TRUST_PROXY: the chain is read from the socket's peer leftwards, skipping trusted proxies, and
// the first address that is not one is the client. Pure (used by lib/env-schema.ts and the web server).
import { BlockList, isIP } from "node:net";
import { z } from "zod";

const KEYWORDS: Record<string, Array<[string, number, "ipv4" | "ipv6"]>> = {
  loopback: [
    ["127.0.0.0", 8, "ipv4"],
    ["::1", 128, "ipv6"],
  ],
  private: [
    ["10.0.0.0", 8, "ipv4"],
    ["172.16.0.0", 12, "ipv4"],
    ["192.168.0.0", 16, "ipv4"],
    ["fc00::", 7, "ipv6"],
  ],
};

/** `::ffff:10.0.0.1` → `10.0.0.1`; anything else unchanged (trimmed). */
export function normalizeIp(ip: string): string {
  const trimmed = ip.trim();
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(trimmed) ? trimmed.slice(7) : trimmed;
}

function entryRule(entry: string): Array<[string, number, "ipv4" | "ipv6"]> | null {
  if (KEYWORDS[entry]) return KEYWORDS[entry];
  const [addr, bits, extra] = entry.split("/");
  const family = isIP(addr ?? "");
  if (!family || extra !== undefined) return null;
  const max = family === 4 ? 32 : 128;
  const prefix = bits === undefined ? max : Number(bits);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max || (bits !== undefined && !/^\d+$/.test(bits)))
    return null;
  return [[addr!, prefix, family === 4 ? "ipv4" : "ipv6"]];
}

/** TRUST_PROXY: a comma-separated list of IPs, CIDRs, `loopback` and `private`; empty or `false` trusts none. */
export const trustProxySchema = z
  .string()
  .default("")
  .transform((raw, ctx) => {
    const entries = raw
      .split(",")
      .map((e) => e.trim().toLowerCase())
      .filter((e) => e && e !== "false");
    for (const entry of entries) {
      if (entry === "true" || entry === "1") {
        ctx.addIssue({
          code: "custom",
          message: "name the proxies to trust (IPs, CIDRs, loopback or private), not true",
        });
        return z.NEVER;
      }
      if (!entryRule(entry)) {
        ctx.addIssue({ code: "custom", message: `"${entry}" is not an IP, a CIDR, loopback or private` });
        return z.NEVER;
      }
    }
    return entries;
  });

/** A membership test for the trusted proxies (an empty list trusts nobody). */
export function trustedProxies(entries: string[]): (ip: string) => boolean {
  const list = new BlockList();
  for (const entry of entries) {
    for (const [addr, prefix, family] of entryRule(entry) ?? []) list.addSubnet(addr, prefix, family);
  }
  return (ip) => {
    const n = normalizeIp(ip);
    const family = isIP(n);
    return family !== 0 && list.check(n, family === 4 ? "ipv4" : "ipv6");
  };
}

/**
 * The client's IP: the socket's peer, unless that peer is a trusted proxy, in which case the X-Forwarded-For chain
 * is walked from the right past every trusted proxy. A malformed entry stops the walk at the last good hop.
 */
export function resolveClientIp(
  remoteAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  isTrusted: (ip: string) => boolean,
): string {
  let client = normalizeIp(remoteAddress ?? "");
  if (!client) return "unknown";
  const chain = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map(normalizeIp)
    .filter(Boolean);
  while (isTrusted(client) && chain.length > 0) {
    const next = chain.pop()!;
    if (!isIP(next)) break;
    client = next;
  }
  return client;
}
