// `npm run backtest` arguments: every flag validated before any data is read, with a message naming the flag.
import { describe, expect, it } from "vitest";
import { ArgsError, parseBacktestArgs } from "@/lib/backtest/cli-args";

describe("backtest CLI arguments", () => {
  it("takes the documented flags and defaults", () => {
    expect(parseBacktestArgs(["--data", "x.csv"])).toMatchObject({
      data: "x.csv",
      risk: "all",
      provider: "builtin",
      symbol: "BTCUSDT",
    });
    expect(
      parseBacktestArgs([
        "--data",
        "x.csv.gz",
        "--risk",
        "low",
        "--from",
        "2024-12-01",
        "--to",
        "1733443200",
        "--provider",
        "openai",
        "--max-cost",
        "0.5",
        "--json",
        "out.json",
        "--tick",
        "15",
      ]),
    ).toMatchObject({
      risk: "low",
      from: Date.UTC(2024, 11, 1),
      to: 1733443200_000,
      provider: "openai",
      "max-cost": 0.5,
      json: "out.json",
      tick: 15,
    });
    expect(parseBacktestArgs(["--help"])).toBe("help");
  });

  it.each([
    [["--risk", "low"], /--data <file> is required/],
    [["--data", "x", "--risk", "max"], /--risk must be low, medium, high or all/],
    [["--data", "x", "--provider", "claude"], /--provider must be builtin or openai/],
    [["--data", "x", "--provider", "openai"], /needs --max-cost <usd>/],
    [["--data", "x", "--provider", "openai", "--max-cost=-1"], /--max-cost must be a positive number/],
    [["--data", "x", "--from", "soon"], /--from "soon" is not a time/],
    [["--data", "x", "--from", "2024-12-05", "--to", "2024-12-01"], /--to must be after --from/],
    [["--data", "x", "--tick", "0"], /--tick must be 1–1440 minutes/],
    [["--data", "x", "--model", "gpt-4o"], /only apply to --provider openai/],
    [["--data", "x", "--bogus"], /Unknown option '--bogus'/],
    [["--data", "x", "extra"], /Unexpected argument 'extra'/],
  ])("%j is refused", (argv, message) => {
    expect(() => parseBacktestArgs(argv)).toThrow(ArgsError);
    expect(() => parseBacktestArgs(argv)).toThrow(message);
  });
});
