// A Redis server of the test's own (the installed redis-server on a free port), so a drill can kill it and
// start it again empty without touching the Redis every other test shares. Synchronous, so it can run inside
// vi.hoisted before lib/env reads REDIS_URL.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

export interface PrivateRedis {
  port: number;
  url: string;
  pidFile: string;
}

function ping(port: number): boolean {
  const r = spawnSync("redis-cli", ["-h", "127.0.0.1", "-p", String(port), "ping"], { encoding: "utf8" });
  return r.stdout?.trim() === "PONG";
}

function waitFor(check: () => boolean, what: string, ms = 10_000): void {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`private redis: ${what} within ${ms} ms`);
    execFileSync("sleep", ["0.05"]);
  }
}

/** Start redis-server (no persistence) on the first free port from `base`. */
export function startPrivateRedis(base = 26_000 + (process.pid % 2_000)): PrivateRedis {
  for (let port = base; port < base + 50; port++) {
    if (ping(port)) continue; // taken by someone else's server
    const server = {
      port,
      url: `redis://127.0.0.1:${port}`,
      pidFile: `/tmp/tickpilot-drill-redis-${port}.pid`,
    };
    if (startOn(server)) return server;
  }
  throw new Error("private redis: no free port");
}

function startOn(server: PrivateRedis): boolean {
  const r = spawnSync("redis-server", [
    "--port",
    String(server.port),
    "--bind",
    "127.0.0.1",
    "--save",
    "",
    "--appendonly",
    "no",
    "--daemonize",
    "yes",
    "--pidfile",
    server.pidFile,
    "--logfile",
    "",
  ]);
  if (r.status !== 0) return false;
  try {
    waitFor(() => ping(server.port), "did not answer");
    return true;
  } catch {
    return false;
  }
}

function pid(server: PrivateRedis): number | null {
  return existsSync(server.pidFile) ? Number(readFileSync(server.pidFile, "utf8").trim()) : null;
}

/** SIGKILL the server (everything in it is lost) and wait until the port stops answering. */
export function killPrivateRedis(server: PrivateRedis): void {
  const p = pid(server);
  if (p) {
    try {
      process.kill(p, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
  waitFor(() => !ping(server.port), "did not stop");
}

/** Start it again, empty, on the same port. */
export function restartPrivateRedis(server: PrivateRedis): void {
  if (!startOn(server)) throw new Error(`private redis: could not restart on ${server.port}`);
}

/** Stop it for good. */
export function stopPrivateRedis(server: PrivateRedis): void {
  killPrivateRedis(server);
}
