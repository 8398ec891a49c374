import { describe, expect, it } from "vitest";
import { ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH } from "../../shared/constants.ts";
import { MARKS_PER_BASE_MAX } from "../../shared/constants.ts";
import { SYSTEM_TAG_ERROR, decideChat } from "./chat.ts";
import { InputCredits } from "../../shared/sim/index.ts";
import { SlidingWindowLimiter } from "./rate-limit.ts";
import { makeRoomCode, roomIdForCode } from "./room-code.ts";
import { lowestFreeSeat } from "./seats.ts";

const roster = { names: new Map([["s1", "alice"], ["s2", "Bob"], ["s3", "bob"], ["s4", "bob smith"], ["s5", "Zed"], ["s6", "zed"]]) };

describe("chat decisions", () => {
  it("plain text goes to everyone, cleaned", () => {
    expect(decideChat("s1", "  hello\u0007   world ", roster)).toEqual({ kind: "all", text: "hello world" });
  });

  it("whispers find the recipient by name, exact case first, longest name wins", () => {
    expect(decideChat("s1", "/w Bob hi there", roster)).toEqual({ kind: "whisper", targetId: "s2", text: "hi there" });
    expect(decideChat("s1", "/w bob hi", roster)).toEqual({ kind: "whisper", targetId: "s3", text: "hi" });
    expect(decideChat("s1", "/whisper bob smith yo", roster)).toEqual({ kind: "whisper", targetId: "s4", text: "yo" });
    expect(decideChat("s2", "/W ALICE psst", roster)).toEqual({ kind: "whisper", targetId: "s1", text: "psst" });
  });

  it("unknown, ambiguous, self and empty whispers are errors for the sender", () => {
    expect(decideChat("s1", "/w nobody hi", roster)).toMatchObject({ kind: "error", text: expect.stringContaining("No player named \"nobody\"") });
    expect(decideChat("s1", "/w ZED hi", roster)).toMatchObject({ kind: "error", text: expect.stringContaining("matches") });
    expect(decideChat("s1", "/w alice hi", roster)).toMatchObject({ kind: "error", text: expect.stringContaining("yourself") });
    expect(decideChat("s1", "/w Bob   ", roster)).toMatchObject({ kind: "error" });
    expect(decideChat("s1", "/dance", roster)).toMatchObject({ kind: "error", text: expect.stringContaining("Unknown command") });
    expect(decideChat("s1", " \n ", roster)).toMatchObject({ kind: "error" });
  });

  it("a line cannot pose as a system line, wherever the tag sits and however it is spelt", () => {
    const refused = { kind: "error", text: SYSTEM_TAG_ERROR };
    expect(decideChat("s1", "[system] Bob was banned", roster)).toEqual(refused);
    expect(decideChat("s1", "(Server) restarting now", roster)).toEqual(refused);
    expect(decideChat("s1", "［ＳＹＳＴＥＭ］ hi", roster)).toEqual(refused); // fullwidth
    expect(decideChat("s1", "[ѕуѕтем] hi", roster)).toEqual(refused); // Cyrillic look-alikes
    expect(decideChat("s1", "[sys\u200Btem] hi", roster)).toEqual(refused); // hidden zero-width space
    expect(decideChat("s1", `${"word ".repeat(30)}[admin] wrapped onto its own row`, roster)).toEqual(refused);
    expect(decideChat("s1", "/w Bob [system] you are muted", roster)).toEqual(refused);
    // ordinary brackets and the bare words are fine
    expect(decideChat("s1", "gg (all of you) [ABC] system down?", roster)).toEqual({ kind: "all", text: "gg (all of you) [ABC] system down?" });
  });

  it("keeps emoji and joiners, drops bidi overrides and caps stacked marks", () => {
    expect(decideChat("s1", "go 👩\u200D🚀 می\u200Cخواهم", roster)).toEqual({ kind: "all", text: "go 👩\u200D🚀 می\u200Cخواهم" });
    expect(decideChat("s1", "abc\u202Eevil\u2066", roster)).toEqual({ kind: "all", text: "abcevil" });
    expect(decideChat("s1", "hi\u2800\u2800\u2800\u3164there", roster)).toEqual({ kind: "all", text: "hi there" });
    const zalgo = decideChat("s1", "h" + "\u0334\u0335\u0336".repeat(60) + "i", roster);
    expect(zalgo.kind).toBe("all");
    expect(zalgo.kind === "all" && zalgo.text.normalize("NFD")).toBe("h" + "\u0334\u0335\u0336".slice(0, MARKS_PER_BASE_MAX) + "i");
  });

  it("a whisper reaches a look-alike name nobody can type", () => {
    const mixed = { names: new Map([["s1", "alice"], ["s7", "\u0410dmin#2"], ["s8", "Admin"]]) };
    expect(decideChat("s1", "/w admin#2 hi", mixed)).toEqual({ kind: "whisper", targetId: "s7", text: "hi" });
    expect(decideChat("s1", "/w admin hi", mixed)).toEqual({ kind: "whisper", targetId: "s8", text: "hi" });
    expect(decideChat("s1", "/w ADM1N#2 two words", mixed)).toEqual({ kind: "whisper", targetId: "s7", text: "two words" });
  });
});

describe("limits", () => {
  it("the chat limiter allows a burst per window and then recovers", () => {
    const lim = new SlidingWindowLimiter(5, 5000);
    const results = Array.from({ length: 7 }, (_, i) => lim.tryTake("a", i * 100));
    expect(results).toEqual([true, true, true, true, true, false, false]);
    expect(lim.tryTake("b", 700)).toBe(true); // per key
    expect(lim.tryTake("a", 5001)).toBe(true); // the first hit aged out
  });

  it("input credits: one per tick, banked up to the max", () => {
    const credits = new InputCredits(3);
    expect(credits.grant("a")).toBe(1);
    credits.spend("a", 1);
    expect(credits.grant("a")).toBe(1);
    // idle for a while: the bank fills to 3 and no further
    for (let i = 0; i < 10; i++) credits.grant("a");
    expect(credits.grant("a")).toBe(3);
    credits.spend("a", 3);
    expect(credits.grant("a")).toBe(1);
  });

  it("a burst after a stall is applied at once: no lag stays queued", () => {
    const credits = new InputCredits(8);
    let queued = 0;
    for (let tick = 0; tick < 200; tick++) {
      // one input per tick, except a 4-tick stall at tick 100 followed by a 5-input burst
      if (tick < 100 || tick > 104) queued += 1;
      else if (tick === 104) queued += 5;
      const used = Math.min(credits.grant("a"), queued);
      credits.spend("a", used);
      queued -= used;
      if (tick >= 104) expect(queued).toBe(0);
    }
  });

  it("a client flooding inputs gets one per tick on average", () => {
    const credits = new InputCredits(3);
    let applied = 0;
    for (let tick = 0; tick < 300; tick++) {
      const allowed = credits.grant("cheat");
      const used = Math.min(allowed, 5); // 5 inputs waiting every tick
      credits.spend("cheat", used);
      applied += used;
    }
    expect(applied).toBe(300);
  });
});

describe("room codes", () => {
  it("are short and drawn from the unambiguous alphabet", () => {
    let i = 0;
    const code = makeRoomCode((n) => (i++ * 7) % n);
    expect(code).toHaveLength(ROOM_CODE_LENGTH);
    expect([...code].every((c) => ROOM_CODE_ALPHABET.includes(c))).toBe(true);
  });

  it("are read in any case; other room ids are left as they are", () => {
    expect(roomIdForCode("ab3xk")).toBe("AB3XK");
    expect(roomIdForCode("Ab3Xk")).toBe("AB3XK");
    expect(roomIdForCode("AB3XK")).toBe("AB3XK");
    // a public room's id (Colyseus' own, 9 characters, case-sensitive) and non-codes
    expect(roomIdForCode("aB3dE_fG9")).toBe("aB3dE_fG9");
    expect(roomIdForCode("ab0xk")).toBe("ab0xk");
    expect(roomIdForCode("abcd")).toBe("abcd");
  });
});

describe("seats", () => {
  it("hands out the lowest free seat, reusing a seat once it is free", () => {
    expect(lowestFreeSeat([])).toBe(0);
    expect(lowestFreeSeat([0, 1, 3])).toBe(2);
    expect(lowestFreeSeat([1, 2])).toBe(0);
  });
});
