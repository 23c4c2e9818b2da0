// Helpers for bench/fanout.ts: worker processes, CPU accounting from /proc, percentiles, the insert floor.
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import mysql from "mysql2/promise";

/** The p-th percentile (0..100) of a sorted array, nearest rank. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** Start a real worker process (workers/index.ts) in its own process group; resolves once it logged "worker started". */
export function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  // BENCH_WORKER_NODE_ARGS: extra node flags for the workers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const extra = (process.env.BENCH_WORKER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const nodeArgs = ["--conditions=react-server", "--import", "tsx", ...extra, "workers/index.ts"];
  const child = spawn(process.execPath, nodeArgs, {
    env: { ...process.env, ...env, LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  return new Promise((resolve, reject) => {
    let out = "";
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('"msg":"worker started"')) {
        child.stdout?.off("data", onData);
        child.stdout?.resume();
        resolve(child);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (d: Buffer) => process.stderr.write(d));
    child.once("exit", (code) => reject(new Error(`worker exited (${code}) before starting:\n${out}`)));
  });
}

/** SIGTERM a worker's process group and wait for it to exit. */
export function stopWorker(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      resolve();
    }
  });
}

/** CPU seconds (user + system) used so far by every process in these process groups or with these names. */
export function cpuSeconds(groups: number[], names: string[] = []): number {
  let ticks = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      const fields = stat.slice(close + 2).split(" ");
      const pgrp = Number(fields[2]);
      if (groups.includes(pgrp) || names.includes(comm)) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process exited while we were reading
    }
  }
  return ticks / 100;
}

/**
 * The floor: `count` durable single-row INSERTs (autocommit, InnoDB default flush) with `inFlight` of them
 * outstanding at a time over `connections` connections. Returns elapsed ms.
 */
export async function insertFloor(
  url: string,
  count: number,
  inFlight: number,
  connections: number,
): Promise<number> {
  const pool = mysql.createPool({ uri: url, connectionLimit: connections, waitForConnections: true });
  try {
    await pool.query(
      "CREATE TABLE IF NOT EXISTS bench_floor (id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY, " +
        "decision_id BIGINT UNSIGNED NOT NULL, user_id BIGINT UNSIGNED NOT NULL, status VARCHAR(16) NOT NULL, " +
        "created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE KEY (decision_id, user_id)) ENGINE=InnoDB",
    );
    const run = `${Date.now()}`.slice(-9);
    // Warm every connection first so connecting is not part of the floor.
    await Promise.all(Array.from({ length: connections }, () => pool.query("SELECT 1")));
    let next = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: Math.min(inFlight, count) }, async () => {
        while (next < count) {
          const i = next++;
          await pool.execute(
            "INSERT INTO bench_floor (decision_id, user_id, status) VALUES (?, ?, 'filled')",
            [Number(run), i],
          );
        }
      }),
    );
    return performance.now() - start;
  } finally {
    await pool.end();
  }
}

/** Machine-wide CPU seconds from /proc/stat: busy (user+nice+system+irq+softirq) and stolen by the hypervisor. */
export function machineCpuSeconds(): { busy: number; steal: number } {
  const f = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = f;
  return { busy: (user + nice + system + irq + softirq) / 100, steal: steal / 100 };
}
