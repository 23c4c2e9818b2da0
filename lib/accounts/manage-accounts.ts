import "server-only";
// Changing a user's exchange accounts: connect (validated with the exchange first), rename, delete,
// select for auto-trading, reset the paper book. Each is scoped by user and written to the audit log.
import { and, count, eq, ne } from "drizzle-orm";
import { db, type Db } from "@/db";
import { exchangeAccounts, tradingSettings, users } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import { audit } from "@/lib/audit";
import type { CurrentUser } from "@/lib/auth/session";
import { liveAccountLimit } from "@/lib/billing/account-limit";
import { effectivePlan } from "@/lib/billing/effective-plan";
import { getLogger } from "@/lib/log";
import { sealAccountKeys } from "@/lib/crypto/account-keys";
import { maskKey } from "@/lib/crypto/vault";
import { resetPaperAccount } from "@/lib/exchange/paper/reset";
import { liveExchange } from "@/lib/exchange/registry";
import { validateKeys } from "@/lib/exchange/validate-keys";
import { DEFAULT_SYMBOL } from "@/lib/trading/symbols";
import { requireSecondFactor } from "@/lib/account/two-factor";
import { getOwnedAccount, getTradingSelection } from "./exchange-accounts";

const log = getLogger("exchange-keys");

export interface ConnectInput {
  exchange: string;
  label: string;
  apiKey: string;
  apiSecret: string;
  /** OKX only (the schema requires it there and refuses it elsewhere). */
  apiPassphrase?: string;
  testnet: boolean;
}

// The plan's live-account limit as a 403 (the same words the exchange-keys page shows).
async function assertBelowLimit(client: Pick<Db, "select">, user: CurrentUser): Promise<void> {
  const limit = liveAccountLimit(effectivePlan(user.plan), await liveAccountCount(client, user.id));
  if (limit) throw new AppError("forbidden", limit.message);
}

async function liveAccountCount(client: Pick<Db, "select">, userId: number): Promise<number> {
  const [live] = await client
    .select({ n: count() })
    .from(exchangeAccounts)
    .where(and(eq(exchangeAccounts.userId, userId), ne(exchangeAccounts.exchange, "paper")));
  return live?.n ?? 0;
}

/**
 * Validate the pair with the exchange, then store it encrypted (bound to the new row); returns the new account id.
 * The checks of who may do it are connectAccount's.
 * The plan's limit is checked again inside the insert's transaction with the user's row locked, so two concurrent
 * requests cannot both pass the count.
 */
export async function createLiveAccount(user: CurrentUser, input: ConnectInput, ip: string): Promise<number> {
  await assertBelowLimit(db, user);
  const checked = await validateKeys(input);
  const id = await db.transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, user.id)).for("update");
    await assertBelowLimit(tx, user);
    const [row] = await tx
      .insert(exchangeAccounts)
      .values({
        userId: user.id,
        exchange: input.exchange,
        label: input.label,
        testnet: input.testnet,
        keyHint: maskKey(input.apiKey),
        permissions: checked.permissions.raw,
        status: "active",
        lastValidatedAt: new Date(),
      })
      .$returningId();
    await tx
      .update(exchangeAccounts)
      .set(sealAccountKeys(row!.id, user.id, input))
      .where(eq(exchangeAccounts.id, row!.id));
    return row!.id;
  });
  log.info(
    { userId: user.id, accountId: id, exchange: input.exchange, keyHint: maskKey(input.apiKey) },
    "exchange key added",
  );
  await audit({
    actorId: user.id,
    targetUserId: user.id,
    action: "exchange_key.add",
    targetType: "exchange_account",
    targetId: String(id),
    metadata: {
      exchange: input.exchange,
      label: input.label,
      testnet: input.testnet,
      keyHint: maskKey(input.apiKey),
    },
    ip,
  });
  return id;
}

/**
 * Connect a live exchange account for a user with a verified email address and two-factor authentication,
 * confirmed with a current code: a stolen session alone cannot attach a key (or swap one in).
 */
export async function connectAccount(
  user: CurrentUser,
  input: ConnectInput & { code?: string },
  ip: string,
): Promise<number> {
  await assertBelowLimit(db, user);
  if (!user.emailVerifiedAt)
    throw new AppError(
      "forbidden",
      "Verify your email address before adding an exchange key (Settings → Security sends the link again).",
    );
  await requireSecondFactor(user, input.code, "add an exchange key");
  return createLiveAccount(user, input, ip);
}

/** Rename one of the user's accounts. */
export async function renameAccount(
  user: CurrentUser,
  accountId: number,
  label: string,
  ip: string,
): Promise<void> {
  const acct = await getOwnedAccount(user.id, accountId);
  await db.transaction(async (tx) => {
    await tx
      .update(exchangeAccounts)
      .set({ label })
      .where(and(eq(exchangeAccounts.id, acct.id), eq(exchangeAccounts.userId, user.id)));
    await audit(
      {
        actorId: user.id,
        targetUserId: user.id,
        action: "exchange_key.rename",
        targetType: "exchange_account",
        targetId: String(acct.id),
        metadata: { from: acct.label, to: label },
        ip,
      },
      tx,
    );
  });
}

/** Delete one of the user's live accounts; refused while auto-trading uses it. */
export async function deleteAccount(
  user: CurrentUser,
  accountId: number,
  ip: string,
  code?: string,
): Promise<void> {
  const acct = await getOwnedAccount(user.id, accountId);
  if (acct.exchange === "paper")
    throw new AppError(
      "bad_request",
      "The paper account cannot be deleted. Reset it to start again from the initial balance.",
    );
  await requireSecondFactor(user, code, "remove an exchange key");
  await db.transaction(async (tx) => {
    const using = await tx
      .select({ id: tradingSettings.id, autoTrade: tradingSettings.autoTrade })
      .from(tradingSettings)
      .where(and(eq(tradingSettings.userId, user.id), eq(tradingSettings.exchangeAccountId, acct.id)))
      .for("update");
    if (using.some((s) => s.autoTrade))
      throw new AppError(
        "conflict",
        "Auto-trading is using this account. Switch auto-trading off or pick another account first, then delete it.",
      );
    const [paper] = await tx
      .select({ id: exchangeAccounts.id })
      .from(exchangeAccounts)
      .where(and(eq(exchangeAccounts.userId, user.id), eq(exchangeAccounts.exchange, "paper")))
      .limit(1);
    if (using.length > 0)
      await tx
        .update(tradingSettings)
        .set({ exchangeAccountId: paper?.id ?? null })
        .where(and(eq(tradingSettings.userId, user.id), eq(tradingSettings.exchangeAccountId, acct.id)));
    await tx
      .delete(exchangeAccounts)
      .where(and(eq(exchangeAccounts.id, acct.id), eq(exchangeAccounts.userId, user.id)));
    await audit(
      {
        actorId: user.id,
        targetUserId: user.id,
        action: "exchange_key.delete",
        targetType: "exchange_account",
        targetId: String(acct.id),
        metadata: { exchange: acct.exchange, label: acct.label, keyHint: acct.keyHint },
        ip,
      },
      tx,
    );
  });
}

/** Pick the account auto-trading uses; a live account needs a plan with live trading. */
export async function selectTradingAccount(user: CurrentUser, accountId: number, ip: string): Promise<void> {
  const acct = await getOwnedAccount(user.id, accountId);
  if (acct.exchange !== "paper") {
    const plan = effectivePlan(user.plan);
    if (!plan.liveTrading)
      throw new AppError(
        "forbidden",
        `Live trading is not included in the ${plan.name} plan. Upgrade to Pro or Elite to trade on ${liveExchange(acct.exchange)?.name ?? acct.exchange}.`,
      );
    if (acct.status !== "active")
      throw new AppError("conflict", "This account's key is not valid any more. Add a new key first.");
  }
  const before = await getTradingSelection(user.id);
  await db.transaction(async (tx) => {
    await tx
      .update(tradingSettings)
      .set({ exchangeAccountId: acct.id })
      .where(and(eq(tradingSettings.userId, user.id), eq(tradingSettings.symbol, DEFAULT_SYMBOL)));
    await audit(
      {
        actorId: user.id,
        targetUserId: user.id,
        action: "trading_account.select",
        targetType: "exchange_account",
        targetId: String(acct.id),
        metadata: { from: before.accountId, label: acct.label },
        ip,
      },
      tx,
    );
  });
}

/** Reset the user's paper account to its initial balance. */
export async function resetPaper(user: CurrentUser, accountId: number, ip: string): Promise<number> {
  const acct = await getOwnedAccount(user.id, accountId);
  if (acct.exchange !== "paper") throw new AppError("bad_request", "Only a paper account can be reset.");
  const balance = await resetPaperAccount(acct.id);
  await audit({
    actorId: user.id,
    targetUserId: user.id,
    action: "paper.reset",
    targetType: "exchange_account",
    targetId: String(acct.id),
    metadata: { previousBalance: acct.paperBalance, balance },
    ip,
  });
  return balance;
}
