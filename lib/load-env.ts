// Loading .env files into process.env: the explicit first step of every Tickpilot process that Next does not
// start (worker, scripts). Next loads the same files for the web process; tests set their own environment.
import nextEnv from "@next/env";

/** Load `.env`, `.env.local`, `.env.<mode>`… from `dir` (variables already set win), the way Next does. */
export function loadEnvFiles(dir: string = process.cwd()): void {
  nextEnv.loadEnvConfig(dir, process.env.NODE_ENV !== "production", {
    info: () => {},
    error: console.error,
  });
}
