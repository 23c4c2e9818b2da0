"use client";
// An equity curve over its drawdown (lightweight-charts v5: the equity as an area in the top pane, the fall from
// the running peak in a second pane), themed from the app's CSS variables; the starting balance is a dashed line.
import { useEffect, useRef } from "react";
import { useTheme } from "next-themes";
import {
  AreaSeries,
  ColorType,
  createChart,
  LineStyle,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type UTCTimestamp,
} from "lightweight-charts";
import { cssColor, withAlpha as alpha } from "@/components/market/css-color";
import { cn } from "@/lib/utils";

/** One point: time (ms), equity (USDT) and drawdown (≤ 0, a fraction of the running peak). */
export interface EquityPoint {
  t: number;
  equity: number;
  drawdown: number;
}

const sec = (ms: number) => Math.floor(ms / 1000) as UTCTimestamp;

// Strictly increasing times (the chart refuses duplicates): the later point of a second wins.
function series(points: EquityPoint[]) {
  const out: EquityPoint[] = [];
  for (const p of points) {
    if (out.length && sec(out.at(-1)!.t) >= sec(p.t)) out[out.length - 1] = p;
    else out.push(p);
  }
  return out;
}

/** The chart; `start` draws the starting balance. Fills its container's width; `className` sets the height. */
export function EquityChart({
  points,
  start,
  className,
  testId = "equity-chart",
}: {
  points: EquityPoint[];
  start?: number;
  className?: string;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  const equity = useRef<ISeriesApi<"Area"> | null>(null);
  const drawdown = useRef<ISeriesApi<"Area"> | null>(null);
  const startLine = useRef<IPriceLine | null>(null);
  const { resolvedTheme } = useTheme();

  useEffect(() => {
    const c = createChart(box.current!, {
      autoSize: true,
      layout: {
        background: { type: ColorType.Solid, color: "transparent" },
        attributionLogo: false,
        panes: { separatorColor: "transparent" },
      },
      rightPriceScale: { borderVisible: false },
      timeScale: { borderVisible: false, timeVisible: true, secondsVisible: false },
      handleScroll: false,
      handleScale: false,
    });
    equity.current = c.addSeries(AreaSeries, { lineWidth: 2, priceLineVisible: false }, 0);
    drawdown.current = c.addSeries(
      AreaSeries,
      {
        lineWidth: 1,
        priceLineVisible: false,
        invertFilledArea: true,
        priceFormat: {
          type: "custom",
          formatter: (v: number) => `${(v * 100).toFixed(1)} %`,
          minMove: 0.0001,
        },
      },
      1,
    );
    c.panes()[0]?.setStretchFactor(3);
    c.panes()[1]?.setStretchFactor(1);
    chart.current = c;
    return () => {
      c.remove();
      chart.current = null;
      startLine.current = null;
    };
  }, []);

  useEffect(() => {
    const text = cssColor("--muted-foreground");
    const grid = alpha(cssColor("--border"), 0.6);
    const line = cssColor("--primary");
    const loss = cssColor("--danger");
    chart.current?.applyOptions({
      layout: { textColor: text },
      grid: { vertLines: { color: grid }, horzLines: { color: grid } },
    });
    equity.current?.applyOptions({
      lineColor: line,
      topColor: alpha(line, 0.28),
      bottomColor: alpha(line, 0.02),
    });
    drawdown.current?.applyOptions({
      lineColor: loss,
      topColor: alpha(loss, 0.05),
      bottomColor: alpha(loss, 0.35),
    });
  }, [resolvedTheme]);

  useEffect(() => {
    const data = series(points);
    equity.current?.setData(data.map((p) => ({ time: sec(p.t), value: p.equity })));
    drawdown.current?.setData(data.map((p) => ({ time: sec(p.t), value: p.drawdown })));
    const s = equity.current;
    if (s && startLine.current) s.removePriceLine(startLine.current);
    startLine.current =
      s && start !== undefined
        ? s.createPriceLine({
            price: start,
            color: cssColor("--muted-foreground"),
            lineStyle: LineStyle.Dashed,
            lineWidth: 1,
            axisLabelVisible: true,
            title: "start",
          })
        : null;
    chart.current?.timeScale().fitContent();
  }, [points, start, resolvedTheme]);

  return (
    <div className={cn("relative h-72 w-full", className)}>
      <div ref={box} className="absolute inset-0" data-testid={testId} data-points={points.length} />
    </div>
  );
}
