// The webhook body parser: TradingView's plain-text template (as docs/signals.md shows it, with its placeholders
// filled in), JSON with quoted numbers, ticker spellings, and refusals that name the field by its label.
import { describe, expect, it } from "vitest";
import { normalizeSymbol, parseAlert } from "@/lib/signals/parse-alert";
import { claimKeys, DUPLICATE_WINDOW_MS } from "@/lib/signals/receive-signal";
import { signalDecision } from "@/lib/signals/signal-decision";

// The template of docs/signals.md, as TradingView sends it after filling in the placeholders.
const TEMPLATE =
  "action={{strategy.order.action}} symbol={{ticker}} id={{strategy.order.id}}-{{timenow}} stop_loss=0.01 take_profit=0.02";
const filled = (action: string, ticker: string, id: string) =>
  TEMPLATE.replace("{{strategy.order.action}}", action)
    .replace("{{ticker}}", ticker)
    .replace("{{strategy.order.id}}-{{timenow}}", id);

describe("TradingView plain-text template", () => {
  it("reads the documented template with its placeholders filled in", () => {
    expect(parseAlert(filled("buy", "BTCUSDT.P", "Long-2026-12-01T05:00:00Z"))).toEqual({
      ok: true,
      format: "text",
      alert: {
        action: "buy",
        symbol: "BTCUSDT",
        stopLoss: 0.01,
        takeProfit: 0.02,
        leverage: null,
        id: "Long-2026-12-01T05:00:00Z",
      },
    });
    const sell = parseAlert(filled("sell", "BTCUSDT", "Short-1"));
    expect(sell.ok && sell.alert.action).toBe("sell");
  });

  it("accepts aliases, percentages, newlines and commas", () => {
    const r = parseAlert("side=LONG\nticker=BYBIT:BTCUSDT.P, sl=1.5%; tp=3% lev=4 alert_id=x1");
    expect(r).toMatchObject({
      ok: true,
      alert: { action: "buy", symbol: "BTCUSDT", stopLoss: 0.015, takeProfit: 0.03, leverage: 4, id: "x1" },
    });
    expect(parseAlert("action=exit symbol=btc/usdt")).toMatchObject({
      ok: true,
      alert: { action: "close", symbol: "BTCUSDT", stopLoss: null },
    });
  });

  it("refuses unfilled placeholders, unknown and repeated fields, and words that are not pairs", () => {
    expect(parseAlert(TEMPLATE)).toMatchObject({ ok: false, reason: expect.stringMatching(/placeholder/) });
    // A refused alert still says what it was about (the signals page lists it).
    expect(parseAlert("action=buy symbol=BTCUSDT stoploss=0.01")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/Unknown field "stoploss"/),
      action: "buy",
      symbol: "BTCUSDT",
    });
    expect(parseAlert("action=buy action=sell symbol=BTCUSDT")).toMatchObject({
      ok: false,
      reason: 'Field "action" appears twice',
    });
    expect(parseAlert("buy BTCUSDT")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/key=value/),
    });
    expect(parseAlert("action=buy symbol=BTCUSDT sl=abc")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^Stop loss \(stop_loss\) must be a number/),
    });
  });
});

describe("JSON alerts", () => {
  it("reads numbers and quoted numbers alike, ignoring extra fields", () => {
    expect(
      parseAlert('{"action":"sell","symbol":"BTCUSDT","stop_loss":"0.02","leverage":"3","id":7,"note":"x"}'),
    ).toEqual({
      ok: true,
      format: "json",
      alert: { action: "sell", symbol: "BTCUSDT", stopLoss: 0.02, takeProfit: null, leverage: 3, id: "7" },
    });
  });

  it("names the bad field by its label and unit", () => {
    const cases: [string, RegExp][] = [
      [
        '{"action":"buy","symbol":"BTCUSDT","take_profit":5}',
        /^Take profit \(take_profit\) must be at most 2/,
      ],
      ['{"action":"buy","symbol":"BTCUSDT","leverage":0}', /^Leverage \(leverage\) must be at least 1x/],
      [
        '{"action":"buy","symbol":"BTCUSDT","id":"' + "x".repeat(65) + '"}',
        /^Alert id \(id\) must be at most 64/,
      ],
      ["[1,2]", /JSON object/],
      ['{"action":"buy",', /not valid JSON/],
    ];
    for (const [body, reason] of cases)
      expect(parseAlert(body)).toMatchObject({ ok: false, reason: expect.stringMatching(reason) });
  });

  it("normalises tickers", () => {
    expect(normalizeSymbol("BINANCE:BTCUSDTPERP")).toBe("BTCUSDT");
    expect(normalizeSymbol(" eth-usdt ")).toBe("ETHUSDT");
  });
});

describe("decision numbers and duplicate keys", () => {
  const ctx = { riskLevel: "medium" as const, maxLeverage: 3, roundTripCost: 0.0015, volatility: 0.002 };
  const alert = {
    action: "buy" as const,
    symbol: "BTCUSDT",
    stopLoss: null,
    takeProfit: null,
    leverage: null,
    id: null,
  };

  it("fills in the documented defaults: 1 % stop, twice that as target, the user's max leverage", () => {
    expect(signalDecision(alert, ctx, "x")).toMatchObject({
      ok: true,
      decision: { action: "buy", stop_loss: 0.01, take_profit: 0.02, leverage: 3, confidence: 1 },
    });
  });

  it("clamps leverage to the risk level's cap and refuses stops inside the floor", () => {
    expect(signalDecision({ ...alert, leverage: 50 }, ctx, "x")).toMatchObject({ decision: { leverage: 5 } });
    expect(signalDecision({ ...alert, stopLoss: 1e-7 }, ctx, "x")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/tighter than the floor/),
    });
  });

  it("a retry within the window always meets one of the first delivery's claims", () => {
    const t = 10 * DUPLICATE_WINDOW_MS + 59_000;
    const first = claimKeys(null, "h", t);
    for (const later of [t + 1, t + 1_000, t + DUPLICATE_WINDOW_MS - 1])
      expect(claimKeys(null, "h", later).some((k) => first.includes(k))).toBe(true);
    expect(claimKeys("abc", "h", t)).toEqual(["id:abc"]);
  });
});
