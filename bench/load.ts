// A small HTTP load generator (keep-alive, fixed concurrency) for the benches; runs in its own process.
import http from "node:http";

/** Latency percentiles (ms) and throughput of a run. */
export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** GET `url` with `concurrency` parallel keep-alive connections for `seconds`. */
export async function load(
  url: string,
  opts: { concurrency: number; seconds: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const latencies: number[] = [];
  let errors = 0;
  const end = Date.now() + opts.seconds * 1000;
  const target = new URL(url);
  const once = () =>
    new Promise<void>((resolve) => {
      const start = performance.now();
      const req = http.get(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname + target.search,
          agent,
          headers: opts.headers,
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            if (res.statusCode === 200) latencies.push(performance.now() - start);
            else errors++;
            resolve();
          });
        },
      );
      req.on("error", () => {
        errors++;
        resolve();
      });
    });
  const began = Date.now();
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (Date.now() < end) await once();
    }),
  );
  const seconds = (Date.now() - began) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    Math.round((latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0) * 10) / 10;
  return {
    requests: latencies.length,
    errors,
    seconds,
    rps: Math.round(latencies.length / seconds),
    p50: pct(0.5),
    p90: pct(0.9),
    p99: pct(0.99),
    max: Math.round((latencies.at(-1) ?? 0) * 10) / 10,
  };
}
