// Secrets never reach a log line: keys named like secrets are redacted at every depth we log objects at.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/log";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger(stream, "info"), lines };
}

describe("log redaction", () => {
  it("redacts apiSecret, password and authorization at the top level and one, two and three levels down", () => {
    const { log, lines } = capture();
    log.info(
      {
        password: "pw-top-level",
        apiSecret: "sec-top-level",
        account: { apiKey: "key-depth-1", apiSecret: "sec-depth-1", label: "main" },
        req: { headers: { authorization: "Bearer tok-depth-2", cookie: "session=abc", accept: "json" } },
        job: { data: { creds: { password: "pw-depth-3", apiSecret: "sec-depth-3" } } },
      },
      "hello",
    );
    expect(lines).toHaveLength(1);
    const text = lines[0]!;
    for (const secret of [
      "pw-top-level",
      "sec-top-level",
      "key-depth-1",
      "sec-depth-1",
      "tok-depth-2",
      "session=abc",
      "pw-depth-3",
      "sec-depth-3",
    ]) {
      expect(text).not.toContain(secret);
    }
    const parsed = JSON.parse(text);
    expect(parsed.password).toBe("[redacted]");
    expect(parsed.account.apiSecret).toBe("[redacted]");
    expect(parsed.req.headers.authorization).toBe("[redacted]");
    expect(parsed.job.data.creds.password).toBe("[redacted]");
    // Non-secret fields still come through, so the log stays useful.
    expect(parsed.account.label).toBe("main");
    expect(parsed.req.headers.accept).toBe("json");
    expect(parsed.msg).toBe("hello");
  });

  it("child loggers redact too", () => {
    const { log, lines } = capture();
    log.child({ component: "execute" }).warn({ order: { token: "t-123", qty: 1 } }, "x");
    const parsed = JSON.parse(lines[0]!);
    expect(parsed.order.token).toBe("[redacted]");
    expect(parsed.component).toBe("execute");
  });
});
