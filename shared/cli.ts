/**
 * The one command-line reader of every tool (server, bots, lab, bench, soak, netcode bench,
 * cluster, attack, JSON baseline). A tool declares its options in a table (flag, env var,
 * kind, range, default, help) and gets from here the parsing, the range checks, one-line
 * errors and its --help text. Pure: argv and the environment come in as arguments, so the
 * same table is testable without a process.
 */

/** Bad usage or a bad value: the tool prints the message on one line and exits 2. */
export class UsageError extends Error {}

interface Common {
  help: string;
  /** environment variable that sets the option when the flag is absent. */
  env?: string;
  /** defaults to the key in kebab case (maxRooms → --max-rooms). */
  flag?: string;
  /** placeholder in --help, e.g. "<ms>". */
  arg?: string;
  /** what --help says the default is, when it is computed from other options. */
  defaultText?: string;
}
interface IntOption extends Common {
  kind: "int";
  min: number;
  max?: number;
  default?: number;
}
interface NumberOption extends Common {
  kind: "number";
  min: number;
  max?: number;
  /** the value must be above min, not equal to it. */
  minExclusive?: boolean;
  /** in errors: "a number of milliseconds". */
  unit?: string;
  default?: number;
}
interface StringOption extends Common {
  kind: "string";
  /** raw text, run through parse like a given value. */
  default?: string;
  /** validates and converts; may throw UsageError (a whole sentence naming `source`) or any
   *  other error, whose message is then prefixed with the source. */
  parse?: (raw: string, source: string) => unknown;
}
/** Comma-separated, and the flag may be repeated; items are trimmed, empty ones dropped. */
interface ListOption extends Common {
  kind: "list";
  default?: readonly string[];
  /** validates and converts one item, like StringOption.parse. */
  item?: (raw: string, source: string) => unknown;
}
interface BooleanOption extends Common {
  kind: "boolean";
}
interface EnumOption extends Common {
  kind: "enum";
  values: readonly string[];
  default?: string;
}
export type CliOption = IntOption | NumberOption | StringOption | ListOption | BooleanOption | EnumOption;

type ValueOf<O> = O extends { kind: "string"; parse: (raw: string, source: string) => infer T }
  ? T
  : O extends { kind: "int" | "number" }
    ? number
    : O extends { kind: "boolean" }
      ? boolean
      : O extends { kind: "list"; item: (raw: string, source: string) => infer T }
        ? T[]
        : O extends { kind: "list" }
          ? string[]
        : O extends { kind: "enum"; values: readonly (infer V)[] }
          ? V
          : string;
type Always<O> = O extends { kind: "boolean" } | { default: unknown } ? true : false;
export type CliValues<S> = { -readonly [K in keyof S]: Always<S[K]> extends true ? ValueOf<S[K]> : ValueOf<S[K]> | undefined };

export interface CliSpec<S extends Record<string, CliOption>> {
  /** how the tool is started, e.g. "npm run bots --"; usage and error hints are built from it. */
  command: string;
  /** after "[options]" in the usage line. */
  operands?: string;
  /** paragraph before the option table. */
  about?: string;
  options: S;
  /** paragraph after the option table (exit codes, env-only settings...). */
  notes?: string;
  /** unknown flags, their values and bare arguments are returned in `rest` instead of refused. */
  passThrough?: boolean;
}

export interface Cli<S extends Record<string, CliOption>> {
  readonly spec: CliSpec<S>;
  readonly help: string;
  /** Throws UsageError; "help" for --help or -h. */
  parse(argv: readonly string[], env?: Readonly<Record<string, string | undefined>>): { values: CliValues<S>; rest: string[] } | "help";
}

export function defineCli<const S extends Record<string, CliOption>>(spec: CliSpec<S>): Cli<S> {
  return { spec, help: renderHelp(spec), parse: (argv, env = {}) => parseCli(spec, argv, env) };
}

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const flagOf = (key: string, o: CliOption) => o.flag ?? kebab(key);
/** "-5" or "-.5": a value, so `--latency -5` reaches the range check instead of failing as a flag. */
const NEGATIVE_NUMBER = /^-\.?\d/;

function parseCli<S extends Record<string, CliOption>>(spec: CliSpec<S>, argv: readonly string[], env: Readonly<Record<string, string | undefined>>) {
  const keyOf = new Map(Object.entries(spec.options).map(([key, o]) => [flagOf(key, o), key]));
  const given = new Map<string, string[]>();
  const rest: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") {
      help = true;
      continue;
    }
    if (!arg.startsWith("--") || arg === "--") {
      if (spec.passThrough) rest.push(arg);
      else throw new UsageError(`unexpected argument ${arg} (options are --flags)`);
      continue;
    }
    const eq = arg.indexOf("=");
    const flag = arg.slice(2, eq < 0 ? undefined : eq);
    const key = keyOf.get(flag);
    if (key === undefined) {
      if (!spec.passThrough) throw new UsageError(`unknown option --${flag}`);
      rest.push(arg);
      if (eq < 0 && i + 1 < argv.length && !argv[i + 1]!.startsWith("--")) rest.push(argv[++i]!);
      continue;
    }
    let value: string;
    if (spec.options[key]!.kind === "boolean") {
      if (eq >= 0) throw new UsageError(`--${flag} takes no value`);
      value = "";
    } else if (eq >= 0) value = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined) throw new UsageError(`--${flag} needs a value`);
      if (next.startsWith("-") && !NEGATIVE_NUMBER.test(next)) throw new UsageError(`--${flag} needs a value (write --${flag}=<value> for one that starts with -)`);
      value = next;
      i++;
    }
    given.set(key, [...(given.get(key) ?? []), value]);
  }
  if (help) return "help" as const;
  const values: Record<string, unknown> = {};
  for (const [key, o] of Object.entries(spec.options)) {
    const fromFlag = given.get(key);
    if (o.kind === "boolean") {
      values[key] = fromFlag !== undefined;
      continue;
    }
    const envRaw = o.env === undefined ? undefined : env[o.env];
    // an empty variable (PORT= npm start) means unset for numbers, "none" for a list
    const fromEnv = envRaw === "" && (o.kind === "int" || o.kind === "number") ? undefined : envRaw;
    const source = fromFlag ? `--${flagOf(key, o)}` : fromEnv !== undefined ? o.env! : `--${flagOf(key, o)}`;
    if (o.kind === "list") {
      const raws = fromFlag ?? (fromEnv !== undefined ? [fromEnv] : undefined);
      const items = raws ? raws.flatMap((r) => r.split(",")).map((r) => r.trim()).filter((r) => r !== "") : o.default && [...o.default];
      values[key] = o.item && items ? items.map((r) => named(o.item!, r, source)) : items;
      continue;
    }
    const raw = fromFlag?.at(-1) ?? fromEnv;
    if (raw === undefined && o.kind !== "string") values[key] = o.default;
    else if (o.kind === "int") values[key] = toInteger(raw!, source, o.min, o.max);
    else if (o.kind === "number") values[key] = toNumber(raw!, source, o);
    else if (o.kind === "enum") {
      if (!o.values.includes(raw!)) throw new UsageError(`${source} must be one of ${o.values.join(", ")}, got "${raw}"`);
      values[key] = raw;
    } else {
      const text = raw ?? o.default;
      values[key] = text === undefined || !o.parse ? text : named(o.parse, text, source);
    }
  }
  return { values: values as CliValues<S>, rest };
}

function named(parse: (raw: string, source: string) => unknown, raw: string, source: string): unknown {
  try {
    return parse(raw, source);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${source}: ${(e as Error).message}`);
  }
}

/** A whole number in [min, max]; `source` names the flag or variable in the error. */
export function toInteger(raw: string, source: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || n < min || n > max) {
    throw new UsageError(`${source} must be a whole number ${max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`}, got "${raw}"`);
  }
  return n;
}

/** A finite number ≥ min (or > min) and ≤ max. */
export function toNumber(raw: string, source: string, o: { min: number; max?: number; minExclusive?: boolean; unit?: string }): number {
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n) || n < o.min || (o.minExclusive && n === o.min) || (o.max !== undefined && n > o.max)) {
    const low = o.minExclusive ? `above ${o.min}` : o.max === undefined ? `≥ ${o.min}` : `from ${o.min}`;
    const range = o.max === undefined ? low : `${low} ${o.minExclusive ? "and at most" : "to"} ${o.max}`;
    throw new UsageError(`${source} must be a number${o.unit ? ` of ${o.unit}` : ""} ${range}, got "${raw}"`);
  }
  return n;
}

const PLACEHOLDER = { int: "<n>", number: "<n>", string: "<value>", list: "<list>", boolean: "", enum: "<name>" } as const;

function renderHelp(spec: CliSpec<Record<string, CliOption>>): string {
  const rows = Object.entries(spec.options).map(([key, o]) => {
    const arg = o.arg ?? PLACEHOLDER[o.kind];
    const def = o.defaultText ?? ("default" in o && o.default !== undefined ? String(o.default) : undefined);
    // the default goes at the end of the first line, where a multi-line help names the option
    const help = def === undefined ? o.help : o.help.replace(/(\n|$)/, ` (default ${def})$1`);
    return { left: `--${flagOf(key, o)}${arg ? ` ${arg}` : ""}`, env: o.env ?? "", help };
  });
  rows.push({ left: "--help", env: "", help: "print this help" });
  const leftWidth = Math.max(...rows.map((r) => r.left.length)) + 2;
  const envWidth = rows.some((r) => r.env) ? Math.max(...rows.map((r) => r.env.length)) + 2 : 0;
  const indent = " ".repeat(2 + leftWidth + envWidth);
  const table = rows.map((r) => `  ${r.left.padEnd(leftWidth)}${envWidth ? r.env.padEnd(envWidth) : ""}${r.help.split("\n").join(`\n${indent}`)}`);
  const parts = [`Usage: ${spec.command} [options]${spec.operands ? ` ${spec.operands}` : ""}${Object.values(spec.options).some((o) => o.env) ? "    (options with a VARIABLE can also be set by it; the flag wins)" : ""}`];
  if (spec.about) parts.push(spec.about);
  parts.push(table.join("\n"));
  if (spec.notes) parts.push(spec.notes);
  return parts.join("\n\n");
}

/**
 * A tool's command-line step: its options, or the exit code after printing the help (0) or
 * one line "tool: problem (see ... --help)" (2). `read` turns the parsed values into the
 * tool's options and may throw UsageError for checks that span options.
 */
export function commandLine<S extends Record<string, CliOption>, T extends object>(
  tool: string,
  cli: Cli<S>,
  read: () => T | "help",
  print: { log: (line: string) => void; error: (line: string) => void },
): T | number {
  let options: T | "help";
  try {
    options = read();
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    print.error(`${tool}: ${e.message} (see ${cli.spec.command} --help)`);
    return 2;
  }
  if (options === "help") {
    print.log(cli.help);
    return 0;
  }
  return options;
}
