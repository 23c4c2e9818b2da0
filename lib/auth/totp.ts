import "server-only";
// TOTP two-factor authentication (RFC 6238 via otplib): enrolment with a QR code, confirmation with a first code,
// ten single-use recovery codes, verification with replay protection (a code is good once), and turning it off.
// The secret is kept in the vault, bound to its user.
import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import { db } from "@/db";
import { recoveryCodes, users } from "@/db/schema";
import { AppError } from "@/lib/api/errors";
import { decryptSecret, encryptSecret } from "@/lib/crypto/vault";

const ISSUER = "Tickpilot";
const RECOVERY_CODES = 10;
const totpAad = (userId: number) => `users/${userId}/totp`;
const hashCode = (code: string) => createHash("sha256").update(code).digest("hex");

/** A 6-digit TOTP code, or a recovery code (`xxxxx-xxxxx`, case and dash optional). */
export function normalizeCode(raw: string): { kind: "totp" | "recovery"; code: string } | null {
  const compact = raw.replace(/[\s-]/g, "").toLowerCase();
  if (/^\d{6}$/.test(compact)) return { kind: "totp", code: compact };
  if (/^[a-z0-9]{10}$/.test(compact)) return { kind: "recovery", code: compact };
  return null;
}

/** Start (or restart) enrolment: a new secret kept pending until a first code confirms it. */
export async function startEnrollment(user: { id: number; email: string; totpEnabledAt: Date | null }) {
  if (user.totpEnabledAt) throw new AppError("conflict", "Two-factor authentication is already on.");
  const secret = generateSecret();
  await db
    .update(users)
    .set({ totpSecretEnc: encryptSecret(secret, totpAad(user.id)), totpLastStep: null })
    .where(eq(users.id, user.id));
  const uri = generateURI({ issuer: ISSUER, label: user.email, secret });
  const qrSvg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { secret, uri, qrSvg };
}

async function checkTotp(userId: number, secretEnc: string, lastStep: number | null, code: string) {
  const secret = decryptSecret(secretEnc, totpAad(userId));
  const result = await verify({
    secret,
    token: code,
    epochTolerance: 30,
    ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
  });
  const step = result.valid && "timeStep" in result ? result.timeStep : null;
  if (step === null) return false;
  // Claim the step atomically: two requests with the same code cannot both pass.
  const [res] = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))));
  return (res as unknown as { affectedRows: number }).affectedRows === 1;
}

async function redeemRecoveryCode(userId: number, code: string): Promise<boolean> {
  const [res] = await db
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, hashCode(code)),
        isNull(recoveryCodes.usedAt),
      ),
    );
  return (res as unknown as { affectedRows: number }).affectedRows === 1;
}

/** Check a second-factor code (TOTP or an unused recovery code) of a user with 2FA on; each code works once. */
export async function verifySecondFactor(userId: number, raw: string): Promise<boolean> {
  const code = normalizeCode(raw);
  if (!code) return false;
  const row = await db.query.users.findFirst({
    where: eq(users.id, userId),
    columns: { totpSecretEnc: true, totpEnabledAt: true, totpLastStep: true },
  });
  if (!row?.totpEnabledAt || !row.totpSecretEnc) return false;
  if (code.kind === "recovery") return redeemRecoveryCode(userId, code.code);
  return checkTotp(userId, row.totpSecretEnc, row.totpLastStep, code.code);
}

function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODES }, () => {
    const raw = randomBytes(10)
      .toString("base64url")
      .replace(/[^a-zA-Z0-9]/g, "")
      .toLowerCase()
      .padEnd(10, "7")
      .slice(0, 10);
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
}

/** Confirm enrolment with a first code: 2FA is on from now; returns the recovery codes (shown once). */
export async function confirmEnrollment(userId: number, raw: string): Promise<string[]> {
  const code = normalizeCode(raw);
  const row = await db.query.users.findFirst({
    where: eq(users.id, userId),
    columns: { totpSecretEnc: true, totpEnabledAt: true },
  });
  if (row?.totpEnabledAt) throw new AppError("conflict", "Two-factor authentication is already on.");
  if (!row?.totpSecretEnc)
    throw new AppError("bad_request", "Start setting up two-factor authentication first.");
  if (code?.kind !== "totp" || !(await checkTotp(userId, row.totpSecretEnc, null, code.code)))
    throw new AppError("bad_request", "That code is not right. Enter the 6-digit code your app shows now.", {
      fields: { code: "That code is not right" },
    });
  const codes = newRecoveryCodes();
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpEnabledAt: new Date() }).where(eq(users.id, userId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await tx
      .insert(recoveryCodes)
      .values(codes.map((c) => ({ userId, codeHash: hashCode(c.replace("-", "")) })));
  });
  return codes;
}

/** Turn 2FA off (secret and recovery codes deleted). The caller has checked a code and that it is allowed. */
export async function removeTwoFactor(userId: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null })
      .where(eq(users.id, userId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  });
}

/** How many unused recovery codes a user has left. */
export async function recoveryCodesLeft(userId: number): Promise<number> {
  const rows = await db
    .select({ id: recoveryCodes.id })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return rows.length;
}
