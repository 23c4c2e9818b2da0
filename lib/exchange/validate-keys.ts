import "server-only";
// Check a key pair with the exchange before it is stored: balance (the key works) and permissions
// (it can trade, it cannot withdraw). Every failure becomes an AppError with a message for the user.
import { AppError } from "@/lib/api/errors";
import { getLogger } from "@/lib/log";
import { CcxtAdapter, createCcxtClient } from "./ccxt-adapter";
import { liveExchange } from "./registry";
import { ExchangeError, type KeyPermissions } from "./types";

const log = getLogger("exchange-keys");

export interface ValidKey {
  permissions: KeyPermissions;
  equity: number;
}

/** Validate a live key pair; throws 400 for a bad or unsafe key, 502 when the exchange cannot be reached. */
export async function validateKeys(input: {
  exchange: string;
  apiKey: string;
  apiSecret: string;
  apiPassphrase?: string;
  testnet: boolean;
}): Promise<ValidKey> {
  const config = liveExchange(input.exchange);
  if (!config)
    throw new AppError("bad_request", "This exchange is not supported", {
      fields: { exchange: "Pick a supported exchange" },
    });
  const where = `${config.name}${input.testnet ? " testnet" : ""}`;
  if (config.needsPassphrase && !input.apiPassphrase)
    throw new AppError("bad_request", `${config.name} keys need their passphrase`, {
      fields: { apiPassphrase: `Passphrase is required for ${config.name} keys` },
    });
  try {
    const creds = { ...input, passphrase: input.apiPassphrase };
    const adapter = new CcxtAdapter(config, createCcxtClient(config, creds, config.apiUrl()));
    const balance = await adapter.getBalance();
    const permissions = await adapter.getPermissions();
    if (permissions.canWithdraw) {
      const message = `This key can withdraw funds, so it was not saved. Tickpilot only accepts trade-only keys. ${config.tradeOnlyHint}`;
      throw new AppError("bad_request", message, {
        fields: { apiKey: "This key has the withdrawal permission" },
      });
    }
    if (!permissions.canTrade) {
      const message = `This key is read-only, so Tickpilot could not trade with it. ${config.tradeOnlyHint}`;
      throw new AppError("bad_request", message, { fields: { apiKey: "This key cannot place orders" } });
    }
    return { permissions, equity: balance.equity };
  } catch (err) {
    if (err instanceof AppError) throw err;
    const kind = err instanceof ExchangeError ? err.kind : "unavailable";
    // The kind and the exchange only: the error object may carry the signed request.
    log.warn({ exchange: input.exchange, testnet: input.testnet, kind }, "exchange key validation failed");
    if (kind === "auth" || kind === "permission") {
      const parts = config.needsPassphrase
        ? "API key, secret and passphrase were"
        : "API key and secret were";
      const message = `The exchange rejected this key. Check that the ${parts} copied completely, that the key is for ${where}, and that it has not expired.`;
      throw new AppError("bad_request", message, { fields: { apiKey: "The exchange rejected this key" } });
    }
    throw new AppError(
      "bad_gateway",
      `Could not reach ${where} to check this key. Nothing was saved; try again in a minute.`,
    );
  }
}
