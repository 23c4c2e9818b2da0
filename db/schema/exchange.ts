// Exchange accounts (encrypted keys) and the paper exchange's own books.
import {
  boolean,
  datetime,
  decimal,
  index,
  int,
  json,
  mysqlEnum,
  mysqlTable,
  text,
  uniqueIndex,
  varchar,
} from "drizzle-orm/mysql-core";
import { createdAt, id, ref, updatedAt, users } from "./users";

/** Money and quantities: DECIMAL(24,8), read as JS numbers. */
export const money = (name: string) => decimal(name, { precision: 24, scale: 8, mode: "number" });

export const ACCOUNT_STATUSES = ["active", "invalid", "disabled"] as const;

export const exchangeAccounts = mysqlTable(
  "exchange_accounts",
  {
    id: id(),
    userId: ref("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** ccxt exchange id (`bybit`, …) or `paper`. */
    exchange: varchar("exchange", { length: 32 }).notNull(),
    label: varchar("label", { length: 64 }).notNull(),
    testnet: boolean("testnet").notNull().default(false),
    /** `v{version}.{iv}.{tag}.{ciphertext}` (AES-256-GCM); null for paper accounts. */
    apiKeyEnc: text("api_key_enc"),
    apiSecretEnc: text("api_secret_enc"),
    /** OKX keys' passphrase, sealed like key and secret; null for exchanges without one. */
    apiPassphraseEnc: text("api_passphrase_enc"),
    /** Master key version both values are encrypted under (for rotation batches). */
    keyVersion: int("key_version"),
    /** First 4 and last 4 characters of the API key, e.g. `AbCd…WxYz`. */
    keyHint: varchar("key_hint", { length: 16 }),
    /** Permissions the exchange reported at the last validation. */
    permissions: json("permissions").$type<Record<string, unknown>>(),
    status: mysqlEnum("status", ACCOUNT_STATUSES).notNull().default("active"),
    statusReason: varchar("status_reason", { length: 255 }),
    lastValidatedAt: datetime("last_validated_at", { mode: "date", fsp: 3 }),
    /** Paper accounts: wallet balance in USDT (fees and realised PnL booked; unrealised PnL not). The isolated
     *  margin of open positions is part of it: available = balance − Σ open margin. */
    paperBalance: money("paper_balance"),
    paperInitialBalance: money("paper_initial_balance"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("exchange_accounts_user_idx").on(t.userId),
    index("exchange_accounts_key_version_idx").on(t.keyVersion),
  ],
);

export const PAPER_ORDER_STATUSES = ["filled", "rejected", "cancelled"] as const;

/** Orders on the paper exchange, unique per (account, client order id) so a retry finds the first. */
export const paperOrders = mysqlTable(
  "paper_orders",
  {
    id: id(),
    exchangeAccountId: ref("exchange_account_id")
      .notNull()
      .references(() => exchangeAccounts.id, { onDelete: "cascade" }),
    clientOrderId: varchar("client_order_id", { length: 40 }).notNull(),
    symbol: varchar("symbol", { length: 32 }).notNull(),
    side: mysqlEnum("side", ["buy", "sell"]).notNull(),
    qty: money("qty").notNull(),
    price: money("price"),
    fee: money("fee").notNull().default(0),
    realizedPnl: money("realized_pnl").notNull().default(0),
    reduceOnly: boolean("reduce_only").notNull().default(false),
    leverage: int("leverage"),
    stopLoss: money("stop_loss"),
    takeProfit: money("take_profit"),
    status: mysqlEnum("status", PAPER_ORDER_STATUSES).notNull(),
    reason: varchar("reason", { length: 255 }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("paper_orders_client_uq").on(t.exchangeAccountId, t.clientOrderId)],
);

export const LEDGER_TYPES = ["deposit", "reset", "fee", "realized_pnl", "liquidation"] as const;

/** Every paper balance change, written in the same transaction as the change. */
export const paperLedger = mysqlTable(
  "paper_ledger",
  {
    id: id(),
    exchangeAccountId: ref("exchange_account_id")
      .notNull()
      .references(() => exchangeAccounts.id, { onDelete: "cascade" }),
    type: mysqlEnum("type", LEDGER_TYPES).notNull(),
    amount: money("amount").notNull(),
    balanceAfter: money("balance_after").notNull(),
    paperOrderId: ref("paper_order_id"),
    positionId: ref("position_id"),
    createdAt: createdAt(),
  },
  (t) => [index("paper_ledger_account_idx").on(t.exchangeAccountId, t.createdAt)],
);

export type ExchangeAccount = typeof exchangeAccounts.$inferSelect;
export type NewExchangeAccount = typeof exchangeAccounts.$inferInsert;
export type PaperOrder = typeof paperOrders.$inferSelect;
export type PaperLedgerEntry = typeof paperLedger.$inferSelect;
