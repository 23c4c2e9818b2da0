import "server-only";
// One warning when Redis becomes unreachable and one info line when it is back, for the whole process —
// instead of an ioredis "Unhandled error event" per connection and a stack per job during an outage. Other
// errors are logged too, but each distinct message at most once a minute.
import { getLogger } from "@/lib/log";

const log = getLogger("redis");

const CONNECTION_ERRORS = [
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "Connection is closed",
  "Stream isn't writeable",
  "MaxRetriesPerRequestError",
  "Reached the max retries per request limit",
  // BullMQ, for jobs whose lock or whole record vanished with the Redis that held them.
  "Missing lock",
  "Missing key for job",
  "LOADING",
];

/** An outage ends once connections are ready again and no connection error came for this long. */
const QUIET_MS = 2_000;

let down: { since: number; errors: number; sources: Set<string>; lastError: number } | null = null;
let endCheck: ReturnType<typeof setTimeout> | null = null;
const lastSeen = new Map<string, number>();

/** True for errors that mean "Redis is (briefly) not there", not a bug. */
export function isConnectionError(err: unknown): boolean {
  const e = err as { code?: string; message?: string; name?: string };
  const text = `${e?.code ?? ""} ${e?.name ?? ""} ${e?.message ?? String(err)}`;
  return CONNECTION_ERRORS.some((c) => text.includes(c));
}

/** Report an error event from a Redis connection, a BullMQ worker or queue (`source` names it). */
export function reportRedisError(source: string, err: unknown): void {
  if (isConnectionError(err)) {
    if (!down) {
      down = { since: Date.now(), errors: 0, sources: new Set(), lastError: 0 };
      log.warn(
        { source, err: (err as Error)?.message },
        "Redis unreachable: reconnecting (jobs resume when it is back)",
      );
    }
    down.errors += 1;
    down.lastError = Date.now();
    down.sources.add(source);
    return;
  }
  const message = (err as Error)?.message ?? String(err);
  // One line per kind of message: ids and numbers differ from job to job.
  const key = `${source}:${message.slice(0, 120).replace(/\d+/g, "#")}`;
  const now = Date.now();
  if ((lastSeen.get(key) ?? 0) > now - 60_000) return;
  lastSeen.set(key, now);
  if (lastSeen.size > 500) lastSeen.delete(lastSeen.keys().next().value!);
  log.warn({ source, err: message }, "Redis client error");
}

/**
 * Report that a connection is ready again. The outage ends (one info line with its length) once no connection
 * error has come for QUIET_MS: the other connections of the process reconnect over the next moments.
 */
export function reportRedisReady(source: string): void {
  if (!down || endCheck) return;
  const check = () => {
    endCheck = null;
    if (!down) return;
    const quietFor = Date.now() - down.lastError;
    if (quietFor < QUIET_MS) {
      endCheck = setTimeout(check, QUIET_MS - quietFor);
      endCheck.unref?.();
      return;
    }
    const { since, errors, sources } = down;
    down = null;
    log.info(
      { source, downForMs: Date.now() - since, errorEvents: errors, connections: sources.size },
      "Redis reachable again",
    );
  };
  endCheck = setTimeout(check, QUIET_MS);
  endCheck.unref?.();
}

/** Whether this process currently considers Redis down (for tests and health). */
export function redisOutage(): { since: number } | null {
  return down ? { since: down.since } : null;
}

/** Log a background task's failure, unless it is Redis being away (then the outage's one warning covers it). */
export function warnUnlessOutage(
  logger: { warn: (obj: object, msg: string) => void },
  source: string,
  err: unknown,
  msg: string,
  extra: object = {},
): void {
  if (isConnectionError(err)) reportRedisError(source, err);
  else logger.warn({ ...extra, err }, msg);
}
