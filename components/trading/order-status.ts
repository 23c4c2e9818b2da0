// How an order's status looks wherever it is shown (trade log, admin): one badge variant and label each.
/** Every status an orders row can have (mirrors ORDER_STATUSES of the schema; components never import db/). */
export type OrderStatus =
  | "pending"
  | "placed"
  | "partially_filled"
  | "filled"
  | "cancelled"
  | "rejected"
  | "expired"
  | "skipped"
  | "failed";

/** Badge variant per order status. */
export const ORDER_STATUS_VARIANT: Record<
  OrderStatus,
  "success" | "outline" | "muted" | "warning" | "danger"
> = {
  filled: "success",
  placed: "outline",
  partially_filled: "outline",
  pending: "muted",
  skipped: "warning",
  cancelled: "muted",
  expired: "muted",
  rejected: "danger",
  failed: "danger",
};

/** The status in words ("partially filled"). */
export const orderStatusLabel = (s: OrderStatus) => s.replace("_", " ");
