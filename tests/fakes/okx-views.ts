// How the fake OKX renders orders, algo orders and fills in v5's JSON shapes (numbers as strings).
import type { OkxAlgo, OkxFill, OkxOrder } from "./okx-trading";

/** A number as OKX sends it: a string without float noise. */
export const S = (n: number) => String(Number(n.toFixed(8)));

/** An order as /trade/order, /orders-pending and /orders-history return it. */
export function orderView(o: OkxOrder) {
  return {
    instType: "SWAP",
    instId: o.instId,
    ordId: o.ordId,
    clOrdId: o.clOrdId,
    tag: "",
    px: o.px ? S(o.px) : "",
    sz: S(o.sz),
    ordType: o.ordType,
    side: o.side,
    posSide: "net",
    tdMode: "isolated",
    accFillSz: S(o.accFillSz),
    fillPx: o.avgPx ? S(o.avgPx) : "",
    avgPx: o.avgPx ? S(o.avgPx) : "",
    state: o.state,
    lever: "10",
    fee: S(o.fee),
    feeCcy: "USDT",
    reduceOnly: String(o.reduceOnly),
    category: o.category,
    source: o.source,
    algoId: o.algoId,
    algoClOrdId: "",
    attachAlgoOrds: [],
    cTime: String(o.cTime),
    uTime: String(o.uTime),
  };
}

/** An algo order as /trade/order-algo returns it. */
export const algoView = (a: OkxAlgo) => ({
  instType: "SWAP",
  instId: a.instId,
  algoId: a.algoId,
  ordType: a.slTriggerPx && a.tpTriggerPx ? "oco" : "conditional",
  state: a.state,
  actualSide: a.actualSide,
  slTriggerPx: a.slTriggerPx ? S(a.slTriggerPx) : "",
  tpTriggerPx: a.tpTriggerPx ? S(a.tpTriggerPx) : "",
  cTime: String(a.cTime),
});

/** A fill as /trade/fills-history returns it. */
export const fillView = (f: OkxFill) => ({
  instType: "SWAP",
  instId: f.instId,
  tradeId: f.tradeId,
  ordId: f.ordId,
  clOrdId: f.clOrdId,
  billId: String(f.billId),
  subType: f.subType,
  tag: "",
  fillPx: S(f.fillPx),
  fillSz: S(f.fillSz),
  fillPnl: S(f.fillPnl),
  side: f.side,
  posSide: "net",
  execType: "T",
  feeCcy: "USDT",
  fee: S(f.fee),
  ts: String(f.ts),
  fillTime: String(f.ts),
});
