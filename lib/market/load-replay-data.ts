import "server-only";
// Loads the replay candles (CSV or gzip'd CSV) once per process.
import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { env } from "@/lib/env";
import { parseCandleCsv, ReplayData } from "./replay";

/** The bundled real Binance BTCUSDT 1m candles (December 2024). */
export const DEFAULT_REPLAY_FILE = path.join(process.cwd(), "data", "binance-btcusdt-1m-2024-12.csv.gz");

let cached: { file: string; data: ReplayData } | undefined;

/** Read and parse the replay file (REPLAY_DATA_PATH or the bundled one). */
export function loadReplayData(file: string = env.REPLAY_DATA_PATH ?? DEFAULT_REPLAY_FILE): ReplayData {
  if (cached?.file === file) return cached.data;
  const raw = readFileSync(file);
  const text = file.endsWith(".gz") ? gunzipSync(raw).toString("utf8") : raw.toString("utf8");
  const data = new ReplayData(parseCandleCsv(text));
  cached = { file, data };
  return data;
}
