/**
 * Keeps each game process of the cluster running: one that exits while the cluster is not
 * stopping (a crash, SIGKILL, its watchdog, or an operator's SIGTERM for a rolling restart)
 * is started again with the same arguments, so it keeps its port and its public address
 * /pN and nginx needs no reload. Restarts back off so a process that dies at start does not
 * spin: 0.5 s, 1 s, 2 s ... up to 30 s, back to 0.5 s once a run lasted a minute.
 */
import { httpOk, isRunning, start, stop, type Proc } from "../../devkit/process.ts";
import { poll } from "../../devkit/wait.ts";

/** ms before the first restart: long enough for the port to be free again, short for players. */
export const RESTART_FIRST_DELAY_MS = 500;
/** ms. The longest wait between restarts of a process that keeps dying. */
export const RESTART_MAX_DELAY_MS = 30_000;
/** ms. A run this long counts as healthy: the next exit starts the schedule again. */
export const RESTART_STABLE_MS = 60_000;
/** ms a restarted process gets to answer /healthz before the supervisor says it does not. */
const READY_TIMEOUT_MS = 30_000;
const READY_POLL_MS = 100;

/** ms to wait before restarting after the `streak`-th exit in a row (1-based). */
export function restartDelayMs(streak: number): number {
  return Math.min(RESTART_MAX_DELAY_MS, RESTART_FIRST_DELAY_MS * 2 ** Math.max(0, streak - 1));
}

/** The streak after an exit, from the one before it and how long the process ran (ms). */
export function nextStreak(streak: number, ranMs: number): number {
  return ranMs >= RESTART_STABLE_MS ? 1 : streak + 1;
}

/** One game process: its name (p1 ...), loopback port and the command that starts it. */
export interface Slot {
  name: string;
  port: number;
  /** where players' sockets reach it, for the log: http://host/p2/ */
  socketsAt: string;
  command: string;
  args: string[];
  cwd: string;
  /** the environment of its first start, for every restart (the cluster's own changes later,
   *  NODE_TLS_REJECT_UNAUTHORIZED for its checks with --tls, must not reach a process). */
  env: NodeJS.ProcessEnv;
  service: Proc;
}

export interface SupervisorHooks {
  /** true once the cluster is stopping: nothing is restarted from then on. */
  stopping(): boolean;
  log(line: string): void;
}

export class Supervisor {
  private readonly slots: Slot[];
  private readonly hooks: SupervisorHooks;
  private readonly timers = new Set<NodeJS.Timeout>();

  /** `slots` may still be filling: watchAll() starts the watch once they are all up. */
  constructor(slots: Slot[], hooks: SupervisorHooks) {
    this.slots = slots;
    this.hooks = hooks;
  }

  watchAll(): void {
    for (const slot of this.slots) this.watch(slot, Date.now(), 0);
  }

  /** Ends every process: pending restarts are dropped, each gets `signal` then SIGKILL after graceMs. */
  async stopAll(signal: NodeJS.Signals, graceMs: number): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.all(this.slots.map((s) => stop(s.service, { signal, graceMs })));
  }

  private watch(slot: Slot, startedAt: number, streak: number): void {
    const service = slot.service;
    void service.exited.then(({ code, signal }) => {
      if (this.hooks.stopping()) return;
      const alive = this.slots.filter((s) => s !== slot && isRunning(s.service)).length;
      const how = signal ?? `code ${code}`;
      this.hooks.log(`${slot.name} exited (${how}); ${alive} process(es) keep serving, and its rooms leave the room list within a few seconds.`);
      const next = nextStreak(streak, Date.now() - startedAt);
      const delay = restartDelayMs(next);
      const pid = service.child.pid ?? "?";
      this.hooks.log(`process ${slot.name} (pid ${pid}) exited with ${signal ? `signal ${signal}` : `code ${code}`}; restarting in ${(delay / 1000).toFixed(1)} s`);
      const exitedAt = Date.now();
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (this.hooks.stopping()) return;
        this.restart(slot, next, exitedAt);
      }, delay);
      this.timers.add(timer);
    });
  }

  private restart(slot: Slot, streak: number, exitedAt: number): void {
    // Assigned at once, so a stop that begins now ends this process too.
    slot.service = start(slot.name, slot.command, slot.args, { cwd: slot.cwd, env: slot.env, echo: true });
    this.watch(slot, Date.now(), streak);
    void this.announceWhenReady(slot, slot.service, exitedAt);
  }

  private async announceWhenReady(slot: Slot, service: Proc, exitedAt: number): Promise<void> {
    const answered = await poll(async () => (!isRunning(service) || this.hooks.stopping() ? "gone" : (await httpOk(`http://127.0.0.1:${slot.port}/healthz`, 1000)) && "ready"), READY_TIMEOUT_MS, READY_POLL_MS);
    if (answered === "ready") {
      const after = ((Date.now() - exitedAt) / 1000).toFixed(1);
      this.hooks.log(`process ${slot.name} restarted as pid ${service.child.pid}, 127.0.0.1:${slot.port}, sockets through ${slot.socketsAt} (${after} s after it exited)`);
      return;
    }
    if (isRunning(service) && !this.hooks.stopping()) {
      this.hooks.log(`process ${slot.name} (pid ${service.child.pid}) was started again but does not answer /healthz after ${READY_TIMEOUT_MS / 1000} s`);
    }
  }
}
