// The backtest's CSV reader: every accepted time format and column layout, gaps reported, and each kind of
// malformed file refused with a message naming the line.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { loadCandleFile } from "@/lib/backtest/load-candles";
import { CsvError, parseOhlcvCsv, parseTime } from "@/lib/backtest/parse-csv";

const T0 = Date.UTC(2024, 11, 1, 0, 0); // 2024-12-01 00:00 UTC
const row = (t: string, o = 100, h = 101, l = 99, c = 100.5, v = 2) => `${t},${o},${h},${l},${c},${v}`;

describe("time formats", () => {
  it.each([
    ["epoch milliseconds", String(T0)],
    ["epoch seconds", String(T0 / 1000)],
    ["epoch seconds with a fraction", `${T0 / 1000}.000`],
    ["ISO with Z", "2024-12-01T00:00:00Z"],
    ["ISO with milliseconds and Z", "2024-12-01T00:00:00.000Z"],
    ["ISO without a zone (UTC)", "2024-12-01T00:00:00"],
    ["ISO with a space and no seconds", "2024-12-01 00:00"],
    ["ISO with +01:00", "2024-12-01T01:00:00+01:00"],
    ["ISO with -0530", "2024-11-30T18:30:00-0530"],
  ])("%s", (_name, raw) => {
    expect(parseTime(raw)).toBe(T0);
    const { candles } = parseOhlcvCsv(`timestamp,open,high,low,close,volume\n${row(raw)}\n`);
    expect(candles).toEqual([{ t: T0, o: 100, h: 101, l: 99, c: 100.5, v: 2 }]);
  });

  it.each(["timestamp", "open_time", "time", "date", "Open_Time", '"date"'])(
    "time column named %s",
    (name) => {
      const { candles, timeColumn } = parseOhlcvCsv(`${name},open,high,low,close,volume\n${row(String(T0))}`);
      expect(candles[0]!.t).toBe(T0);
      expect(timeColumn).toBe(name.replace(/"/g, "").toLowerCase());
    },
  );

  it("rejects impossible dates", () => {
    expect(parseTime("2024-02-30T00:00:00Z")).toBeNull();
    expect(parseTime("2024-12-01T25:00:00Z")).toBeNull();
    expect(parseTime("yesterday")).toBeNull();
  });
});

describe("columns", () => {
  it("takes the columns by name in any order, ignores extra columns, quotes, CRLF and a BOM", () => {
    const text =
      "\uFEFFsymbol,close,volume,open_time,low,high,open,trades\r\n" +
      `BTCUSDT,"100.5",2,"${T0}",99,101,100,55\r\n` +
      `BTCUSDT,101,3,${T0 + 60_000},100,102,100.5,60\r\n`;
    const { candles } = parseOhlcvCsv(text);
    expect(candles).toEqual([
      { t: T0, o: 100, h: 101, l: 99, c: 100.5, v: 2 },
      { t: T0 + 60_000, o: 100.5, h: 102, l: 100, c: 101, v: 3 },
    ]);
  });

  it("reports gaps without refusing the file", () => {
    const lines = [0, 1, 2, 10, 11, 30].map((m) => row(String(T0 + m * 60_000)));
    const { candles, gaps } = parseOhlcvCsv(`timestamp,open,high,low,close,volume\n${lines.join("\n")}`);
    expect(candles).toHaveLength(6);
    expect(gaps).toEqual([
      { from: T0 + 3 * 60_000, to: T0 + 10 * 60_000, minutes: 7 },
      { from: T0 + 12 * 60_000, to: T0 + 30 * 60_000, minutes: 18 },
    ]);
  });
});

describe("malformed files name the line", () => {
  const header = "timestamp,open,high,low,close,volume";
  const ok = (m: number) => row(String(T0 + m * 60_000));
  it.each([
    ["no time column", "open,high,low,close,volume\n1,2,0.5,1,1", /line 1: no time column/],
    [
      "a missing price column",
      "timestamp,open,high,close,volume\n1,2,3,4,5",
      /line 1: the header has no low column/,
    ],
    ["too few cells", `${header}\n${ok(0)}\n${T0 + 60_000},1,2,3`, /line 3: 4 columns/],
    [
      "a word for a price",
      `${header}\n${ok(0)}\n${row(String(T0 + 60_000), 100, Number.NaN)}`,
      /line 3: high "NaN" is not a number/,
    ],
    ["an empty cell", `${header}\n${T0},100,,99,100,1`, /line 2: high "" is not a number/],
    ["a bad time", `${header}\n${ok(0)}\nnoon,1,2,0.5,1,1`, /line 3: "noon" is not a time/],
    [
      "a time off the minute",
      `${header}\n${row(String(T0 + 30_000))}`,
      /line 2: .* is not on a minute boundary/,
    ],
    [
      "high under the close",
      `${header}\n${row(String(T0), 100, 100, 99, 100.5)}`,
      /line 2: high 100 \/ low 99 do not contain/,
    ],
    [
      "a negative volume",
      `${header}\n${row(String(T0), 100, 101, 99, 100, -1)}`,
      /line 2: volume must not be negative/,
    ],
    ["a zero price", `${header}\n${row(String(T0), 0, 101, 0, 100)}`, /line 2: prices must be above 0/],
    [
      "a duplicate minute",
      `${header}\n${ok(0)}\n${ok(1)}\n${ok(1)}`,
      /line 4: .* is not after the previous row/,
    ],
    ["rows out of order", `${header}\n${ok(5)}\n${ok(2)}`, /line 3: .* is not after the previous row/],
    ["microseconds", `${header}\n${row(String(T0 * 1000))}`, /line 2: .* is outside 2000–2099/],
    ["no rows", `${header}\n`, /no candles/],
  ])("%s", (_name, text, message) => {
    expect(() => parseOhlcvCsv(text)).toThrow(CsvError);
    expect(() => parseOhlcvCsv(text)).toThrow(message);
  });

  it("refuses hourly candles: the backtester replays 1-minute candles", () => {
    const lines = Array.from({ length: 20 }, (_, i) => row(String(T0 + i * 3_600_000)));
    expect(() => parseOhlcvCsv(`${header}\n${lines.join("\n")}`)).toThrow(/replays 1-minute candles/);
  });
});

describe("files", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "tp-csv-"));
  const text = `timestamp,open,high,low,close,volume\n${row(String(T0))}\n`;

  it("reads plain and gzip'd files (by their bytes, not their name)", async () => {
    writeFileSync(path.join(dir, "a.csv"), text);
    writeFileSync(path.join(dir, "b.csv"), gzipSync(text));
    expect((await loadCandleFile(path.join(dir, "a.csv"))).candles).toHaveLength(1);
    expect((await loadCandleFile(path.join(dir, "b.csv"))).candles).toHaveLength(1);
  });

  it("names the file with the line, and says when it is missing or not gzip", async () => {
    writeFileSync(path.join(dir, "bad.csv"), `${text}${T0 + 60_000},1,2,3\n`);
    await expect(loadCandleFile(path.join(dir, "bad.csv"))).rejects.toThrow(/bad\.csv: line 3/);
    await expect(loadCandleFile(path.join(dir, "none.csv"))).rejects.toThrow(/none\.csv: no such file/);
    writeFileSync(path.join(dir, "broken.csv.gz"), Buffer.from([0x1f, 0x8b, 1, 2, 3]));
    await expect(loadCandleFile(path.join(dir, "broken.csv.gz"))).rejects.toThrow(/not a valid gzip file/);
  });

  it("parses the bundled month: 41,761 candles, no gaps", async () => {
    const { candles, gaps } = await loadCandleFile("data/binance-btcusdt-1m-2024-12.csv.gz");
    expect(candles).toHaveLength(41_761);
    expect(gaps).toEqual([]);
  });
});
