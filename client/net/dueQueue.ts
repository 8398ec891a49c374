/**
 * Items held until their time comes, then released in order: kill lines wait until the
 * victim visibly falls on a screen that draws remote players late. Times are the caller's
 * clock (ms) and must be pushed in non-decreasing order.
 */
export class DueQueue<T> {
  private readonly items: { due: number; item: T }[] = [];

  push(due: number, item: T): void {
    this.items.push({ due, item });
  }

  /** Removes and returns every item due at or before `now`, oldest first. */
  takeDue(now: number): T[] {
    let n = 0;
    while (n < this.items.length && this.items[n]!.due <= now) n++;
    return this.items.splice(0, n).map((e) => e.item);
  }
}
