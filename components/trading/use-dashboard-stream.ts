"use client";
// The dashboard's live events over the page's one stream connection: the last price of a symbol, and a
// callback per new decision, order, or reconcile pass of a live account that found something (`sync`).
import { useEffect, useRef, useState } from "react";
import { acquireStream } from "@/components/market/shared-event-source";

interface Handlers {
  onDecision: (payload: unknown) => void;
  onOrder: (payload: unknown) => void;
  onSync?: (payload: unknown) => void;
}

function parse(e: Event): unknown {
  try {
    return JSON.parse((e as MessageEvent<string>).data) as unknown;
  } catch {
    return null;
  }
}

/** Live last price of `symbol` (null until the first candle event); handlers run on decision/order/sync events. */
export function useDashboardStream(symbol: string, handlers: Handlers): number | null {
  const [price, setPrice] = useState<number | null>(null);
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    const { source, release } = acquireStream();
    const onCandle = (e: Event) => {
      const c = parse(e) as { symbol?: string; c?: number } | null;
      if (c?.symbol === symbol && typeof c.c === "number") setPrice(c.c);
    };
    const onDecision = (e: Event) => ref.current.onDecision(parse(e));
    const onOrder = (e: Event) => ref.current.onOrder(parse(e));
    const onSync = (e: Event) => ref.current.onSync?.(parse(e));
    source.addEventListener("candle", onCandle);
    source.addEventListener("decision", onDecision);
    source.addEventListener("order", onOrder);
    source.addEventListener("sync", onSync);
    return () => {
      source.removeEventListener("candle", onCandle);
      source.removeEventListener("decision", onDecision);
      source.removeEventListener("order", onOrder);
      source.removeEventListener("sync", onSync);
      release();
    };
  }, [symbol]);
  return price;
}
