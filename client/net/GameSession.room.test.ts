/**
 * The browser's GameSession (no Phaser in it) against a real room: one-shot effects of a
 * predicted shot fire once per real shot, and every predicted shot is paired with the
 * server's projectile instead of being drawn twice.
 */
import type { ColyseusTestServer } from "@colyseus/testing";
import type { Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOM_NAME } from "../../shared/constants.ts";
import { InputCommand, type ArenaState } from "../../shared/schema.ts";
import type { ArenaRoom } from "../../server/rooms/ArenaRoom.ts";
import { bootGame, until } from "../../server/testing/room-harness.ts";
import { GameSession, type EndedShot, type LiveShot } from "./GameSession.ts";

let colyseus: ColyseusTestServer;
beforeAll(async () => {
  colyseus = await bootGame();
});
afterAll(async () => colyseus.shutdown());

describe("GameSession against a real room", () => {
  it("fires each predicted shot once and pairs it with the server's projectile", async () => {
    const room = await colyseus.createRoom<ArenaRoom>(ROOM_NAME, {});
    const client = (await colyseus.connectTo(room, { name: "ann" })) as unknown as Room<unknown, ArenaState>;
    const session = new GameSession(client, "quick");
    await until("own player", () => session.self());
    Object.assign(room.world.players.get(client.sessionId)!, { x: 700, y: 300, shieldUntilTick: 0 });
    await until("the move reached the client", () => client.state.players.get(client.sessionId)?.x === 700);

    let fired = 0;
    let shotEvents = 0;
    session.events.on("fired", () => fired++);
    session.events.on("shot", () => shotEvents++);
    const firstServerShot = room.world.nextProjectileId;
    const live: LiveShot[] = [];
    const ended: EndedShot[] = [];
    let closestPair = Infinity;
    const idsSeen = new Set<string>();
    const frameUntil = (ms: number, fire: boolean) =>
      new Promise<void>((resolve) => {
        const stopAt = performance.now() + ms;
        const timer = setInterval(() => {
          session.frame(performance.now(), () => ({ moveX: 0, moveY: 0, aim: 0, fire }));
          session.updateShots(live, ended);
          const own = live.filter((s) => s.own).map((s) => s.x).sort((a, b) => a - b);
          for (const s of live) idsSeen.add(s.id);
          for (let i = 1; i < own.length; i++) closestPair = Math.min(closestPair, own[i]! - own[i - 1]!);
          if (performance.now() >= stopAt) {
            clearInterval(timer);
            resolve();
          }
        }, 16);
      });
    await frameUntil(500, false); // play a little: the prediction adopts the teleport
    await frameUntil(1600, true); // about six shots at one per 0.25 s
    await frameUntil(600, false); // let the last ones be confirmed and land

    const serverShots = room.world.nextProjectileId - firstServerShot;
    // 2.7 s on loopback: the delay adapted down from 100 ms toward 2 patch intervals, and
    // every lerp profile (remote x/y/hp and aim) draws at it, not just the default one
    expect(session.interp.delayMs).toBeLessThan(100);
    expect(session.remoteDelaysMs().length).toBeGreaterThanOrEqual(2);
    for (const d of session.remoteDelaysMs()) expect(d).toBe(session.interp.delayMs);
    // hp is reconciled too, but a shot fired from a standing player corrects nothing
    expect(session.corrections.reconciles).toBeGreaterThan(10);
    expect(session.corrections.corrections).toBe(0);
    expect(serverShots).toBeGreaterThanOrEqual(5);
    expect(fired).toBe(serverShots); // the muzzle flash: once per real shot, never on replays
    expect(shotEvents).toBe(0); // "shot" is for others' shots: one's own is "fired"
    // shots fired 0.25 s apart fly 225 units apart; a shot drawn twice (prediction plus an
    // unpaired server copy) would sit a round trip's flight behind its twin
    expect(closestPair).toBeGreaterThan(150);
    // predicted shots were drawn at once, then carried on under the server's key
    expect([...idsSeen].some((id) => id.startsWith("local-"))).toBe(true);
    expect([...idsSeen].filter((id) => !id.startsWith("local-")).length).toBe(serverShots);
    await session.leave();
  });

  it("announces another player's shots (for their sound): owner, muzzle, and when they are drawn", async () => {
    const room = await colyseus.createRoom<ArenaRoom>(ROOM_NAME, {});
    const ann = (await colyseus.connectTo(room, { name: "ann" })) as unknown as Room<unknown, ArenaState>;
    const bob = (await colyseus.connectTo(room, { name: "bob" })) as unknown as Room<unknown, ArenaState>;
    bob.onMessage("*", () => {});
    const session = new GameSession(ann, "quick");
    await until("own player", () => session.self());
    Object.assign(room.world.players.get(bob.sessionId)!, { x: 700, y: 300, shieldUntilTick: 0 });
    const shots: { owner: string; x: number; y: number; drawnInMs: number }[] = [];
    session.events.on("shot", (owner, x, y, drawnInMs) => shots.push({ owner, x, y, drawnInMs }));
    const input = bob.input({ type: InputCommand, mode: "reliable" });
    const timer = setInterval(() => {
      session.frame(performance.now(), () => ({ moveX: 0, moveY: 0, aim: 0, fire: false }));
      input.data.fire = true;
      input.send();
    }, 16);
    try {
      await until("two of bob's shots announced", () => shots.length >= 2);
    } finally {
      clearInterval(timer);
    }
    for (const s of shots) {
      expect(s.owner).toBe(bob.sessionId);
      // fired from bob's gun, near where he stands
      expect(Math.hypot(s.x - 700, s.y - 300)).toBeLessThan(60);
      // remote shots are drawn in the past: each arrives ahead of its drawing, by no more
      // than the interpolation delay plus a patch or so
      expect(s.drawnInMs).toBeGreaterThan(-50);
      expect(s.drawnInMs).toBeLessThan(session.interp.delayMs + 150);
    }
    await session.leave();
    await bob.leave();
  });
});
