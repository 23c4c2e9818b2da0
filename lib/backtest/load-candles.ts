// Read an OHLCV CSV file, gzip'd or plain (the gzip magic bytes decide, not the name), into 1m candles.
import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import { CsvError, parseOhlcvCsv, type ParsedCsv } from "./parse-csv";

/** Parse a candle file; every problem is a CsvError whose message names the file (and the line). */
export async function loadCandleFile(file: string): Promise<ParsedCsv> {
  let raw: Buffer;
  try {
    raw = await readFile(file);
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new CsvError(
      `${file}: ${code === "ENOENT" ? "no such file" : `cannot be read (${code ?? "error"})`}`,
    );
  }
  let text: string;
  try {
    text = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw).toString("utf8") : raw.toString("utf8");
  } catch {
    throw new CsvError(`${file}: not a valid gzip file`);
  }
  try {
    return parseOhlcvCsv(text);
  } catch (err) {
    if (err instanceof CsvError) throw new CsvError(`${file}: ${err.message}`);
    throw err;
  }
}
