import { describe, expect, it } from "vitest";
import { ROOM_CODE_LENGTH } from "./constants.ts";
import { ROOM_CODE_PROBLEM, inviteCode, inviteLink, normalizeRoomCode, roomCodeProblem } from "./room-code.ts";

describe("room codes typed or pasted", () => {
  it("a code in any case, with spaces or dashes, names the room", () => {
    expect(normalizeRoomCode(" ab-c d2 ")).toBe("ABCD2");
    expect(roomCodeProblem(normalizeRoomCode("ab-cd2"))).toBeNull();
  });

  it("a wrong-length code says how long codes are and how long it was", () => {
    expect(ROOM_CODE_LENGTH).toBe(5);
    expect(roomCodeProblem("ABCD")).toBe(`${ROOM_CODE_PROBLEM.length}; that one has 4.`);
    expect(roomCodeProblem("ABCDEFG")).toBe(`${ROOM_CODE_PROBLEM.length}; that one has 7.`);
    expect(roomCodeProblem("")).toBe(ROOM_CODE_PROBLEM.empty);
  });

  it("letters codes never use are named", () => {
    expect(roomCodeProblem("ABCD0")).toBe(ROOM_CODE_PROBLEM.letters);
    expect(roomCodeProblem("ABCDI")).toBe(ROOM_CODE_PROBLEM.letters);
    expect(roomCodeProblem("ABC!D")).toBe(ROOM_CODE_PROBLEM.letters);
  });

  it("a paste of a whole page is cut before it is checked", () => {
    expect(normalizeRoomCode("x".repeat(10_000)).length).toBeLessThanOrEqual(ROOM_CODE_LENGTH * 4);
  });
});

describe("invite links", () => {
  it("the page's address with ?room=CODE and nothing else of the old query", () => {
    expect(inviteLink("http://127.0.0.1:2567/?room=OLD12#x", "ABCDE")).toBe("http://127.0.0.1:2567/?room=ABCDE");
    expect(inviteLink("https://play.example/tickfire/", "ABCDE")).toBe("https://play.example/tickfire/?room=ABCDE");
  });

  it("keeps ?server= so the friend reaches the same server", () => {
    expect(inviteLink("http://localhost:5173/?server=10.0.0.5:2567", "ABCDE")).toBe("http://localhost:5173/?server=10.0.0.5%3A2567&room=ABCDE");
  });

  it("reads the code back from the link", () => {
    expect(inviteCode("?room=abcde")).toBe("ABCDE");
    expect(inviteCode("?server=x")).toBe("");
    expect(inviteCode(new URL(inviteLink("http://h/", "XYZ23")).search)).toBe("XYZ23");
  });
});
