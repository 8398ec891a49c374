/**
 * The shots a session draws: every projectile in the state, flown from its spawn, plus
 * your own shots from the moment you click (predicted spawns). The SDK's PredictedSpawns
 * store pairs each predicted shot with the server's projectile of the same aim, or drops
 * it when none comes within its RTT-based timeout.
 */
import { Callbacks, type Room } from "@colyseus/sdk";
import { PredictedSpawns } from "@colyseus/sdk/predict";
import { ARENA_MAP } from "../../shared/maps/arena.ts";
import type { ArenaState, ProjectileState } from "../../shared/schema.ts";
import { muzzleBlocked } from "../../shared/sim/index.ts";
import { makeFlight } from "./flight.ts";
import { ShotTracker, type EndedShot, type LiveShot } from "./shots.ts";

/** A predicted shot, until the server's projectile confirms it. */
interface LocalShot {
  angle: number;
  bornMs: number;
}

/** ShotTracker key of predicted shot `id` (server shots use their state key). */
const localShotId = (id: number) => `local-${id}`;
/** rad. Two aims this close are the same shot: 16-bit angles step 2π/65536 ≈ 0.0001. */
const SAME_AIM_RAD = 0.001;

const angleGap = (a: number, b: number) => Math.abs(Math.atan2(Math.sin(a - b), Math.cos(a - b)));

export interface ShotOwners {
  selfId: string;
  /** the local player's seat, once it is in the state. */
  selfSlot: () => number | undefined;
  /** sessionId in a seat, "" for a player who has left. */
  idOfSlot: (slot: number) => string;
  /** someone else's shot entered the state (for its sound): owner, muzzle, server time fired. */
  onRemoteShot?: (owner: string, x: number, y: number, bornMs: number) => void;
}

export class SessionShots {
  private readonly tracker = new ShotTracker();
  private readonly spawns: PredictedSpawns<ProjectileState, LocalShot>;
  private readonly owners: ShotOwners;

  constructor(room: Room<unknown, ArenaState>, owners: ShotOwners) {
    this.owners = owners;
    const cb = Callbacks.get(room);
    this.spawns = new PredictedSpawns<ProjectileState, LocalShot>(
      {
        owned: (p) => p.ownerSlot === owners.selfSlot(),
        // the same aim, up to the wire's 16-bit angle: a mispredicted shot cannot pair
        correlate: (local, server) => angleGap(server.angle, local.angle) < SAME_AIM_RAD,
        spawnTime: (p) => p.bornMs,
        onReject: (_local, id) => this.tracker.drop(localShotId(id)),
      },
      room.clock,
    );
    this.spawns.attach((storeAdd, storeRemove) => {
      const offAdd = cb.onAdd("projectiles", (p, key) => {
        storeAdd(p, key);
        this.onServerShot(p, String(key));
      });
      const offRemove = cb.onRemove("projectiles", (p, key) => {
        storeRemove(p, key);
        this.tracker.remove(String(key), room.clock.lastServerTime());
      });
      return () => {
        offAdd();
        offRemove();
      };
    });
  }

  /** Your weapon fired on a live (not replayed) step, from (x, y) at server time `bornMs`. */
  predict(x: number, y: number, aim: number, bornMs: number): void {
    const flight = makeFlight(ARENA_MAP, x, y, aim, bornMs);
    // The server spawns no shot from a muzzle inside a wall (spawnProjectile): nor do we.
    if (muzzleBlocked(flight.maxDist)) return;
    const local = this.spawns.spawn({ angle: aim, bornMs });
    this.tracker.add(localShotId(local.id), this.owners.selfId, true, aim, flight, true);
  }

  /** Once per frame: forget predictions the server never confirmed. */
  prune(): void {
    this.spawns.prune();
  }

  /** Shots at `ownNowMs` (yours) / `otherNowMs` (others'), and the ones that ended. */
  update(ownNowMs: number, otherNowMs: number, live: LiveShot[], ended: EndedShot[]): void {
    this.tracker.update(ownNowMs, otherNowMs, live, ended);
  }

  dispose(): void {
    this.spawns.dispose();
    this.tracker.clear();
  }

  /** A projectile arrived in the state: ours (confirming a prediction) or anyone's. */
  private onServerShot(p: ProjectileState, key: string): void {
    const flight = makeFlight(ARENA_MAP, p.x0, p.y0, p.angle, p.bornMs);
    const entry = this.spawns.entryFor(p);
    if (entry?.local && this.tracker.confirm(localShotId(entry.id), key, flight)) return;
    const owner = this.owners.idOfSlot(p.ownerSlot);
    this.tracker.add(key, owner, owner === this.owners.selfId, p.angle, flight);
    if (owner !== this.owners.selfId) this.owners.onRemoteShot?.(owner, p.x0, p.y0, p.bornMs);
  }
}
