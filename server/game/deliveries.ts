import { Msg, type ChatOut, type HitOut, type KillOut, type RoundOut } from "../../shared/messages.ts";
import { standings, type SimEvent, type World } from "../../shared/sim/index.ts";
import { isBotId } from "./bot-crew.ts";

/** Who a message goes to: everyone, only the listed sessionIds, or everyone but one. */
export type Audience = "all" | { only: string[] } | { except: string };

/** A message to send, decided by a pure function and delivered by the room. */
export type Delivery =
  | { to: Audience; type: typeof Msg.chat; payload: ChatOut }
  | { to: Audience; type: typeof Msg.kill; payload: KillOut }
  | { to: Audience; type: typeof Msg.round; payload: RoundOut }
  | { to: Audience; type: typeof Msg.hit; payload: HitOut };

export function systemLine(text: string): ChatOut {
  return { kind: "system", from: "", to: "", text };
}

/**
 * Turns what the simulation reported this step into the messages players see. `slotOf`
 * gives a player's seat (NO_SLOT once gone): hits and kills name players by seat.
 */
export function eventsToDeliveries(events: readonly SimEvent[], world: World, names: ReadonlyMap<string, string>, slotOf: (id: string) => number): Delivery[] {
  const name = (id: string) => names.get(id) ?? "someone who left";
  const out: Delivery[] = [];
  for (const e of events) {
    switch (e.type) {
      case "hit":
        out.push({ to: { only: [e.shooter, e.target] }, type: Msg.hit, payload: { shooter: slotOf(e.shooter), target: slotOf(e.target), damage: e.damage, hp: e.hp } });
        break;
      case "kill":
        // The client writes the kill-feed line for this itself, from the seats' names.
        out.push({ to: "all", type: Msg.kill, payload: { killer: slotOf(e.killer), victim: slotOf(e.victim) } });
        break;
      case "roundEnd": {
        const rows = standings(world).map((p) => ({ name: name(p.id), kills: p.kills, deaths: p.deaths, bot: isBotId(p.id), shots: p.shots, hits: p.hits }));
        const winner = e.winner?.id ?? "";
        const winnerName = winner ? name(winner) : "";
        out.push({ to: "all", type: Msg.round, payload: { phase: "results", round: e.round, winner, winnerName, standings: rows } });
        const why = e.reason === "kills" ? "reached the kill limit" : "led when time ran out";
        out.push({ to: "all", type: Msg.chat, payload: systemLine(winner ? `Round ${e.round} over: ${winnerName} ${why}.` : `Round ${e.round} over.`) });
        break;
      }
      case "roundStart":
        if (e.round > 1) {
          out.push({ to: "all", type: Msg.round, payload: { phase: "playing", round: e.round, winner: "", winnerName: "", standings: [] } });
          out.push({ to: "all", type: Msg.chat, payload: systemLine(`Round ${e.round} begins. Fight!`) });
        }
        break;
      case "shot":
      case "respawn":
        break;
    }
  }
  return out;
}
