// Signal webhooks: a user's signal sources (secret URLs, only the token's hash stored), every alert received
// (accepted → a decision for that user alone, rejected → the reason), and the claims that make a retried alert
// a duplicate at the database (unique per source and claim key).
import {
  char,
  datetime,
  double,
  index,
  int,
  mysqlEnum,
  mysqlTable,
  uniqueIndex,
  varchar,
} from "drizzle-orm/mysql-core";
import { decisions } from "./trading";
import { createdAt, id, ref, users } from "./users";

/** One secret webhook URL of a user. Rotating replaces the hash; revoking keeps the row for the history. */
export const signalSources = mysqlTable(
  "signal_sources",
  {
    id: id(),
    userId: ref("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: varchar("name", { length: 64 }).notNull(),
    /** SHA-256 (hex) of the URL's token; the token itself is shown once and never stored. */
    tokenHash: char("token_hash", { length: 64 }).notNull(),
    /** The token's last four characters, to tell sources apart in the list. */
    tokenHint: varchar("token_hint", { length: 8 }).notNull(),
    lastUsedAt: datetime("last_used_at", { mode: "date", fsp: 3 }),
    rotatedAt: datetime("rotated_at", { mode: "date", fsp: 3 }),
    revokedAt: datetime("revoked_at", { mode: "date", fsp: 3 }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("signal_sources_token_uq").on(t.tokenHash),
    index("signal_sources_user_idx").on(t.userId, t.revokedAt),
  ],
);

export const SIGNAL_ACTIONS = ["buy", "sell", "close"] as const;
export const SIGNAL_STATUSES = ["accepted", "rejected"] as const;

/** Every alert a source received (rate-limited ones excepted): what it asked for and what became of it. */
export const signals = mysqlTable(
  "signals",
  {
    id: id(),
    userId: ref("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    sourceId: ref("source_id")
      .notNull()
      .references(() => signalSources.id, { onDelete: "cascade" }),
    format: mysqlEnum("format", ["json", "text"]).notNull(),
    /** Null when the payload did not say (a bad payload). */
    action: mysqlEnum("action", SIGNAL_ACTIONS),
    symbol: varchar("symbol", { length: 32 }),
    stopLoss: double("stop_loss"),
    takeProfit: double("take_profit"),
    leverage: int("leverage"),
    /** The alert's own id, when it sent one. */
    alertId: varchar("alert_id", { length: 64 }),
    /** SHA-256 of the raw body. */
    payloadHash: char("payload_hash", { length: 64 }).notNull(),
    status: mysqlEnum("status", SIGNAL_STATUSES).notNull(),
    /** Why it was rejected, in words the user understands. */
    reason: varchar("reason", { length: 500 }),
    /** The decision an accepted alert became (its order is the orders row of this decision and user). */
    decisionId: ref("decision_id").references(() => decisions.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("signals_user_created_idx").on(t.userId, t.createdAt),
    index("signals_source_created_idx").on(t.sourceId, t.createdAt),
    index("signals_decision_idx").on(t.decisionId),
  ],
);

/**
 * What makes a retry a duplicate: `id:<alert id>` for alerts with an id, else `hash:<payload hash>:<minute>` for
 * the minute received and the next one (a retry within 60 s always meets one of them). Unique per source.
 */
export const signalClaims = mysqlTable(
  "signal_claims",
  {
    id: id(),
    sourceId: ref("source_id")
      .notNull()
      .references(() => signalSources.id, { onDelete: "cascade" }),
    claimKey: varchar("claim_key", { length: 100 }).notNull(),
    signalId: ref("signal_id")
      .notNull()
      .references(() => signals.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("signal_claims_source_key_uq").on(t.sourceId, t.claimKey)],
);

export type SignalSource = typeof signalSources.$inferSelect;
export type NewSignalSource = typeof signalSources.$inferInsert;
export type Signal = typeof signals.$inferSelect;
export type NewSignal = typeof signals.$inferInsert;
