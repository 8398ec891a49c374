/**
 * `npm run attack -- [options]`: hostile traffic against a Tickfire server on this machine,
 * then a table of how the server held up. See --help and docs/security.md.
 * Exit codes: 0 every attack passed, 1 one failed or the server cannot be reached,
 * 2 bad usage or a --url that is not this machine (without --i-own-this-server).
 */
import { commandLine } from "../shared/cli.ts";
import { attackCli, parseAttackArgs } from "./options.ts";
import { ATTACK_NAMES, formatProblems, formatTable, runAttacks } from "./run.ts";
import { healthzMs } from "./health.ts";

export async function main(argv: string[]): Promise<number> {
  const options = commandLine("attack", attackCli(ATTACK_NAMES), () => parseAttackArgs(argv, ATTACK_NAMES), console);
  if (typeof options === "number") return options;
  const base = new URL(options.url);
  const first = await healthzMs(base);
  if (first.ms === null) {
    console.error(`attack: ${options.url}/healthz answered ${first.status || "nothing"}; start the server first (npm start)`);
    return 1;
  }

  // progress goes to stderr, so stdout carries the table (or the JSON) alone
  const started = new Date();
  const { baseline, reports } = await runAttacks({ ...options, log: (line) => console.error(line) });
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ url: options.url, started: started.toISOString(), baseline, reports })}\n`);
  } else {
    console.log(`Tickfire attack run against ${options.url}, ${started.toISOString()}\n`);
    console.log(formatTable(reports));
    const problems = formatProblems(reports);
    if (problems) console.log(`\n${problems}`);
  }
  return reports.every((r) => r.verdict === "PASS") ? 0 : 1;
}

// exit explicitly: keep-alive sockets of the SDK and the probes would hold the process
if (import.meta.main) process.exit(await main(process.argv.slice(2)));
