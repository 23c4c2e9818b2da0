"use client";
// A countdown to the next decision tick that rolls over every interval without asking the server again. It
// runs on the server's clock (the skew of this device's clock is measured from `serverNow`), so it reaches
// 0:00 when the scheduler really fires.
import { useEffect, useState } from "react";

/** Milliseconds left until the next tick boundary (0 before the first client render). */
export function useCountdown(
  nextTickAt: number,
  intervalMs: number,
  serverNow?: number,
): { leftMs: number; nextAt: number } {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    // Server clock − device clock, measured when the schedule arrived. Page load and network delay blur it by
    // a few hundred ms, so only a skew of a second or more is corrected.
    const measured = serverNow === undefined ? 0 : serverNow - Date.now();
    const skew = Math.abs(measured) >= 1_000 ? measured : 0;
    const tick = () => setNow(Date.now() + skew);
    // Four times a second, so the display turns within a quarter second of the real second.
    const id = setInterval(tick, 250);
    const first = setTimeout(tick, 0);
    return () => {
      clearInterval(id);
      clearTimeout(first);
    };
  }, [serverNow]);
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
