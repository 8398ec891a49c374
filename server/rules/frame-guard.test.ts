import fc from "fast-check";
import { InputEncoder } from "@colyseus/schema/input";
import { describe, expect, it } from "vitest";
import { MAX_INPUT_FRAME_BYTES, MAX_INPUT_SLOTS_PER_FRAME } from "../../shared/constants.ts";
import { InputCommand } from "../../shared/schema.ts";
import { INPUT_RELIABLE, INPUT_UNRELIABLE, inspectFrame } from "./frame-guard.ts";

const NO_STAMPS = { render: false, reckon: false };
const RENDER = { render: true, reckon: false };

/** An honest unreliable frame: the opcode then the SDK encoder's own ring of `slots` inputs. */
function honestUnreliable(slots: number, ticks: number): Uint8Array {
  const cmd = new InputCommand();
  const enc = new InputEncoder(cmd, { mode: "unreliable", historySize: slots });
  let body = new Uint8Array();
  for (let t = 0; t < ticks; t++) {
    cmd.moveX = t % 2 === 0 ? 1 : -1;
    cmd.aim = t / 10;
    body = enc.encode().slice();
  }
  return new Uint8Array([INPUT_UNRELIABLE, ...body]);
}

describe("inspectFrame", () => {
  it("passes other protocol codes through", () => {
    expect(inspectFrame(new Uint8Array([13, 1, 2]), NO_STAMPS)).toEqual({ kind: "other" });
  });

  it("counts one input in a reliable frame, even an empty one (an unchanged input)", () => {
    expect(inspectFrame(new Uint8Array([INPUT_RELIABLE]), NO_STAMPS)).toEqual({ kind: "input", inputs: 1 });
  });

  it("accepts the SDK encoder's own unreliable rings and counts their slots", () => {
    for (const slots of [1, 3, MAX_INPUT_SLOTS_PER_FRAME]) {
      expect(inspectFrame(honestUnreliable(slots, 20), NO_STAMPS)).toEqual({ kind: "input", inputs: slots });
    }
    expect(inspectFrame(honestUnreliable(3, 2), NO_STAMPS)).toEqual({ kind: "input", inputs: 2 });
  });

  it("accepts a TIMED ring whose stamp block matches its slots", () => {
    const ring = honestUnreliable(3, 5).subarray(1);
    // k = 3, newest u32, two deltas
    const frame = new Uint8Array([INPUT_UNRELIABLE | 0x80, 3, 0x10, 0x27, 0, 0, 33, 33, ...ring]);
    expect(inspectFrame(frame, RENDER)).toEqual({ kind: "input", inputs: 3 });
  });

  it("refuses the frames that hung or burned the process", () => {
    expect(inspectFrame(new Uint8Array([INPUT_UNRELIABLE, 0x00, 0xff]), NO_STAMPS)).toEqual({ kind: "malformed", reason: "bad-slot" });
    const manySlots = new Uint8Array([INPUT_UNRELIABLE, 0x00, ...new Array(MAX_INPUT_SLOTS_PER_FRAME + 1).fill(0)]);
    expect(inspectFrame(manySlots, NO_STAMPS)).toEqual({ kind: "malformed", reason: "too-many-slots" });
    const huge = new Uint8Array(MAX_INPUT_FRAME_BYTES + 1).fill(0);
    huge[0] = INPUT_UNRELIABLE;
    expect(inspectFrame(huge, NO_STAMPS)).toEqual({ kind: "malformed", reason: "oversize" });
    const hugeK = new Uint8Array([INPUT_UNRELIABLE | 0x80, 0xce, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0]);
    expect(inspectFrame(hugeK, RENDER)).toEqual({ kind: "malformed", reason: "bad-stamps" });
    // a slot running past the end, a fractional length, a length of NaN (float64)
    expect(inspectFrame(new Uint8Array([INPUT_UNRELIABLE, 0, 5, 1]), NO_STAMPS).kind).toBe("malformed");
    expect(inspectFrame(new Uint8Array([INPUT_UNRELIABLE, 0, 0xca, 0x3f, 0, 0, 0]), NO_STAMPS).kind).toBe("malformed");
    expect(inspectFrame(new Uint8Array([INPUT_UNRELIABLE, 0, 0xcb, 0x7f, 0xf8, 0, 0, 0, 0, 0, 0]), NO_STAMPS).kind).toBe("malformed");
    expect(inspectFrame(new Uint8Array([INPUT_UNRELIABLE, 0]), NO_STAMPS)).toEqual({ kind: "malformed", reason: "empty" });
  });

  it("refuses a TIMED reliable frame without its stamp (Colyseus would add NaN to the client's baseline)", () => {
    expect(inspectFrame(new Uint8Array([INPUT_RELIABLE | 0x80]), RENDER)).toEqual({ kind: "malformed", reason: "bad-stamps" });
    // a float64 NaN delta (little-endian, as @colyseus/schema writes numbers)
    expect(inspectFrame(new Uint8Array([INPUT_RELIABLE | 0x80, 0xcb, 0, 0, 0, 0, 0, 0, 0xf8, 0x7f]), RENDER).kind).toBe("malformed");
    // both stamps: the render delta's two bytes must follow
    expect(inspectFrame(new Uint8Array([INPUT_RELIABLE | 0x80, 33, 1]), { render: true, reckon: true }).kind).toBe("malformed");
    expect(inspectFrame(new Uint8Array([INPUT_RELIABLE | 0x80, 33, 1, 0]), { render: true, reckon: true })).toEqual({ kind: "input", inputs: 1 });
    expect(inspectFrame(new Uint8Array([INPUT_RELIABLE | 0x80, 33]), RENDER)).toEqual({ kind: "input", inputs: 1 });
  });

  it("on any bytes, returns at once and never admits more slots than the bound", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 400 }), fc.boolean(), fc.boolean(), (bytes, render, reckon) => {
        const v = inspectFrame(bytes, { render, reckon });
        if (v.kind === "input") {
          expect(v.inputs).toBeGreaterThanOrEqual(1);
          expect(v.inputs).toBeLessThanOrEqual(MAX_INPUT_SLOTS_PER_FRAME);
          expect(bytes.length).toBeLessThanOrEqual(MAX_INPUT_FRAME_BYTES);
        }
      }),
      { numRuns: 5000 },
    );
  });
});
