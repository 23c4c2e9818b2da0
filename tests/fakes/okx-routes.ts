// The fake OKX's signed endpoints (v5): account config (perm), balance, positions, leverage, orders by clOrdId
// (51016 for a clOrdId in use by a pending order), pending orders, fills-history, algo orders, cancel.
import type { FakeReply } from "./fake-server";
import {
  CT_VAL,
  okxAccount,
  okxBook,
  okxFill,
  okxLeverage,
  okxNewOrder,
  type OkxOrder,
  type OkxState,
} from "./okx-trading";
import { liquidationPrice } from "./bybit-book";
import { algoView, fillView, orderView, S } from "./okx-views";

/** OKX's envelope: code "0" and data on success. */
export const okxReply = (data: unknown[], code = "0", msg = "", status = 200): FakeReply => ({
  status,
  body: { code, msg, data },
});
const pending = (o: OkxOrder) => o.state === "live" || o.state === "partially_filled";

// Place one market order from a v5 order request (sz in contracts); its result item with sCode "0" or the error.
function placeOne(s: OkxState, p: Record<string, unknown>, apiKey: string) {
  const mine = s.orders.filter((o) => o.apiKey === apiKey && o.instId === p.instId);
  s.received.push(p);
  const cid = String(p.clOrdId ?? "");
  const fail = (sCode: string, sMsg: string) => ({ ordId: "", clOrdId: cid, tag: "", sCode, sMsg });
  if (cid && !/^[A-Za-z0-9]{1,32}$/.test(cid)) return fail("51000", "Parameter clOrdId error");
  if (cid && mine.some((o) => o.clOrdId === cid && pending(o))) return fail("51016", "Duplicated clOrdId");
  const sz = Number(p.sz);
  const side = p.side === "sell" ? "sell" : "buy";
  const pos = okxBook(s, apiKey).positions.get(String(p.instId));
  const reducing = pos !== undefined && (pos.side === "Buy") !== (side === "buy");
  if (p.reduceOnly === true && !reducing)
    return fail("51169", "Order failed because you don't have any positions in this direction");
  const a = okxAccount(s, apiKey);
  if (!reducing && (sz * CT_VAL * s.price) / okxLeverage(s, apiKey, String(p.instId)) > a.equity - a.margin)
    return fail("51008", "Order failed. Insufficient USDT margin in account");
  const o = okxNewOrder(s, apiKey, {
    instId: String(p.instId),
    side,
    sz,
    clOrdId: cid,
    reduceOnly: p.reduceOnly === true,
  });
  s.ordersPlaced += 1;
  const share = s.partialNext;
  s.partialNext = null;
  okxFill(s, o, share ? Number((sz * share).toFixed(2)) : sz, s.price);
  const attach = (p.attachAlgoOrds as Array<Record<string, string>> | undefined)?.[0];
  if (attach && (attach.slTriggerPx || attach.tpTriggerPx))
    s.algos.push({
      algoId: String(s.nextId++),
      apiKey,
      instId: o.instId,
      slTriggerPx: Number(attach.slTriggerPx ?? 0),
      tpTriggerPx: Number(attach.tpTriggerPx ?? 0),
      state: "live",
      actualSide: "",
      cTime: Date.now(),
    });
  return { ordId: o.ordId, clOrdId: cid, tag: "", sCode: "0", sMsg: "Order placed" };
}

/** Answer one signed request (`METHOD /path`) for `apiKey`. */
export function okxPrivate(
  s: OkxState,
  route: string,
  p: Record<string, unknown>,
  apiKey: string,
): FakeReply {
  const key = s.keys.get(apiKey)!;
  const mine = s.orders.filter((o) => o.apiKey === apiKey && (!p.instId || o.instId === p.instId));
  const byRef = () => mine.find((o) => (p.ordId ? o.ordId === p.ordId : o.clOrdId === p.clOrdId));
  switch (route) {
    case "GET /api/v5/account/config": {
      const perm = [
        "read_only",
        ...(key.trade === false ? [] : ["trade"]),
        ...(key.withdraw ? ["withdraw"] : []),
      ];
      return okxReply([{ uid: "1", acctLv: "2", posMode: "net_mode", label: "fake", perm: perm.join(",") }]);
    }
    case "GET /api/v5/asset/currencies":
      return okxReply([
        { ccy: "USDT", name: "Tether", chain: "USDT-TRC20", canDep: true, canWd: true, minWd: "1" },
      ]);
    case "GET /api/v5/account/balance": {
      const a = okxAccount(s, apiKey);
      const detail = {
        ccy: "USDT",
        eq: S(a.equity),
        cashBal: S(a.wallet),
        availBal: S(a.equity - a.margin),
        availEq: S(a.equity - a.margin),
        frozenBal: S(a.margin),
        upl: S(a.upnl),
        uTime: String(Date.now()),
      };
      return okxReply([{ totalEq: S(a.equity), uTime: String(Date.now()), details: [detail] }]);
    }
    case "GET /api/v5/account/positions":
      return okxReply(
        [...okxBook(s, apiKey).positions.values()]
          .filter((x) => !p.instId || x.symbol === p.instId)
          .map((x) => ({
            instType: "SWAP",
            instId: x.symbol,
            mgnMode: "isolated",
            posSide: "net",
            pos: S(((x.side === "Buy" ? 1 : -1) * x.size) / CT_VAL),
            avgPx: S(x.avgPrice),
            markPx: S(s.price),
            upl: S((s.price - x.avgPrice) * x.size * (x.side === "Buy" ? 1 : -1)),
            lever: String(x.leverage),
            liqPx: S(liquidationPrice(x)),
            margin: S((x.size * x.avgPrice) / x.leverage),
            notionalUsd: S(x.size * s.price),
            mmr: S(x.size * s.price * 0.004),
            cTime: String(Date.now()),
            uTime: String(Date.now()),
          })),
      );
    case "POST /api/v5/account/set-leverage":
      s.leverage.set(`${apiKey}:${String(p.instId)}`, Number(p.lever));
      return okxReply([
        { lever: String(p.lever), mgnMode: p.mgnMode, instId: p.instId, posSide: p.posSide ?? "net" },
      ]);
    case "POST /api/v5/trade/order":
    case "POST /api/v5/trade/batch-orders": {
      // One order (an object) or several (an array, what ccxt sends by default); each answered with its sCode.
      if (key.trade === false) return okxReply([], "50120", "API key doesn't have permission to trade", 401);
      const items = (Array.isArray(p) ? p : [p]).map((one: Record<string, unknown>) =>
        placeOne(s, one, apiKey),
      );
      const failed = items.filter((i) => i.sCode !== "0").length;
      if (failed === 0) return okxReply(items);
      return okxReply(
        items,
        failed === items.length ? "1" : "2",
        failed === items.length ? "All operations failed" : "Bulk operation partially succeeded",
      );
    }
    case "GET /api/v5/trade/order": {
      const o = byRef();
      return o ? okxReply([orderView(o)]) : okxReply([], "51603", "Order does not exist");
    }
    case "GET /api/v5/trade/orders-pending":
      return okxReply(mine.filter(pending).map(orderView));
    case "GET /api/v5/trade/orders-history":
      return okxReply(mine.filter((o) => !pending(o)).map(orderView));
    case "POST /api/v5/trade/cancel-order": {
      const o = byRef();
      if (!o || !pending(o))
        return okxReply(
          [
            {
              ordId: String(p.ordId ?? ""),
              clOrdId: "",
              sCode: "51400",
              sMsg: "Order cancellation failed as the order has been filled, canceled or does not exist",
            },
          ],
          "1",
          "All operations failed",
        );
      o.state = "canceled";
      o.uTime = Date.now();
      return okxReply([{ ordId: o.ordId, clOrdId: o.clOrdId, sCode: "0", sMsg: "" }]);
    }
    case "GET /api/v5/trade/fills-history": {
      const begin = Number(p.begin ?? 0);
      const after = p.after === undefined ? Infinity : Number(p.after);
      const list = s.fills
        .filter(
          (f) =>
            f.apiKey === apiKey && (!p.instId || f.instId === p.instId) && f.ts >= begin && f.billId < after,
        )
        .sort((a, b) => b.billId - a.billId);
      return okxReply(list.slice(0, Math.min(100, Number(p.limit ?? 100))).map(fillView));
    }
    case "GET /api/v5/trade/order-algo": {
      const a = s.algos.find((x) => x.apiKey === apiKey && x.algoId === p.algoId);
      return a ? okxReply([algoView(a)]) : okxReply([], "51603", "Order does not exist");
    }
    default:
      return okxReply([], "50000", `fake okx: unsupported endpoint ${route}`, 404);
  }
}

/** An order the account's owner rests by hand (not ours). */
export function okxRestingOrder(
  s: OkxState,
  apiKey: string,
  o: { instId: string; side: "buy" | "sell"; sz: number; px: number },
) {
  return okxNewOrder(s, apiKey, { ...o, ordType: "limit", clOrdId: `manual${s.nextId}` });
}

/** Fill the rest of a partially filled order. */
export function okxFillRemaining(s: OkxState, clOrdId: string): void {
  const o = s.orders.find((x) => x.clOrdId === clOrdId && x.state === "partially_filled");
  if (!o) throw new Error(`nothing left to fill on ${clOrdId}`);
  okxFill(s, o, Number((o.sz - o.accFillSz).toFixed(8)), s.price);
}
