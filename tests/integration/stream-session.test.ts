// The live stream (/api/stream) re-checks its session while open: revoking the sessions ("log out everywhere",
// suspension) ends an already-open stream with a `revoked` event, and a fresh request gets a 401. A live account's
// reconcile pass reaches the page as its own `sync` event.
import { afterAll, describe, expect, it, vi } from "vitest";

const h = vi.hoisted(() => {
  process.env.STREAM_SESSION_CHECK_SECONDS = "1";
  return { session: { current: null as null | object } };
});
vi.mock("@/lib/auth/index", () => ({ auth: async () => h.session.current }));

import { closeDb } from "@/db";
import * as streamRoute from "@/app/api/stream/route";
import { revokeSessions } from "@/lib/auth/session";
import { userChannel } from "@/lib/events/channels";
import { closeRedis, redis } from "@/lib/redis";
import { makeUser } from "../helpers/accounts";
import { readUntil } from "../helpers/sse";

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

const open = () => streamRoute.GET(new Request("http://localhost/api/stream"), undefined);

describe("GET /api/stream and revoked sessions", () => {
  it("an open stream keeps delivering while the session is valid and ends with `revoked` once it is revoked", async () => {
    const user = await makeUser("stream");
    h.session.current = {
      user: { id: String(user.id) },
      sessionVersion: user.sessionVersion,
      sessionId: user.sessionId,
    };
    const res = await open();
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    expect((await readUntil(reader, /: connected/, 2000)).text).toMatch(/: connected/);

    // Two session checks pass (1 s apart) and the user's own events still arrive.
    await new Promise((r) => setTimeout(r, 2200));
    await redis().publish(userChannel(user.id), JSON.stringify({ type: "order", id: 1 }));
    const live = await readUntil(reader, /event: order/, 2000);
    expect(live.text).toMatch(/event: order/);
    expect(live.text).not.toMatch(/revoked/);

    await revokeSessions(user.id);
    const after = await readUntil(reader, /event: revoked[\s\S]*$/, 3000);
    expect(after.text).toMatch(/event: revoked/);
    // The stream is closed by the server after the event.
    expect((await readUntil(reader, /never/, 2000)).ended).toBe(true);

    // The browser's reconnect carries the old token: 401.
    expect((await open()).status).toBe(401);
  });

  it("forwards a reconcile pass that found something as a `sync` event, orders as `order`", async () => {
    const user = await makeUser("stream-sync");
    h.session.current = {
      user: { id: String(user.id) },
      sessionVersion: user.sessionVersion,
      sessionId: user.sessionId,
    };
    const reader = (await open()).body!.getReader();
    await readUntil(reader, /: connected/, 2000);
    await redis().publish(userChannel(user.id), JSON.stringify({ type: "sync", accountId: 7 }));
    const sync = await readUntil(reader, /event: sync\ndata: .*\n\n/, 2000);
    expect(sync.text).toMatch(/event: sync\ndata: \{"type":"sync","accountId":7\}/);
    await redis().publish(userChannel(user.id), JSON.stringify({ type: "order", id: 2 }));
    expect((await readUntil(reader, /event: order/, 2000)).text).toMatch(
      /event: order\ndata: \{"type":"order"/,
    );
    await reader.cancel();
  });
});
