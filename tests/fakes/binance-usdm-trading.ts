// The fake Binance's trading: orders filled against per-key books (bybit-book.ts math: one net position per symbol at
// an average entry, 0.055 % taker fee, liquidation at the isolated bankruptcy price), conditional algo orders that
// fire when the price crosses them, and liquidations with Binance's `autoclose-` client ids.
import { execute, liquidationPrice, newBook, unrealised, type FakeBook } from "./bybit-book";
import type { BinanceAlgoOrder, BinanceOrder, BinanceTrade } from "./binance-usdm-views";

/** A key the fake knows: its secret and what its API restrictions say. */
export interface BinanceKey {
  secret: string;
  /** apiRestrictions.enableWithdrawals */
  withdraw?: boolean;
  /** apiRestrictions.enableFutures (default true) */
  futures?: boolean;
  /** USDT wallet balance. */
  balance?: number;
}

/** Everything the fake Binance holds; tests read it. */
export interface BinanceState {
  keys: Map<string, BinanceKey>;
  orders: BinanceOrder[];
  algoOrders: BinanceAlgoOrder[];
  trades: BinanceTrade[];
  books: Map<string, FakeBook>;
  leverage: Map<string, number>;
  price: number;
  /** Orders accepted through POST /fapi/v1/order (refused duplicates are not counted). */
  ordersPlaced: number;
  /** The parameters of every POST /fapi/v1/order and /fapi/v1/algoOrder, as received. */
  received: Array<{ path: string; params: Record<string, string> }>;
  /** The next order fills only this share; the rest stays open until `fillRemaining`. */
  partialNext: number | null;
  nextId: number;
}

/** A fresh state. */
export function newBinanceState(keys: Record<string, BinanceKey>, price: number): BinanceState {
  return {
    keys: new Map(Object.entries(keys)),
    orders: [],
    algoOrders: [],
    trades: [],
    books: new Map(),
    leverage: new Map(),
    price,
    ordersPlaced: 0,
    received: [],
    partialNext: null,
    nextId: 1000,
  };
}

/** The book of a key (created with the key's balance on first use). */
export function bookOf(s: BinanceState, apiKey: string): FakeBook {
  let b = s.books.get(apiKey);
  if (!b) s.books.set(apiKey, (b = newBook(s.keys.get(apiKey)?.balance ?? 1000)));
  return b;
}

/** The leverage a key set on a symbol (20 like Binance's default). */
export const leverageOf = (s: BinanceState, apiKey: string, symbol: string) =>
  s.leverage.get(`${apiKey}:${symbol}`) ?? 20;

/** Margin in use and equity of a key's book at the current price. */
export function accountOf(s: BinanceState, apiKey: string) {
  const b = bookOf(s, apiKey);
  let margin = 0;
  for (const p of b.positions.values()) margin += (p.size * p.avgPrice) / p.leverage;
  const upnl = unrealised(b, s.price);
  return { wallet: b.wallet, upnl, equity: b.wallet + upnl, margin };
}

/** Execute `qty` of an order at `price` on its key's book, recording the trade. */
export function fillOrder(s: BinanceState, o: BinanceOrder, qty: number, price: number, liquidation = false) {
  const exec = execute(bookOf(s, o.apiKey), {
    symbol: o.symbol,
    side: o.side === "BUY" ? "Buy" : "Sell",
    qty,
    price,
    orderId: String(o.orderId),
    orderLinkId: o.clientOrderId,
    leverage: leverageOf(s, o.apiKey, o.symbol),
    execType: liquidation ? "BustTrade" : "Trade",
  });
  const done = o.executedQty + qty;
  o.avgPrice = (o.avgPrice * o.executedQty + price * qty) / done;
  o.executedQty = Number(done.toFixed(8));
  o.status = o.executedQty < o.origQty ? "PARTIALLY_FILLED" : "FILLED";
  o.updateTime = Date.now();
  s.trades.push({
    id: s.nextId++,
    orderId: o.orderId,
    apiKey: o.apiKey,
    symbol: o.symbol,
    side: o.side,
    price,
    qty,
    commission: exec.execFee,
    realizedPnl: exec.closedPnl,
    time: exec.execTime,
  });
  // A position that is gone takes its close-position conditional orders with it.
  if (!bookOf(s, o.apiKey).positions.has(o.symbol))
    for (const a of s.algoOrders)
      if (a.apiKey === o.apiKey && a.symbol === o.symbol && a.algoStatus === "NEW") a.algoStatus = "EXPIRED";
}

/** A new order record (not yet filled). */
export function newOrder(
  s: BinanceState,
  apiKey: string,
  o: Pick<BinanceOrder, "symbol" | "side" | "origQty" | "clientOrderId"> & Partial<BinanceOrder>,
): BinanceOrder {
  const order: BinanceOrder = {
    orderId: s.nextId++,
    apiKey,
    type: "MARKET",
    origType: o.type ?? "MARKET",
    status: "NEW",
    price: 0,
    executedQty: 0,
    avgPrice: 0,
    reduceOnly: false,
    time: Date.now(),
    updateTime: Date.now(),
    ...o,
  };
  s.orders.push(order);
  return order;
}

/** Move the price: conditional orders it crosses fire (stop first), then liquidations. */
export function movePrice(s: BinanceState, price: number): void {
  s.price = price;
  for (const [apiKey, book] of s.books) {
    for (const pos of [...book.positions.values()]) {
      const long = pos.side === "Buy";
      const algos = s.algoOrders.filter(
        (a) => a.apiKey === apiKey && a.symbol === pos.symbol && a.algoStatus === "NEW",
      );
      const crossed = (a: BinanceAlgoOrder) =>
        (a.orderType === "STOP_MARKET") === long ? price <= a.triggerPrice : price >= a.triggerPrice;
      const fired = [...algos].sort((a) => (a.orderType === "STOP_MARKET" ? -1 : 1)).find(crossed);
      const liq = liquidationPrice(pos);
      const side = long ? "SELL" : "BUY";
      if (fired && (fired.orderType === "STOP_MARKET" || !(long ? price <= liq : price >= liq))) {
        const o = newOrder(s, apiKey, {
          symbol: pos.symbol,
          side,
          origQty: pos.size,
          clientOrderId: fired.clientAlgoId,
          origType: fired.orderType,
          reduceOnly: true,
        });
        fired.algoStatus = "FINISHED";
        fired.actualOrderId = o.orderId;
        fillOrder(s, o, pos.size, fired.triggerPrice);
      } else if (long ? price <= liq : price >= liq) {
        const o = newOrder(s, apiKey, {
          symbol: pos.symbol,
          side,
          origQty: pos.size,
          clientOrderId: `autoclose-${Date.now()}${s.nextId}`,
          type: "LIMIT",
          origType: "LIMIT",
          price: liq,
        });
        fillOrder(s, o, pos.size, liq, true);
      }
    }
  }
}
