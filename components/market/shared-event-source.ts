"use client";
// One EventSource on /api/stream per page, shared by every hook that listens (chart, decisions, orders):
// the first subscriber opens it, the last one to leave closes it.
let source: EventSource | null = null;
let users = 0;

/** The page's stream connection; call the returned release function when done with it. */
export function acquireStream(): { source: EventSource; release: () => void } {
  if (!source || source.readyState === EventSource.CLOSED) {
    source = new EventSource("/api/stream");
    // The server ended the stream because this session was revoked: stop reconnecting and sign in again.
    source.addEventListener("revoked", (e) => {
      (e.target as EventSource).close();
      const login = new URL("/login", window.location.origin);
      login.searchParams.set("next", window.location.pathname);
      // A full load, not a client navigation: the session is gone and every cached page with it.
      window.location.assign(login.href);
    });
  }
  users += 1;
  const mine = source;
  let released = false;
  return {
    source: mine,
    release: () => {
      if (released) return;
      released = true;
      users -= 1;
      if (users <= 0 && source === mine) {
        mine.close();
        source = null;
        users = 0;
      }
    },
  };
}
