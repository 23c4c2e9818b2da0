import "server-only";
// Live exchanges by configuration: which ccxt class, which options, how symbols map and how a key's
// permissions are read. Another ccxt exchange with the same capabilities is one more entry here.
import type { Exchange } from "ccxt";
import { env } from "@/lib/env";
import type { KeyPermissions } from "./types";

export interface LiveExchangeConfig {
  /** ccxt class id. */
  ccxtId: string;
  /** Shown in the UI. */
  name: string;
  /** Constructor options merged into ccxt's own. */
  options: Record<string, unknown>;
  /** BTCUSDT → the ccxt unified symbol of the USDT perpetual. */
  toMarket(symbol: string): string;
  /** The order parameter that carries our client order id. */
  clientIdParam: string;
  /** Read what the key may do. */
  readPermissions(ex: Exchange): Promise<KeyPermissions>;
  /** How to make a trade-only key, shown when a key can withdraw. */
  tradeOnlyHint: string;
  /** Base URL replacing every API hostname (tests, proxies), or undefined for the exchange itself. */
  apiUrl(): string | undefined;
}

interface BybitQueryApi {
  result?: { readOnly?: number; permissions?: Record<string, string[]> };
}

/** Every live exchange the platform can trade on. */
export const LIVE_EXCHANGES: Record<string, LiveExchangeConfig> = {
  bybit: {
    ccxtId: "bybit",
    name: "Bybit",
    options: {
      defaultType: "swap",
      // Only USDT perpetuals are traded: load linear markets only.
      fetchMarkets: { types: ["linear"] },
      // Unified trading account assumed (every new Bybit account is one); skips two extra calls per client.
      enableUnifiedMargin: false,
      enableUnifiedAccount: true,
      recvWindow: 10_000,
    },
    toMarket: (symbol) => `${symbol.replace(/USDT$/, "")}/USDT:USDT`,
    clientIdParam: "orderLinkId",
    async readPermissions(ex) {
      const res = (await (
        ex as unknown as { privateGetV5UserQueryApi(p: object): Promise<BybitQueryApi> }
      ).privateGetV5UserQueryApi({})) as BybitQueryApi;
      const perms = res.result?.permissions ?? {};
      const wallet = perms.Wallet ?? [];
      const contract = [...(perms.ContractTrade ?? []), ...(perms.Derivatives ?? [])];
      return {
        canTrade: res.result?.readOnly !== 1 && contract.length > 0,
        canWithdraw: wallet.includes("Withdraw"),
        raw: { readOnly: res.result?.readOnly ?? null, permissions: perms },
      };
    },
    apiUrl: () => env.BYBIT_API_URL,
    tradeOnlyHint:
      'On Bybit, open API Management, create a new system-generated key with "Read-Write", tick only Contract → Orders and Positions, and leave Assets → Withdrawal unticked.',
  },
};

/** The exchanges a user can connect (for the form's select). */
export const LIVE_EXCHANGE_IDS = Object.keys(LIVE_EXCHANGES) as [string, ...string[]];

/** Config for one live exchange, or undefined. */
export function liveExchange(id: string): LiveExchangeConfig | undefined {
  return Object.hasOwn(LIVE_EXCHANGES, id) ? LIVE_EXCHANGES[id] : undefined;
}
