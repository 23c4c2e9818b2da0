// `npm run backtest` arguments (pure): parsed with node's parseArgs, then validated with zod, so a bad flag
// fails with a message that names it before any data is read.
import { parseArgs } from "node:util";
import { z } from "zod";
import { parseTime } from "./parse-csv";

export const USAGE = `Usage: npm run backtest -- --data <file.csv | file.csv.gz> [options]

  --data <file>          OHLCV CSV with a header row (timestamp|open_time|time|date, open, high, low, close, volume)
  --risk <level>         low | medium | high | all (default all)
  --from <time>          start of the period (ISO-8601, UTC without a zone, or epoch ms/s); default the first candle
  --to <time>            end of the period (exclusive); default after the last candle
  --provider <name>      builtin (default) | openai
  --model <name>         model for --provider openai (default OPENAI_MODEL)
  --prompt-file <file>   a custom prompt for --provider openai (the account owner's preferences)
  --max-cost <usd>       required for --provider openai: stop before spending more than this
  --json <file>          also write every figure, the equity curve and every trade as JSON
  --symbol <symbol>      symbol named in prompts (default BTCUSDT)
  --tick <minutes>       decision interval (default the installation's tick interval)
  --balance <usdt>       starting balance (default 10000)`;

/** A CLI argument error (exit code 2, message shown with the usage). */
export class ArgsError extends Error {
  override name = "ArgsError";
}

const time = (flag: string) =>
  z
    .string()
    .transform((raw, ctx) => {
      const t = parseTime(raw.trim());
      if (t === null || !Number.isFinite(t)) {
        ctx.addIssue({
          code: "custom",
          message: `--${flag} "${raw}" is not a time (ISO-8601 or epoch ms/s)`,
        });
        return z.NEVER;
      }
      return t;
    })
    .optional();

const positive = (flag: string) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, `--${flag} must be a positive number`)
    .transform(Number)
    .refine((n) => n > 0, `--${flag} must be above 0`)
    .optional();

const schema = z
  .object({
    data: z.string({ error: "--data <file> is required" }).min(1, "--data <file> is required"),
    risk: z
      .enum(["low", "medium", "high", "all"], { error: "--risk must be low, medium, high or all" })
      .default("all"),
    from: time("from"),
    to: time("to"),
    provider: z
      .enum(["builtin", "openai"], { error: "--provider must be builtin or openai" })
      .default("builtin"),
    model: z.string().min(1).max(64).optional(),
    "prompt-file": z.string().min(1).optional(),
    "max-cost": positive("max-cost"),
    json: z.string().min(1).optional(),
    symbol: z
      .string()
      .regex(/^[A-Z0-9]{2,20}USDT$/, "--symbol looks like BTCUSDT")
      .default("BTCUSDT"),
    tick: z
      .string()
      .regex(/^\d+$/, "--tick must be a whole number of minutes")
      .transform(Number)
      .refine((n) => n >= 1 && n <= 1440, "--tick must be 1–1440 minutes")
      .optional(),
    balance: positive("balance"),
  })
  .superRefine((o, ctx) => {
    if (o.provider === "openai" && o["max-cost"] === undefined)
      ctx.addIssue({
        code: "custom",
        message:
          "--provider openai needs --max-cost <usd>: an LLM backtest refuses to start without a budget",
      });
    if (o.provider === "builtin" && (o["prompt-file"] || o.model))
      ctx.addIssue({ code: "custom", message: "--model and --prompt-file only apply to --provider openai" });
    if (o.from !== undefined && o.to !== undefined && o.to <= o.from)
      ctx.addIssue({ code: "custom", message: "--to must be after --from" });
  });

export type BacktestArgs = z.infer<typeof schema>;

/** Parse argv (without node and the script); throws ArgsError with one line per problem. */
export function parseBacktestArgs(argv: string[]): BacktestArgs | "help" {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: "boolean", short: "h" },
        ...Object.fromEntries(
          [
            "data",
            "risk",
            "from",
            "to",
            "provider",
            "model",
            "prompt-file",
            "max-cost",
            "json",
            "symbol",
            "tick",
            "balance",
          ].map((name) => [name, { type: "string" as const }]),
        ),
      },
    }).values;
  } catch (err) {
    throw new ArgsError(err instanceof Error ? err.message.replace(/^TypeError.*?: /, "") : String(err));
  }
  if (values.help) return "help";
  const result = schema.safeParse(values);
  if (!result.success) throw new ArgsError(result.error.issues.map((i) => i.message).join("\n"));
  return result.data;
}
