import "server-only";
// A user's signal sources: each a secret webhook URL. The token is 32 random bytes shown once; only its SHA-256
// is stored (like emailed tokens and sessions). Every change is audited; every query is scoped by the user.
import { randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { db } from "@/db";
import { signalSources, type SignalSource } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import { audit } from "@/lib/audit";
import { isTokenShaped } from "@/lib/account/tokens";
import { env } from "@/lib/env";
import { sha256 } from "./parse-alert";

/** Active sources one user may have at once. */
export const MAX_SOURCES = 20;

/** A source as the signals page shows it (never the token or its hash). */
export function sourceView(s: SignalSource) {
  return {
    id: s.id,
    name: s.name,
    masked: `…${s.tokenHint}`,
    createdAt: s.createdAt.toISOString(),
    lastUsedAt: s.lastUsedAt?.toISOString() ?? null,
    rotatedAt: s.rotatedAt?.toISOString() ?? null,
  };
}
export type SourceView = ReturnType<typeof sourceView>;

/** The webhook URL of a token (shown once, at creation or rotation). */
export const webhookUrl = (token: string) => `${new URL(env.APP_URL).origin}/api/signals/${token}`;

const newToken = () => {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: sha256(token), tokenHint: token.slice(-4) };
};

type Actor = { id: number; ip: string };

/** The user's active sources, newest first. */
export async function listSources(userId: number): Promise<SignalSource[]> {
  return db
    .select()
    .from(signalSources)
    .where(and(eq(signalSources.userId, userId), isNull(signalSources.revokedAt)))
    .orderBy(desc(signalSources.createdAt), desc(signalSources.id));
}

// The user's active source, or 404 (another user's id looks exactly like a missing one).
async function ownSource(userId: number, id: number): Promise<SignalSource> {
  const row = await db.query.signalSources.findFirst({
    where: and(eq(signalSources.id, id), eq(signalSources.userId, userId), isNull(signalSources.revokedAt)),
  });
  if (!row) throw new AppError("not_found", "No such signal source");
  return row;
}

/** Create a source; returns it with its URL (the only time the token is seen). */
export async function createSource(actor: Actor, name: string) {
  const active = await listSources(actor.id);
  if (active.length >= MAX_SOURCES)
    throw new AppError("conflict", `You can have at most ${MAX_SOURCES} signal sources: revoke one first`);
  const { token, ...hashed } = newToken();
  const [row] = await db
    .insert(signalSources)
    .values({ userId: actor.id, name, ...hashed })
    .$returningId();
  await audit({
    actorId: actor.id,
    targetUserId: actor.id,
    action: "signals.source.create",
    targetType: "signal_source",
    targetId: String(row!.id),
    metadata: { name },
    ip: actor.ip,
  });
  return { source: sourceView(await ownSource(actor.id, row!.id)), url: webhookUrl(token) };
}

/** Replace a source's token: the old URL stops working at once; returns the new URL (shown once). */
export async function rotateSource(actor: Actor, id: number) {
  const source = await ownSource(actor.id, id);
  const { token, ...hashed } = newToken();
  await db
    .update(signalSources)
    .set({ ...hashed, rotatedAt: new Date() })
    .where(and(eq(signalSources.id, source.id), eq(signalSources.userId, actor.id)));
  await audit({
    actorId: actor.id,
    targetUserId: actor.id,
    action: "signals.source.rotate",
    targetType: "signal_source",
    targetId: String(id),
    metadata: { name: source.name },
    ip: actor.ip,
  });
  return { source: sourceView(await ownSource(actor.id, id)), url: webhookUrl(token) };
}

/** Rename a source. */
export async function renameSource(actor: Actor, id: number, name: string) {
  const source = await ownSource(actor.id, id);
  await db
    .update(signalSources)
    .set({ name })
    .where(and(eq(signalSources.id, id), eq(signalSources.userId, actor.id)));
  await audit({
    actorId: actor.id,
    targetUserId: actor.id,
    action: "signals.source.rename",
    targetType: "signal_source",
    targetId: String(id),
    metadata: { from: source.name, to: name },
    ip: actor.ip,
  });
  return sourceView(await ownSource(actor.id, id));
}

/** Revoke a source: its URL answers 404 from now on; its signals stay in the history. */
export async function revokeSource(actor: Actor, id: number): Promise<void> {
  const source = await ownSource(actor.id, id);
  await db
    .update(signalSources)
    .set({ revokedAt: new Date() })
    .where(and(eq(signalSources.id, id), eq(signalSources.userId, actor.id)));
  await audit({
    actorId: actor.id,
    targetUserId: actor.id,
    action: "signals.source.revoke",
    targetType: "signal_source",
    targetId: String(id),
    metadata: { name: source.name },
    ip: actor.ip,
  });
}

/** The active source a webhook token belongs to, or null (unknown, rotated away or revoked). */
export async function sourceForToken(token: string): Promise<SignalSource | null> {
  if (!isTokenShaped(token)) return null;
  const row = await db.query.signalSources.findFirst({
    where: and(eq(signalSources.tokenHash, sha256(token)), isNull(signalSources.revokedAt)),
  });
  return row ?? null;
}
