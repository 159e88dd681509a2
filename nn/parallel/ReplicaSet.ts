/**
 * The replicas of a DataParallelTable and how a job runs on them (cunn's `impl`): built lazily
 * (`setup`), started together (worker devices first, so they run while the calling thread computes
 * its own), then awaited in order. A replica error is rethrown once every replica has finished (the
 * table stays usable); a lost device disposes the set.
 */
import { TorchError } from '../../lib/errors.js';
import type { Module } from '../Module.js';
import type { DeviceKind, Job, Replica, ReplicaOptions } from './devices.js';
import { DeviceLostError, ReplicaError } from './errors.js';

export class ReplicaSet {
  private list: Replica[] | undefined;
  /** Why the set was disposed (undefined while usable). */
  disposed: string | undefined;

  constructor(readonly kind: DeviceKind, readonly options: ReplicaOptions) {}

  /** The replicas if they exist (without building them). */
  get current(): readonly Replica[] | undefined { return this.list; }

  /** True once the replicas exist. */
  get isSetUp(): boolean { return this.list !== undefined; }

  /** Throws the "disposed" error if the set can no longer run. */
  check(): void {
    if (this.disposed) throw new TorchError(`DataParallelTable has been disposed: ${this.disposed}`);
  }

  /** The replicas, built on first use: `module` itself on `devices[0]`, copies on the others. */
  replicas(module: Module, devices: readonly number[]): Replica[] {
    this.check();
    if (!this.list) {
      if (devices.length === 0) throw new TorchError('DataParallelTable: no devices (call add(module, devices) first)');
      this.list = this.kind.replicate(module, devices, this.options);
    }
    return this.list;
  }

  /** Re-copies `module` onto every replica (cunn's `applyChanges`), if they exist. */
  applyChanges(module: Module): void {
    if (!this.list) return;
    const errors: unknown[] = [];
    for (const r of this.list) {
      try { r.reload(module); } catch (e) { errors.push(e); }
    }
    this.raise(errors);
  }

  /**
   * Runs `job(i)` on replicas 1..`max` concurrently (none where it returns undefined); returns their results in order.
   * @throws ReplicaError (the first failed replica) or DeviceLostError (the set is then disposed).
   */
  exec(module: Module, devices: readonly number[], job: (i: number) => Job | undefined, max?: number): ReturnType<Replica['finish']>[] {
    const reps = this.replicas(module, devices).slice(0, max ?? devices.length);
    const results: ReturnType<Replica['finish']>[] = [];
    const parallel = reps.length > 1 && reps.some((r) => r.module === undefined);
    const restore = parallel ? this.kind.beginParallel?.() : undefined;
    const errors: unknown[] = [];
    try {
      const started = new Set<Replica>();
      // remote replicas first: they compute while the calling thread runs the local ones
      for (const r of [...reps.filter((x) => !x.module), ...reps.filter((x) => x.module)]) {
        try {
          const j = job(r.index);
          if (j === undefined) continue;
          r.start(j);
          started.add(r);
        } catch (e) { errors.push(e); }
      }
      for (const r of reps) {
        if (!started.has(r)) continue;
        try { results[r.index - 1] = r.finish(); } catch (e) { errors.push(e); }
      }
    } finally {
      restore?.();
    }
    this.raise(errors);
    return results;
  }

  /** Rethrows a lost device first (disposing the set), else the error of the lowest-numbered replica. */
  private raise(errors: unknown[]): void {
    if (errors.length === 0) return;
    const rank = (e: unknown): number => (e instanceof ReplicaError ? e.replica : 0);
    errors.sort((a, b) => rank(a) - rank(b));
    const lost = errors.find((e) => e instanceof DeviceLostError) as DeviceLostError | undefined;
    if (lost) {
      this.dispose(lost.message);
      throw lost;
    }
    throw errors[0];
  }

  /** Drops the replicas (they are rebuilt on next use), e.g. after a type change. */
  reset(): void {
    const list = this.list;
    this.list = undefined;
    list?.forEach((r) => r.dispose());
  }

  /** Ends every replica and device; the set can no longer run (`check` throws `reason`). */
  dispose(reason = 'dispose() was called'): void {
    this.disposed ??= reason;
    this.reset();
  }
}
