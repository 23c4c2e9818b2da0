// The fake Bybit's books per API key, kept the way Bybit keeps a linear USDT perpetual account: one net position
// per symbol at an average entry price, closed PnL = (exit − average entry) × closed size, a 0.055 % taker fee
// per execution, a wallet that moves by closed PnL minus fees. Stop-loss and take-profit sit on the position and
// trigger when the price crosses them; liquidation at the isolated-margin bankruptcy price. Written on its own
// (not with Tickpilot's ledger code), so a test comparing the two compares two independent books.
import { randomUUID } from "node:crypto";

export const TAKER_FEE = 0.00055;

export interface FakePosition {
  symbol: string;
  side: "Buy" | "Sell";
  size: number;
  avgPrice: number;
  leverage: number;
  stopLoss: number;
  takeProfit: number;
}

/** One execution, in Bybit's /v5/execution/list shape (numbers as numbers here). */
export interface FakeExecution {
  execId: string;
  orderId: string;
  orderLinkId: string;
  symbol: string;
  side: "Buy" | "Sell";
  execQty: number;
  execPrice: number;
  execFee: number;
  execType: "Trade" | "BustTrade";
  stopOrderType: "" | "StopLoss" | "TakeProfit";
  createType: string;
  closedSize: number;
  /** Closed PnL of this execution before its fee (what Bybit's closed-pnl adds up). */
  closedPnl: number;
  execTime: number;
  isMaker: boolean;
}

export interface FakeBook {
  wallet: number;
  positions: Map<string, FakePosition>;
  executions: FakeExecution[];
  /** Sums over every execution, for tests to compare with Tickpilot's ledger. */
  realizedPnl: number;
  fees: number;
}

const r8 = (x: number) => Math.round(x * 1e8) / 1e8;

/** A new book with `balance` USDT in the wallet. */
export function newBook(balance: number): FakeBook {
  return { wallet: balance, positions: new Map(), executions: [], realizedPnl: 0, fees: 0 };
}

/** Execute `qty` at `price` on the book; returns the execution (SL/TP on an opening order are kept). */
export function execute(
  book: FakeBook,
  e: {
    symbol: string;
    side: "Buy" | "Sell";
    qty: number;
    price: number;
    orderId: string;
    orderLinkId: string;
    leverage: number;
    stopLoss?: number;
    takeProfit?: number;
    execType?: FakeExecution["execType"];
    stopOrderType?: FakeExecution["stopOrderType"];
    createType?: string;
    time?: number;
  },
): FakeExecution {
  const pos = book.positions.get(e.symbol);
  let closed = 0;
  let pnl = 0;
  if (pos && pos.side !== e.side) {
    closed = Math.min(pos.size, e.qty);
    pnl = (e.price - pos.avgPrice) * closed * (pos.side === "Buy" ? 1 : -1);
    pos.size = r8(pos.size - closed);
    if (pos.size === 0) book.positions.delete(e.symbol);
  }
  const opening = r8(e.qty - closed);
  if (opening > 0) {
    const cur = book.positions.get(e.symbol);
    if (cur) {
      cur.avgPrice = (cur.avgPrice * cur.size + e.price * opening) / (cur.size + opening);
      cur.size = r8(cur.size + opening);
      if (e.stopLoss) cur.stopLoss = e.stopLoss;
      if (e.takeProfit) cur.takeProfit = e.takeProfit;
    } else {
      book.positions.set(e.symbol, {
        symbol: e.symbol,
        side: e.side,
        size: opening,
        avgPrice: e.price,
        leverage: e.leverage,
        stopLoss: e.stopLoss ?? 0,
        takeProfit: e.takeProfit ?? 0,
      });
    }
  }
  const fee = e.execType === "BustTrade" ? 0 : e.qty * e.price * TAKER_FEE;
  book.wallet += pnl - fee;
  book.realizedPnl += pnl;
  book.fees += fee;
  const exec: FakeExecution = {
    execId: randomUUID(),
    orderId: e.orderId,
    orderLinkId: e.orderLinkId,
    symbol: e.symbol,
    side: e.side,
    execQty: e.qty,
    execPrice: e.price,
    execFee: fee,
    execType: e.execType ?? "Trade",
    stopOrderType: e.stopOrderType ?? "",
    createType: e.createType ?? "CreateByUser",
    closedSize: closed,
    closedPnl: pnl,
    execTime: e.time ?? Date.now(),
    isMaker: false,
  };
  book.executions.push(exec);
  return exec;
}

/** The bankruptcy (liquidation) price of an isolated position at its leverage. */
export function liquidationPrice(p: FakePosition): number {
  return p.side === "Buy" ? p.avgPrice * (1 - 1 / p.leverage) : p.avgPrice * (1 + 1 / p.leverage);
}

/** Which trigger (if any) a move to `price` fires for a position: stop first, then liquidation, then target. */
export function triggered(
  p: FakePosition,
  price: number,
): { kind: "StopLoss" | "TakeProfit" | "Liquidation"; at: number } | null {
  const long = p.side === "Buy";
  if (p.stopLoss && (long ? price <= p.stopLoss : price >= p.stopLoss))
    return { kind: "StopLoss", at: p.stopLoss };
  const liq = liquidationPrice(p);
  if (long ? price <= liq : price >= liq) return { kind: "Liquidation", at: liq };
  if (p.takeProfit && (long ? price >= p.takeProfit : price <= p.takeProfit))
    return { kind: "TakeProfit", at: p.takeProfit };
  return null;
}

/** Unrealised PnL of the book's positions at `price`. */
export function unrealised(book: FakeBook, price: number): number {
  let u = 0;
  for (const p of book.positions.values()) u += (price - p.avgPrice) * p.size * (p.side === "Buy" ? 1 : -1);
  return u;
}
