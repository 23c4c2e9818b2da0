"use client";
// A countdown to the next decision tick that rolls over every interval without asking the server again.
import { useEffect, useState } from "react";

/** Milliseconds left until the next tick boundary (0 before the first client render). */
export function useCountdown(nextTickAt: number, intervalMs: number): { leftMs: number; nextAt: number } {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    const id = setInterval(tick, 1_000);
    const first = setTimeout(tick, 0);
    return () => {
      clearInterval(id);
      clearTimeout(first);
    };
  }, []);
  const at = now ?? nextTickAt - intervalMs;
  const nextAt = nextTickAfter(at, nextTickAt, intervalMs);
  return { leftMs: now === null ? 0 : Math.max(0, nextAt - at), nextAt };
}

/** The first tick strictly after `at`, given one known tick time and the interval. */
export function nextTickAfter(at: number, knownTick: number, intervalMs: number): number {
  if (at < knownTick) return knownTick;
  return knownTick + Math.ceil((at - knownTick + 1) / intervalMs) * intervalMs;
}

/** "3:07" (or "1:02:03" past an hour). */
export function formatCountdown(ms: number): string {
  const s = Math.ceil(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}
