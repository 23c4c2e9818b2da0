// Structural guarantees around exchange accounts: one secret-free column list serves the user's and the admin's
// reads (a ciphertext reaches neither), and a new user's settings are for the configured symbol, not a literal.
import { afterAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.MARKET_SYMBOLS = "ETHUSDT,BTCUSDT";
});

import { eq, getTableColumns } from "drizzle-orm";
import { closeDb, db } from "@/db";
import { exchangeAccounts, tradingSettings } from "@/db/schema";
import { ACCOUNT_SAFE_COLUMNS, listAccounts } from "@/lib/accounts/exchange-accounts";
import { getUserDetail } from "@/lib/admin/users";
import { closeRedis } from "@/lib/redis";
import { addLiveAccount, makeUser } from "../helpers/accounts";

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

describe("exchange account columns", () => {
  it("the safe list is every column but the ciphertexts", () => {
    const all = Object.keys(getTableColumns(exchangeAccounts));
    expect(Object.keys(ACCOUNT_SAFE_COLUMNS).sort()).toEqual(
      all.filter((k) => !["apiKeyEnc", "apiSecretEnc", "apiPassphraseEnc"].includes(k)).sort(),
    );
  });

  it("neither the user's list nor the admin's user page carries a ciphertext", async () => {
    const user = await makeUser("cols");
    const id = await addLiveAccount(
      user.id,
      { apiKey: "KEYMATERIAL-1234567890", apiSecret: "SECRETMATERIAL-1234567890" },
      { label: "Live", keyHint: "KEYM…7890" },
    );
    const [row] = await db.select().from(exchangeAccounts).where(eq(exchangeAccounts.id, id));
    const { apiKeyEnc, apiSecretEnc } = { apiKeyEnc: row!.apiKeyEnc!, apiSecretEnc: row!.apiSecretEnc! };
    const mine = JSON.stringify(await listAccounts(user.id));
    const admin = JSON.stringify(await getUserDetail(user.id));
    for (const text of [mine, admin]) {
      expect(text).toContain("KEYM…7890");
      expect(text).not.toContain(apiKeyEnc.slice(-20));
      expect(text).not.toContain(apiSecretEnc.slice(-20));
      expect(text).not.toMatch(/Enc"/);
    }
  });
});

describe("symbols from configuration", () => {
  it("a new user's trading settings are for the first configured symbol", async () => {
    const user = await makeUser("symbols");
    const rows = await db.select().from(tradingSettings).where(eq(tradingSettings.userId, user.id));
    expect(rows.map((r) => r.symbol)).toEqual(["ETHUSDT"]);
    expect(rows[0]?.exchangeAccountId).toBe(user.paperAccountId);
    expect((await listAccounts(user.id)).find((a) => a.exchange === "paper")?.usedForTrading).toBe(true);
  });
});
