/** The kill feed's memory: the newest few kills, each shown for a while then faded. */

export interface FeedEntry {
  killer: string;
  victim: string;
  killerColor: number;
  victimColor: number;
  /** ms, the caller's clock. */
  at: number;
}

/** ms an entry stays fully visible, then fades over FADE_MS. */
export const HOLD_MS = 4000;
export const FADE_MS = 1000;
export const MAX_ENTRIES = 5;

export class KillFeed {
  private entries: FeedEntry[] = [];

  push(e: FeedEntry): void {
    this.entries.push(e);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  /** Entries still on screen at `now`, newest last, with their opacity. Drops expired ones. */
  visible(now: number): { entry: FeedEntry; alpha: number }[] {
    this.entries = this.entries.filter((e) => now - e.at < HOLD_MS + FADE_MS);
    return this.entries.map((entry) => {
      const age = now - entry.at;
      return { entry, alpha: age <= HOLD_MS ? 1 : Math.max(0, 1 - (age - HOLD_MS) / FADE_MS) };
    });
  }
}
