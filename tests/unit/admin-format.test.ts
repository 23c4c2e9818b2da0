// Pure helpers of the admin console and metrics: durations, "ago" text, compact numbers, quantiles.
import { describe, expect, it } from "vitest";
import { formatAgo, formatCompact, formatDuration } from "@/components/admin/format";
import { quantile } from "@/lib/metrics/registry";

describe("admin formatters", () => {
  it("formats durations at each scale", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(4_200)).toBe("4 s");
    expect(formatDuration(3 * 60_000)).toBe("3 min");
    expect(formatDuration(90 * 60_000)).toBe("1.5 h");
    expect(formatDuration(3 * 86_400_000)).toBe("3 d");
  });

  it("says how long ago, or never", () => {
    expect(formatAgo(null)).toBe("never");
    expect(formatAgo(1_000, 1_500)).toBe("just now");
    expect(formatAgo(0, 120_000)).toBe("2 min ago");
  });

  it("compacts big numbers", () => {
    expect(formatCompact(200_000)).toBe("200K");
    expect(formatCompact(1_234_567)).toBe("1.23M");
  });
});

describe("quantile", () => {
  it("picks the nearest-rank value and 0 for no data", () => {
    const xs = [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000];
    expect(quantile(xs, 0.5)).toBe(500);
    expect(quantile(xs, 0.95)).toBe(1000);
    expect(quantile(xs, 1)).toBe(1000);
    expect(quantile([], 0.5)).toBe(0);
  });
});
