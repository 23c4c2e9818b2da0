// The billing state the page and GET /api/billing share (a type-only re-export: nothing server-side is bundled).
export type { BillingOverview as BillingView } from "@/lib/billing/overview";
