// Micro-batching: calls made by concurrent jobs in the same event-loop turn (or within `waitMs`) are served by one
// multi-row statement (the DataLoader pattern). Each caller still gets its own result or its own error, so the
// code that calls `load` reads like a one-row call; the batch only changes how many round trips it costs.

export interface BatcherOptions<K, V> {
  /** Serve a batch: one result (or an Error for that item alone) per key, in the same order. */
  run(keys: K[]): Promise<Array<V | Error>>;
  /** Dispatch at once when this many calls are waiting. */
  maxBatch?: number;
  /** How long the first call of a batch waits for company (0 = until the current event-loop turn ends). */
  waitMs?: number;
  /**
   * When a batch of several fails as a whole, run each of its calls alone, so one bad item (say, a value the
   * database refuses) fails only its own caller instead of every call that happened to share its batch.
   */
  isolateFailures?: boolean;
  /**
   * Calls with the same conflict key never share a batch (e.g. two orders on one account): the later one
   * waits for the next batch, so a batch can treat its items as independent.
   */
  conflictKey?(key: K): string;
}

interface Pending<K, V> {
  key: K;
  resolve(value: V): void;
  reject(err: unknown): void;
}

/** A function that batches its calls; `load(key)` resolves with that key's result. */
export function createBatcher<K, V>(opts: BatcherOptions<K, V>): (key: K) => Promise<V> {
  const maxBatch = opts.maxBatch ?? 500;
  const waitMs = opts.waitMs ?? 0;
  let queue: Pending<K, V>[] = [];
  let timer: ReturnType<typeof setTimeout> | ReturnType<typeof setImmediate> | null = null;

  const dispatch = () => {
    if (timer !== null) {
      clearTimeout(timer as ReturnType<typeof setTimeout>);
      clearImmediate(timer as ReturnType<typeof setImmediate>);
      timer = null;
    }
    let batch = queue;
    queue = [];
    if (opts.conflictKey) {
      const seen = new Set<string>();
      const now: Pending<K, V>[] = [];
      for (const p of batch) {
        const c = opts.conflictKey(p.key);
        if (seen.has(c)) queue.push(p);
        else {
          seen.add(c);
          now.push(p);
        }
      }
      batch = now;
    }
    if (queue.length > 0) schedule();
    void serve(batch);
  };

  const schedule = () => {
    if (timer !== null) return;
    timer = waitMs > 0 ? setTimeout(dispatch, waitMs) : setImmediate(dispatch);
  };

  const runChecked = async (keys: K[]) => {
    const results = await opts.run(keys);
    if (results.length !== keys.length)
      throw new Error(`batch returned ${results.length} results for ${keys.length} keys`);
    return results;
  };

  const serve = async (batch: Pending<K, V>[]) => {
    let results: Array<V | Error>;
    try {
      results = await runChecked(batch.map((p) => p.key));
    } catch (err) {
      if (opts.isolateFailures && batch.length > 1) {
        await Promise.all(batch.map((p) => serve([p])));
        return;
      }
      for (const p of batch) p.reject(err);
      return;
    }
    batch.forEach((p, i) => {
      const r = results[i]!;
      if (r instanceof Error) p.reject(r);
      else p.resolve(r);
    });
  };

  return (key: K) =>
    new Promise<V>((resolve, reject) => {
      queue.push({ key, resolve, reject });
      if (queue.length >= maxBatch) dispatch();
      else schedule();
    });
}

/** Share one in-flight call among concurrent callers with the same key (no caching after it settles). */
export function singleFlight<K, V>(fn: (key: K) => Promise<V>, keyOf: (key: K) => string = String) {
  const inFlight = new Map<string, Promise<V>>();
  return (key: K): Promise<V> => {
    const k = keyOf(key);
    let p = inFlight.get(k);
    if (!p) {
      p = fn(key).finally(() => inFlight.delete(k));
      inFlight.set(k, p);
    }
    return p;
  };
}

/** Items grouped by key (for spreading one batch query's rows back over the batch's callers). */
export function groupBy<T, K>(items: T[], keyOf: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = keyOf(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
