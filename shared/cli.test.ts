import { describe, expect, it } from "vitest";
import { UsageError, commandLine, defineCli } from "./cli.ts";

const CLI = defineCli({
  command: "npm run thing --",
  options: {
    port: { kind: "int", env: "PORT", min: 0, max: 65535, default: 2567, help: "port" },
    rate: { kind: "number", min: 0, minExclusive: true, default: 10, help: "per second" },
    name: { kind: "string", env: "NAME", parse: (raw, source) => (raw ? raw.toUpperCase() : fail(`${source} must not be empty`)), help: "a name" },
    nets: { kind: "list", env: "NETS", help: "networks" },
    mode: { kind: "enum", values: ["a", "b"], default: "a", help: "mode" },
    fast: { kind: "boolean", help: "go fast" },
  },
});

function fail(message: string): never {
  throw new UsageError(message);
}

function values(argv: string[], env: Record<string, string> = {}) {
  const parsed = CLI.parse(argv, env);
  if (parsed === "help") throw new Error("help");
  return parsed.values;
}

describe("the command-line reader", () => {
  it("takes defaults, env vars and flags, the flag winning, in both --flag forms", () => {
    expect(values([])).toEqual({ port: 2567, rate: 10, name: undefined, nets: undefined, mode: "a", fast: false });
    expect(values([], { PORT: "80", NAME: "x", NETS: "10.0.0.0/8, ::1" })).toMatchObject({ port: 80, name: "X", nets: ["10.0.0.0/8", "::1"] });
    expect(values(["--port=81", "--nets", "a,b", "--nets", "c", "--mode", "b", "--fast"], { PORT: "80" })).toMatchObject({ port: 81, nets: ["a", "b", "c"], mode: "b", fast: true });
    // an empty variable leaves a number at its default and makes a list empty
    expect(values([], { PORT: "", NETS: "" })).toMatchObject({ port: 2567, nets: [] });
    expect(CLI.parse(["--port", "x", "-h"])).toBe("help");
  });

  it.each([
    [["--port", "70000"], '--port must be a whole number from 0 to 65535, got "70000"'],
    [["--port", "-1"], '--port must be a whole number from 0 to 65535, got "-1"'],
    [["--rate", "0"], '--rate must be a number above 0, got "0"'],
    [["--name", ""], "--name must not be empty"],
    [["--mode", "c"], '--mode must be one of a, b, got "c"'],
    [["--port"], "--port needs a value"],
    [["--name", "-x"], "--name needs a value (write --name=<value> for one that starts with -)"],
    [["--fast=yes"], "--fast takes no value"],
    [["--nope"], "unknown option --nope"],
    [["extra"], "unexpected argument extra (options are --flags)"],
  ])("refuses %j with one line naming the flag", (argv, message) => {
    expect(() => values(argv)).toThrow(new UsageError(message));
  });

  it("names the variable when the value came from it", () => {
    expect(() => values([], { PORT: "http" })).toThrow('PORT must be a whole number from 0 to 65535, got "http"');
  });

  it("passes unknown flags, their values and bare arguments through when asked", () => {
    const open = defineCli({ command: "x", passThrough: true, options: { procs: { kind: "int", min: 1, default: 2, help: "n" }, tls: { kind: "boolean", help: "tls" } } });
    expect(open.parse(["--max-rooms", "8", "--procs", "3", "--tls", "--tick-hz=20", "--watch", "--procs=4", "bare"])).toEqual({
      values: { procs: 4, tls: true },
      rest: ["--max-rooms", "8", "--tick-hz=20", "--watch", "bare"],
    });
  });

  it("generates the help from the table, and the exit codes of a tool's main", () => {
    expect(CLI.help).toContain("Usage: npm run thing -- [options]");
    expect(CLI.help).toMatch(/--port <n> +PORT +port \(default 2567\)/);
    expect(CLI.help).toMatch(/--help +print this help/);
    const lines: string[] = [];
    const print = { log: (l: string) => lines.push(`out ${l}`), error: (l: string) => lines.push(`err ${l}`) };
    expect(commandLine("thing", CLI, () => fail("--port is wrong"), print)).toBe(2);
    expect(commandLine("thing", CLI, () => "help" as const, print)).toBe(0);
    expect(commandLine("thing", CLI, () => ({ ok: true }), print)).toEqual({ ok: true });
    expect(lines[0]).toBe("err thing: --port is wrong (see npm run thing -- --help)");
    expect(lines[1]).toBe(`out ${CLI.help}`);
  });
});
