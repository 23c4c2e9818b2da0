// Small pure helpers shared by server and client components: class merging and display formatters.
import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

/** Merge Tailwind class names, later ones winning over conflicting earlier ones. */
export function cn(...inputs: ClassValue[]) {
  return twMerge(clsx(inputs));
}

/** A number, a numeric string (MySQL decimals arrive as strings), or nothing. */
export type Numeric = number | string | null | undefined;

const DASH = "—";

function toNumber(value: Numeric): number | null {
  if (value === null || value === undefined || value === "") return null;
  const n = typeof value === "number" ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

interface NumberFormatOptions {
  /** Fixed number of decimals (default: 2 for USD, up to 2 for numbers). */
  decimals?: number;
  /** Prefix positive values with "+" (for PnL and changes). */
  signed?: boolean;
  /** 1.2K / 3.4M notation. */
  compact?: boolean;
}

/** "$1,234.56"; "+$12.00" with `signed`; "—" for missing or non-finite values. */
export function formatUsd(
  value: Numeric,
  { decimals = 2, signed = false, compact = false }: NumberFormatOptions = {},
) {
  const n = toNumber(value);
  if (n === null) return DASH;
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: "USD",
    notation: compact ? "compact" : "standard",
    minimumFractionDigits: compact ? 0 : decimals,
    maximumFractionDigits: decimals,
    signDisplay: signed ? "exceptZero" : "auto",
  }).format(n);
}

/** "1,234.5" (up to `decimals`, default 2); exact decimals when `decimals` is given with `fixed`. */
export function formatNumber(
  value: Numeric,
  {
    decimals = 2,
    signed = false,
    compact = false,
    fixed = false,
  }: NumberFormatOptions & { fixed?: boolean } = {},
) {
  const n = toNumber(value);
  if (n === null) return DASH;
  return new Intl.NumberFormat("en-US", {
    notation: compact ? "compact" : "standard",
    minimumFractionDigits: fixed ? decimals : 0,
    maximumFractionDigits: decimals,
    signDisplay: signed ? "exceptZero" : "auto",
  }).format(n);
}

/** A ratio as a percentage: 0.0512 → "5.12%" (`signed` → "+5.12%"). */
export function formatPercent(value: Numeric, { decimals = 2, signed = false }: NumberFormatOptions = {}) {
  const n = toNumber(value);
  if (n === null) return DASH;
  return new Intl.NumberFormat("en-US", {
    style: "percent",
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    signDisplay: signed ? "exceptZero" : "auto",
  }).format(n);
}

/**
 * "Nov 21, 2025, 14:35" in UTC by default, so server and client render the same text.
 * Pass `timeZone` (e.g. from the browser) to show local time, `seconds` for tick-level detail.
 */
export function formatDateTime(
  value: Date | string | number | null | undefined,
  {
    timeZone = "UTC",
    seconds = false,
    showZone = false,
  }: { timeZone?: string; seconds?: boolean; showZone?: boolean } = {},
) {
  if (value === null || value === undefined || value === "") return DASH;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return DASH;
  return new Intl.DateTimeFormat("en-US", {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: seconds ? "2-digit" : undefined,
    hourCycle: "h23",
    timeZone,
    timeZoneName: showZone ? "short" : undefined,
  }).format(date);
}
