// How the fake Bybit renders its objects: instruments, orders, executions and positions in v5's JSON shapes
// (numbers as strings, like Bybit).
import type { FakeExecution, FakePosition } from "./bybit-book";

export interface FakeOrder {
  orderId: string;
  orderLinkId: string;
  apiKey: string;
  symbol: string;
  side: "Buy" | "Sell";
  qty: string;
  avgPrice: string;
  cumExecQty: string;
  cumExecFee: string;
  leavesQty: string;
  orderStatus: "New" | "PartiallyFilled" | "Filled" | "Cancelled" | "PartiallyFilledCanceled" | "Rejected";
  reduceOnly: boolean;
  stopLoss: string;
  takeProfit: string;
  /** StopLoss / TakeProfit for orders a trigger created. */
  stopOrderType: string;
  createdTime: string;
  updatedTime: string;
}

/** A linear perpetual as /v5/market/instruments-info lists it. */
export const INSTRUMENT = (symbol: string) => ({
  symbol,
  contractType: "LinearPerpetual",
  status: "Trading",
  baseCoin: symbol.replace(/USDT$/, ""),
  quoteCoin: "USDT",
  settleCoin: "USDT",
  launchTime: "1585526400000",
  priceScale: "2",
  leverageFilter: { minLeverage: "1", maxLeverage: "100.00", leverageStep: "0.01" },
  priceFilter: { minPrice: "0.10", maxPrice: "1999999.80", tickSize: "0.10" },
  lotSizeFilter: { maxOrderQty: "1190.000", minOrderQty: "0.001", qtyStep: "0.001", minNotionalValue: "5" },
});

/** An order as /v5/order/realtime and /history list it. */
export function orderView(o: FakeOrder) {
  const { apiKey: _key, ...rest } = o;
  return {
    ...rest,
    orderType: "Market",
    price: "0",
    cumExecValue: String(Number(o.cumExecQty) * Number(o.avgPrice || 0)),
    timeInForce: "IOC",
    category: "linear",
    positionIdx: 0,
    createType: o.stopOrderType ? `CreateBy${o.stopOrderType}` : "CreateByUser",
  };
}

/** An execution as /v5/execution/list lists it. */
export function executionView(e: FakeExecution) {
  return {
    symbol: e.symbol,
    orderId: e.orderId,
    orderLinkId: e.orderLinkId,
    side: e.side,
    orderType: "Market",
    stopOrderType: e.stopOrderType,
    createType: e.createType,
    execId: e.execId,
    execPrice: String(e.execPrice),
    execQty: String(e.execQty),
    execValue: String(e.execPrice * e.execQty),
    execFee: String(e.execFee),
    feeRate: e.execType === "BustTrade" ? "0" : "0.00055",
    feeCurrency: "USDT",
    execType: e.execType,
    execTime: String(e.execTime),
    isMaker: e.isMaker,
    closedSize: String(e.closedSize),
    leavesQty: "0",
    markPrice: String(e.execPrice),
    category: "linear",
    seq: e.execTime,
  };
}

/** A position as /v5/position/list lists it (an empty one when flat). */
export function positionView(symbol: string, p: FakePosition | undefined, price: number, leverage: number) {
  const size = p?.size ?? 0;
  const upnl = p ? (price - p.avgPrice) * p.size * (p.side === "Buy" ? 1 : -1) : 0;
  return {
    symbol,
    positionIdx: 0,
    side: p ? p.side : "",
    size: String(size),
    avgPrice: String(p?.avgPrice ?? 0),
    markPrice: String(price),
    leverage: String(p?.leverage ?? leverage),
    unrealisedPnl: String(upnl),
    liqPrice: p
      ? String(p.side === "Buy" ? p.avgPrice * (1 - 1 / p.leverage) : p.avgPrice * (1 + 1 / p.leverage))
      : "",
    stopLoss: p?.stopLoss ? String(p.stopLoss) : "",
    takeProfit: p?.takeProfit ? String(p.takeProfit) : "",
    tradeMode: 1,
    positionValue: String(size * (p?.avgPrice ?? price)),
    createdTime: String(Date.now()),
    updatedTime: String(Date.now()),
  };
}
