/** The lowest seat number no one holds: seats stay small (one byte on the wire) and reused. */
export function lowestFreeSeat(taken: Iterable<number>): number {
  const used = new Set(taken);
  let seat = 0;
  while (used.has(seat)) seat++;
  return seat;
}
