// What a worker role hands back to the process, and what the process gives it: shared by workers/registry.ts and
// every worker file, kept apart so the registry (which imports the workers) and the workers never import each other.

/** A started worker or loop that closes cleanly on shutdown. */
export interface Runnable {
  name: string;
  close(): Promise<void>;
}

/** What the worker process passes to each role it starts. */
export interface WorkerContext {
  workerId: string;
}
