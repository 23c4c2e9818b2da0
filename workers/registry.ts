// Which workers this process runs. Each later feature adds its queue worker here.
export interface Runnable {
  name: string;
  close(): Promise<void>;
}

export interface WorkerContext {
  workerId: string;
}

/** Start every queue worker and loop of this process; each returns something that closes cleanly. */
export async function startWorkers(_ctx: WorkerContext): Promise<Runnable[]> {
  return [];
}
