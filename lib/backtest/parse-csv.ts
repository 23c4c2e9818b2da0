// OHLCV CSV → 1m candles (pure), for backtests. A header row names the columns: the time column is `timestamp`,
// `open_time`, `time` or `date` (epoch ms, epoch seconds or ISO-8601; UTC when no zone is given), then `open,
// high, low, close, volume` in any order; other columns are ignored. Anything malformed fails with a message
// naming the line; missing minutes are reported as gaps, not refused.

const MINUTE = 60_000;
const TIME_COLUMNS = ["timestamp", "open_time", "time", "date"] as const;
const PRICE_COLUMNS = ["open", "high", "low", "close", "volume"] as const;
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

/** A run of missing minutes: candles from `from` up to (not including) `to` are absent. */
export interface Gap {
  from: number;
  to: number;
  minutes: number;
}

export interface ParsedCsv {
  candles: { t: number; o: number; h: number; l: number; c: number; v: number }[];
  gaps: Gap[];
  timeColumn: string;
}

/** A CSV that cannot be used; the message names the line. */
export class CsvError extends Error {
  override name = "CsvError";
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Epoch ms of a time cell: digits are ms (≥ 1e11) or seconds; otherwise ISO-8601, UTC without a zone. */
export function parseTime(raw: string): number | null {
  if (/^\d+(\.\d+)?$/.test(raw)) {
    const n = Number(raw);
    return n >= 1e11 ? n : n * 1000;
  }
  const m = ISO.exec(raw);
  if (!m) return null;
  const [, y, mo, d, hh = "00", mi = "00", ss = "00", frac = "", zone = "Z"] = m;
  const ms = frac ? Math.round(Number(`0${frac}`) * 1000) : 0;
  let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(hh), Number(mi), Number(ss), ms);
  const check = new Date(t);
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(hh) > 23)
    return null;
  if (zone.toUpperCase() !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0)) * MINUTE;
  }
  return t;
}

const unquote = (cell: string) => {
  const s = cell.trim();
  return s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1).trim() : s;
};

/** Parse the CSV text; throws CsvError naming the line for anything malformed. */
export function parseOhlcvCsv(text: string): ParsedCsv {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = (lines[0] ?? "").split(",").map((h) => unquote(h).toLowerCase());
  const timeColumn = TIME_COLUMNS.find((name) => header.includes(name));
  if (!timeColumn)
    throw new CsvError(
      `line 1: no time column; the header needs one of ${TIME_COLUMNS.join(", ")} (found: ${header.join(", ") || "nothing"})`,
    );
  const missing = PRICE_COLUMNS.filter((name) => !header.includes(name));
  if (missing.length > 0) throw new CsvError(`line 1: the header has no ${missing.join(", ")} column`);
  const at = [timeColumn, ...PRICE_COLUMNS].map((name) => header.indexOf(name));
  const width = Math.max(...at) + 1;

  const candles: ParsedCsv["candles"] = [];
  const gaps: Gap[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === "") continue;
    const n = i + 1;
    const cells = line.split(",");
    if (cells.length < width)
      throw new CsvError(`line ${n}: ${cells.length} columns, the header needs at least ${width}`);
    const [rawT, ...rawValues] = at.map((k) => unquote(cells[k]!));
    const t = parseTime(rawT!);
    if (t === null || !Number.isFinite(t))
      throw new CsvError(`line ${n}: "${rawT}" is not a time (epoch ms, epoch seconds or ISO-8601)`);
    if (t < EARLIEST || t >= LATEST)
      throw new CsvError(`line ${n}: ${rawT} is outside 2000–2099 (epoch ms or seconds expected)`);
    if (t % MINUTE !== 0)
      throw new CsvError(
        `line ${n}: ${new Date(t).toISOString()} is not on a minute boundary (1m candles needed)`,
      );
    const values = rawValues.map((v) => (v === "" ? NaN : Number(v)));
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new CsvError(`line ${n}: ${PRICE_COLUMNS[bad]} "${rawValues[bad]}" is not a number`);
    const [o, h, l, c, v] = values as [number, number, number, number, number];
    if (!(o > 0 && h > 0 && l > 0 && c > 0)) throw new CsvError(`line ${n}: prices must be above 0`);
    if (v < 0) throw new CsvError(`line ${n}: volume must not be negative`);
    if (h < Math.max(o, c, l) || l > Math.min(o, c))
      throw new CsvError(`line ${n}: high ${h} / low ${l} do not contain open ${o} and close ${c}`);
    const prev = candles[candles.length - 1];
    if (prev && t <= prev.t)
      throw new CsvError(
        `line ${n}: ${new Date(t).toISOString()} is not after the previous row's ${new Date(prev.t).toISOString()} (rows must ascend without duplicates)`,
      );
    if (prev && t - prev.t > MINUTE)
      gaps.push({ from: prev.t + MINUTE, to: t, minutes: (t - prev.t) / MINUTE - 1 });
    candles.push({ t, o, h, l, c, v });
  }
  if (candles.length === 0) throw new CsvError("the file has a header but no candles");
  if (candles.length > 10 && gaps.length > candles.length / 2)
    throw new CsvError(
      `most rows are more than a minute apart (${gaps.length} gaps in ${candles.length} rows): the backtester replays 1-minute candles`,
    );
  return { candles, gaps, timeColumn };
}
