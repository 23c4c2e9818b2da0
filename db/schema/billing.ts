// Stripe subscriptions mirrored locally, the Checkout Sessions this installation created, and webhook events
// recorded once each.
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
import { createdAt, id, ref, updatedAt, USER_PLANS, users } from "./users";

export const SUBSCRIPTION_STATUSES = [
  "trialing",
  "active",
  "past_due",
  "canceled",
  "unpaid",
  "incomplete",
  "incomplete_expired",
  "paused",
] as const;

export const subscriptions = mysqlTable(
  "subscriptions",
  {
    id: id(),
    userId: ref("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    stripeCustomerId: varchar("stripe_customer_id", { length: 64 }).notNull(),
    stripeSubscriptionId: varchar("stripe_subscription_id", { length: 64 }).notNull(),
    stripePriceId: varchar("stripe_price_id", { length: 64 }),
    plan: mysqlEnum("plan", USER_PLANS).notNull(),
    status: mysqlEnum("status", SUBSCRIPTION_STATUSES).notNull(),
    currentPeriodEnd: datetime("current_period_end", { mode: "date", fsp: 3 }),
    cancelAtPeriodEnd: boolean("cancel_at_period_end").notNull().default(false),
    canceledAt: datetime("canceled_at", { mode: "date", fsp: 3 }),
    /** Set when Tickpilot cancelled this subscription as a second one of the user: the one that was kept. */
    duplicateOf: varchar("duplicate_of", { length: 64 }),
    /** What was refunded for it (minor units, e.g. cents) and in which currency. */
    refundedAmount: int("refunded_amount"),
    refundCurrency: varchar("refund_currency", { length: 3 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("subscriptions_stripe_sub_uq").on(t.stripeSubscriptionId),
    index("subscriptions_user_idx").on(t.userId),
  ],
);

export const CHECKOUT_SESSION_STATUSES = ["open", "complete", "expired"] as const;

/** Checkout Sessions created here: the only thing that links a Stripe customer to a user on completion. */
export const checkoutSessions = mysqlTable(
  "checkout_sessions",
  {
    id: id(),
    userId: ref("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    stripeSessionId: varchar("stripe_session_id", { length: 255 }).notNull(),
    stripeCustomerId: varchar("stripe_customer_id", { length: 64 }).notNull(),
    plan: mysqlEnum("plan", USER_PLANS).notNull(),
    status: mysqlEnum("status", CHECKOUT_SESSION_STATUSES).notNull().default("open"),
    /** The hosted page, handed out again while the session is open (same user, same plan). */
    url: text("url"),
    expiresAt: datetime("expires_at", { mode: "date", fsp: 3 }),
    completedAt: datetime("completed_at", { mode: "date", fsp: 3 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("checkout_sessions_stripe_uq").on(t.stripeSessionId),
    index("checkout_sessions_user_status_idx").on(t.userId, t.status),
  ],
);

export const stripeEvents = mysqlTable(
  "stripe_events",
  {
    id: id(),
    eventId: varchar("event_id", { length: 255 }).notNull(),
    type: varchar("type", { length: 100 }).notNull(),
    status: mysqlEnum("status", ["received", "processed", "failed", "ignored"]).notNull().default("received"),
    error: text("error"),
    receivedAt: createdAt(),
    processedAt: datetime("processed_at", { mode: "date", fsp: 3 }),
  },
  (t) => [uniqueIndex("stripe_events_event_uq").on(t.eventId)],
);

export type Subscription = typeof subscriptions.$inferSelect;
export type NewSubscription = typeof subscriptions.$inferInsert;
export type StripeEvent = typeof stripeEvents.$inferSelect;
export type CheckoutSession = typeof checkoutSessions.$inferSelect;
