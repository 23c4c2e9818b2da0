// A paper account kept in memory for backtests and the public track record (pure): every order is planned by
// the paper exchange's own planPaperOrder (fill at the latest price plus slippage, taker fee, isolated margin,
// one net position) and every exit comes from exitFor / exitBooking, exactly as the paper worker applies them.
import type { Position } from "@/db/schema";
import { exitBooking, exitFor, type Exit } from "@/lib/exchange/paper/exits";
import { PAPER_LIMITS } from "@/lib/exchange/paper/limits";
import { pnl, r8, type PaperRules } from "@/lib/exchange/paper/math";
import { planPaperOrder } from "@/lib/exchange/paper/plan-order";
import type { PlaceOrderInput } from "@/lib/exchange/types";
import type { Candle } from "@/lib/market/types";

/** How a round trip ended. */
export type ExitReason = Exit["reason"] | "signal" | "flip";

/** One closed round trip. */
export interface SimTrade {
  side: "long" | "short";
  qty: number;
  leverage: number;
  entryPrice: number;
  exitPrice: number;
  openedAt: number;
  closedAt: number;
  exitReason: ExitReason;
  /** Realised PnL before fees, and the fees of both legs (USDT). */
  pnl: number;
  fees: number;
}

const ACCOUNT = { id: 1, userId: 1 };

/** What is stored to continue an account later (JSON-safe: times as ms). */
export interface SimAccountState {
  balance: number;
  feesPaid: number;
  position: (Omit<Position, "openedAt" | "closedAt" | "updatedAt"> & { openedAt: number }) | null;
}

/** The state of one simulated paper account. */
export class SimAccount {
  balance: number;
  position: Position | null = null;
  readonly trades: SimTrade[] = [];
  /** Every fee paid so far (USDT), for the "before fees" figures. */
  feesPaid = 0;
  private nextId = 1;

  constructor(
    readonly initialBalance: number,
    readonly rules: PaperRules,
    readonly symbol: string,
  ) {
    this.balance = initialBalance;
  }

  /** The state to store. */
  toState(): SimAccountState {
    const p = this.position;
    return {
      balance: this.balance,
      feesPaid: this.feesPaid,
      position: p
        ? { ...p, openedAt: p.openedAt.getTime(), closedAt: undefined, updatedAt: undefined }
        : null,
    } as SimAccountState;
  }

  /** An account continued from a stored state. */
  static fromState(
    state: SimAccountState,
    rules: PaperRules,
    symbol: string,
    initialBalance: number,
  ): SimAccount {
    const account = new SimAccount(initialBalance, rules, symbol);
    account.balance = state.balance;
    account.feesPaid = state.feesPaid;
    const p = state.position;
    if (p) {
      const opened = new Date(p.openedAt);
      account.position = { ...p, openedAt: opened, updatedAt: opened, closedAt: null } as Position;
      account.nextId = p.id + 1;
    }
    return account;
  }

  /** Equity at `price` (balance plus unrealised PnL) and the free margin, like the adapter's getBalance. */
  summary(price: number): { equity: number; available: number } {
    const p = this.position;
    const unrealized = p ? pnl(p.side, p.qty, p.entryPrice, price) : 0;
    return { equity: this.balance + unrealized, available: Math.max(0, this.balance - (p?.margin ?? 0)) };
  }

  /** Place a market order at `candle`'s latest price at time `at`; returns the rejection reason, if any. */
  order(
    input: Omit<PlaceOrderInput, "symbol" | "clientOrderId">,
    leverage: number,
    candle: Candle,
    at: number,
  ) {
    const plan = planPaperOrder(
      {
        account: { ...ACCOUNT, paperBalance: this.balance },
        openPositions: this.position ? [this.position] : [],
        candle,
        rules: this.rules,
      },
      { ...input, symbol: this.symbol, clientOrderId: `sim-${this.nextId}` },
      leverage,
    );
    if (plan.kind === "rejected") return plan.row.reason ?? "rejected";
    this.feesPaid = r8(this.feesPaid + plan.row.fee);
    this.balance = plan.balance;
    const closing = plan.update?.status === "closed" ? { ...this.position!, ...plan.update } : null;
    if (closing) this.record(closing, closing.closePrice!, at, closing.closeReason as ExitReason);
    else if (plan.update) this.position = { ...this.position!, ...plan.update };
    if (plan.insert) {
      const when = new Date(at);
      this.position = {
        ...plan.insert,
        id: this.nextId++,
        closePrice: null,
        closeReason: null,
        closedAt: null,
        openedAt: when,
        updatedAt: when,
        stopLoss: plan.insert.stopLoss ?? null,
        takeProfit: plan.insert.takeProfit ?? null,
      } as Position;
    } else if (closing) this.position = null;
    return null;
  }

  /** Apply one 1m candle to the open position's stop, target and liquidation; returns the exit, if any. */
  applyCandle(candle: Candle): Exit | null {
    const pos = this.position;
    if (!pos) return null;
    const exit = exitFor(pos, candle);
    if (!exit) return null;
    const { realized, fee } = exitBooking(pos, exit, this.rules.takerFee);
    // Two ledger moves, each rounded to the column, as the paper worker books them.
    this.balance = r8(r8(this.balance + realized) - fee);
    this.feesPaid = r8(this.feesPaid + fee);
    const closed = { ...pos, realizedPnl: r8(pos.realizedPnl + realized), fees: r8(pos.fees + fee) };
    this.record(closed, exit.price, candle.t + 60_000, exit.reason);
    this.position = null;
    return exit;
  }

  private record(pos: Position, exitPrice: number, at: number, reason: ExitReason) {
    this.trades.push({
      side: pos.side,
      qty: pos.qty,
      leverage: pos.leverage,
      entryPrice: pos.entryPrice,
      exitPrice: r8(exitPrice),
      openedAt: pos.openedAt.getTime(),
      closedAt: at,
      exitReason: reason,
      pnl: pos.realizedPnl,
      fees: pos.fees,
    });
  }
}

/** The paper exchange's market limits, for sizing simulated entries. */
export const SIM_LIMITS = PAPER_LIMITS;
