// Pure helpers of the live dashboard: sync age, the read-back settings line, sync problems in words, partial
// fills in the trade log, the base asset of a symbol, and the per-dialog idempotency key.
import { describe, expect, it } from "vitest";
import { readBack, syncProblem } from "@/components/trading/live-sync-info";
import { baseAsset } from "@/components/trading/position-actions";
import { formatAge } from "@/components/trading/sync-age";
import { qtyText } from "@/components/trading/trade-log";
import { actionKey } from "@/components/trading/use-manual-action";

describe("live dashboard helpers", () => {
  it("says how old a sync is", () => {
    expect(formatAge(400)).toBe("just now");
    expect(formatAge(12_400)).toBe("12 s ago");
    expect(formatAge(3 * 60_000 + 59_000)).toBe("3 min ago");
    expect(formatAge(2 * 3600_000)).toBe("2 h ago");
    expect(formatAge(3 * 86_400_000)).toBe("3 d ago");
    expect(formatAge(-5_000)).toBe("just now");
  });

  it("shows the leverage and margin mode the exchange reported, when known", () => {
    expect(readBack({ exchangeLeverage: 5, marginMode: "ISOLATED" })).toBe("5x · isolated");
    expect(readBack({ exchangeLeverage: null, marginMode: "cross" })).toBe("cross");
    expect(readBack({ exchangeLeverage: null, marginMode: null })).toBeNull();
  });

  it("puts a sync problem in a title and a detail without saying it twice", () => {
    expect(syncProblem("Not synced with the exchange yet: balances appear after the first sync.")).toEqual({
      title: "Waiting for the first sync",
      detail: "Not synced with the exchange yet: balances appear after the first sync.",
    });
    const failed = syncProblem("The exchange could not be read at the last sync: Bybit could not be reached");
    expect(failed.title).toBe("The exchange could not be read at the last sync");
    expect(failed.detail).toMatch(
      /^Bybit could not be reached\. The figures shown are from the last good sync/,
    );
  });

  it("shows the filled part of a partly filled order", () => {
    expect(qtyText({ qty: 0.02, filledQty: 0.012 })).toBe("0.012 of 0.02");
    expect(qtyText({ qty: 0.02, filledQty: 0.02 })).toBe("0.02");
    expect(qtyText({ qty: 0.02, filledQty: 0 })).toBe("0.02");
    expect(qtyText({ qty: 0.02, filledQty: null })).toBe("0.02");
    expect(qtyText({ qty: null, filledQty: null })).toBe("—");
  });

  it("names the base asset of a symbol", () => {
    expect(baseAsset("BTCUSDT")).toBe("BTC");
    expect(baseAsset("ETHUSDC")).toBe("ETH");
  });

  it("makes a fresh key the API accepts for every dialog", () => {
    const a = actionKey();
    expect(a).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(actionKey()).not.toBe(a);
  });
});
