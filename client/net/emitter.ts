/** A minimal typed event emitter: the net layer's only way of talking to scenes. */
export class Emitter<Events extends Record<string, unknown[]>> {
  private readonly handlers: { [K in keyof Events]?: Set<(...args: Events[K]) => void> } = {};

  on<K extends keyof Events>(event: K, fn: (...args: Events[K]) => void): () => void {
    const set = (this.handlers[event] ??= new Set());
    set.add(fn);
    return () => set.delete(fn);
  }

  emit<K extends keyof Events>(event: K, ...args: Events[K]): void {
    const set = this.handlers[event];
    if (!set) return;
    for (const fn of [...set]) {
      try {
        fn(...args);
      } catch (err) {
        console.error(`[tickfire] "${String(event)}" handler failed`, err);
      }
    }
  }

  clear(): void {
    for (const key of Object.keys(this.handlers) as (keyof Events)[]) delete this.handlers[key];
  }
}
