/**
 * Own-player prediction corrections, as the net graph and the netcode bench report them:
 * how often a reconcile moved the predicted player, and by how much (world units).
 * Pure: the reconciler's correction magnitudes and the times come in.
 */

/** world units. Below this a reconcile agreed with the prediction (float noise). */
const AGREED = 1e-6;
/** corrections kept for quantiles; older ones roll off. */
const KEEP = 512;

export class CorrectionLog {
  reconciles = 0;
  corrections = 0;
  /** reconciles that jumped at least the teleport distance (respawns): not mispredictions. */
  teleports = 0;
  private readonly teleportAt: number;
  private readonly sizes: number[] = [];
  private readonly times: number[] = [];

  /** `teleportAt`: world units; a jump this large is a respawn, kept out of the sizes. */
  constructor(teleportAt: number) {
    this.teleportAt = teleportAt;
  }

  /** One reconcile at `nowMs` moved the prediction by `magnitude` units. */
  record(nowMs: number, magnitude: number): void {
    this.reconciles++;
    if (!(magnitude > AGREED)) return;
    if (magnitude >= this.teleportAt) {
      this.teleports++;
      return;
    }
    this.corrections++;
    this.sizes.push(magnitude);
    this.times.push(nowMs);
    if (this.sizes.length > KEEP) {
      this.sizes.shift();
      this.times.shift();
    }
  }

  /** Corrections per second over the last `windowMs` before `nowMs`. */
  rate(nowMs: number, windowMs = 1000): number {
    let n = 0;
    for (let i = this.times.length - 1; i >= 0 && nowMs - this.times[i]! <= windowMs; i--) n++;
    return (n * 1000) / windowMs;
  }

  /** Quantile `q` (0..1) of the kept correction sizes; 0 when there are none. */
  quantile(q: number): number {
    if (this.sizes.length === 0) return 0;
    const sorted = [...this.sizes].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  }
}
