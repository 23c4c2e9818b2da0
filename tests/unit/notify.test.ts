// The pure parts of notifications: which addresses webhooks may reach, what a message may say, the event keys and
// the signature header.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CHANNELS, defaultEnabled, eventKey, NOTIFY_EVENTS, type NotifyEvent } from "@/lib/notify/events";
import { isPrivateAddress, parseWebhookUrl, UnsafeUrlError } from "@/lib/notify/safe-url";
import { redact, renderMessage } from "@/lib/notify/templates";
import { signatureHeader } from "@/lib/notify/webhook";

describe("webhook addresses", () => {
  it("refuses loopback, private, link-local, CGNAT, multicast and reserved addresses, IPv4 and IPv6", () => {
    for (const ip of [
      "127.0.0.1",
      "127.255.0.9",
      "10.0.0.1",
      "172.16.5.4",
      "172.31.255.255",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "255.255.255.255",
      "::1",
      "::",
      "fe80::1",
      "fd00::1",
      "fc00::2",
      "ff02::1",
      "::ffff:10.0.0.1",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "::ffff:a9fe:a9fe",
      "64:ff9b::a00:1",
      "not-an-ip",
    ])
      expect(isPrivateAddress(ip), ip).toBe(true);
  });

  it("allows public unicast addresses", () => {
    for (const ip of [
      "8.8.8.8",
      "1.1.1.1",
      "172.32.0.1",
      "93.184.216.34",
      "2606:4700:4700::1111",
      "::ffff:8.8.8.8",
    ])
      expect(isPrivateAddress(ip), ip).toBe(false);
  });

  it("accepts only http(s) URLs without credentials", () => {
    expect(parseWebhookUrl("https://example.com/hook").hostname).toBe("example.com");
    for (const bad of [
      "ftp://example.com/",
      "file:///etc/passwd",
      "https://user:pw@example.com/",
      "not a url",
    ])
      expect(() => parseWebhookUrl(bad), bad).toThrow(UnsafeUrlError);
  });
});

describe("messages", () => {
  it("strip query strings, long tokens and credentials from outside text", () => {
    const text = redact(
      "GET https://api.bybit.com/v5/x?api_key=AKIA123&sign=abc failed; apiSecret=s3cr3t token: tk_live_1 " +
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    );
    expect(text).toContain("https://api.bybit.com/v5/x");
    for (const s of ["AKIA123", "sign=abc", "s3cr3t", "tk_live_1", "9f86d0818"])
      expect(text).not.toContain(s);
  });

  it("say filled only for a filled order", () => {
    const order = (status: string) =>
      renderMessage({
        event: "order_filled",
        status,
        symbol: "BTCUSDT",
        side: "buy",
        qty: 0.01,
        price: 95_000,
        reason: null,
      }).title;
    expect([order("filled"), order("placed")]).toEqual(["Buy BTCUSDT filled", "Buy BTCUSDT placed"]);
  });

  it("render every exit kind and a summary with signed amounts", () => {
    const exit = (kind: "stop_loss" | "take_profit" | "liquidation") =>
      renderMessage({ event: "exit", symbol: "ETHUSDT", kind, qty: 0.5, price: 3000, pnl: 12.5, fee: 0.8 })
        .title;
    expect([exit("stop_loss"), exit("take_profit"), exit("liquidation")]).toEqual([
      "Stop loss hit on ETHUSDT",
      "Take profit hit on ETHUSDT",
      "Liquidated on ETHUSDT",
    ]);
    const sum = renderMessage({
      event: "daily_summary",
      day: "2026-12-01T21",
      pnl: -4.25,
      fees: 1.5,
      trades: 3,
      exits: 1,
      decisions: 288,
      holds: 250,
      skipped: 2,
    });
    expect(sum.title).toBe("Daily summary (24 h to 2026-12-01 21:00 UTC): −4.25 USDT");
    expect(sum.lines).toContain("Decisions 288, of which holds 250.");
  });
});

describe("events", () => {
  it("keys never contain a colon (BullMQ job ids) and differ per occurrence", () => {
    const events: NotifyEvent[] = [
      { type: "order", userId: 1, orderId: 2 },
      { type: "exit", userId: 1, clientOrderId: "ex-abc:def" },
      { type: "loss_limit", userId: 1, settingsId: 3, day: "2026-12-01" },
      { type: "auto_trade_off", userId: 1, reason: "operator", at: 1 },
      { type: "key_rejected", userId: 1, accountId: 4, day: "2026-12-01" },
      { type: "billing", userId: 1, subscriptionId: "sub_1", status: "active", plan: "pro" },
      { type: "daily_summary", userId: 1, day: "2026-12-01T21" },
    ];
    const keys = events.map(eventKey);
    for (const k of keys) expect(k).not.toContain(":");
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("defaults: every-order messages off, the rest on", () => {
    const on = NOTIFY_EVENTS.filter((e) => CHANNELS.every((c) => defaultEnabled(e, c)));
    expect(on).toEqual([
      "order_failed",
      "exit",
      "loss_limit",
      "auto_trade_off",
      "key_rejected",
      "billing",
      "daily_summary",
    ]);
  });

  it("signs timestamp + '.' + body with HMAC-SHA256", () => {
    const expected = createHmac("sha256", "tpwh_x").update('1700000000.{"a":1}').digest("hex");
    expect(signatureHeader("tpwh_x", '{"a":1}', 1_700_000_000)).toBe(`t=1700000000,v1=${expected}`);
  });
});
