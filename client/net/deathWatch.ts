/**
 * Who killed me, with what hit, and when I am back: derived from the session's own `hit`
 * and `kill` events and the own player's hit points. No SDK, no clocks (callers pass
 * `now`, ms), so the death screen's facts are unit-tested.
 */
import { RESPAWN_SECONDS } from "../../shared/constants.ts";
import type { HitView, KillView } from "./sessionTypes.ts";

/** ms. The respawn shows up to this much before our own clock expects it (the death was
 *  learnt a one-way trip after it happened, the respawn likewise). */
const RESPAWN_EARLY_MS = 300;

export interface Death {
  /** the killer's sessionId, "" if they have left. */
  killerId: string;
  /** the killer's name as the kill message resolved it, "" until it arrives. */
  killerName: string;
  /** damage of the killing hit; null if only the kill message told us. */
  damage: number | null;
  /** ms, the caller's clock: when the death was learnt. */
  at: number;
  /** ms, the caller's clock: when the server respawns us (RESPAWN_SECONDS after the death). */
  respawnAt: number;
}

export class DeathWatch {
  private current: Death | null = null;
  /** the state has shown us dead since the death: the next hp > 0 is the respawn. */
  private seenDead = false;

  private readonly selfId: string;

  constructor(selfId: string) {
    this.selfId = selfId;
  }

  /** A hit that took our last hit point starts the death at once (the kill line waits for
   *  the interpolation delay). */
  onHit(h: HitView, now: number): void {
    if (h.target !== this.selfId || h.hp > 0 || this.current) return;
    this.start(h.shooter, "", h.damage, now);
  }

  onKill(k: KillView, now: number): void {
    if (k.victim !== this.selfId) return;
    const d = this.current;
    if (d && (d.killerId === k.killer || d.killerId === "")) {
      d.killerId ||= k.killer;
      d.killerName = k.killerName;
    } else if (!d) this.start(k.killer, k.killerName, null, now);
  }

  /** Call every frame with our hit points as the state has them; ends the death on
   *  respawn: alive again after the state showed us dead, or alive once the respawn is
   *  (nearly) due, should no frame have caught the state with us dead. */
  update(selfHp: number, now: number): void {
    if (!this.current) return;
    if (selfHp <= 0) this.seenDead = true;
    else if (this.seenDead || now >= this.current.respawnAt - RESPAWN_EARLY_MS) this.current = null;
  }

  get death(): Death | null {
    return this.current;
  }

  /** ms until the respawn (0 once due), or null while alive. */
  respawnInMs(now: number): number | null {
    return this.current ? Math.max(0, this.current.respawnAt - now) : null;
  }

  private start(killerId: string, killerName: string, damage: number | null, now: number): void {
    this.current = { killerId, killerName, damage, at: now, respawnAt: now + RESPAWN_SECONDS * 1000 };
    this.seenDead = false;
  }
}

/** The death panel's lines, e.g. ["ELIMINATED BY bob", "killing hit: 20 damage", "respawn in 1.4 s"]. */
export function deathLines(d: Death, killerName: string, respawnInMs: number): string[] {
  const name = killerName || d.killerName || "someone who left";
  const hit = d.damage === null ? "" : `killing hit: ${d.damage} damage`;
  const wait = respawnInMs > 0 ? `respawn in ${(Math.ceil(respawnInMs / 100) / 10).toFixed(1)} s` : "respawning…";
  return [`ELIMINATED BY ${name}`, hit, wait].filter((l) => l !== "");
}
