// `npm run backtest -- --data <file> [--risk …] [--from …] [--to …] [--provider builtin|openai] [--json out.json]`:
// replays a candle file through the live loop's decision and execution functions and prints each risk level's
// figures. LLM runs reuse every answer they have seen (by prompt hash), need --max-cost and show a progress bar.
import { readFile, writeFile } from "node:fs/promises";
import { ArgsError, parseBacktestArgs, USAGE, type BacktestArgs } from "@/lib/backtest/cli-args";
import { loadCandleFile } from "@/lib/backtest/load-candles";
import { CsvError } from "@/lib/backtest/parse-csv";
import { jsonReport, textReport } from "@/lib/backtest/report";
import { runBacktest } from "@/lib/backtest/run-backtest";
import type { RiskLevel } from "@/lib/decision/build-prompt";
import type { CallModel } from "@/lib/decision/decide-group";
import { paperRules } from "@/lib/exchange/paper/rules";
import { env } from "@/lib/env";

const LEVELS: RiskLevel[] = ["low", "medium", "high"];

function progressBar(done: number, detail: string): void {
  const width = 30;
  const filled = Math.round(done * width);
  process.stderr.write(
    `\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${(done * 100).toFixed(0).padStart(3)} % ${detail}   `,
  );
}

// The LLM side is loaded only for LLM runs: a builtin backtest needs neither MySQL nor Redis.
async function llmCaller(args: BacktestArgs) {
  const { budgetedModelCall } = await import("@/lib/backtest/llm-cache");
  const { fallbackPrice, modelPrices } = await import("@/lib/decision/budget");
  const { priceFor } = await import("@/lib/decision/prices");
  const model = args.model ?? env.OPENAI_MODEL;
  const price = priceFor(model, await modelPrices(), fallbackPrice()).price;
  const { callModel, spend } = budgetedModelCall({ price, maxCostUsd: args["max-cost"]! });
  const close = async () => {
    const [{ closeDb }, { closeRedis }] = await Promise.all([import("@/db"), import("@/lib/redis")]);
    await Promise.all([closeDb(), closeRedis()]);
  };
  return { model, callModel, spend, close };
}

async function main(): Promise<number> {
  let args: BacktestArgs | "help";
  try {
    args = parseBacktestArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof ArgsError)) throw err;
    process.stderr.write(`${err.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const started = performance.now();
  const { candles, gaps } = await loadCandleFile(args.data);
  const promptFile = args["prompt-file"];
  const customPrompt = promptFile
    ? (
        await readFile(promptFile, "utf8").catch(() =>
          Promise.reject(new CsvError(`${promptFile}: cannot be read`)),
        )
      ).trim()
    : null;
  const llm = args.provider === "openai" ? await llmCaller(args) : null;
  const noModel: CallModel = () => Promise.reject(new Error("the built-in strategy asks no model"));
  const showProgress = llm !== null || process.stderr.isTTY;
  try {
    const report = await runBacktest({
      symbol: args.symbol,
      candles,
      gaps,
      from: args.from,
      to: args.to,
      levels: args.risk === "all" ? LEVELS : [args.risk],
      provider: args.provider,
      model: llm?.model ?? "indicators-v1",
      customPrompt,
      callModel: llm?.callModel ?? noModel,
      rules: paperRules(),
      // The decision interval in whole minutes (the candles are 1-minute candles).
      tickMs: (args.tick ?? Math.max(1, Math.round(env.TICK_INTERVAL_SECONDS / 60))) * 60_000,
      historyMinutes: env.DECISION_HISTORY_MINUTES,
      initialBalance: args.balance,
      stopReason: () => llm?.spend.stopped ?? null,
      onProgress: showProgress
        ? (done) => {
            const s = llm?.spend;
            progressBar(
              done,
              s
                ? `· $${s.costUsd.toFixed(4)} of $${s.maxCostUsd} · ${s.calls} calls, ${s.cached} cached`
                : "",
            );
          }
        : undefined,
    });
    if (showProgress) process.stderr.write("\n");
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(`${textReport(report, seconds)}\n`);
    if (llm) {
      const s = llm.spend;
      process.stdout.write(
        `\nLLM: ${s.calls} calls ($${s.costUsd.toFixed(4)}), ${s.cached} answers from the cache\n`,
      );
    }
    if (args.json) {
      const extra = llm ? { llm: { ...llm.spend } } : {};
      await writeFile(args.json, `${JSON.stringify(jsonReport(report, { seconds, ...extra }), null, 2)}\n`);
      process.stdout.write(`wrote ${args.json}\n`);
    }
    return 0;
  } finally {
    await llm?.close();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    if (err instanceof CsvError || (err instanceof Error && /period is empty|no candles/.test(err.message))) {
      process.stderr.write(`backtest: ${err.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`backtest failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
