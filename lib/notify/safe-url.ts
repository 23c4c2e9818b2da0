import "server-only";
// Outgoing webhooks go only to public addresses: a URL whose host is, or resolves to, a private, loopback,
// link-local, multicast or otherwise special address is refused, at save time and again when connecting (the
// lookup the socket uses is this check, so a DNS answer that changes after saving cannot reach inside).
// NOTIFY_ALLOW_PRIVATE_WEBHOOKS lifts it for self-hosted setups.
import { lookup as dnsLookup } from "node:dns/promises";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { env } from "@/lib/env";
import { normalizeIp } from "@/lib/http/trusted-proxies";

// Two lists: Node's BlockList matches an IPv4 address against IPv6 rules too (::ffff:0:0/96 would cover them all).
const blocked4 = new BlockList();
const blocked6 = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  blocked4.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  blocked6.addSubnet(net, bits, "ipv6");

/** Why a webhook cannot be used, in words for the settings page. */
export class UnsafeUrlError extends Error {
  override name = "UnsafeUrlError";
}

// `::ffff:7f00:1` (an IPv4-mapped address in hex) → `127.0.0.1`; null for any other address.
function mappedV4(ip: string): string | null {
  const host = new URL(`http://[${ip}]`).hostname.slice(1, -1);
  const m = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(host);
  if (!m) return null;
  const hi = parseInt(m[1]!, 16);
  const lo = parseInt(m[2]!, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** Whether an IP address is not a public unicast one (IPv4-mapped IPv6 is judged as IPv4). */
export function isPrivateAddress(ip: string): boolean {
  const addr = normalizeIp(ip);
  const family = isIP(addr);
  if (family === 0) return true;
  if (family === 4) return blocked4.check(addr, "ipv4");
  const v4 = mappedV4(addr);
  return v4 ? blocked4.check(v4, "ipv4") : blocked6.check(addr, "ipv6");
}

/** Check a webhook URL's form: http(s), a host, no credentials in it. */
export function parseWebhookUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeUrlError("Webhook URL is not a valid URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new UnsafeUrlError("Webhook URL must start with https:// or http://");
  if (url.username || url.password)
    throw new UnsafeUrlError("Webhook URL must not contain a user or password");
  return url;
}

/** Every address `host` resolves to; refused when any of them is not public (unless the operator allows it). */
export async function resolvePublic(host: string): Promise<Array<{ address: string; family: number }>> {
  const bare = host.replace(/^\[|\]$/g, "");
  const addresses = isIP(bare)
    ? [{ address: bare, family: isIP(bare) }]
    : await dnsLookup(bare, { all: true, verbatim: true }).catch(() => {
        throw new UnsafeUrlError(`Webhook host ${bare} does not resolve`);
      });
  if (addresses.length === 0) throw new UnsafeUrlError(`Webhook host ${bare} does not resolve`);
  if (!env.NOTIFY_ALLOW_PRIVATE_WEBHOOKS) {
    const bad = addresses.find((a) => isPrivateAddress(a.address));
    if (bad)
      throw new UnsafeUrlError(
        `Webhook URL points to a private, loopback or link-local address (${bad.address}); use a public address`,
      );
  }
  return addresses;
}

/** Validate a webhook URL completely (form and every resolved address). */
export async function assertPublicUrl(raw: string): Promise<URL> {
  const url = parseWebhookUrl(raw);
  await resolvePublic(url.hostname);
  return url;
}

/** A socket lookup that runs the same check at connect time and connects only to an address it checked. */
export const checkedLookup: LookupFunction = (hostname, options, callback) => {
  resolvePublic(hostname).then(
    (addresses) => {
      const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
      const usable = addresses.filter((a) => !wanted || a.family === wanted);
      if (usable.length === 0) return callback(new UnsafeUrlError(`No address for ${hostname}`), "", 0);
      if (options.all) return (callback as unknown as (e: null, a: typeof usable) => void)(null, usable);
      callback(null, usable[0]!.address, usable[0]!.family);
    },
    (err: Error) => callback(err, "", 0),
  );
};
