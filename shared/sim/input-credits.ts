/**
 * One input per player per tick, with a small bank for bursts. A client that sends
 * faster than the tick rate gains nothing: its surplus waits in the input buffer (and
 * drops off its end) instead of moving it faster than everyone else. The room and the
 * bench's JSON baseline both meter inputs with this.
 */
export class InputCredits {
  private readonly credits = new Map<string, number>();
  private readonly max: number;

  constructor(max: number) {
    this.max = max;
  }

  /** Adds this tick's credit and returns how many inputs `id` may apply now. */
  grant(id: string): number {
    const next = Math.min(this.max, (this.credits.get(id) ?? 0) + 1);
    this.credits.set(id, next);
    return next;
  }

  spend(id: string, used: number): void {
    this.credits.set(id, Math.max(0, (this.credits.get(id) ?? 0) - used));
  }

  forget(id: string): void {
    this.credits.delete(id);
  }
}
