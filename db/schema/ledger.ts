// The one trading ledger for paper and live accounts: every fill an exchange reports (or the paper exchange
// makes), and what the last sync of a live account saw. Portfolio, trade log, daily loss limit and performance
// read these for both kinds of account.
import {
  boolean,
  datetime,
  index,
  int,
  mysqlEnum,
  mysqlTable,
  text,
  uniqueIndex,
  varchar,
} from "drizzle-orm/mysql-core";
import { exchangeAccounts, money } from "./exchange";
import { createdAt, id, ref, updatedAt, users } from "./users";

/** Why a fill reduced a position: the exchange's stop, target or liquidation, Tickpilot, or the owner by hand. */
export const EXIT_KINDS = ["stop_loss", "take_profit", "liquidation", "tickpilot", "manual"] as const;
/** Who placed the order behind a fill: Tickpilot (our client order id) or someone else on the account. */
export const FILL_ORIGINS = ["tickpilot", "foreign"] as const;

/** One execution, unique per (account, exchange trade id): syncing the same trade twice changes nothing. */
export const fills = mysqlTable(
  "fills",
  {
    id: id(),
    userId: ref("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    exchangeAccountId: ref("exchange_account_id")
      .notNull()
      .references(() => exchangeAccounts.id, { onDelete: "cascade" }),
    symbol: varchar("symbol", { length: 32 }).notNull(),
    /** The exchange's execution id (`paper-<paper order id>` on the paper exchange). */
    tradeId: varchar("trade_id", { length: 64 }).notNull(),
    exchangeOrderId: varchar("exchange_order_id", { length: 64 }),
    /** Our client order id when Tickpilot placed the order; the exchange's own id otherwise. */
    clientOrderId: varchar("client_order_id", { length: 64 }),
    side: mysqlEnum("side", ["buy", "sell"]).notNull(),
    qty: money("qty").notNull(),
    price: money("price").notNull(),
    fee: money("fee").notNull().default(0),
    feeCurrency: varchar("fee_currency", { length: 16 }).notNull().default("USDT"),
    /** PnL this fill realised, before its fee (average-cost method, like the exchanges'). */
    realizedPnl: money("realized_pnl").notNull().default(0),
    liquidity: mysqlEnum("liquidity", ["maker", "taker"]),
    /** The fill reduced (or closed) a position; `exitKind` says why. */
    reduces: boolean("reduces").notNull().default(false),
    exitKind: mysqlEnum("exit_kind", EXIT_KINDS),
    origin: mysqlEnum("origin", FILL_ORIGINS).notNull().default("tickpilot"),
    executedAt: datetime("executed_at", { mode: "date", fsp: 3 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("fills_account_trade_uq").on(t.exchangeAccountId, t.tradeId),
    index("fills_user_executed_idx").on(t.userId, t.executedAt),
    index("fills_account_executed_idx").on(t.exchangeAccountId, t.executedAt),
  ],
);

/** What the last sync of a live account read from the exchange (the web process shows this, with its age). */
export const accountSync = mysqlTable("account_sync", {
  exchangeAccountId: ref("exchange_account_id")
    .primaryKey()
    .references(() => exchangeAccounts.id, { onDelete: "cascade" }),
  syncedAt: datetime("synced_at", { mode: "date", fsp: 3 }),
  equity: money("equity"),
  available: money("available"),
  /** Margin mode and leverage the exchange reports for the traded symbol (read back, never assumed). */
  marginMode: varchar("margin_mode", { length: 16 }),
  leverage: int("leverage"),
  /** Open orders on the account that Tickpilot did not place. */
  foreignOpenOrders: int("foreign_open_orders").notNull().default(0),
  /** Time of the newest fill read: the next sync reads trades from a little before it. */
  tradesCursor: datetime("trades_cursor", { mode: "date", fsp: 3 }),
  /** How the exchange's state differs from Tickpilot's ledger, in words (null when they agree). */
  divergence: text("divergence"),
  divergedAt: datetime("diverged_at", { mode: "date", fsp: 3 }),
  lastError: varchar("last_error", { length: 255 }),
  lastErrorAt: datetime("last_error_at", { mode: "date", fsp: 3 }),
  updatedAt: updatedAt(),
});

export type Fill = typeof fills.$inferSelect;
export type NewFill = typeof fills.$inferInsert;
export type AccountSync = typeof accountSync.$inferSelect;

/** What a user asked for from the dashboard, by hand: close the position now, cancel open orders, stop. */
export const MANUAL_ACTION_KINDS = ["close", "cancel", "flatten"] as const;

/** Manual actions, one per (user, idempotency key): a double click or a retried request does it once. */
export const manualActions = mysqlTable(
  "manual_actions",
  {
    id: id(),
    userId: ref("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    exchangeAccountId: ref("exchange_account_id").references(() => exchangeAccounts.id, {
      onDelete: "set null",
    }),
    symbol: varchar("symbol", { length: 32 }).notNull(),
    kind: mysqlEnum("kind", MANUAL_ACTION_KINDS).notNull(),
    idempotencyKey: varchar("idempotency_key", { length: 64 }).notNull(),
    status: mysqlEnum("status", ["queued", "done", "failed"]).notNull().default("queued"),
    /** What happened, in words the user reads. */
    result: varchar("result", { length: 500 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("manual_actions_user_key_uq").on(t.userId, t.idempotencyKey)],
);

export type ManualAction = typeof manualActions.$inferSelect;
