/**
 * Lag compensation for projectiles, between Colyseus' Rewind (the recorded history of
 * every player's synced x/y) and the pure sim (which only asks "where did the shooter see
 * this target, lagMs ago?"). See docs/netcode.md for the trade-off.
 */
import type { Rewind, Room } from "@colyseus/core";
import type { ArenaState, PlayerState } from "../../shared/schema.ts";
import type { SeenPosition, SimPlayer } from "../../shared/sim/index.ts";

/**
 * How far in the past a shooter saw the others when it sent an input: the room's clock
 * now minus the render time the SDK stamped on that input, clamped to [0, maxRewindMs].
 * A claim older than the bound is clamped to it, never rewound further. 0 when the
 * input carries no stamp yet (clock not synced) or compensation is off (bound 0).
 */
export function viewLagMs(nowMs: number, renderTimeMs: number, maxRewindMs: number): number {
  if (maxRewindMs <= 0 || !(renderTimeMs > 0)) return 0;
  return Math.min(maxRewindMs, Math.max(0, nowMs - renderTimeMs));
}

/**
 * Turns lag compensation on for a room when `maxRewindMs` > 0: the room records what each
 * patch carried of its players' x/y (clients then stamp inputs with their render time), and
 * the answer reads that history back for the sim. Null when compensation is off.
 */
export function compensateLag(room: Room, players: ArenaState["players"], maxRewindMs: number): SeenPosition | null {
  if (maxRewindMs <= 0) return null;
  const rewind = room.allowRewindState({ maxRewindMs });
  rewind.attachAll(players, { fields: ["x", "y"] });
  return rewoundPositions(rewind, (id) => players.get(id), () => room.clock.elapsedTime);
}

/**
 * A SeenPosition reading the Rewind history at `nowOf() - lagMs`. Built once per room; the
 * answer object is reused (the sim reads it at once). A player with no synced state reads
 * live.
 */
export function rewoundPositions(rewind: Rewind, stateOf: (id: string) => PlayerState | undefined, nowOf: () => number): SeenPosition {
  const out = { x: 0, y: 0 };
  return (target: SimPlayer, lagMs: number) => {
    const s = stateOf(target.id);
    if (!s) return target;
    const view = rewind.at(nowOf() - lagMs);
    out.x = view.value(s, "x");
    out.y = view.value(s, "y");
    return out;
  };
}
