/**
 * Node/V8 flags every Tickfire server process is started with (package.json's start and
 * server scripts repeat them, as npm scripts cannot import).
 *
 * --max-semi-space-size=16 (MB): V8's default young generation grows to 64 MB semi-spaces
 * under the game's allocation rate and never gives the pages back, and old space then
 * fills with garbage to ~90 MB before a full GC; RSS ratchets up with each peak. At 16 MB
 * the soak's RSS stayed flat (177 MB at 1 min, 172 MB at 7 min, 256 bots) with tick p99
 * 0.4-0.5 ms, against 253 -> 317 MB with the default. Old-space peaks still ratchet it
 * (one at minute 19 of the 30-minute soak: 201 -> 258 MB; see bench/results/soak.md).
 */
export const SERVER_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=16"];
