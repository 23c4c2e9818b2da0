// Decision markers placed on bars: lightweight-charts draws a marker only at a bar's exact time, so each marker
// is floored to the chart's interval and kept inside the bars on screen.
import type { Candle } from "@/lib/market/types";
import type { ChartMarker } from "./candle-chart";

/** A chart marker that may belong to one symbol only, with a label for screen readers. */
export interface SymbolMarker extends ChartMarker {
  symbol?: string;
  label?: string;
}

/** The markers of `symbol` aligned to bars of `intervalMs` within the candles' span. */
export function alignMarkers(
  markers: SymbolMarker[],
  symbol: string,
  intervalMs: number,
  candles: Candle[],
): SymbolMarker[] {
  const first = candles[0]?.t;
  const last = candles.at(-1)?.t;
  if (first === undefined || last === undefined) return [];
  return markers
    .filter((m) => !m.symbol || m.symbol === symbol)
    .map((m) => ({ ...m, time: Math.floor(m.time / intervalMs) * intervalMs }))
    .filter((m) => m.time >= first)
    .map((m) => (m.time > last ? { ...m, time: last } : m));
}

/**
 * One marker per (bar, side): several decisions in one bar would be drawn on top of each other, so they become
 * one marker whose text counts them ("S×2") or lists the different texts ("B S").
 */
export function mergeMarkers<M extends ChartMarker>(markers: M[]): M[] {
  const byBar = new Map<string, { first: M; texts: string[] }>();
  for (const m of markers) {
    const key = `${m.time}|${m.position}`;
    const seen = byBar.get(key);
    if (seen) seen.texts.push(m.text ?? "");
    else byBar.set(key, { first: m, texts: [m.text ?? ""] });
  }
  return [...byBar.values()].map(({ first, texts }) => {
    if (texts.length === 1) return first;
    const distinct = [...new Set(texts.filter(Boolean))];
    const text = distinct.length <= 1 ? `${distinct[0] ?? ""}×${texts.length}` : distinct.join(" ");
    return { ...first, text };
  });
}
