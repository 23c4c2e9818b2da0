// Per-user trading settings, the shared decisions, the per-user order log and positions.
import {
  boolean,
  datetime,
  decimal,
  double,
  index,
  int,
  mediumtext,
  mysqlEnum,
  mysqlTable,
  primaryKey,
  text,
  uniqueIndex,
  varchar,
} from "drizzle-orm/mysql-core";
import { exchangeAccounts, money } from "./exchange";
import { createdAt, id, ref, updatedAt, users } from "./users";

export const RISK_LEVELS = ["low", "medium", "high"] as const;
/** What auto-trading follows on a symbol: the shared decisions, the user's own signal webhooks, or both. */
export const FOLLOW_MODES = ["shared", "signals", "both"] as const;
export const DECISION_ACTIONS = ["buy", "sell", "close", "hold"] as const;

export const tradingSettings = mysqlTable(
  "trading_settings",
  {
    id: id(),
    userId: ref("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    symbol: varchar("symbol", { length: 32 }).notNull().default("BTCUSDT"),
    autoTrade: boolean("auto_trade").notNull().default(false),
    /** The account auto-trading uses; null until the user picks one. */
    exchangeAccountId: ref("exchange_account_id").references(() => exchangeAccounts.id, {
      onDelete: "set null",
    }),
    riskLevel: mysqlEnum("risk_level", RISK_LEVELS).notNull().default("medium"),
    maxLeverage: int("max_leverage").notNull().default(3),
    minConfidence: decimal("min_confidence", { precision: 4, scale: 3, mode: "number" })
      .notNull()
      .default(0.6),
    customPrompt: text("custom_prompt"),
    /** USDT lost in one UTC day after which auto-trading switches itself off; null = no limit. */
    dailyLossLimit: money("daily_loss_limit"),
    /** Per-user kill switch: no new orders while on (set by the user or an admin). */
    killSwitch: boolean("kill_switch").notNull().default(false),
    /** Why auto-trading was switched off by the system (daily loss limit, plan change), shown as a notice. */
    pausedReason: varchar("paused_reason", { length: 255 }),
    pausedAt: datetime("paused_at", { mode: "date", fsp: 3 }),
    /** shared: signals refused · signals: the shared fan-out skips this user · both. */
    followMode: mysqlEnum("follow_mode", FOLLOW_MODES).notNull().default("both"),
    /** When the user last saved these settings (the first-run checklist's "set your risk" step). */
    settingsSavedAt: datetime("settings_saved_at", { mode: "date", fsp: 3 }),
    /** When the first-run checklist was completed or dismissed: it is not shown again. */
    checklistDoneAt: datetime("checklist_done_at", { mode: "date", fsp: 3 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("trading_settings_user_symbol_uq").on(t.userId, t.symbol),
    index("trading_settings_auto_idx").on(t.symbol, t.autoTrade),
  ],
);

export const DECISION_STATUSES = ["ok", "invalid", "failed", "skipped"] as const;

/** One validated decision per (symbol, tick, decision group). */
export const decisions = mysqlTable(
  "decisions",
  {
    id: id(),
    symbol: varchar("symbol", { length: 32 }).notNull(),
    tickTime: datetime("tick_time", { mode: "date", fsp: 3 }).notNull(),
    /** Hash of (symbol, risk level, custom-prompt hash, provider/model). */
    groupKey: varchar("group_key", { length: 64 }).notNull(),
    riskLevel: mysqlEnum("risk_level", RISK_LEVELS).notNull(),
    promptHash: varchar("prompt_hash", { length: 64 }),
    provider: varchar("provider", { length: 32 }).notNull(),
    model: varchar("model", { length: 64 }).notNull(),
    action: mysqlEnum("action", DECISION_ACTIONS).notNull(),
    confidence: double("confidence").notNull().default(0),
    leverage: int("leverage").notNull().default(1),
    /** Stop loss and take profit as fractions of the entry price (0.01 = 1 %). */
    stopLoss: double("stop_loss"),
    takeProfit: double("take_profit"),
    reason: text("reason").notNull(),
    /** Reference price (last close) when the decision was made. */
    price: money("price"),
    /** Open time of the newest closed candle the decision saw (where its chart marker goes). */
    candleTime: datetime("candle_time", { mode: "date", fsp: 3 }),
    status: mysqlEnum("status", DECISION_STATUSES).notNull(),
    error: text("error"),
    /** The full prompt and answer, kept PROMPT_RETENTION_DAYS; after that only `promptSha` and a summary. */
    prompt: mediumtext("prompt"),
    rawResponse: mediumtext("raw_response"),
    /** SHA-256 of the full prompt (system + user), kept after the prompt itself is pruned. */
    promptSha: varchar("prompt_sha", { length: 64 }),
    promptTokens: int("prompt_tokens").notNull().default(0),
    /** Prompt tokens the provider served from its prompt cache (billed at the cached-input price). */
    cachedTokens: int("cached_tokens").notNull().default(0),
    completionTokens: int("completion_tokens").notNull().default(0),
    costUsd: decimal("cost_usd", { precision: 12, scale: 6, mode: "number" }).notNull().default(0),
    latencyMs: int("latency_ms").notNull().default(0),
    /** ms from the tick boundary to this row being stored (null for rows not made by a scheduled tick). */
    lagMs: int("lag_ms"),
    /** After this the decision is stale: execution skips it (tick time + one tick interval). */
    expiresAt: datetime("expires_at", { mode: "date", fsp: 3 }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("decisions_symbol_tick_group_uq").on(t.symbol, t.tickTime, t.groupKey),
    index("decisions_symbol_created_idx").on(t.symbol, t.createdAt),
    // The daily token budget and the spend card sum today's rows across symbols.
    index("decisions_created_idx").on(t.createdAt),
    index("decisions_group_tick_idx").on(t.groupKey, t.tickTime),
  ],
);

/**
 * What a recipient's copy of a decision led to: `sent` (an execute job, so an order row follows), `hold` (nothing to
 * do), `killed` (not sent: the platform kill switch was on).
 */
export const RECIPIENT_OUTCOMES = ["sent", "hold", "killed"] as const;

/**
 * Who each decision was for: one row per (user, decision) for every user in the decision's group at that tick. The
 * decision history and the trade log's holds read this, so a later change of risk level or custom prompt does not
 * hide what the user was sent (and never shows another group's decisions).
 */
export const decisionRecipients = mysqlTable(
  "decision_recipients",
  {
    userId: ref("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    decisionId: ref("decision_id")
      .notNull()
      .references(() => decisions.id, { onDelete: "cascade" }),
    symbol: varchar("symbol", { length: 32 }).notNull(),
    tickTime: datetime("tick_time", { mode: "date", fsp: 3 }).notNull(),
    outcome: mysqlEnum("outcome", RECIPIENT_OUTCOMES).notNull(),
  },
  (t) => [
    primaryKey({ name: "decision_recipients_pk", columns: [t.userId, t.decisionId] }),
    index("decision_recipients_user_symbol_tick_idx").on(t.userId, t.symbol, t.tickTime),
    index("decision_recipients_user_outcome_tick_idx").on(t.userId, t.outcome, t.tickTime),
    index("decision_recipients_decision_idx").on(t.decisionId),
  ],
);

/**
 * pending: claimed, the exchange not answered yet · placed: open on the exchange · partially_filled ·
 * filled · cancelled / rejected / expired: the exchange's final word · skipped / failed: ours.
 */
export const ORDER_STATUSES = [
  "pending",
  "placed",
  "partially_filled",
  "filled",
  "cancelled",
  "rejected",
  "expired",
  "skipped",
  "failed",
] as const;
export const ORDER_KINDS = [
  "open",
  "close",
  "flip",
  "none",
  "stop_loss",
  "take_profit",
  "liquidation",
  // Closed by the account's owner on the exchange (found by the reconcile worker).
  "manual",
] as const;

/** The trade log: one row per (decision, user) outcome, plus exits the exchange triggered. */
export const orders = mysqlTable(
  "orders",
  {
    id: id(),
    userId: ref("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Null only for exits the exchange triggered on its own (SL, TP, liquidation). */
    decisionId: ref("decision_id").references(() => decisions.id, { onDelete: "set null" }),
    exchangeAccountId: ref("exchange_account_id").references(() => exchangeAccounts.id, {
      onDelete: "set null",
    }),
    symbol: varchar("symbol", { length: 32 }).notNull(),
    /** Deterministic from decision + user, at most 36 characters; the exchange's orderLinkId. */
    clientOrderId: varchar("client_order_id", { length: 40 }).notNull(),
    kind: mysqlEnum("kind", ORDER_KINDS).notNull().default("open"),
    side: mysqlEnum("side", ["buy", "sell"]),
    qty: money("qty"),
    /** How much of `qty` the exchange has filled (live orders can fill in parts). */
    filledQty: money("filled_qty"),
    price: money("price"),
    leverage: int("leverage"),
    stopLoss: money("stop_loss"),
    takeProfit: money("take_profit"),
    status: mysqlEnum("status", ORDER_STATUSES).notNull().default("pending"),
    /** Why it was skipped or failed, in words a user understands. */
    reason: varchar("reason", { length: 500 }),
    exchangeOrderId: varchar("exchange_order_id", { length: 64 }),
    fee: money("fee").notNull().default(0),
    realizedPnl: money("realized_pnl").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("orders_decision_user_uq").on(t.decisionId, t.userId),
    uniqueIndex("orders_client_order_uq").on(t.clientOrderId),
    index("orders_user_created_idx").on(t.userId, t.createdAt),
    // The sweeper and the health check look for rows still pending after a while.
    index("orders_status_created_idx").on(t.status, t.createdAt),
  ],
);

export const POSITION_SIDES = ["long", "short"] as const;

/** Positions per account and symbol; for paper accounts this is the book of record. */
export const positions = mysqlTable(
  "positions",
  {
    id: id(),
    userId: ref("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    exchangeAccountId: ref("exchange_account_id")
      .notNull()
      .references(() => exchangeAccounts.id, { onDelete: "cascade" }),
    symbol: varchar("symbol", { length: 32 }).notNull(),
    side: mysqlEnum("side", POSITION_SIDES).notNull(),
    qty: money("qty").notNull(),
    entryPrice: money("entry_price").notNull(),
    leverage: int("leverage").notNull(),
    /** Isolated margin locked in the position. */
    margin: money("margin").notNull(),
    stopLoss: money("stop_loss"),
    takeProfit: money("take_profit"),
    liquidationPrice: money("liquidation_price"),
    status: mysqlEnum("status", ["open", "closed"]).notNull().default("open"),
    /** `{account}:{symbol}` while open, null once closed: at most one open position per account and symbol. */
    openKey: varchar("open_key", { length: 64 }),
    fees: money("fees").notNull().default(0),
    realizedPnl: money("realized_pnl").notNull().default(0),
    closePrice: money("close_price"),
    closeReason: mysqlEnum("close_reason", [
      "signal",
      "flip",
      "stop_loss",
      "take_profit",
      "liquidation",
      "reset",
      "manual",
    ]),
    /** Opened by Tickpilot, or found on a live account (opened by its owner): foreign ones are never touched. */
    origin: mysqlEnum("origin", ["tickpilot", "foreign"]).notNull().default("tickpilot"),
    openedAt: createdAt(),
    closedAt: datetime("closed_at", { mode: "date", fsp: 3 }),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("positions_open_uq").on(t.openKey),
    index("positions_account_symbol_idx").on(t.exchangeAccountId, t.symbol, t.status),
    index("positions_user_idx").on(t.userId, t.status),
  ],
);

export type TradingSettings = typeof tradingSettings.$inferSelect;
export type NewTradingSettings = typeof tradingSettings.$inferInsert;
export type Decision = typeof decisions.$inferSelect;
export type NewDecision = typeof decisions.$inferInsert;
export type DecisionRecipient = typeof decisionRecipients.$inferSelect;
export type Order = typeof orders.$inferSelect;
export type NewOrder = typeof orders.$inferInsert;
export type Position = typeof positions.$inferSelect;
export type NewPosition = typeof positions.$inferInsert;
