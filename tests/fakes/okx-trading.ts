// The fake OKX's trading: orders in contracts (0.01 BTC each, like BTC-USDT-SWAP) filled against per-key books in
// base asset (bybit-book.ts math), attached TP/SL algo orders that fire when the price crosses them, and
// liquidations (order category full_liquidation, fill subType 104/105). Views in OKX's v5 JSON shapes.
import { execute, liquidationPrice, newBook, unrealised, type FakeBook } from "./bybit-book";

/** Base asset per contract. */
export const CT_VAL = 0.01;

/** A key the fake knows. */
export interface OkxKey {
  secret: string;
  passphrase: string;
  /** `perm` includes "withdraw" */
  withdraw?: boolean;
  /** `perm` includes "trade" (default true) */
  trade?: boolean;
  balance?: number;
}

/** An order as the fake keeps it (sizes in contracts). */
export interface OkxOrder {
  ordId: string;
  clOrdId: string;
  apiKey: string;
  instId: string;
  side: "buy" | "sell";
  ordType: "market" | "limit";
  sz: number;
  px: number;
  accFillSz: number;
  avgPx: number;
  fee: number;
  state: "live" | "partially_filled" | "filled" | "canceled";
  reduceOnly: boolean;
  category: "normal" | "full_liquidation";
  /** "7" when a TP/SL algo order placed it. */
  source: string;
  algoId: string;
  cTime: number;
  uTime: number;
}

/** An attached TP/SL (conditional / oco) algo order. */
export interface OkxAlgo {
  algoId: string;
  apiKey: string;
  instId: string;
  slTriggerPx: number;
  tpTriggerPx: number;
  state: "live" | "effective" | "canceled";
  actualSide: "" | "sl" | "tp";
  cTime: number;
}

/** A fill (GET /api/v5/trade/fills-history). */
export interface OkxFill {
  tradeId: string;
  billId: number;
  ordId: string;
  clOrdId: string;
  apiKey: string;
  instId: string;
  side: "buy" | "sell";
  fillSz: number;
  fillPx: number;
  fee: number;
  subType: string;
  fillPnl: number;
  ts: number;
}

/** Everything the fake OKX holds; tests read it. */
export interface OkxState {
  keys: Map<string, OkxKey>;
  orders: OkxOrder[];
  algos: OkxAlgo[];
  fills: OkxFill[];
  books: Map<string, FakeBook>;
  leverage: Map<string, number>;
  price: number;
  ordersPlaced: number;
  /** The body of every POST /api/v5/trade/order, as received. */
  received: Array<Record<string, unknown>>;
  partialNext: number | null;
  nextId: number;
}

/** A fresh state. */
export function newOkxState(keys: Record<string, OkxKey>, price: number): OkxState {
  const state = { orders: [], algos: [], fills: [], books: new Map(), leverage: new Map(), received: [] };
  return {
    ...state,
    keys: new Map(Object.entries(keys)),
    price,
    ordersPlaced: 0,
    partialNext: null,
    nextId: 5000,
  };
}

/** The book of a key (created with the key's balance on first use). */
export function okxBook(s: OkxState, apiKey: string): FakeBook {
  let b = s.books.get(apiKey);
  if (!b) s.books.set(apiKey, (b = newBook(s.keys.get(apiKey)?.balance ?? 1000)));
  return b;
}

/** Leverage a key set on an instrument (OKX's default is 10 here). */
export const okxLeverage = (s: OkxState, apiKey: string, instId: string) =>
  s.leverage.get(`${apiKey}:${instId}`) ?? 10;

/** Equity and margin of a key's book. */
export function okxAccount(s: OkxState, apiKey: string) {
  const b = okxBook(s, apiKey);
  let margin = 0;
  for (const p of b.positions.values()) margin += (p.size * p.avgPrice) / p.leverage;
  const upnl = unrealised(b, s.price);
  return { wallet: b.wallet, upnl, equity: b.wallet + upnl, margin };
}

/** A new order record. */
export function okxNewOrder(
  s: OkxState,
  apiKey: string,
  o: Partial<OkxOrder> & Pick<OkxOrder, "instId" | "side" | "sz">,
): OkxOrder {
  const order: OkxOrder = {
    ordId: String(s.nextId++),
    clOrdId: "",
    apiKey,
    ordType: "market",
    px: 0,
    accFillSz: 0,
    avgPx: 0,
    fee: 0,
    state: "live",
    reduceOnly: false,
    category: "normal",
    source: "",
    algoId: "",
    cTime: Date.now(),
    uTime: Date.now(),
    ...o,
  };
  s.orders.push(order);
  return order;
}

/** Fill `contracts` of an order at `price`. */
export function okxFill(s: OkxState, o: OkxOrder, contracts: number, price: number, subType?: string): void {
  const liquidation = o.category === "full_liquidation";
  const exec = execute(okxBook(s, o.apiKey), {
    symbol: o.instId,
    side: o.side === "buy" ? "Buy" : "Sell",
    qty: Number((contracts * CT_VAL).toFixed(8)),
    price,
    orderId: o.ordId,
    orderLinkId: o.clOrdId,
    leverage: okxLeverage(s, o.apiKey, o.instId),
    execType: liquidation ? "BustTrade" : "Trade",
  });
  const done = o.accFillSz + contracts;
  o.avgPx = (o.avgPx * o.accFillSz + price * contracts) / done;
  o.accFillSz = Number(done.toFixed(8));
  o.fee -= exec.execFee;
  o.state = o.accFillSz < o.sz ? "partially_filled" : "filled";
  o.uTime = Date.now();
  s.fills.push({
    tradeId: String(s.nextId++),
    billId: s.nextId++,
    ordId: o.ordId,
    clOrdId: o.clOrdId,
    apiKey: o.apiKey,
    instId: o.instId,
    side: o.side,
    fillSz: contracts,
    fillPx: price,
    fee: -exec.execFee,
    subType: subType ?? (o.side === "buy" ? "1" : "2"),
    fillPnl: exec.closedPnl,
    ts: exec.execTime,
  });
  if (!okxBook(s, o.apiKey).positions.has(o.instId))
    for (const a of s.algos)
      if (a.apiKey === o.apiKey && a.instId === o.instId && a.state === "live") a.state = "canceled";
}

/** Move the price: a stop loss first, then liquidation, then a take profit. */
export function okxMovePrice(s: OkxState, price: number): void {
  s.price = price;
  for (const [apiKey, book] of s.books) {
    for (const pos of [...book.positions.values()]) {
      const long = pos.side === "Buy";
      const side = long ? "sell" : "buy";
      const sz = Number((pos.size / CT_VAL).toFixed(8));
      const algo = s.algos.find((a) => a.apiKey === apiKey && a.instId === pos.symbol && a.state === "live");
      const crossed = (px: number, below: boolean) => px > 0 && (below ? price <= px : price >= px);
      const liq = liquidationPrice(pos);
      let fire: { at: number; actual: "sl" | "tp" } | null = null;
      if (algo && crossed(algo.slTriggerPx, long)) fire = { at: algo.slTriggerPx, actual: "sl" };
      else if (crossed(liq, long)) fire = null;
      else if (algo && crossed(algo.tpTriggerPx, !long)) fire = { at: algo.tpTriggerPx, actual: "tp" };
      if (fire && algo) {
        const o = okxNewOrder(s, apiKey, {
          instId: pos.symbol,
          side,
          sz,
          reduceOnly: true,
          source: "7",
          algoId: algo.algoId,
        });
        algo.state = "effective";
        algo.actualSide = fire.actual;
        okxFill(s, o, sz, fire.at);
      } else if (crossed(liq, long)) {
        const o = okxNewOrder(s, apiKey, { instId: pos.symbol, side, sz, category: "full_liquidation" });
        okxFill(s, o, sz, liq, long ? "104" : "105");
      }
    }
  }
}
