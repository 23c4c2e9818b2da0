// A backtest's figures as text (pure): the table the CLI prints and docs/strategy.md quotes, and the JSON that
// `--json` writes (the same figures plus the equity curve and every trade).
import type { Metrics } from "./metrics";
import type { BacktestReport } from "./run-backtest";

const pct = (x: number | null, digits = 2) => (x === null ? "—" : `${(x * 100).toFixed(digits)} %`);
const num = (x: number | null, digits = 2) => (x === null ? "—" : x.toFixed(digits));
const usd = (x: number) => `${x.toFixed(2)}`;
const day = (t: number) => new Date(t).toISOString().slice(0, 16).replace("T", " ");

/** The rows of the table, one per metric; the columns are the levels. */
export const METRIC_ROWS: Array<[label: string, format: (m: Metrics) => string]> = [
  ["trades", (m) => String(m.trades)],
  ["win rate", (m) => pct(m.winRate, 1)],
  ["return after fees", (m) => pct(m.returnAfterFees)],
  ["return before fees", (m) => pct(m.returnBeforeFees)],
  ["max drawdown", (m) => pct(m.maxDrawdown)],
  ["Sharpe (daily, annualised)", (m) => num(m.sharpe)],
  ["profit factor", (m) => num(m.profitFactor)],
  ["fees paid (USDT)", (m) => usd(m.feesPaid)],
  ["exposure", (m) => pct(m.exposure, 1)],
  ["trades per day", (m) => num(m.tradesPerDay)],
  ["buy and hold", (m) => pct(m.buyAndHold)],
];

/** A Markdown table of every level's figures. */
export function metricsTable(report: Pick<BacktestReport, "levels">): string {
  const head = `| | ${report.levels.map((l) => l.level).join(" | ")} |`;
  const rule = `| --- | ${report.levels.map(() => "---:").join(" | ")} |`;
  const rows = METRIC_ROWS.map(
    ([label, format]) => `| ${label} | ${report.levels.map((l) => format(l.metrics)).join(" | ")} |`,
  );
  return [head, rule, ...rows].join("\n");
}

/** The CLI's summary: period, data, then the table. */
export function textReport(report: BacktestReport, seconds: number): string {
  const gaps = report.gaps.reduce((n, g) => n + g.minutes, 0);
  const lines = [
    `${report.symbol} ${day(report.from)} → ${day(report.to)} UTC · ${report.candles.toLocaleString("en-US")} candles · ${report.ticks.toLocaleString("en-US")} ticks of ${report.tickMs / 60_000} min · ${report.provider}${report.provider === "openai" ? ` (${report.model})` : ""} · ${seconds.toFixed(2)} s`,
    report.gaps.length > 0
      ? `gaps: ${report.gaps.length} (${gaps.toLocaleString("en-US")} missing minutes; the largest from ${day(report.gaps.reduce((a, b) => (b.minutes > a.minutes ? b : a)).from)})`
      : "gaps: none",
    ...(report.stopped ? [`stopped early: ${report.stopped}`] : []),
    "",
    metricsTable(report),
  ];
  return lines.join("\n");
}

/** The `--json` document: every figure, the equity curve and every trade of each level. */
export function jsonReport(report: BacktestReport, extra: Record<string, unknown> = {}) {
  return {
    symbol: report.symbol,
    from: new Date(report.from).toISOString(),
    to: new Date(report.to).toISOString(),
    tickMinutes: report.tickMs / 60_000,
    provider: report.provider,
    model: report.model,
    candles: report.candles,
    ticks: report.ticks,
    gaps: report.gaps.map((g) => ({ from: new Date(g.from).toISOString(), minutes: g.minutes })),
    stopped: report.stopped,
    ...extra,
    levels: report.levels.map((l) => ({
      level: l.level,
      metrics: l.metrics,
      openPosition: l.openPosition,
      equity: l.equity.map((p) => ({
        t: new Date(p.t).toISOString(),
        equity: round2(p.equity),
        beforeFees: round2(p.beforeFees),
      })),
      trades: l.trades.map((t) => ({
        ...t,
        openedAt: new Date(t.openedAt).toISOString(),
        closedAt: new Date(t.closedAt).toISOString(),
      })),
      decisions: l.decisions.map((d) => ({ ...d, t: new Date(d.t).toISOString() })),
    })),
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
