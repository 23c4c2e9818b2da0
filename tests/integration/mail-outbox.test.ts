// Without SMTP_URL, emails land in the outbox (mail_messages, with their body) for the admin console, and the log
// says so; the admin's outbox list shows them newest first.
import { Writable } from "node:stream";
import { afterAll, describe, expect, it, vi } from "vitest";

const logs = vi.hoisted(() => {
  delete process.env.SMTP_URL;
  process.env.LOG_LEVEL = "info";
  return [] as string[];
});
vi.mock("pino", async (importOriginal) => {
  const real = ((await importOriginal()) as { default: typeof import("pino").default }).default;
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  return { default: Object.assign((opts: object) => real(opts as never, sink), real) };
});

import { eq } from "drizzle-orm";
import { closeDb, db } from "@/db";
import { mailMessages } from "@/db/schema";
import { listOutbox } from "@/lib/admin/outbox";
import { sendMail } from "@/lib/mail/send-mail";
import { closeRedis } from "@/lib/redis";
import { uniqueEmail } from "../helpers/db";

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

describe("the outbox", () => {
  it("keeps the message with its body, logs where it went, and lists it for the admin", async () => {
    const to = uniqueEmail("outbox");
    const status = await sendMail({
      to,
      template: "resetPassword",
      data: { name: "Ada <b>", url: "http://localhost:3000/reset-password?token=abc", expiresMinutes: 60 },
    });
    expect(status).toBe("outbox");
    const [row] = await db.select().from(mailMessages).where(eq(mailMessages.to, to));
    expect(row).toMatchObject({ status: "outbox", subject: "Reset your Tickpilot password" });
    expect(row!.text).toContain("http://localhost:3000/reset-password?token=abc");
    expect(row!.html).toContain("Ada &lt;b&gt;");
    expect(logs.join("")).toMatch(/SMTP_URL is not set: email kept in the outbox/);
    const { rows, total } = await listOutbox(1);
    expect(total).toBeGreaterThanOrEqual(1);
    expect(rows[0]).toMatchObject({ to, status: "outbox" });
  });
});
