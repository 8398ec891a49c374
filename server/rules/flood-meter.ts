/**
 * Per-client frame and input budget. Colyseus' own limit counts frames only (so one frame
 * framing thousands of inputs passes) and closes at the first excess with a code the SDK
 * reads as an error, holding the seat. Here both frames and inputs are counted per
 * second, the excess is dropped, and only a client that keeps exceeding is closed.
 * Time is passed in, so tests drive it without a clock.
 */
export type FloodVerdict = "pass" | "drop" | "close";

export interface FloodLimits {
  framesPerSecond: number;
  inputsPerSecond: number;
  /** seconds over a limit, within `strikeWindowMs`, that close the client. */
  strikesToClose: number;
  strikeWindowMs: number;
  /** malformed frames (over the connection's life) that close the client. */
  malformedToClose: number;
}

export class FloodMeter {
  private windowEndsAt = -Infinity;
  private frames = 0;
  private inputs = 0;
  private struckThisWindow = false;
  private readonly strikes: number[] = [];
  private malformed = 0;
  /** frames and inputs dropped for being over the rate, since the client joined. */
  droppedFrames = 0;
  droppedInputs = 0;
  private readonly limits: FloodLimits;

  constructor(limits: FloodLimits) {
    this.limits = limits;
  }

  /** A well-formed frame carrying `inputs` inputs (0 for any other message). */
  frame(nowMs: number, inputs: number): FloodVerdict {
    if (nowMs >= this.windowEndsAt) {
      this.windowEndsAt = nowMs + 1000;
      this.frames = 0;
      this.inputs = 0;
      this.struckThisWindow = false;
    }
    this.frames++;
    this.inputs += inputs;
    if (this.frames <= this.limits.framesPerSecond && this.inputs <= this.limits.inputsPerSecond) return "pass";
    // Over budget: the frame is not counted as accepted, so the budget left stays for honest input.
    this.inputs -= inputs;
    this.droppedFrames++;
    this.droppedInputs += inputs;
    if (!this.struckThisWindow) {
      this.struckThisWindow = true;
      this.strikes.push(nowMs);
      while (this.strikes.length > 0 && nowMs - this.strikes[0]! > this.limits.strikeWindowMs) this.strikes.shift();
    }
    return this.strikes.length >= this.limits.strikesToClose ? "close" : "drop";
  }

  /** A frame that failed the shape check: dropped, and past the bound the client is closed. */
  malformedFrame(): FloodVerdict {
    return ++this.malformed >= this.limits.malformedToClose ? "close" : "drop";
  }
}
