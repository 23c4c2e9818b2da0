// Run the real worker process (workers/index.ts) against this test run's database and Redis prefix.
import { spawn, type ChildProcess } from "node:child_process";
import { inject } from "vitest";

/** Start a worker process with extra env (e.g. WORKER_ROLES=execute); its output is kept for failure messages. */
export function startWorkerProcess(extraEnv: Record<string, string>): ChildProcess & { output: string[] } {
  const child = spawn("node_modules/.bin/tsx", ["--conditions=react-server", "workers/index.ts"], {
    env: { ...process.env, ...inject("testEnv"), LOG_LEVEL: "warn", ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  }) as ChildProcess & { output: string[] };
  child.output = [];
  child.stdout?.on("data", (d: Buffer) => child.output.push(d.toString()));
  child.stderr?.on("data", (d: Buffer) => child.output.push(d.toString()));
  return child;
}

/** Send a signal to the worker's whole process group (tsx and node) and wait for it to exit. */
export function killWorkerProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    try {
      process.kill(-child.pid!, signal);
    } catch {
      resolve();
    }
  });
}
