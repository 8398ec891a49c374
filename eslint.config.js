// Flat config. typescript-eslint "recommended" (not type-aware, so it stays
// fast) plus architecture rules that keep the layers apart:
//   shared/  pure, deterministic simulation: no engine/network libs, no clocks,
//            no Math.random, no DOM/Node globals, no imports from other layers.
//   client/  only client/net/ talks to @colyseus/sdk; never imports server/ or devkit/
//            (dev tooling stays out of the browser bundle).
//   bots/    never imports server/ or phaser.
//   server/  never imports phaser or client/; only server/testing/ and tests may import
//            devkit/ (the game server does not depend on dev tooling).
//   devkit/  the dev helpers bots, bench, e2e, scripts and tests share (processes, ports,
//            waiting, quantiles, the WebSocket byte meter): Node built-ins and shared/
//            only, so every tool can use it and it depends on none of them.
//   bench/   may import shared/, server/ (an in-process server, its metrics), bots/,
//            lab/ and devkit/; never client/ (browser code), server/testing/ (test
//            harness) or phaser. bench/netcode/ (the netcode probes) may use client/net/.
//   scripts/ may import shared/, server/ (it starts the server) and devkit/; never
//            client/, server/testing/, bots/, bench/, lab/, e2e/ or phaser.
//
// ESLint does not merge options of a rule set in several config objects (the
// last match wins), so every area below gets exactly one config object that
// carries its complete no-restricted-* rule set, built by `area()`.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

const CODE = "**/*.{ts,mts,cts,js,mjs,cjs}";
const TESTS = ["**/*.test.ts"];

// --- import restrictions -----------------------------------------------------

/** Relative import that reaches into the top-level folder `dir` (e.g. "../server/x.ts"). */
const fromDir = (dir) => ({
  regex: `^(\\.\\./)+${dir}(/|$)`,
  message: `Do not import from ${dir}/ here (layer boundary, see eslint.config.js).`,
});

const PHASER = {
  regex: "^phaser(/|$)",
  message: "Phaser belongs to client/ only.",
};
const COLYSEUS_ANY = {
  regex: "^@colyseus/",
  message:
    "shared/ is pure simulation: no Colyseus imports (only shared/schema.ts may import @colyseus/schema).",
};
const COLYSEUS_BUT_SCHEMA = {
  regex: "^@colyseus/(?!schema$)",
  message: "shared/schema may import @colyseus/schema only.",
};
const COLYSEUS_SDK = {
  regex: "^@colyseus/sdk(/|$)",
  message: "Only files under client/net/ may import @colyseus/sdk.",
};
const SERVER_ONLY_LIBS = {
  regex: "^(@colyseus/(core|ws-transport|tools|testing)|express)(/|$)",
  message: "Server-side library: not for the browser bundle.",
};
const NODE_BUILTINS = {
  regex: "^node:",
  message: "shared/ runs in the browser too: no Node built-ins.",
};

// --- global / property restrictions -----------------------------------------

const CLOCK_GLOBALS = [
  "Date",
  "performance",
  "setTimeout",
  "setInterval",
  "setImmediate",
  "requestAnimationFrame",
];
const ENV_GLOBALS = ["window", "document", "localStorage", "process"];

const globalMsg = (name, why) => ({ name, message: `${name} is not allowed in shared/ (${why}).` });
const CLOCK_WHY = "simulation must be deterministic: time comes in as tick input";
const ENV_WHY = "shared/ must run unchanged in server, browser and tests";

/** Also catch `globalThis.Date`, `window.setTimeout`, ... */
const viaGlobalObject = (names, why) =>
  ["globalThis", "window", "self", "global"].flatMap((object) =>
    names.map((property) => ({
      object,
      property,
      message: `${object}.${property} is not allowed in shared/ (${why}).`,
    })),
  );

const MATH_RANDOM = {
  object: "Math",
  property: "random",
  message: "Math.random is not allowed in shared/: use the seeded RNG so runs replay exactly.",
};

// --- syntax restrictions -----------------------------------------------------

// Node's type stripping only erases types; these need code generation and
// crash at runtime (tsc's erasableSyntaxOnly reports them too, lint is faster).
const NON_ERASABLE = [
  { selector: "TSEnumDeclaration:not([declare=true])", message: "No enums (Node type stripping): use a const object + union type." },
  { selector: "TSModuleDeclaration:not([declare=true])", message: "No namespaces (Node type stripping): use modules." },
  { selector: "TSParameterProperty", message: "No parameter properties (Node type stripping): declare the field and assign it." },
  { selector: "TSImportEqualsDeclaration", message: "No `import x = require()` (Node type stripping)." },
  { selector: "TSExportAssignment", message: "No `export =` (Node type stripping)." },
];

/** Dynamic `import("...")` of a restricted module (no-restricted-imports only sees static imports). */
const dynamicImport = (regex, message) => ({
  selector: `ImportExpression[source.type='Literal'][source.value=/${regex}/]`,
  message,
});

const NO_DYNAMIC_IMPORT = {
  selector: "ImportExpression",
  message: "No dynamic import() in shared/: keep the simulation statically analysable.",
};

// --- area builder ------------------------------------------------------------

/**
 * One config object with the complete restriction set for an area.
 * @param {{ name: string, files: string[], ignores?: string[], imports?: object[],
 *           globals?: object[], properties?: object[], syntax?: object[] }} o
 */
function area({ name, files, ignores = [], imports = [], globals = [], properties = [], syntax = [] }) {
  const rules = {
    "no-restricted-syntax": [
      "error",
      ...NON_ERASABLE,
      ...syntax,
      ...imports
        .filter((p) => p.regex)
        // esquery regex literals cannot contain "/", so spell it \x2F.
        .map((p) => dynamicImport(p.regex.replaceAll("/", "\\x2F"), p.message)),
    ],
  };
  if (imports.length) rules["no-restricted-imports"] = ["error", { patterns: imports }];
  if (globals.length) rules["no-restricted-globals"] = ["error", ...globals];
  if (properties.length) rules["no-restricted-properties"] = ["error", ...properties];
  return { name: `tickfire/${name}`, files, ignores, rules };
}

const SHARED_FILES = ["shared/**/" + CODE];
const SHARED_SCHEMA = ["shared/schema.ts", "shared/schema/**/" + CODE];
const SHARED_SCHEMA_TESTS = ["shared/schema.test.ts", "shared/schema/**/*.test.ts"];

const sharedCommon = {
  globals: ENV_GLOBALS.map((g) => globalMsg(g, ENV_WHY)),
  properties: [MATH_RANDOM, ...viaGlobalObject(ENV_GLOBALS, ENV_WHY)],
};
const sharedClock = {
  globals: CLOCK_GLOBALS.map((g) => globalMsg(g, CLOCK_WHY)),
  properties: viaGlobalObject(CLOCK_GLOBALS, CLOCK_WHY),
};
/** Every top-level folder but shared/: what devkit/ must not import. */
const TOOL_DIRS = ["server", "client", "bots", "bench", "scripts", "e2e", "lab", "attack"];

const sharedImports = (colyseus) => [
  PHASER,
  colyseus,
  NODE_BUILTINS,
  fromDir("server"),
  fromDir("client"),
  fromDir("bots"),
];

export default defineConfig([
  globalIgnores(
    ["dist/", "node_modules/", "e2e/artifacts/", "bench/results/", ".vite/", "coverage/"],
    "tickfire/ignores",
  ),

  {
    name: "tickfire/base",
    files: [CODE],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // verbatimModuleSyntax requires `import type`; this makes it auto-fixable.
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // Plain JS files (this config, helper scripts) are not type-checked; give
    // no-undef the Node globals they may use.
    name: "tickfire/js-globals",
    files: ["**/*.{js,mjs,cjs}"],
    languageOptions: {
      globals: { process: "readonly", console: "readonly", URL: "readonly" },
    },
  },

  // ---- shared/: pure deterministic simulation ----
  area({
    name: "shared",
    files: SHARED_FILES,
    ignores: [...SHARED_SCHEMA, ...TESTS],
    imports: sharedImports(COLYSEUS_ANY),
    globals: [...sharedCommon.globals, ...sharedClock.globals],
    properties: [...sharedCommon.properties, ...sharedClock.properties],
    syntax: [NO_DYNAMIC_IMPORT],
  }),
  area({
    name: "shared-schema",
    files: SHARED_SCHEMA,
    ignores: TESTS,
    imports: sharedImports(COLYSEUS_BUT_SCHEMA),
    globals: [...sharedCommon.globals, ...sharedClock.globals],
    properties: [...sharedCommon.properties, ...sharedClock.properties],
    syntax: [NO_DYNAMIC_IMPORT],
  }),
  area({
    // Tests may use clocks/timers; everything else stays banned.
    name: "shared-tests",
    files: TESTS.map((t) => "shared/" + t),
    ignores: SHARED_SCHEMA_TESTS,
    imports: sharedImports(COLYSEUS_ANY),
    globals: sharedCommon.globals,
    properties: sharedCommon.properties,
  }),
  area({
    name: "shared-schema-tests",
    files: SHARED_SCHEMA_TESTS,
    imports: sharedImports(COLYSEUS_BUT_SCHEMA),
    globals: sharedCommon.globals,
    properties: sharedCommon.properties,
  }),

  // ---- client/ ----
  area({
    name: "client",
    files: ["client/**/" + CODE],
    ignores: ["client/net/**"],
    imports: [COLYSEUS_SDK, SERVER_ONLY_LIBS, fromDir("server"), fromDir("devkit")],
  }),
  area({
    name: "client-net",
    files: ["client/net/**/" + CODE],
    ignores: ["client/net/**/*.room.test.ts"],
    imports: [SERVER_ONLY_LIBS, fromDir("server"), fromDir("devkit")],
  }),
  // Room tests of client/net run the browser's session code against a real room booted
  // by the server's test harness: the one place a client file may reach into server/.
  area({
    name: "client-net-room-tests",
    files: ["client/net/**/*.room.test.ts"],
  }),

  // ---- bots/ ----
  area({
    name: "bots",
    files: ["bots/**/" + CODE],
    imports: [PHASER, fromDir("server")],
  }),

  // ---- server/ ----
  area({
    name: "server",
    files: ["server/**/" + CODE],
    ignores: ["server/testing/**", ...TESTS],
    imports: [PHASER, fromDir("client"), fromDir("devkit")],
  }),
  area({
    name: "server-testing",
    files: ["server/testing/**/" + CODE, ...TESTS.map((t) => "server/" + t)],
    imports: [PHASER, fromDir("client")],
  }),

  // ---- devkit/: shared dev helpers, a leaf ----
  area({
    name: "devkit",
    files: ["devkit/**/" + CODE],
    imports: [PHASER, { regex: "^@colyseus/", message: "devkit/ is game-agnostic: no Colyseus." }, ...TOOL_DIRS.map(fromDir)],
  }),

  // ---- bench/ and scripts/ ----
  area({
    name: "bench",
    files: ["bench/**/" + CODE],
    imports: [PHASER, fromDir("client"), fromDir("server/testing")],
  }),
  area({
    // The netcode probes play through the browser client's own netcode (client/net), so the
    // bench measures what players get; the rest of client/ (scenes, drawing) stays out.
    name: "bench-netcode",
    files: ["bench/netcode/**/" + CODE],
    imports: [PHASER, fromDir("server/testing"), {
      regex: "^(\\.\\./)+client/(?!net/)",
      message: "bench/netcode/ may use client/net/ only (the client's netcode, no scenes or drawing).",
    }],
  }),
  area({
    name: "scripts",
    files: ["scripts/**/" + CODE],
    imports: [PHASER, ...["client", "server/testing", "bots", "bench", "lab", "e2e", "attack"].map(fromDir)],
  }),

  // ---- everything else (e2e, lab, attack, root configs): erasable TS only ----
  area({
    name: "other",
    files: [CODE],
    ignores: ["shared/**", "client/**", "bots/**", "server/**", "devkit/**", "bench/**", "scripts/**"],
  }),
]);
