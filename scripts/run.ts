// Starts a Tickpilot process other than the web app (the worker, db:migrate, db:seed, keys:rotate): it loads the
// .env files first — the one explicit environment-loading step — and only then imports the entry, whose modules
// validate the environment as they load. Usage: tsx --conditions=react-server scripts/run.ts <entry.ts> [args…]
import path from "node:path";
import { pathToFileURL } from "node:url";
import { loadEnvFiles } from "@/lib/load-env";

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error("usage: tsx --conditions=react-server scripts/run.ts <entry.ts> [args…]");
  process.exit(2);
}
const file = path.resolve(entry);
// The entry sees its own arguments as if it had been started directly.
process.argv = [process.argv[0]!, file, ...args];
loadEnvFiles();
await import(pathToFileURL(file).href);
