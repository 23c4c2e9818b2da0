// The landing page's product shot: a stylised dashboard (candles, decision card, risk limits, trade log)
// drawn with divs and an inline SVG from deterministic sample data, so it renders identically everywhere.
import { BotIcon, ShieldCheckIcon } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { cn, formatNumber, formatPercent, formatUsd } from "@/lib/utils";

interface Candle {
  o: number;
  h: number;
  l: number;
  c: number;
}

// Small seeded PRNG so the sample chart is the same on every render (no hydration drift).
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sampleCandles(count: number): Candle[] {
  const rand = mulberry32(20241205);
  const candles: Candle[] = [];
  let price = 96_650;
  for (let i = 0; i < count; i++) {
    const drift = i < 14 ? -18 : i < 25 ? 6 : i < 40 ? 62 : 22;
    const o = price;
    const c = o + drift + (rand() - 0.5) * 140;
    const h = Math.max(o, c) + rand() * 55;
    const l = Math.min(o, c) - rand() * 55;
    candles.push({ o, h, l, c });
    price = c;
  }
  return candles;
}

function ema(values: number[], period: number) {
  const k = 2 / (period + 1);
  const out: number[] = [];
  values.forEach((v, i) => out.push(i === 0 ? v : v * k + out[i - 1]! * (1 - k)));
  return out;
}

const COUNT = 54;
const BUY_AT = 27;
const W = 540;
const H = 220;
const candles = sampleCandles(COUNT);
const lo = Math.min(...candles.map((c) => c.l)) - 70;
const hi = Math.max(...candles.map((c) => c.h)) + 70;
const y = (p: number) => ((hi - p) / (hi - lo)) * H;
const step = W / COUNT;
const emaLine = ema(
  candles.map((c) => c.c),
  12,
)
  .map((v, i) => `${(i * step + step / 2).toFixed(1)},${y(v).toFixed(1)}`)
  .join(" ");
const last = candles[COUNT - 1]!;
const first = candles[0]!;
const change = (last.c - first.o) / first.o;
const buy = candles[BUY_AT]!;
const round10 = (n: number) => Math.round(n / 10) * 10;

/** The sample decision shown in the mock; the landing page's "inside one tick" reuses it. */
const entry = Math.round(buy.c * 2) / 2;
const stopLoss = round10(buy.c - 640);
const takeProfit = round10(buy.c + 1380);
export const SAMPLE_DECISION = {
  entry,
  stopLoss,
  takeProfit,
  /** Stop loss and take profit as distances from the entry, the way the dashboard shows them. */
  stopLossPct: Math.abs(entry - stopLoss) / entry,
  takeProfitPct: Math.abs(takeProfit - entry) / entry,
  confidence: 0.72,
  requestedLeverage: 5,
  leverage: 3,
  qty: "0.012",
};
const axis = [0, 1, 2, 3].map((i) => hi - ((hi - lo) * (i + 0.5)) / 4);

const trades = [
  {
    time: "14:35",
    side: "BUY",
    qty: SAMPLE_DECISION.qty,
    price: SAMPLE_DECISION.entry,
    pnl: null,
    status: "Open",
  },
  { time: "12:05", side: "CLOSE", qty: "0.010", price: 96_484.0, pnl: 18.42, status: "Filled" },
  { time: "09:40", side: "SELL", qty: "0.010", price: 96_668.5, pnl: null, status: "Filled" },
  { time: "06:15", side: "CLOSE", qty: "0.008", price: 96_912.0, pnl: -6.9, status: "Filled" },
] as const;

function CandleChart() {
  return (
    <div className="relative">
      <div className="flex">
        <div className="relative h-48 flex-1 sm:h-56">
          <svg
            viewBox={`0 0 ${W} ${H}`}
            preserveAspectRatio="none"
            className="absolute inset-0 size-full overflow-visible"
            aria-hidden="true"
          >
            {axis.map((p) => (
              <line
                key={p}
                x1={0}
                x2={W}
                y1={y(p)}
                y2={y(p)}
                className="stroke-border"
                strokeDasharray="3 4"
                vectorEffect="non-scaling-stroke"
              />
            ))}
            {candles.map((c, i) => {
              const up = c.c >= c.o;
              const x = i * step + step / 2;
              return (
                <g key={i} className={up ? "fill-profit stroke-profit" : "fill-loss stroke-loss"}>
                  <line
                    x1={x}
                    x2={x}
                    y1={y(c.h)}
                    y2={y(c.l)}
                    vectorEffect="non-scaling-stroke"
                    strokeWidth={1}
                  />
                  <rect
                    x={x - step * 0.32}
                    width={step * 0.64}
                    y={y(Math.max(c.o, c.c))}
                    height={Math.max(1.2, Math.abs(y(c.o) - y(c.c)))}
                    rx={0.6}
                    strokeWidth={0}
                  />
                </g>
              );
            })}
            <polyline
              points={emaLine}
              fill="none"
              className="stroke-primary"
              strokeWidth={1.75}
              strokeLinejoin="round"
              vectorEffect="non-scaling-stroke"
            />
            <line
              x1={0}
              x2={W}
              y1={y(last.c)}
              y2={y(last.c)}
              className="stroke-profit/60"
              strokeDasharray="2 3"
              vectorEffect="non-scaling-stroke"
            />
          </svg>
          {/* Buy marker under the entry candle */}
          <div
            className="absolute flex -translate-x-1/2 flex-col items-center gap-0.5"
            style={{ left: `${((BUY_AT + 0.5) / COUNT) * 100}%`, top: `${(y(buy.l) / H) * 100 + 3}%` }}
          >
            <span className="border-b-profit size-0 border-x-[5px] border-b-[7px] border-x-transparent" />
            <span className="bg-profit text-profit-foreground rounded px-1 py-px text-[9px] leading-none font-semibold">
              BUY
            </span>
          </div>
        </div>
        <div className="text-muted-foreground relative ml-2 hidden w-14 text-[10px] tabular-nums sm:block">
          {axis.map((p) => (
            <span
              key={p}
              className="absolute right-0 -translate-y-1/2"
              style={{ top: `${(y(p) / H) * 100}%` }}
            >
              {formatNumber(p, { decimals: 0 })}
            </span>
          ))}
          <span
            className="bg-profit text-profit-foreground absolute right-0 -translate-y-1/2 rounded px-1 py-0.5 font-medium"
            style={{ top: `${(y(last.c) / H) * 100}%` }}
          >
            {formatNumber(last.c, { decimals: 1, fixed: true })}
          </span>
        </div>
      </div>
    </div>
  );
}

function DecisionCard({ className }: { className?: string }) {
  return (
    <div className={cn("bg-background/80 rounded-lg border p-4 shadow-sm", className)}>
      <div className="flex items-center justify-between gap-2">
        <div className="text-muted-foreground flex items-center gap-2 text-xs font-medium">
          <BotIcon className="text-primary size-3.5" />
          Decision · 14:35 UTC
        </div>
        <Badge variant="success" className="font-semibold tracking-wide">
          BUY
        </Badge>
      </div>
      <div className="mt-3 space-y-1.5">
        <div className="flex items-center justify-between text-xs">
          <span className="text-muted-foreground">Confidence</span>
          <span className="font-medium tabular-nums">
            {formatPercent(SAMPLE_DECISION.confidence, { decimals: 0 })}
          </span>
        </div>
        <div className="bg-muted h-1.5 overflow-hidden rounded-full">
          <div className="bg-primary h-full w-[72%] rounded-full" />
        </div>
      </div>
      <dl className="mt-3 grid grid-cols-3 gap-2 text-xs">
        <div>
          <dt className="text-muted-foreground">Leverage</dt>
          <dd className="mt-0.5 font-medium tabular-nums">{SAMPLE_DECISION.leverage}x</dd>
        </div>
        <div>
          <dt className="text-muted-foreground">Stop loss</dt>
          <dd className="text-loss mt-0.5 font-medium tabular-nums">
            {formatPercent(SAMPLE_DECISION.stopLossPct)}
          </dd>
        </div>
        <div>
          <dt className="text-muted-foreground">Take profit</dt>
          <dd className="text-profit mt-0.5 font-medium tabular-nums">
            {formatPercent(SAMPLE_DECISION.takeProfitPct)}
          </dd>
        </div>
      </dl>
      <p className="text-muted-foreground mt-3 border-t pt-3 text-xs leading-relaxed">
        EMA 12 crossed above EMA 26, RSI(14) at 58 and rising, MACD histogram turned positive on higher
        volume.
      </p>
    </div>
  );
}

function RiskLimits() {
  const rows = [
    ["Risk level", "Medium"],
    ["Max leverage", "3x"],
    ["Min confidence", "60%"],
    ["Daily loss limit", "$250"],
  ];
  return (
    <div className="bg-background/80 rounded-lg border p-4 shadow-sm">
      <div className="flex items-center justify-between">
        <div className="text-muted-foreground flex items-center gap-2 text-xs font-medium">
          <ShieldCheckIcon className="text-primary size-3.5" />
          Your limits
        </div>
        <div className="flex items-center gap-1.5 text-xs font-medium">
          <span className="relative flex size-2">
            <span className="bg-profit absolute inline-flex size-full animate-ping rounded-full opacity-60" />
            <span className="bg-profit relative inline-flex size-2 rounded-full" />
          </span>
          Auto-trading on
        </div>
      </div>
      <dl className="mt-3 space-y-2 text-xs">
        {rows.map(([k, v]) => (
          <div key={k} className="flex items-center justify-between">
            <dt className="text-muted-foreground">{k}</dt>
            <dd className="font-medium tabular-nums">{v}</dd>
          </div>
        ))}
      </dl>
      <p className="bg-accent text-accent-foreground mt-3 rounded-md px-2.5 py-2 text-[11px] leading-snug">
        Model asked for {SAMPLE_DECISION.requestedLeverage}x — clamped to your {SAMPLE_DECISION.leverage}x
        cap.
      </p>
    </div>
  );
}

function TradeLog() {
  return (
    <div className="overflow-hidden rounded-lg border">
      <table className="w-full text-xs">
        <thead className="bg-muted/50 text-muted-foreground">
          <tr className="text-left">
            <th className="px-3 py-2 font-medium">Time</th>
            <th className="px-3 py-2 font-medium">Side</th>
            <th className="hidden px-3 py-2 text-right font-medium sm:table-cell">Qty</th>
            <th className="px-3 py-2 text-right font-medium">Price</th>
            <th className="px-3 py-2 text-right font-medium">PnL</th>
          </tr>
        </thead>
        <tbody className="divide-y">
          {trades.map((t) => (
            <tr key={t.time} className="tabular-nums">
              <td className="text-muted-foreground px-3 py-2">{t.time}</td>
              <td className="px-3 py-2">
                <span
                  className={cn(
                    "font-semibold",
                    t.side === "BUY" && "text-profit",
                    t.side === "SELL" && "text-loss",
                    t.side === "CLOSE" && "text-foreground",
                  )}
                >
                  {t.side}
                </span>
              </td>
              <td className="hidden px-3 py-2 text-right sm:table-cell">{t.qty}</td>
              <td className="px-3 py-2 text-right">{formatNumber(t.price, { decimals: 1, fixed: true })}</td>
              <td
                className={cn(
                  "px-3 py-2 text-right font-medium",
                  t.pnl === null ? "text-muted-foreground" : t.pnl >= 0 ? "text-profit" : "text-loss",
                )}
              >
                {t.pnl === null ? t.status : formatUsd(t.pnl, { signed: true })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The hero's dashboard mock. Purely decorative: hidden from assistive tech, labelled as sample data. */
export function ProductVisual() {
  return (
    <figure className="relative">
      <div
        aria-hidden="true"
        className="from-primary/15 via-primary/5 absolute -inset-x-6 -top-8 -bottom-6 -z-10 rounded-[2rem] bg-gradient-to-b to-transparent blur-2xl"
      />
      <div
        aria-hidden="true"
        className="bg-card/90 shadow-primary/10 overflow-hidden rounded-2xl border shadow-2xl ring-1 ring-black/5 backdrop-blur dark:ring-white/5"
      >
        {/* window chrome */}
        <div className="bg-muted/40 flex items-center gap-3 border-b px-4 py-2.5">
          <div className="flex gap-1.5">
            <span className="bg-foreground/15 size-2.5 rounded-full" />
            <span className="bg-foreground/15 size-2.5 rounded-full" />
            <span className="bg-foreground/15 size-2.5 rounded-full" />
          </div>
          <div className="bg-background text-muted-foreground mx-auto hidden rounded-md border px-3 py-0.5 text-[11px] sm:block">
            app.tickpilot.io/dashboard
          </div>
          <div className="w-10" />
        </div>

        <div className="grid gap-4 p-4 sm:p-5 lg:grid-cols-[1fr_17rem]">
          <div className="min-w-0 space-y-4">
            <div className="flex flex-wrap items-end justify-between gap-3">
              <div>
                <div className="flex items-center gap-2">
                  <span className="text-sm font-semibold">BTCUSDT</span>
                  <Badge variant="muted" className="text-[10px]">
                    Perpetual
                  </Badge>
                  <Badge variant="outline" className="text-muted-foreground text-[10px]">
                    5m
                  </Badge>
                </div>
                <div className="mt-1 flex items-baseline gap-2">
                  <span className="text-2xl font-semibold tracking-tight tabular-nums">
                    {formatNumber(last.c, { decimals: 1, fixed: true })}
                  </span>
                  <span
                    className={cn(
                      "text-sm font-medium tabular-nums",
                      change >= 0 ? "text-profit" : "text-loss",
                    )}
                  >
                    {formatPercent(change, { signed: true })}
                  </span>
                </div>
              </div>
              <div className="flex gap-5 text-right text-xs">
                <div>
                  <div className="text-muted-foreground">Equity</div>
                  <div className="mt-0.5 font-medium tabular-nums">{formatUsd(10_284.16)}</div>
                </div>
                <div>
                  <div className="text-muted-foreground">Today</div>
                  <div className="text-profit mt-0.5 font-medium tabular-nums">
                    {formatUsd(11.52, { signed: true })}
                  </div>
                </div>
              </div>
            </div>
            <CandleChart />
            <div className="hidden sm:block">
              <TradeLog />
            </div>
          </div>
          <div className="grid content-start gap-4 sm:grid-cols-2 lg:grid-cols-1">
            <DecisionCard />
            <div className="hidden sm:block">
              <RiskLimits />
            </div>
          </div>
        </div>
      </div>
      <figcaption className="text-muted-foreground mt-3 text-center text-xs">
        Illustrative sample data — the paper exchange shows you the real thing in minutes.
      </figcaption>
    </figure>
  );
}
