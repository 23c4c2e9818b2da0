// What the API and the page show of an exchange account (pure type: safe for client components).

/** A masked exchange account: never key material, only the hint. */
export interface AccountView {
  id: number;
  exchange: string;
  label: string;
  testnet: boolean;
  keyHint: string | null;
  status: "active" | "invalid" | "disabled";
  statusReason: string | null;
  lastValidatedAt: string | null;
  createdAt: string;
  paperBalance: number | null;
  paperInitialBalance: number | null;
  usedForTrading: boolean;
}
