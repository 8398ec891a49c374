import { describe, expect, it } from "vitest";
import { DueQueue } from "./dueQueue.ts";

describe("DueQueue", () => {
  it("releases items once their time has come, oldest first, each once", () => {
    const q = new DueQueue<string>();
    q.push(100, "a");
    q.push(150, "b");
    q.push(300, "c");
    expect(q.takeDue(99)).toEqual([]);
    expect(q.takeDue(150)).toEqual(["a", "b"]);
    expect(q.takeDue(200)).toEqual([]);
    expect(q.takeDue(1000)).toEqual(["c"]);
    expect(q.takeDue(1000)).toEqual([]);
  });
});
