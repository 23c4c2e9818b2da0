"use client";
// Candles for the chart: the kline API (SWR) for history, /api/stream (EventSource) for live updates.
import { useEffect, useMemo, useState } from "react";
import useSWR from "swr";
import type { Candle, Interval } from "@/lib/market/types";
import { foldLive } from "./fold-live";
import { acquireStream } from "./shared-event-source";

interface KlineResponse {
  candles: Candle[];
  last1m: Candle | null;
  feed: { lastUpdate: number | null; source: string };
}

const MAX_LIVE = 2_000;

async function fetchKline(url: string): Promise<KlineResponse> {
  const res = await fetch(url, { cache: "no-store" });
  const body = (await res.json().catch(() => null)) as
    (KlineResponse & { error?: { message: string } }) | null;
  if (!res.ok || !body) throw new Error(body?.error?.message ?? `Could not load candles (${res.status})`);
  return body;
}

/** Live candles of `symbol` at `interval`, the time of the last feed update, and loading/error state. */
export function useMarketStream(symbol: string, interval: Interval, count = 300) {
  const url = `/api/kline?symbol=${encodeURIComponent(symbol)}&interval=${interval}&count=${count}`;
  const { data, error, isLoading, mutate } = useSWR(url, fetchKline, { revalidateOnFocus: false });
  const [live, setLive] = useState(() => ({ symbol, map: new Map<number, Candle>() }));
  const [lastLive, setLastLive] = useState<number | null>(null);
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    const { source, release } = acquireStream();
    // The shared connection may already be open (another listener opened it): no `open` event then.
    const already = setTimeout(() => source.readyState === EventSource.OPEN && setConnected(true), 0);
    const onOpen = () => setConnected(true);
    const onError = () => setConnected(false);
    source.addEventListener("open", onOpen);
    source.addEventListener("error", onError);
    const onCandle = (e: Event) => {
      const c = JSON.parse((e as MessageEvent<string>).data) as Candle & { symbol: string };
      if (c.symbol !== symbol) return;
      setLive((prev) => {
        const next = new Map(prev.symbol === symbol ? prev.map : []);
        next.set(c.t, { t: c.t, o: c.o, h: c.h, l: c.l, c: c.c, v: c.v });
        // Keep the newest minutes only; refetch so the snapshot covers what was dropped.
        if (next.size > MAX_LIVE) {
          for (const t of [...next.keys()].sort((a, b) => a - b).slice(0, MAX_LIVE / 2)) next.delete(t);
          void mutate();
        }
        return { symbol, map: next };
      });
      setLastLive(Date.now());
    };
    source.addEventListener("candle", onCandle);
    return () => {
      clearTimeout(already);
      source.removeEventListener("open", onOpen);
      source.removeEventListener("error", onError);
      source.removeEventListener("candle", onCandle);
      release();
    };
  }, [symbol, mutate]);

  const candles = useMemo(
    () =>
      data
        ? foldLive(data.candles, data.last1m, live.symbol === symbol ? live.map : new Map(), interval, count)
        : [],
    [data, live, symbol, interval, count],
  );
  const lastUpdate = Math.max(lastLive ?? 0, data?.feed.lastUpdate ?? 0) || null;
  return {
    candles,
    lastUpdate,
    source: data?.feed.source,
    isLoading,
    error: error as Error | undefined,
    connected,
  };
}
