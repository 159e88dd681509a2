/**
 * The replica machinery of DataParallelTable (cunn's `impl` and flattening): the replicas of
 * `modules[1]` on `gpuAssignments`, built on first use; jobs run on them; per-replica flat parameters.
 */
import type { Worker } from 'node:worker_threads';
import { TorchError } from '../../lib/errors.js';
import type { Tensor } from '../../lib/Tensor.js';
import { Container } from '../Container.js';
import type { Module } from '../Module.js';
import type { Activity } from '../utils.js';
import { resolveImport, workerThreads } from './cpu.js';
import { deviceKindFor, type Job } from './devices.js';
import { ReplicaSet } from './ReplicaSet.js';

/** Per-device buffers and the replicas: runtime state, never saved, cloned or type-converted. */
export interface Runtime {
  set: ReplicaSet;
  inputGpu: Activity[];
  gradOutputGpu: Activity[];
  gradInputGpu: Activity[];
}
const runtimes = new WeakMap<ReplicatedContainer, Runtime>();

/** A container whose first module is replicated on devices (DataParallelTable's base). */
export abstract class ReplicatedContainer extends Container {
  gpuAssignments: number[] = [];
  flattenedParams: [Tensor, Tensor][] | undefined;
  flattenParams = false;
  typeStr: string | undefined;
  /** Modules the worker threads import first (`threads(...)`). */
  _imports: string[] | undefined;
  /** `jobTimeout(ms)`. */
  _jobTimeout: number | undefined;

  /** The replicas and per-device buffers (made on first use, e.g. after torch.load or clone). */
  protected get rt(): Runtime {
    let r = runtimes.get(this);
    if (!r) {
      const kind = deviceKindFor(this.typeStr ?? (this.modules[0]?._type as string | undefined) ?? this._type);
      const set = new ReplicaSet(kind, { imports: this._imports, timeout: this._jobTimeout });
      r = { set, inputGpu: [], gradOutputGpu: [], gradInputGpu: [] };
      runtimes.set(this, r);
    }
    return r;
  }

  /** Drops the replicas and buffers (rebuilt on next use, e.g. after a type change); a disposed table stays so. */
  protected resetRuntime(): void {
    const r = runtimes.get(this);
    if (!r) return;
    r.set.check();
    r.set.reset();
    runtimes.delete(this);
  }

  /** Modules each worker thread imports before building its replica (custom classes), as cunn's `threads(initFunc)`. */
  threads(...imports: string[]): this {
    this.resetRuntime();
    this._imports = imports.map(resolveImport);
    return this;
  }

  /** The longest wait for a replica's job in ms (0: none); past it the device counts as lost. */
  jobTimeout(ms: number): this {
    this._jobTimeout = ms;
    this.rt.set.options.timeout = ms;
    return this;
  }

  protected first(): Module {
    if (!this.modules[0]) throw new TorchError('DataParallelTable: no module (call add(module, devices) first)');
    return this.modules[0];
  }

  /** Runs a job on the replicas (the first `max`; none where `job` gives undefined); builds them first if needed. */
  protected exec(job: (i: number) => Job | undefined, max?: number): ReturnType<ReplicaSet['exec']> {
    this.replicas();
    return this.rt.set.exec(this.first(), this.gpuAssignments, job, max);
  }

  /** The replicas (built if needed, then flattened like replica 1 if it is). */
  protected replicas(): ReturnType<ReplicaSet['replicas']> {
    const set = this.rt.set;
    const fresh = !set.isSetUp;
    const list = set.replicas(this.first(), this.gpuAssignments);
    if (fresh && this.flattenedParams) this.reflatten();
    return list;
  }

  /** Calls a method on every replica; before they exist, on replica 1 only (the others will copy it). */
  protected each(op: 'training' | 'evaluate' | 'clearState' | 'zeroGradParameters'): void {
    if (this.rt.set.isSetUp) this.exec(() => ({ op }));
    else if (this.modules[0]) (this.modules[0] as Module)[op]();
  }

  /** Flattens every replica's parameters, so reductions and broadcasts are one tensor each. */
  flattenParameters(): void {
    this.replicas();
    this.flattenedParams = this.exec(() => ({ op: 'getParameters' })) as [Tensor, Tensor][];
    this.flattenParams = true;
  }

  /** Replica 1's flat `[params, gradParams]` (flattening every replica): use these with optim. */
  override getParameters(): [Tensor, Tensor] {
    this.flattenParameters();
    return this.flattenedParams![0];
  }

  protected hasFlattenedParameters(): boolean {
    const f = this.flattenedParams;
    if (!f) return false;
    const p = this.modules[0].parameters()?.[0] ?? [];
    return p.every((x) => x.storage() === f[0][0].storage());
  }

  /** Flattens replicas 2..k again (after they were rebuilt), keeping replica 1's pair. */
  protected reflatten(): void {
    const first = this.flattenedParams![0];
    const all = this.rt.set.exec(this.first(), this.gpuAssignments, (i) => (i === 1 ? undefined : { op: 'getParameters' })) as [Tensor, Tensor][];
    all[0] = first;
    this.flattenedParams = all;
  }

  /** Each replica's `[params, gradParams]` (the flat pair when flattened). */
  moduleParameters(): [Tensor[], Tensor[]][] {
    const reps = this.replicas();
    if (this.flattenedParams) return this.flattenedParams.map(([p, g]) => [[p], [g]]);
    return reps.map((r) => r.parameters());
  }

  /** True once the replicas exist (they are built by the first forward, or getParameters). */
  get isSetUp(): boolean { return runtimes.get(this)?.set.isSetUp ?? false; }

  /** The worker threads that hold replicas (diagnostics, fault tests); none before the first forward. */
  workerThreads(): Worker[] { return workerThreads(runtimes.get(this)?.set.current ?? []).map((t) => t.thread); }

  /** Ends the worker threads; the table can no longer run (its module, `modules[1]`, stays usable). */
  dispose(): void { this.rt.set.dispose(); }
}
