"use client";
// Candlestick + volume chart (lightweight-charts v5), themed from the app's CSS variables, with a crosshair
// legend (time and OHLCV of the bar under the cursor) and optional decision markers.
import { useEffect, useRef, useState } from "react";
import { useTheme } from "next-themes";
import {
  CandlestickSeries,
  ColorType,
  createChart,
  createSeriesMarkers,
  CrosshairMode,
  HistogramSeries,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type SeriesMarkerBar,
  type Time,
  type UTCTimestamp,
} from "lightweight-charts";
import type { Candle } from "@/lib/market/types";
import { cssColor, withAlpha } from "./css-color";

/** A marker on a bar (e.g. a decision): `time` is the bar's open time in ms. */
export interface ChartMarker {
  time: number;
  position: "aboveBar" | "belowBar" | "inBar";
  color: string;
  shape: "circle" | "square" | "arrowUp" | "arrowDown";
  text?: string;
}

interface Props {
  candles: Candle[];
  /** Changing it resets the data (a different interval or symbol). */
  seriesId: string;
  markers?: ChartMarker[];
  className?: string;
}

const sec = (ms: number) => Math.floor(ms / 1000) as UTCTimestamp;

function palette() {
  return {
    text: cssColor("--muted-foreground"),
    grid: cssColor("--border"),
    up: cssColor("--success"),
    down: cssColor("--danger"),
  };
}

const fmt = (n: number) => n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The chart; fills its container's width and height. */
export function CandleChart({ candles, seriesId, markers, className }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  const price = useRef<ISeriesApi<"Candlestick"> | null>(null);
  const volume = useRef<ISeriesApi<"Histogram"> | null>(null);
  const marks = useRef<ISeriesMarkersPluginApi<Time> | null>(null);
  const applied = useRef<{ id: string; first: number; last: number }>({ id: "", first: 0, last: 0 });
  const { resolvedTheme } = useTheme();
  const [hover, setHover] = useState<Candle | null>(null);

  useEffect(() => {
    const el = box.current!;
    const c = createChart(el, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: "transparent" }, attributionLogo: false },
      crosshair: { mode: CrosshairMode.Normal },
      // Prices with thousands separators (97,123.45), as everywhere else in the app.
      localization: { priceFormatter: fmt },
      rightPriceScale: { borderVisible: false, scaleMargins: { top: 0.14, bottom: 0.25 } },
      timeScale: { borderVisible: false, timeVisible: true, secondsVisible: false, rightOffset: 4 },
    });
    price.current = c.addSeries(CandlestickSeries, { borderVisible: false });
    volume.current = c.addSeries(HistogramSeries, {
      priceScaleId: "volume",
      priceFormat: { type: "volume" },
      // Volume is read from the legend; a tag on the price axis would look like a price.
      lastValueVisible: false,
      priceLineVisible: false,
    });
    c.priceScale("volume").applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    marks.current = createSeriesMarkers(price.current, []);
    c.subscribeCrosshairMove((p) => {
      const bar = p.seriesData.get(price.current!) as { time: number; open: number } | undefined;
      const vol = p.seriesData.get(volume.current!) as { value: number } | undefined;
      if (!bar || !("open" in bar)) return setHover(null);
      const b = bar as unknown as { time: number; open: number; high: number; low: number; close: number };
      setHover({ t: b.time * 1000, o: b.open, h: b.high, l: b.low, c: b.close, v: vol?.value ?? 0 });
    });
    chart.current = c;
    return () => {
      c.remove();
      chart.current = null;
      applied.current = { id: "", first: 0, last: 0 };
    };
  }, []);

  // Colours follow the theme (read after next-themes switched the class on <html>).
  useEffect(() => {
    const p = palette();
    chart.current?.applyOptions({
      layout: { textColor: p.text },
      grid: { vertLines: { color: withAlpha(p.grid, 0.6) }, horzLines: { color: withAlpha(p.grid, 0.6) } },
    });
    price.current?.applyOptions({
      upColor: p.up,
      downColor: p.down,
      wickUpColor: p.up,
      wickDownColor: p.down,
    });
    applied.current = { ...applied.current, id: "" }; // repaint volume colours
  }, [resolvedTheme]);

  useEffect(() => {
    if (!price.current || !volume.current || candles.length === 0) return;
    const p = palette();
    const toBar = (k: Candle) => ({ time: sec(k.t), open: k.o, high: k.h, low: k.l, close: k.c });
    const toVol = (k: Candle) => ({
      time: sec(k.t),
      value: k.v,
      color: withAlpha(k.c >= k.o ? p.up : p.down, 0.45),
    });
    const prev = applied.current;
    const first = candles[0]!.t;
    if (prev.id !== seriesId || first < prev.first) {
      price.current.setData(candles.map(toBar));
      volume.current.setData(candles.map(toVol));
      if (prev.id.split("|")[0] !== seriesId.split("|")[0]) chart.current?.timeScale().scrollToRealTime();
    } else {
      for (const k of candles) {
        if (k.t < prev.last) continue;
        price.current.update(toBar(k));
        volume.current.update(toVol(k));
      }
    }
    applied.current = {
      id: seriesId,
      first: Math.min(first, prev.id === seriesId ? prev.first : first),
      last: candles.at(-1)!.t,
    };
  }, [candles, seriesId, resolvedTheme]);

  useEffect(() => {
    const list: SeriesMarkerBar<Time>[] = (markers ?? []).map((m) => ({ ...m, time: sec(m.time) }));
    marks.current?.setMarkers(list.sort((a, b) => Number(a.time) - Number(b.time)));
  }, [markers]);

  const shown = hover ?? candles.at(-1) ?? null;
  return (
    <div className={className} style={{ position: "relative" }}>
      {shown && (
        <div
          className="text-muted-foreground bg-card/80 pointer-events-none absolute top-0 left-1 z-10 flex max-w-[calc(100%-5rem)] flex-wrap gap-x-3 gap-y-0.5 rounded px-1 py-0.5 font-mono text-[11px] tabular-nums"
          data-testid="chart-legend"
        >
          <span className="text-foreground">
            <span className="hidden sm:inline">{new Date(shown.t).toISOString().slice(0, 10)} </span>
            {new Date(shown.t).toISOString().slice(11, 16)} UTC
          </span>
          <span>O {fmt(shown.o)}</span>
          <span>H {fmt(shown.h)}</span>
          <span>L {fmt(shown.l)}</span>
          <span className={shown.c >= shown.o ? "text-success" : "text-danger"}>C {fmt(shown.c)}</span>
          <span>V {shown.v.toFixed(2)}</span>
        </div>
      )}
      <div
        ref={box}
        className="absolute inset-0"
        data-testid="candle-chart"
        data-bars={candles.length}
        data-last-time={candles.at(-1)?.t ?? ""}
      />
    </div>
  );
}
