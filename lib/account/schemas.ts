// Input rules of the account lifecycle (password change and reset, 2FA, deletion), shared by the JSON API and the
// forms (pure: safe for the browser).
import { z } from "zod";
import { emailField, newPassword } from "@/lib/auth/schemas";

const current = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .min(1, `${what} is required`)
    .max(200, `${what} is too long`);

/** A second-factor code: 6 digits, or a recovery code. */
export const codeField = z
  .string({ error: "Enter your 6-digit code" })
  .trim()
  .min(1, "Enter your 6-digit code")
  .max(32, "That code is too long");

export const changePasswordSchema = z
  .object({ currentPassword: current("Current password"), newPassword })
  .strict();

export const resetRequestSchema = z.object({ email: emailField }).strict();

export const resetConfirmSchema = z
  .object({ token: z.string().min(1, "The link is incomplete").max(100), password: newPassword })
  .strict();

export const codeSchema = z.object({ code: codeField }).strict();

export const deleteAccountSchema = z
  .object({
    password: current("Password"),
    code: codeField.optional(),
    confirm: z.literal("DELETE", { error: "Type DELETE in capital letters" }),
  })
  .strict();

/** The second-factor code some exchange-key changes need, as an optional body field. */
export const stepUpSchema = z.object({ code: codeField.optional() });
