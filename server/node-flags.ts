/**
 * Node/V8 flags every Tickfire server process is started with (package.json's start and
 * server scripts repeat them, as npm scripts cannot import).
 *
 * --max-semi-space-size=16 (MB): V8's default young generation grows to 64 MB semi-spaces
 * under the game's allocation rate and keeps the pages, so RSS ratchets up; 16 MB stops that
 * ratchet (old-space peaks can still raise RSS). The soak figures behind this, with their
 * dates: docs/hosting.md, Soak.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=16"];
