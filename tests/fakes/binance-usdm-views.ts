// How the fake Binance USDⓈ-M renders its objects: exchangeInfo symbols, orders, algo orders, trades and
// positions in the fapi JSON shapes (numbers as strings where Binance sends strings).
import { liquidationPrice, type FakePosition } from "./bybit-book";

/** An order as the fake keeps it (Binance's fields, plus the key it belongs to). */
export interface BinanceOrder {
  orderId: number;
  clientOrderId: string;
  apiKey: string;
  symbol: string;
  side: "BUY" | "SELL";
  type: "MARKET" | "LIMIT";
  /** The type the order was placed as: STOP_MARKET / TAKE_PROFIT_MARKET for orders a conditional order placed. */
  origType: string;
  status: "NEW" | "PARTIALLY_FILLED" | "FILLED" | "CANCELED" | "EXPIRED";
  price: number;
  origQty: number;
  executedQty: number;
  avgPrice: number;
  reduceOnly: boolean;
  time: number;
  updateTime: number;
}

/** A conditional (algo) order: stop loss or take profit closing the position. */
export interface BinanceAlgoOrder {
  algoId: number;
  clientAlgoId: string;
  apiKey: string;
  symbol: string;
  side: "BUY" | "SELL";
  orderType: "STOP_MARKET" | "TAKE_PROFIT_MARKET";
  triggerPrice: number;
  algoStatus: "NEW" | "CANCELED" | "FINISHED" | "EXPIRED";
  actualOrderId: number | null;
  createTime: number;
}

/** One account trade (GET /fapi/v1/userTrades). */
export interface BinanceTrade {
  id: number;
  orderId: number;
  apiKey: string;
  symbol: string;
  side: "BUY" | "SELL";
  price: number;
  qty: number;
  commission: number;
  realizedPnl: number;
  time: number;
}

const F = (n: number) => String(Number(n.toFixed(8)));

/** A USDT perpetual as /fapi/v1/exchangeInfo lists it (min notional 100 USDT like BTCUSDT). */
export function binanceSymbol(symbol: string) {
  return {
    symbol,
    pair: symbol,
    contractType: "PERPETUAL",
    deliveryDate: 4133404800000,
    onboardDate: 1569398400000,
    status: "TRADING",
    baseAsset: symbol.replace(/USDT$/, ""),
    quoteAsset: "USDT",
    marginAsset: "USDT",
    pricePrecision: 2,
    quantityPrecision: 3,
    baseAssetPrecision: 8,
    quotePrecision: 8,
    underlyingType: "COIN",
    filters: [
      { filterType: "PRICE_FILTER", minPrice: "556.80", maxPrice: "4529764", tickSize: "0.10" },
      { filterType: "LOT_SIZE", minQty: "0.001", maxQty: "1000", stepSize: "0.001" },
      { filterType: "MARKET_LOT_SIZE", minQty: "0.001", maxQty: "120", stepSize: "0.001" },
      { filterType: "MAX_NUM_ORDERS", limit: 200 },
      { filterType: "MIN_NOTIONAL", notional: "100" },
    ],
    orderTypes: ["LIMIT", "MARKET", "STOP", "STOP_MARKET", "TAKE_PROFIT", "TAKE_PROFIT_MARKET"],
    timeInForce: ["GTC", "IOC", "FOK", "GTX"],
  };
}

/** An order as /fapi/v1/order, /openOrders and /allOrders return it. */
export function orderView(o: BinanceOrder) {
  return {
    orderId: o.orderId,
    symbol: o.symbol,
    status: o.status,
    clientOrderId: o.clientOrderId,
    price: F(o.price),
    avgPrice: F(o.avgPrice),
    origQty: F(o.origQty),
    executedQty: F(o.executedQty),
    cumQuote: F(o.executedQty * o.avgPrice),
    timeInForce: o.type === "MARKET" ? "GTC" : "GTC",
    type: o.type,
    reduceOnly: o.reduceOnly,
    closePosition: false,
    side: o.side,
    positionSide: "BOTH",
    stopPrice: "0",
    workingType: "CONTRACT_PRICE",
    priceProtect: false,
    origType: o.origType,
    priceMatch: "NONE",
    selfTradePreventionMode: "EXPIRE_MAKER",
    goodTillDate: 0,
    time: o.time,
    updateTime: o.updateTime,
  };
}

/** An algo order as /fapi/v1/algoOrder and /openAlgoOrders return it. */
export function algoView(a: BinanceAlgoOrder) {
  return {
    algoId: a.algoId,
    clientAlgoId: a.clientAlgoId,
    algoType: "CONDITIONAL",
    orderType: a.orderType,
    symbol: a.symbol,
    side: a.side,
    positionSide: "BOTH",
    timeInForce: "GTC",
    quantity: "0",
    algoStatus: a.algoStatus,
    actualOrderId: a.actualOrderId === null ? "" : String(a.actualOrderId),
    triggerPrice: F(a.triggerPrice),
    price: "0",
    workingType: "CONTRACT_PRICE",
    closePosition: true,
    reduceOnly: true,
    createTime: a.createTime,
    updateTime: a.createTime,
  };
}

/** A trade as /fapi/v1/userTrades returns it (commission always charged in USDT here). */
export function tradeView(t: BinanceTrade) {
  return {
    buyer: t.side === "BUY",
    commission: F(t.commission),
    commissionAsset: "USDT",
    id: t.id,
    maker: false,
    orderId: t.orderId,
    price: F(t.price),
    qty: F(t.qty),
    quoteQty: F(t.qty * t.price),
    realizedPnl: F(t.realizedPnl),
    side: t.side,
    positionSide: "BOTH",
    symbol: t.symbol,
    time: t.time,
  };
}

/** A position as /fapi/v3/positionRisk returns it (one-way mode; v3 carries no leverage or margin type). */
export function positionView(p: FakePosition, mark: number, isolated: boolean) {
  const sign = p.side === "Buy" ? 1 : -1;
  const notional = sign * p.size * mark;
  const margin = (p.size * p.avgPrice) / p.leverage;
  return {
    symbol: p.symbol,
    positionSide: "BOTH",
    positionAmt: F(sign * p.size),
    entryPrice: F(p.avgPrice),
    breakEvenPrice: F(p.avgPrice),
    markPrice: F(mark),
    unRealizedProfit: F((mark - p.avgPrice) * p.size * sign),
    liquidationPrice: F(liquidationPrice(p)),
    isolatedMargin: isolated ? F(margin) : "0",
    notional: F(notional),
    marginAsset: "USDT",
    isolatedWallet: isolated ? F(margin) : "0",
    initialMargin: F(Math.abs(notional) / p.leverage),
    maintMargin: F(Math.abs(notional) * 0.004),
    positionInitialMargin: F(Math.abs(notional) / p.leverage),
    openOrderInitialMargin: "0",
    adl: 1,
    bidNotional: "0",
    askNotional: "0",
    updateTime: Date.now(),
  };
}
