/** A replica in the calling thread, and the code that runs a job on a module (shared with the worker threads). */
import type { Tensor } from '../../lib/Tensor.js';
import type { Module } from '../Module.js';
import type { Activity } from '../utils.js';
import type { Job, Replica } from './devices.js';
import { ReplicaError } from './errors.js';
import { reduceGradients } from './reduceGradients.js';

/**
 * cunn's per-replica `flattenParameters`: when the parameters (and gradients) already sit in one
 * storage each, the span they cover; otherwise `module.getParameters()`.
 */
export function flatParameters(m: Module): [Tensor, Tensor] {
  const [p, dp] = m.parameters() ?? [[], []];
  if (p.length === 0) return m.getParameters();
  const flat = p.every((x, i) => x.storage() === p[0].storage() && dp[i].storage() === dp[0].storage());
  if (!flat) return m.getParameters();
  const span = (ts: Tensor[]): Tensor => {
    const first = ts[0], last = ts[ts.length - 1];
    const n = last.storageOffset() + last.nElement() - first.storageOffset();
    return first.new().set(first.storage(), first.storageOffset(), [n]);
  };
  return [span(p), span(dp)];
}

/** Runs one job on a module: its result (output, gradInput, or the flat parameters). */
export function runJob(m: Module, job: Job): Activity | [Tensor, Tensor] | undefined {
  switch (job.op) {
    case 'updateOutput': return m.updateOutput(job.input);
    case 'updateGradInput': return m.updateGradInput(job.input, job.gradOutput);
    case 'backward': return m.backward(job.input, job.gradOutput, job.scale);
    case 'accGradParameters': m.accGradParameters(job.input, job.gradOutput, job.scale); return undefined;
    case 'getParameters': return flatParameters(m);
    case 'reduceGradients': reduceGradients(job.grads, job.part, job.parts); return undefined;
    default: m[job.op](); return undefined;
  }
}

/**
 * A replica whose module lives in the calling thread: it runs a job as soon as it is started
 * (inside `run`, which a GPU kind sets to make its device current).
 */
export class LocalReplica implements Replica {
  private result: Activity | [Tensor, Tensor] | undefined;
  private error: { op: string; e: unknown } | undefined;

  constructor(readonly index: number, readonly device: number, readonly where: string, public module: Module,
    private readonly run: <T>(fn: () => T) => T = (fn) => fn()) {}

  buffer(prev: Tensor | undefined, like: Tensor): Tensor {
    return prev !== undefined && prev.kind === like.kind ? prev : this.run(() => like.new());
  }

  start(job: Job): void {
    this.result = undefined;
    this.error = undefined;
    try {
      this.result = this.run(() => runJob(this.module, job));
    } catch (e) {
      this.error = { op: job.op, e };
    }
  }

  finish(): Activity | [Tensor, Tensor] | undefined {
    const err = this.error;
    if (err) {
      this.error = undefined;
      const cause = err.e instanceof Error ? err.e : new Error(String(err.e));
      throw new ReplicaError(this.index, this.where, err.op, cause);
    }
    const r = this.result;
    this.result = undefined;
    return r;
  }

  parameters(): [Tensor[], Tensor[]] { return this.module.parameters() ?? [[], []]; }

  reload(source: Module): void {
    this.module = this.index === 1 ? source : this.run(() => source.clone());
  }

  dispose(): void { this.result = undefined; }
}
