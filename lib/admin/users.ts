import "server-only";
// Admin user search and detail. Connected accounts are listed with their masked hint only, never the ciphertext.
import { desc, eq, like, sql, type SQL } from "drizzle-orm";
import { db } from "@/db";
import { exchangeAccounts, orders, positions, tradingSettings, users } from "@/db/schema";
import { ACCOUNT_SAFE_COLUMNS } from "@/lib/accounts/exchange-accounts";
import { AppError } from "@/lib/api/errors";
import { effectivePlanId } from "@/lib/billing/effective-plan";

export const USERS_PAGE_SIZE = 25;

/** One row of the admin user table. */
export interface AdminUserRow {
  id: number;
  email: string;
  name: string | null;
  role: "user" | "admin";
  status: "active" | "suspended";
  /** The plan whose limits apply (what the user's own menu shows: Elite for everyone while billing is off). */
  plan: "free" | "pro" | "elite";
  autoTrade: boolean;
  accountType: "paper" | "live" | "none";
  lastOrderAt: Date | null;
  realizedPnl: number;
  createdAt: Date;
  lastLoginAt: Date | null;
}

// Correlated subqueries name the outer row explicitly (drizzle prints a bare `id` in single-table selects).
const userIdSql = sql.raw("`users`.`id`");
const autoTradeSql = sql<number>`(select count(*) from ${tradingSettings} ts where ts.user_id = ${userIdSql} and ts.auto_trade = 1)`;
// The account auto-trading uses, else any account: live when it is not the paper exchange.
const accountTypeSql = sql<string | null>`(select case when ea.exchange = 'paper' then 'paper' else 'live' end
  from ${exchangeAccounts} ea left join ${tradingSettings} ts on ts.exchange_account_id = ea.id
  where ea.user_id = ${userIdSql} order by ts.id is null, ea.id limit 1)`;
const lastOrderSql = sql<
  string | null
>`(select max(o.created_at) from ${orders} o where o.user_id = ${userIdSql})`;
const pnlSql = sql<
  string | null
>`(select coalesce(sum(p.realized_pnl), 0) from ${positions} p where p.user_id = ${userIdSql})`;

function toDate(v: unknown): Date | null {
  if (v == null) return null;
  const d =
    v instanceof Date ? v : new Date(String(v).replace(" ", "T") + (String(v).includes("Z") ? "" : "Z"));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Users whose email contains `q` (case-insensitive), newest first, one page at a time. */
export async function searchUsers(
  q: string | undefined,
  page = 1,
): Promise<{ rows: AdminUserRow[]; total: number }> {
  const term = q?.trim().toLowerCase();
  const where = term ? like(users.email, `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined;
  const [countRow] = await db
    .select({ n: sql<number>`count(*)` })
    .from(users)
    .where(where);
  const rows = await selectUsers(where, USERS_PAGE_SIZE, (Math.max(1, page) - 1) * USERS_PAGE_SIZE);
  return { total: Number(countRow?.n ?? 0), rows };
}

async function selectUsers(where: SQL | undefined, limit: number, offset: number): Promise<AdminUserRow[]> {
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      status: users.status,
      plan: users.plan,
      createdAt: users.createdAt,
      lastLoginAt: users.lastLoginAt,
      autoTrade: autoTradeSql,
      accountType: accountTypeSql,
      lastOrderAt: lastOrderSql,
      realizedPnl: pnlSql,
    })
    .from(users)
    .where(where)
    .orderBy(desc(users.id))
    .limit(limit)
    .offset(offset);
  return rows.map((r) => ({
    ...r,
    plan: effectivePlanId(r.plan),
    autoTrade: Number(r.autoTrade) > 0,
    accountType: (r.accountType as "paper" | "live" | null) ?? "none",
    lastOrderAt: toDate(r.lastOrderAt),
    realizedPnl: Number(r.realizedPnl ?? 0),
  }));
}

/** A connected exchange account as an admin may see it: no key material beyond the stored hint. */
export interface AdminAccountView {
  id: number;
  exchange: string;
  label: string;
  testnet: boolean;
  keyHint: string | null;
  status: string;
  statusReason: string | null;
  lastValidatedAt: Date | null;
  createdAt: Date;
}

/** Everything the admin user page shows; 404 when the user does not exist. */
export async function getUserDetail(userId: number) {
  const [row] = await selectUsers(eq(users.id, userId), 1, 0);
  if (!row) throw new AppError("not_found", "User not found");
  const accountRows = await db
    .select(ACCOUNT_SAFE_COLUMNS)
    .from(exchangeAccounts)
    .where(eq(exchangeAccounts.userId, userId))
    .orderBy(exchangeAccounts.id);
  const accounts: AdminAccountView[] = accountRows.map((a) => ({
    id: a.id,
    exchange: a.exchange,
    label: a.label,
    testnet: a.testnet,
    keyHint: a.keyHint,
    status: a.status,
    statusReason: a.statusReason,
    lastValidatedAt: a.lastValidatedAt,
    createdAt: a.createdAt,
  }));
  const settings = await db
    .select({
      symbol: tradingSettings.symbol,
      autoTrade: tradingSettings.autoTrade,
      killSwitch: tradingSettings.killSwitch,
      riskLevel: tradingSettings.riskLevel,
      maxLeverage: tradingSettings.maxLeverage,
      pausedReason: tradingSettings.pausedReason,
    })
    .from(tradingSettings)
    .where(eq(tradingSettings.userId, userId));
  const recentOrders = await db
    .select({
      id: orders.id,
      symbol: orders.symbol,
      side: orders.side,
      kind: orders.kind,
      status: orders.status,
      qty: orders.qty,
      price: orders.price,
      realizedPnl: orders.realizedPnl,
      reason: orders.reason,
      createdAt: orders.createdAt,
    })
    .from(orders)
    .where(eq(orders.userId, userId))
    .orderBy(desc(orders.id))
    .limit(10);
  return { user: row, accounts, settings, recentOrders };
}

export type AdminUserDetail = Awaited<ReturnType<typeof getUserDetail>>;
