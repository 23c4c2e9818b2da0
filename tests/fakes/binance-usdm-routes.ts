// The fake Binance's signed endpoints: key restrictions, account, positions, leverage, orders by client id, algo
// (conditional) orders, user trades, cancel. Errors in Binance's `{code, msg}` shape and codes.
import { algoView, orderView, positionView, tradeView } from "./binance-usdm-views";
import {
  accountOf,
  bookOf,
  fillOrder,
  leverageOf,
  newOrder,
  type BinanceState,
} from "./binance-usdm-trading";
import type { FakeReply } from "./fake-server";

/** Binance's error body. */
export const binanceError = (status: number, code: number, msg: string): FakeReply => ({
  status,
  body: { code, msg },
});
const ok = (body: unknown): FakeReply => ({ status: 200, body });
const CLIENT_ID = /^[.A-Z:/a-z0-9_-]{1,36}$/;
const isOpen = (status: string) => status === "NEW" || status === "PARTIALLY_FILLED";

/** Answer one signed request (`METHOD /path`) for `apiKey`. */
export function binancePrivate(
  s: BinanceState,
  route: string,
  p: Record<string, string>,
  apiKey: string,
): FakeReply {
  const mine = s.orders.filter((o) => o.apiKey === apiKey && (!p.symbol || o.symbol === p.symbol));
  const byRef = () =>
    mine
      .filter((o) => (p.orderId ? String(o.orderId) === p.orderId : o.clientOrderId === p.origClientOrderId))
      .at(-1);
  switch (route) {
    case "GET /sapi/v1/account/apiRestrictions": {
      const key = s.keys.get(apiKey)!;
      return ok({
        ipRestrict: true,
        createTime: 1_700_000_000_000,
        enableReading: true,
        enableFutures: key.futures !== false,
        enableWithdrawals: key.withdraw === true,
        enableInternalTransfer: false,
        permitsUniversalTransfer: false,
        enableVanillaOptions: false,
        enableSpotAndMarginTrading: false,
        enableMargin: false,
        enablePortfolioMarginTrading: false,
      });
    }
    case "GET /fapi/v3/account": {
      const a = accountOf(s, apiKey);
      const usdt = {
        asset: "USDT",
        walletBalance: String(a.wallet),
        unrealizedProfit: String(a.upnl),
        marginBalance: String(a.equity),
        maintMargin: "0",
        initialMargin: String(a.margin),
        positionInitialMargin: String(a.margin),
        openOrderInitialMargin: "0",
        crossWalletBalance: String(a.wallet),
        crossUnPnl: "0",
        availableBalance: String(Math.max(0, a.equity - a.margin)),
        maxWithdrawAmount: String(Math.max(0, a.equity - a.margin)),
        updateTime: Date.now(),
      };
      return ok({ totalWalletBalance: String(a.wallet), assets: [usdt], positions: [] });
    }
    case "GET /fapi/v1/leverageBracket":
      return ok(
        ["BTCUSDT", "ETHUSDT"]
          .filter((x) => !p.symbol || x === p.symbol)
          .map((symbol) => ({
            symbol,
            brackets: [
              {
                bracket: 1,
                initialLeverage: 125,
                notionalCap: 50_000,
                notionalFloor: 0,
                maintMarginRatio: 0.004,
                cum: 0,
              },
              {
                bracket: 2,
                initialLeverage: 100,
                notionalCap: 600_000,
                notionalFloor: 50_000,
                maintMarginRatio: 0.005,
                cum: 50,
              },
            ],
          })),
      );
    case "GET /fapi/v3/positionRisk":
      return ok(
        [...bookOf(s, apiKey).positions.values()]
          .filter((x) => !p.symbol || x.symbol === p.symbol)
          .map((x) => positionView(x, s.price, true)),
      );
    case "GET /fapi/v1/symbolConfig":
      return ok(
        ["BTCUSDT", "ETHUSDT"]
          .filter((x) => !p.symbol || x === p.symbol)
          .map((symbol) => ({
            symbol,
            marginType: "ISOLATED",
            isAutoAddMargin: false,
            leverage: leverageOf(s, apiKey, symbol),
            maxNotionalValue: "1000000",
          })),
      );
    case "POST /fapi/v1/leverage": {
      const lev = Number(p.leverage);
      if (!(lev >= 1 && lev <= 125)) return binanceError(400, -4028, "Leverage is not valid");
      s.leverage.set(`${apiKey}:${p.symbol}`, lev);
      return ok({ leverage: lev, maxNotionalValue: "1000000", symbol: p.symbol });
    }
    case "POST /fapi/v1/order": {
      s.received.push({ path: "/fapi/v1/order", params: p });
      const cid = p.newClientOrderId ?? `autogen${s.nextId}`;
      if (!CLIENT_ID.test(cid)) return binanceError(400, -4015, "Client order id is not valid.");
      if (mine.some((o) => o.clientOrderId === cid && isOpen(o.status)))
        return binanceError(400, -4116, "ClientOrderId is duplicated.");
      const allowed = new Set([
        "symbol",
        "side",
        "type",
        "quantity",
        "newClientOrderId",
        "reduceOnly",
        "newOrderRespType",
        "timestamp",
        "recvWindow",
      ]);
      const extra = Object.keys(p).filter((k) => !allowed.has(k));
      if (extra.length > 0 || p.type !== "MARKET")
        return binanceError(
          400,
          -1104,
          `Not all sent parameters were read; unexpected ${extra.join(",") || p.type}.`,
        );
      const qty = Number(p.quantity);
      const pos = bookOf(s, apiKey).positions.get(p.symbol!);
      const side = p.side === "SELL" ? "SELL" : "BUY";
      const reducing = pos !== undefined && (pos.side === "Buy") !== (side === "BUY");
      if (p.reduceOnly === "true" && !reducing)
        return binanceError(400, -2022, "ReduceOnly Order is rejected.");
      const a = accountOf(s, apiKey);
      if (!reducing && (qty * s.price) / leverageOf(s, apiKey, p.symbol!) > a.equity - a.margin)
        return binanceError(400, -2019, "Margin is insufficient.");
      const o = newOrder(s, apiKey, {
        symbol: p.symbol!,
        side,
        origQty: qty,
        clientOrderId: cid,
        reduceOnly: p.reduceOnly === "true",
      });
      s.ordersPlaced += 1;
      const share = s.partialNext;
      s.partialNext = null;
      fillOrder(s, o, share ? Number((qty * share).toFixed(3)) : qty, s.price);
      return ok(orderView(o));
    }
    case "GET /fapi/v1/order": {
      const o = byRef();
      return o ? ok(orderView(o)) : binanceError(400, -2013, "Order does not exist.");
    }
    case "DELETE /fapi/v1/order": {
      const o = byRef();
      if (!o || !isOpen(o.status)) return binanceError(400, -2011, "Unknown order sent.");
      o.status = "CANCELED";
      o.updateTime = Date.now();
      return ok(orderView(o));
    }
    case "GET /fapi/v1/openOrders":
      return ok(mine.filter((o) => isOpen(o.status)).map(orderView));
    case "GET /fapi/v1/allOrders":
      return ok(
        mine
          .filter((o) => o.time >= Number(p.startTime ?? 0))
          .slice(0, Number(p.limit ?? 500))
          .map(orderView),
      );
    case "GET /fapi/v1/userTrades": {
      const from = Number(p.startTime ?? 0);
      const list = s.trades.filter(
        (t) =>
          t.apiKey === apiKey &&
          t.symbol === p.symbol &&
          t.time >= from &&
          (!p.fromId || t.id >= Number(p.fromId)),
      );
      return ok(list.slice(0, Number(p.limit ?? 500)).map(tradeView));
    }
    case "POST /fapi/v1/algoOrder": {
      s.received.push({ path: "/fapi/v1/algoOrder", params: p });
      if (p.algoType !== "CONDITIONAL" || !["STOP_MARKET", "TAKE_PROFIT_MARKET"].includes(p.type ?? ""))
        return binanceError(400, -1116, "Invalid orderType.");
      if (p.clientAlgoId && !CLIENT_ID.test(p.clientAlgoId))
        return binanceError(400, -4015, "Client order id is not valid.");
      const a = {
        algoId: s.nextId++,
        clientAlgoId: p.clientAlgoId ?? `algo${s.nextId}`,
        apiKey,
        symbol: p.symbol!,
        side: p.side === "SELL" ? ("SELL" as const) : ("BUY" as const),
        orderType: p.type as "STOP_MARKET" | "TAKE_PROFIT_MARKET",
        triggerPrice: Number(p.triggerPrice),
        algoStatus: "NEW" as const,
        actualOrderId: null,
        createTime: Date.now(),
      };
      s.algoOrders.push(a);
      return ok(algoView(a));
    }
    case "GET /fapi/v1/openAlgoOrders":
      return ok(
        s.algoOrders
          .filter(
            (a) => a.apiKey === apiKey && (!p.symbol || a.symbol === p.symbol) && a.algoStatus === "NEW",
          )
          .map(algoView),
      );
    default:
      return binanceError(404, -5000, `fake binance: unsupported endpoint ${route}`);
  }
}
