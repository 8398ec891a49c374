import { MAX_HP, PLAYER_WEAPON, RESPAWN_SECONDS, SPAWN_SHIELD_SECONDS, WEAPONS } from "../constants.ts";
import type { ArenaMap } from "../maps/types.ts";
import { createRng } from "../random.ts";
import { movePlayer } from "./movement.ts";
import { advanceProjectiles, spawnProjectile } from "./projectiles.ts";
import { beginRound, endRound, secondsToTicks } from "./round.ts";
import { safestSpawn } from "./spawn.ts";
import type { Command, Rules, SimEvent, SimPlayer, World, SeenPosition } from "./types.ts";
import { pullTrigger } from "./weapons.ts";

export function createWorld(map: ArenaMap, rules: Rules, seed: number): World {
  const world: World = {
    tick: 0,
    map,
    rules,
    rng: createRng(seed),
    players: new Map(),
    projectiles: [],
    nextProjectileId: 1,
    round: { phase: "playing", number: 0, endTick: 0, winner: null },
    events: [],
  };
  beginRound(world);
  return world;
}

export function addPlayer(world: World, id: string): SimPlayer {
  if (world.players.has(id)) throw new Error(`player ${id} is already in the world`);
  const p: SimPlayer = {
    id,
    x: 0,
    y: 0,
    hp: 0,
    aim: 0,
    kills: 0,
    deaths: 0,
    respawnTick: -1,
    shieldUntilTick: 0,
    weapon: PLAYER_WEAPON,
    cooldown: 0,
    away: false,
    shots: 0,
    hits: 0,
  };
  world.players.set(id, p);
  respawn(world, p);
  return p;
}

/** A player's connection dropped (away) or came back; see SimPlayer.away. */
export function setAway(world: World, id: string, away: boolean): void {
  const p = world.players.get(id);
  if (p) p.away = away;
}

export function removePlayer(world: World, id: string): void {
  world.players.delete(id);
}

/**
 * Applies one player's command for one fixed step: aim, movement, and firing.
 * The server calls this once per input it consumes; movement and the trigger inside are
 * the same movePlayer and pullTrigger the client predicts with. `lagMs`: how far behind the player saw the
 * others when it sent this command (see SimProjectile.lagMs).
 */
export function applyCommand(world: World, p: SimPlayer, cmd: Command, lagMs = 0): void {
  const dt = 1 / world.rules.tickHz;
  if (p.hp <= 0 || p.away) return;
  p.aim = cmd.aim;
  movePlayer(p, cmd, dt, world.map);
  if (pullTrigger(p, dt, cmd.fire && world.round.phase === "playing", WEAPONS[p.weapon])) {
    // Firing ends spawn protection: a protected player may run, not fight.
    p.shieldUntilTick = Math.min(p.shieldUntilTick, world.tick);
    p.shots += 1;
    spawnProjectile(world, p, cmd.aim, lagMs);
  }
}

/**
 * Advances everything that is not driven by a command: shots, deaths, respawns, the clock.
 * `seen` rewinds targets for lag-compensated shots; without it every shot tests live.
 */
export function stepWorld(world: World, seen?: SeenPosition): void {
  const dt = 1 / world.rules.tickHz;
  const hits = advanceProjectiles(world, dt, seen);
  for (const { projectile, target } of hits) {
    if (target.hp <= 0) continue; // two shots in one step: the first one killed
    const { damage } = WEAPONS[projectile.weapon];
    target.hp = Math.max(0, target.hp - damage);
    const shooter = world.players.get(projectile.owner);
    if (shooter) shooter.hits += 1;
    world.events.push({ type: "hit", target: target.id, shooter: projectile.owner, damage, hp: target.hp });
    if (target.hp === 0) kill(world, target, projectile.owner);
  }
  for (const p of world.players.values()) {
    if (p.hp <= 0 && p.respawnTick >= 0 && world.tick >= p.respawnTick) respawn(world, p);
  }
  world.tick += 1;
  if (world.round.phase === "playing" && world.tick >= world.round.endTick) endRound(world, "time");
  else if (world.round.phase === "results" && world.tick >= world.round.endTick) {
    beginRound(world);
    for (const p of world.players.values()) respawn(world, p);
  }
}

export function drainEvents(world: World): SimEvent[] {
  const out = world.events;
  world.events = [];
  return out;
}

function kill(world: World, victim: SimPlayer, killerId: string): void {
  victim.deaths += 1;
  victim.respawnTick = world.tick + secondsToTicks(world, RESPAWN_SECONDS);
  const killer = world.players.get(killerId);
  if (killer) killer.kills += 1;
  world.events.push({ type: "kill", killer: killerId, victim: victim.id });
  if (killer && world.round.phase === "playing" && killer.kills >= world.rules.killLimit) endRound(world, "kills");
}

function respawn(world: World, p: SimPlayer): void {
  const at = safestSpawn(world, p.id);
  p.x = at.x;
  p.y = at.y;
  p.hp = MAX_HP;
  p.respawnTick = -1;
  p.cooldown = 0;
  p.shieldUntilTick = world.tick + secondsToTicks(world, SPAWN_SHIELD_SECONDS);
  world.events.push({ type: "respawn", id: p.id });
}
