/**
 * The server's own bots, without sockets: each has a fight brain (shared/brains/) and,
 * once a step, a command decided from the world as it stands. ArenaGame seats them and
 * applies their commands through the same input credits and applyCommand as a human's;
 * this class only thinks for them.
 */
import type { ArenaMap } from "../../shared/maps/types.ts";
import { botSeed, createStrategy, type FightSkill } from "../../shared/brains/strategies.ts";
import type { BotView, SeenPlayer, Strategy } from "../../shared/brains/view.ts";
import { isShielded, type Command, type World } from "../../shared/sim/index.ts";
import type { SeatedBot } from "../rules/bot-fill.ts";

/** Bot ids carry a character Colyseus never puts in a sessionId, so they cannot collide. */
export const BOT_ID_PREFIX = "bot:";

export function isBotId(id: string): boolean {
  return id.startsWith(BOT_ID_PREFIX);
}

/** Steps of the wire's 16-bit aim angle: a bot aims no finer than a client can send. */
const AIM_STEPS = 2 ** 16;
const TAU = Math.PI * 2;

/** A buffer of inputs as the game reads a client's (see ArenaGame's PendingInputs). */
export type BotInputs = Command[] & { renderTime: number };

interface CrewBot {
  brain: Strategy;
  order: number;
  /** this step's command, applied at most once (the credits' `break` may leave it). */
  inputs: BotInputs;
}

export class BotCrew {
  private readonly bots = new Map<string, CrewBot>();
  private enlisted = 0;
  private readonly skill: FightSkill;
  private readonly seed: number;
  private readonly tickHz: number;
  private readonly map: ArenaMap;

  constructor(skill: FightSkill, seed: number, tickHz: number, map: ArenaMap) {
    this.skill = skill;
    this.seed = seed;
    this.tickHz = tickHz;
    this.map = map;
  }

  get size(): number {
    return this.bots.size;
  }

  has(id: string): boolean {
    return this.bots.has(id);
  }

  /** A new bot's id, with a brain of its own seeded from the room's seed. */
  enlist(): string {
    const order = this.enlisted++;
    const id = `${BOT_ID_PREFIX}${order}`;
    const brain = createStrategy("fight", botSeed(this.seed, order), { tickHz: this.tickHz, map: this.map, skill: this.skill });
    this.bots.set(id, { brain, order, inputs: Object.assign([], { renderTime: 0 }) });
    return id;
  }

  dismiss(id: string): void {
    this.bots.delete(id);
  }

  /** The bots as the fill rules weigh them, kills read from the world. */
  seated(world: World): SeatedBot[] {
    return [...this.bots].map(([id, b]) => ({ id, kills: world.players.get(id)?.kills ?? 0, order: b.order }));
  }

  /**
   * Every bot's command for the coming step, from the world as a client would see it in
   * its state: the players in play (away ones are not drawn), their hp and shields.
   */
  decide(world: World, nowMs: number): void {
    if (this.bots.size === 0) return;
    const players: SeenPlayer[] = [];
    for (const p of world.players.values()) {
      if (!p.away) players.push({ id: p.id, x: p.x, y: p.y, hp: p.hp, shielded: isShielded(world, p) });
    }
    for (const [id, bot] of this.bots) {
      const view: BotView = { selfId: id, self: players.find((p) => p.id === id) ?? null, players, phase: world.round.phase };
      const cmd = bot.brain.decide(view);
      cmd.aim = (Math.round((cmd.aim / TAU) * AIM_STEPS) % AIM_STEPS) * (TAU / AIM_STEPS);
      // Stamped "now": a bot sees the live world, so no shot of its is rewound.
      bot.inputs.length = 0;
      bot.inputs.push(cmd);
      bot.inputs.renderTime = nowMs;
    }
  }

  /** Bot `id`'s inputs for this step, as the game reads a client's buffer; undefined for a human. */
  inputsOf(id: string): BotInputs | undefined {
    return this.bots.get(id)?.inputs;
  }
}
