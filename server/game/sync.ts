import { PlayerState, ProjectileState, type ArenaState } from "../../shared/schema.ts";
import { isShielded, phaseSecondsLeft, type World } from "../../shared/sim/index.ts";

/**
 * Mirrors the simulation's plain data into the schema state. Schema 5 only encodes
 * fields whose value changed, so copying unchanged values costs nothing on the wire.
 * `nowMs` is the room clock the SDK's serverNow() tracks; it stamps new projectiles.
 */
export function syncState(world: World, state: ArenaState, nowMs: number, slotOf: (id: string) => number): void {
  for (const p of world.players.values()) {
    const s = state.players.get(p.id);
    if (!s) continue;
    s.x = p.x;
    s.y = p.y;
    s.aim = p.aim;
    s.hp = p.hp;
    s.kills = p.kills;
    s.deaths = p.deaths;
    s.shielded = isShielded(world, p);
    s.away = p.away;
  }

  // `slotOf` maps a shooter's id to its seat (NO_SLOT once it has left).
  const live = new Set<string>();
  for (const proj of world.projectiles) {
    const key = String(proj.id);
    live.add(key);
    if (state.projectiles.has(key)) continue;
    const ticksAgo = world.tick - proj.spawnTick;
    state.projectiles.set(
      key,
      new ProjectileState({
        ownerSlot: slotOf(proj.owner),
        x0: proj.x0,
        y0: proj.y0,
        angle: proj.angle,
        bornMs: Math.max(0, Math.round(nowMs - (ticksAgo * 1000) / world.rules.tickHz)),
      }),
    );
  }
  for (const key of state.projectiles.keys()) {
    if (!live.has(key)) state.projectiles.delete(key);
  }

  state.phase = world.round.phase;
  state.round = world.round.number;
  state.timeLeft = phaseSecondsLeft(world);
  state.killLimit = world.rules.killLimit;
  state.winner = world.round.winner?.id ?? "";
}

export function newPlayerState(name: string, color: number, slot: number, bot = false): InstanceType<typeof PlayerState> {
  return new PlayerState({ name, color, slot, bot });
}
