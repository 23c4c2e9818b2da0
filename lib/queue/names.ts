// Every BullMQ queue Tickpilot runs, named once.
export const QUEUES = {
  /** Every tick per symbol: candles → LLM per decision group → decision rows → fan-out. */
  decide: "decide",
  /** One job per (decision, user): risk clamp → exchange → order row. */
  execute: "execute",
  /** Live accounts: executions, orders, positions and balance read back from the exchange into the ledger. */
  reconcile: "reconcile",
  /** Stripe webhook events, each processed once. */
  billing: "billing",
  /** Users' backtest runs, and the public track record's update each minute. */
  backtest: "backtest",
  /** Notifications: one dispatch per event, then one send per (event, channel): email, Telegram, signed webhook. */
  notify: "notify",
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
