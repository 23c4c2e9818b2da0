import "server-only";
// Sending email: through SMTP (nodemailer, SMTP_URL) when configured, otherwise into the outbox the admin console
// shows (and the log says so). Every message is recorded in mail_messages; a sent message's body is not kept, as it
// can hold a single-use link. Usage: sendMail({ to, template: "resetPassword", data: { … } }).
import nodemailer, { type Transporter } from "nodemailer";
import { db } from "@/db";
import { mailMessages } from "@/db/schema";
import { env } from "@/lib/env";
import { getLogger } from "@/lib/log";
import { renderMail, type MailTemplate, type MailTemplates } from "./templates";

const log = getLogger("mail");

const globalForMail = globalThis as unknown as { __tpMailer?: Transporter };

function transport(): Transporter | null {
  if (!env.SMTP_URL) return null;
  return (globalForMail.__tpMailer ??= nodemailer.createTransport(env.SMTP_URL, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  }));
}

/** The From address: MAIL_FROM, or no-reply at APP_URL's host. */
export function mailFrom(): string {
  return env.MAIL_FROM ?? `Tickpilot <no-reply@${new URL(env.APP_URL).hostname}>`;
}

/** What happened to a message. */
export type MailStatus = "sent" | "outbox" | "failed";

/** Render and send (or keep in the outbox) one email; never throws for a delivery failure, it records it. */
export async function sendMail<K extends MailTemplate>(msg: {
  to: string;
  template: K;
  data: MailTemplates[K];
  userId?: number | null;
}): Promise<MailStatus> {
  const rendered = renderMail(msg.template, msg.data);
  const base = { userId: msg.userId ?? null, to: msg.to, template: msg.template, subject: rendered.subject };
  const mailer = transport();
  if (!mailer) {
    await db
      .insert(mailMessages)
      .values({ ...base, text: rendered.text, html: rendered.html, status: "outbox" });
    log.info(
      { template: msg.template },
      "SMTP_URL is not set: email kept in the outbox (admin console → Outbox)",
    );
    return "outbox";
  }
  try {
    await mailer.sendMail({
      from: mailFrom(),
      to: msg.to,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
    });
    await db.insert(mailMessages).values({ ...base, status: "sent", sentAt: new Date() });
    return "sent";
  } catch (err) {
    const reason = err instanceof Error ? err.message.slice(0, 255) : "unknown error";
    await db.insert(mailMessages).values({ ...base, status: "failed", error: reason });
    log.warn({ template: msg.template, err: reason }, "email could not be sent");
    return "failed";
  }
}

/** Close the SMTP connection pool (tests, shutdown). */
export function closeMail(): void {
  globalForMail.__tpMailer?.close();
  globalForMail.__tpMailer = undefined;
}
