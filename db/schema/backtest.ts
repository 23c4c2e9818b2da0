// Decision quality: users' backtest runs, the LLM answers backtests reuse (by prompt hash), and the public
// track record's shadow accounts (one per symbol and risk level of the default decision groups).
import {
  bigint,
  datetime,
  decimal,
  double,
  index,
  int,
  json,
  mediumtext,
  mysqlEnum,
  mysqlTable,
  text,
  uniqueIndex,
  varchar,
} from "drizzle-orm/mysql-core";
import { money } from "./exchange";
import { DECISION_STATUSES, decisions, RISK_LEVELS } from "./trading";
import { createdAt, id, ref, updatedAt, users } from "./users";

export const BACKTEST_STATUSES = ["queued", "running", "done", "failed"] as const;
export const BACKTEST_SOURCES = ["bundled", "live"] as const;

/** One backtest a user asked for; the result (curve, trades) is kept with it. */
export const backtestRuns = mysqlTable(
  "backtest_runs",
  {
    id: id(),
    userId: ref("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: mysqlEnum("status", BACKTEST_STATUSES).notNull().default("queued"),
    source: mysqlEnum("source", BACKTEST_SOURCES).notNull(),
    symbol: varchar("symbol", { length: 32 }).notNull(),
    periodFrom: datetime("period_from", { mode: "date", fsp: 3 }).notNull(),
    periodTo: datetime("period_to", { mode: "date", fsp: 3 }).notNull(),
    riskLevel: mysqlEnum("risk_level", RISK_LEVELS).notNull(),
    provider: varchar("provider", { length: 32 }).notNull(),
    model: varchar("model", { length: 64 }).notNull(),
    /** Hash of the custom prompt the run used (null: the default prompt). */
    promptHash: varchar("prompt_hash", { length: 64 }),
    /** The account settings the run traded with (snapshotted when it was asked for). */
    maxLeverage: int("max_leverage").notNull(),
    minConfidence: double("min_confidence").notNull(),
    maxCostUsd: decimal("max_cost_usd", { precision: 12, scale: 6, mode: "number" }),
    costUsd: decimal("cost_usd", { precision: 12, scale: 6, mode: "number" }).notNull().default(0),
    llmCalls: int("llm_calls").notNull().default(0),
    cachedCalls: int("cached_calls").notNull().default(0),
    /** Share of ticks done (0–1). */
    progress: double("progress").notNull().default(0),
    /** Why the run failed, or why it stopped early (budget). */
    error: varchar("error", { length: 500 }),
    stoppedReason: varchar("stopped_reason", { length: 255 }),
    metrics: json("metrics").$type<Record<string, unknown>>(),
    /** JSON: equity and drawdown curves (downsampled), trades, decisions that asked for orders. */
    result: mediumtext("result"),
    createdAt: createdAt(),
    startedAt: datetime("started_at", { mode: "date", fsp: 3 }),
    finishedAt: datetime("finished_at", { mode: "date", fsp: 3 }),
  },
  (t) => [index("backtest_runs_user_created_idx").on(t.userId, t.createdAt)],
);

/** Model answers by prompt hash: an LLM backtest asks each distinct prompt once, ever. */
export const llmAnswers = mysqlTable("llm_answers", {
  promptSha: varchar("prompt_sha", { length: 64 }).primaryKey(),
  model: varchar("model", { length: 64 }).notNull(),
  status: mysqlEnum("status", DECISION_STATUSES).notNull(),
  /** The validated decision (JSON) the answer became. */
  decision: json("decision").$type<Record<string, unknown>>().notNull(),
  error: text("error"),
  rawResponse: mediumtext("raw_response"),
  promptTokens: int("prompt_tokens").notNull().default(0),
  cachedTokens: int("cached_tokens").notNull().default(0),
  completionTokens: int("completion_tokens").notNull().default(0),
  costUsd: decimal("cost_usd", { precision: 12, scale: 6, mode: "number" }).notNull().default(0),
  createdAt: createdAt(),
});

/** A shadow paper account that executes every decision of one default decision group. */
export const trackRecordAccounts = mysqlTable(
  "track_record_accounts",
  {
    id: id(),
    symbol: varchar("symbol", { length: 32 }).notNull(),
    riskLevel: mysqlEnum("risk_level", RISK_LEVELS).notNull(),
    initialBalance: money("initial_balance").notNull(),
    /** The price when the account started (its buy-and-hold reference). */
    startPrice: money("start_price").notNull(),
    balance: money("balance").notNull(),
    feesPaid: money("fees_paid").notNull().default(0),
    /** The open position (JSON of the simulated paper position), or null. */
    position: json("position").$type<Record<string, unknown>>(),
    /** Open time of the next 1m candle to apply (ms); everything before it is booked. */
    cursor: bigint("cursor", { mode: "number" }).notNull(),
    exposedMinutes: int("exposed_minutes").notNull().default(0),
    minutes: int("minutes").notNull().default(0),
    startedAt: datetime("started_at", { mode: "date", fsp: 3 }).notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("track_record_accounts_uq").on(t.symbol, t.riskLevel)],
);

/** The shadow accounts' closed round trips. */
export const trackRecordTrades = mysqlTable(
  "track_record_trades",
  {
    id: id(),
    accountId: ref("account_id")
      .notNull()
      .references(() => trackRecordAccounts.id, { onDelete: "cascade" }),
    side: mysqlEnum("side", ["long", "short"]).notNull(),
    qty: money("qty").notNull(),
    leverage: int("leverage").notNull(),
    entryPrice: money("entry_price").notNull(),
    exitPrice: money("exit_price").notNull(),
    openedAt: datetime("opened_at", { mode: "date", fsp: 3 }).notNull(),
    closedAt: datetime("closed_at", { mode: "date", fsp: 3 }).notNull(),
    exitReason: varchar("exit_reason", { length: 16 }).notNull(),
    pnl: money("pnl").notNull(),
    fees: money("fees").notNull(),
  },
  (t) => [index("track_record_trades_account_idx").on(t.accountId, t.closedAt)],
);

/** The shadow accounts' equity, one point per tick boundary (mark-to-market at the candle's close). */
export const trackRecordEquity = mysqlTable(
  "track_record_equity",
  {
    accountId: ref("account_id")
      .notNull()
      .references(() => trackRecordAccounts.id, { onDelete: "cascade" }),
    t: bigint("t", { mode: "number" }).notNull(),
    equity: money("equity").notNull(),
    beforeFees: money("before_fees").notNull(),
  },
  (t) => [uniqueIndex("track_record_equity_uq").on(t.accountId, t.t)],
);

/** What a shadow account did with each decision that asked for an order. */
export const trackRecordOutcomes = mysqlTable(
  "track_record_outcomes",
  {
    id: id(),
    accountId: ref("account_id")
      .notNull()
      .references(() => trackRecordAccounts.id, { onDelete: "cascade" }),
    decisionId: ref("decision_id")
      .notNull()
      .references(() => decisions.id, { onDelete: "cascade" }),
    status: varchar("status", { length: 16 }).notNull(),
    detail: varchar("detail", { length: 255 }),
  },
  (t) => [uniqueIndex("track_record_outcomes_uq").on(t.accountId, t.decisionId)],
);

export type BacktestRun = typeof backtestRuns.$inferSelect;
export type NewBacktestRun = typeof backtestRuns.$inferInsert;
export type LlmAnswer = typeof llmAnswers.$inferSelect;
export type TrackRecordAccount = typeof trackRecordAccounts.$inferSelect;
export type TrackRecordTrade = typeof trackRecordTrades.$inferSelect;
