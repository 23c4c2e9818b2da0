// Input rules for exchange accounts, shared by the JSON API and the form (pure: safe for the browser).
import { z } from "zod";

/** Exchanges a key can be added for (the paper account needs none). */
export const KEY_EXCHANGES = ["bybit", "binanceusdm", "okx"] as const;
export type KeyExchange = (typeof KEY_EXCHANGES)[number];

/** Exchanges whose API keys have a passphrase as a third part (OKX). */
export const PASSPHRASE_EXCHANGES: readonly string[] = ["okx"];

/** How each exchange (and the paper account) is named on the pages. */
export const EXCHANGE_LABELS: Record<string, string> = {
  paper: "Paper",
  bybit: "Bybit",
  binanceusdm: "Binance USDⓈ-M",
  okx: "OKX",
};

const label = z
  .string({ error: (i) => (i.input === undefined ? "Name is required" : "Name must be text") })
  .trim()
  .min(1, "Give the account a name")
  .max(64, "Name must be at most 64 characters");

// Exchange keys are printable ASCII without spaces; length bounds catch pasted garbage early.
const keyPart = (what: string) =>
  z
    .string({ error: (i) => (i.input === undefined ? `${what} is required` : `${what} must be text`) })
    .trim()
    .min(1, `${what} is required`)
    .min(8, `${what} looks too short: paste the whole value`)
    .max(256, `${what} must be at most 256 characters`)
    .regex(/^[\x21-\x7e]+$/, `${what} must not contain spaces or special characters`);

// OKX passphrases: 8–32 characters chosen by the user when the key is made (printable, no spaces).
const passphrase = z
  .string({ error: "Passphrase must be text" })
  .trim()
  .max(64, "Passphrase must be at most 64 characters")
  .regex(/^[\x21-\x7e]*$/, "Passphrase must not contain spaces or special characters")
  .optional();

export const connectKeySchema = z
  .object({
    exchange: z.enum(KEY_EXCHANGES, { error: "Pick a supported exchange" }),
    label,
    apiKey: keyPart("API key"),
    apiSecret: keyPart("API secret"),
    /** OKX keys only: the passphrase set when the key was made. */
    apiPassphrase: passphrase,
    testnet: z.boolean({ error: "Testnet must be on or off" }).default(false),
    /** The current two-factor code: adding a live key needs one. */
    code: z
      .string({ error: "Two-factor code must be text" })
      .trim()
      .max(32, "Two-factor code is too long")
      .optional(),
  })
  .superRefine((v, ctx) => {
    const needs = PASSPHRASE_EXCHANGES.includes(v.exchange);
    if (needs && !v.apiPassphrase)
      ctx.addIssue({
        code: "custom",
        path: ["apiPassphrase"],
        message: "Passphrase is required for OKX keys",
      });
    if (!needs && v.apiPassphrase)
      ctx.addIssue({
        code: "custom",
        path: ["apiPassphrase"],
        message: "Only OKX keys have a passphrase: leave it empty for this exchange",
      });
    // ccxt no longer supports Binance's futures testnet: such a key could not be checked or used.
    if (v.exchange === "binanceusdm" && v.testnet)
      ctx.addIssue({
        code: "custom",
        path: ["testnet"],
        message: "Binance USDⓈ-M keys can only be mainnet keys",
      });
  })
  // An empty passphrase field (the form sends one for every exchange) is no passphrase.
  .transform((v) => ({ ...v, apiPassphrase: v.apiPassphrase || undefined }));
export type ConnectKeyInput = z.infer<typeof connectKeySchema>;

export const renameSchema = z.object({ label });

/** DELETE /api/exchange-keys/[id]: the current two-factor code (removing a live key needs one). */
export const removeKeySchema = z.object({
  code: z
    .string({ error: "Two-factor code must be text" })
    .trim()
    .max(32, "Two-factor code is too long")
    .optional(),
});

export const selectAccountSchema = z.object({
  accountId: z.number({ error: "Account must be an account id (a number)" }).int().positive(),
});

/** A route `[id]` segment: a positive integer, anything else is a 404 like a missing account. */
export function parseAccountId(raw: string): number | null {
  return /^\d{1,15}$/.test(raw) && Number(raw) > 0 ? Number(raw) : null;
}
