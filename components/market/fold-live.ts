// Folds live 1m candle updates into the bars of any interval (pure; used by the market stream hook).
import { INTERVAL_MS, type Candle, type Interval } from "@/lib/market/types";

/**
 * Bars from the API plus the 1m candles seen live (keyed by open time; those older than the API's `last1m`
 * are ignored), folded into `interval` bars.
 */
export function foldLive(
  bars: Candle[],
  last1m: Candle | null,
  live: Map<number, Candle>,
  interval: Interval,
  max: number,
): Candle[] {
  if (!last1m) return bars;
  const size = INTERVAL_MS[interval];
  const out = bars.slice();
  const bucketOf = (t: number) => Math.floor(t / size) * size;
  // Live minutes from the snapshot's newest on; for that minute keep whichever copy is further along (volume
  // only grows within a minute), since an update may have arrived before the snapshot.
  const seen = live.get(last1m.t);
  const minutes = [...live.values()]
    .filter((m) => m.t > last1m.t)
    .concat(seen && seen.v > last1m.v ? seen : last1m)
    .sort((a, b) => a.t - b.t);
  const touched = new Map<number, Candle[]>();
  for (const m of minutes) {
    const b = bucketOf(m.t);
    if (!touched.has(b)) touched.set(b, []);
    touched.get(b)!.push(m);
  }
  for (const [bucket, ms] of touched) {
    const idx = out.findIndex((x) => x.t === bucket);
    const api = idx >= 0 ? out[idx] : undefined;
    // The API bar already contains last1m's early state: take its volume out, the live copy replaces it.
    const base =
      api && last1m && bucketOf(last1m.t) === bucket ? { ...api, v: Math.max(0, api.v - last1m.v) } : null;
    let bar: Candle = base
      ? { ...base }
      : { t: bucket, o: ms[0]!.o, h: ms[0]!.h, l: ms[0]!.l, c: ms[0]!.c, v: 0 };
    for (const m of ms) {
      bar = { ...bar, h: Math.max(bar.h, m.h), l: Math.min(bar.l, m.l), c: m.c, v: bar.v + m.v };
    }
    bar.v = Math.round(bar.v * 1e8) / 1e8;
    if (idx >= 0) out[idx] = bar;
    else if (!out.length || bucket > out[out.length - 1]!.t) out.push(bar);
  }
  return out.slice(-max);
}
