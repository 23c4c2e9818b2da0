// What a signal webhook's body says (pure): a JSON object, or TradingView's plain-text alert in the documented
// template (`key=value` pairs, docs/signals.md). Both go through one zod schema, so a field means the same in
// either form and a bad one is named by its label and unit.
import { createHash } from "node:crypto";
import { z } from "zod";
import { SIGNAL_ACTIONS } from "@/db/schema/signals";
import { zodFieldErrors } from "@/lib/api/errors";

export type SignalAction = (typeof SIGNAL_ACTIONS)[number];

/** A valid alert. Stop and target are fractions of the entry price, like a decision's (0.01 = 1 %). */
export interface SignalAlert {
  action: SignalAction;
  symbol: string;
  stopLoss: number | null;
  takeProfit: number | null;
  leverage: number | null;
  id: string | null;
}

export type ParsedAlert =
  | { ok: true; format: "json" | "text"; alert: SignalAlert }
  | {
      ok: false;
      format: "json" | "text";
      reason: string;
      action: SignalAction | null;
      symbol: string | null;
    };

/** Largest body a webhook reads (bytes). */
export const MAX_ALERT_BYTES = 4_096;

const ACTION_ALIASES: Record<string, SignalAction> = {
  buy: "buy",
  long: "buy",
  sell: "sell",
  short: "sell",
  close: "close",
  exit: "close",
  flat: "close",
};

const KEY_ALIASES: Record<string, string> = {
  action: "action",
  side: "action",
  symbol: "symbol",
  ticker: "symbol",
  stop_loss: "stop_loss",
  sl: "stop_loss",
  take_profit: "take_profit",
  tp: "take_profit",
  leverage: "leverage",
  lev: "leverage",
  id: "id",
  alert_id: "id",
};

/** TradingView tickers as Tickpilot names them: `BYBIT:BTCUSDT.P`, `BTC/USDT`, `btc-usdt` → `BTCUSDT`. */
export function normalizeSymbol(raw: string): string {
  const bare = raw.trim().toUpperCase().split(":").pop()!;
  return bare.replace(/\.P$|PERP$/, "").replace(/[/_-]/g, "");
}

// A number, or a numeric string (TradingView quotes its placeholders); "1.5%" in the text form means 0.015.
const numeric = (v: unknown) => {
  if (typeof v !== "string") return v;
  const t = v.trim();
  if (t === "") return undefined;
  const pct = t.endsWith("%");
  const n = Number(pct ? t.slice(0, -1) : t);
  return Number.isFinite(n) ? (pct ? n / 100 : n) : v;
};

const fraction = (label: string, max: number) =>
  z.preprocess(
    numeric,
    z
      .number({ error: `${label} must be a number: a fraction of the entry price (0.01 = 1 %)` })
      .gt(0, `${label} must be above 0 (a fraction of the entry price, 0.01 = 1 %)`)
      .max(max, `${label} must be at most ${max} (${max * 100} % of the entry price)`)
      .optional(),
  );

/** One schema for both forms. */
export const alertSchema = z.object({
  action: z.preprocess(
    (v) => (typeof v === "string" ? (ACTION_ALIASES[v.trim().toLowerCase()] ?? v) : v),
    z.enum(SIGNAL_ACTIONS, { error: "Action (action) must be buy, sell or close" }),
  ),
  symbol: z.preprocess(
    (v) => (typeof v === "string" ? normalizeSymbol(v) : v),
    z
      .string({ error: "Symbol (symbol) is required, e.g. BTCUSDT" })
      .regex(/^[A-Z0-9]{2,32}$/, "Symbol (symbol) must be a market name like BTCUSDT"),
  ),
  stop_loss: fraction("Stop loss (stop_loss)", 0.5),
  take_profit: fraction("Take profit (take_profit)", 2),
  leverage: z.preprocess(
    numeric,
    z
      .number({ error: "Leverage (leverage) must be a whole number of times, e.g. 3" })
      .int("Leverage (leverage) must be a whole number of times, e.g. 3")
      .min(1, "Leverage (leverage) must be at least 1x")
      .max(125, "Leverage (leverage) must be at most 125x")
      .optional(),
  ),
  id: z.preprocess(
    (v) => (typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() || undefined : v),
    z
      .string({ error: "Alert id (id) must be text" })
      .max(64, "Alert id (id) must be at most 64 characters")
      .optional(),
  ),
});

/** `key=value` pairs of the plain-text template, or why the text is not one. */
export function parseAlertText(text: string): Record<string, string> | string {
  const fields: Record<string, string> = {};
  const tokens = text.split(/[\s,;]+/).filter(Boolean);
  if (tokens.length === 0) return "The alert is empty: send JSON or the text template from docs/signals.md";
  for (const token of tokens) {
    const m = /^([A-Za-z_]+)\s*[=:]\s*(.*)$/.exec(token);
    if (!m) return `"${token.slice(0, 40)}" is not a key=value pair (see the template in docs/signals.md)`;
    const key = KEY_ALIASES[m[1]!.toLowerCase()];
    if (!key)
      return `Unknown field "${m[1]!.slice(0, 32)}": use action, symbol, stop_loss, take_profit, leverage and id`;
    if (key in fields) return `Field "${key}" appears twice`;
    fields[key] = m[2]!;
  }
  return fields;
}

const placeholder = /\{\{[^}]*\}\}/;

// `action` and `symbol` of a text alert that is otherwise unreadable (for the list of rejected signals).
function namedFields(text: string): Record<string, string> {
  const pick = (key: string) => new RegExp(`(?:^|[\\s,;])${key}\\s*[=:]\\s*([^\\s,;]+)`, "i").exec(text)?.[1];
  const out: Record<string, string> = {};
  const action = pick("action");
  const symbol = pick("symbol");
  if (action) out.action = action;
  if (symbol && !placeholder.test(symbol)) out.symbol = symbol;
  return out;
}

/** Read a webhook body (JSON when it is a JSON object, else the text template). */
export function parseAlert(body: string): ParsedAlert {
  const trimmed = body.trim();
  const format = /^[[{]/.test(trimmed) ? "json" : "text";
  const fail = (reason: string, raw: Record<string, unknown> = {}): ParsedAlert => ({
    ok: false,
    format,
    reason,
    action: typeof raw.action === "string" ? (ACTION_ALIASES[raw.action.toLowerCase()] ?? null) : null,
    symbol: typeof raw.symbol === "string" ? normalizeSymbol(raw.symbol).slice(0, 32) || null : null,
  });
  if (Buffer.byteLength(body) > MAX_ALERT_BYTES)
    return fail(`The alert is larger than ${MAX_ALERT_BYTES} bytes`);
  let raw: Record<string, unknown>;
  if (format === "json") {
    let data: unknown;
    try {
      data = JSON.parse(trimmed);
    } catch {
      return fail("The alert looks like JSON but is not valid JSON");
    }
    if (typeof data !== "object" || data === null || Array.isArray(data))
      return fail("The alert must be a JSON object");
    raw = data as Record<string, unknown>;
  } else {
    const fields = parseAlertText(trimmed);
    // Still say which action and symbol a refused text alert was about, when it named them.
    if (typeof fields === "string") return fail(fields, namedFields(trimmed));
    raw = fields;
  }
  const unfilled = Object.entries(raw).find(([, v]) => typeof v === "string" && placeholder.test(v));
  if (unfilled)
    return fail(
      `Field "${unfilled[0]}" still holds a TradingView placeholder: create the alert from a strategy so TradingView fills it in`,
      raw,
    );
  const parsed = alertSchema.safeParse(raw);
  if (!parsed.success) return fail(Object.values(zodFieldErrors(parsed.error))[0] ?? "Invalid alert", raw);
  const a = parsed.data;
  return {
    ok: true,
    format,
    alert: {
      action: a.action,
      symbol: a.symbol,
      stopLoss: a.stop_loss ?? null,
      takeProfit: a.take_profit ?? null,
      leverage: a.leverage ?? null,
      id: a.id ?? null,
    },
  };
}

/** SHA-256 (hex) of a body: the duplicate key of an alert without an id, and of a token. */
export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
