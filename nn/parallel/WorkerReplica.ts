/** A replica held by a CPU worker device: jobs go to its thread; tensors cross in shared memory. */
import { serialize } from '../../lib/File/index.js';
import { initialSeed } from '../../lib/random/index.js';
import type { Tensor } from '../../lib/Tensor.js';
import type { Module } from '../Module.js';
import type { Activity } from '../utils.js';
import type { Job, Replica, ReplicaOptions } from './devices.js';
import { DeviceLostError, ReplicaError } from './errors.js';
import { FAST_OPS, toError, type FastOp, type Reply } from './protocol.js';
import { describe, isSharedTensor, materialize, sameSignature, sharedTensor, viewSignature, type Desc } from './shared.js';
import { ThreadLost, type WorkerThread } from './WorkerThread.js';

/** The tensors a descriptor list stands for. */
const views = (ds: Desc[]): Tensor[] => ds.map((d) => materialize(d) as Tensor);

type JobFields = Job & { input?: Activity; gradOutput?: Activity; scale?: number; from?: Tensor[]; grads?: Tensor[][]; part?: number; parts?: number };
const isFast = (op: string): op is FastOp => (FAST_OPS as readonly string[]).includes(op);

export class WorkerReplica implements Replica {
  readonly module = undefined;
  private params: [Tensor[], Tensor[]] = [[], []];
  private pending: { seq: number; op: string } | undefined;
  /** Per op: the signature of the tensors of the last job posted through the port, and the last result received. */
  private readonly sent = new Map<string, unknown[]>();
  private readonly results = new Map<string, Activity | undefined>();

  /** Builds the replica from `source` on `thread` (the reply is awaited by the first `finish`, or `ready`). */
  constructor(readonly index: number, readonly thread: WorkerThread, readonly where: string, source: Module,
    private readonly options: ReplicaOptions = {}) {
    thread.acquire();
    this.load(source);
  }

  get device(): number { return this.thread.device; }

  private load(source: Module): void {
    this.sent.clear();
    this.results.clear();
    const bytes = serialize(source);
    const seed = initialSeed() + 7919 * this.index;
    this.send('load', () => this.thread.post({ kind: 'load', replica: this.index, bytes, seed }));
  }

  private send(op: string, post: () => number): void {
    if (this.pending) this.finish();
    try {
      this.pending = { seq: post(), op };
    } catch (e) {
      throw this.lostError(e, op);
    }
  }

  private lostError(e: unknown, op: string): unknown {
    return e instanceof ThreadLost ? new DeviceLostError(this.where, op, e.message) : e;
  }

  /** Waits for the replica to be built (throws if it could not be). */
  ready(): this { this.finish(); return this; }

  buffer(prev: Tensor | undefined, like: Tensor): Tensor {
    return isSharedTensor(prev) && prev.kind === like.kind ? prev : sharedTensor(like.kind.key);
  }

  /**
   * Posts a job: through the control array (the fast path) when its tensors are those of the last
   * job of its op and the thread awaits nothing else, else as a message with their descriptors.
   */
  start(job: Job): void {
    const j = job as JobFields;
    const sig = isFast(j.op) ? viewSignature([j.input, j.gradOutput, j.from, j.grads]) : undefined;
    if (sig && this.thread.idle && this.results.has(j.op) && sameSignature(sig, this.sent.get(j.op))) {
      this.send(j.op, () => this.thread.postFast(j.op as FastOp, this.index, j.scale ?? 1, j.part ?? 0, j.parts ?? 0));
      return;
    }
    this.sent.delete(j.op);
    this.send(j.op, () => this.thread.post({
      kind: 'job', replica: this.index, op: j.op, input: describe(j.input), gradOutput: describe(j.gradOutput), scale: j.scale,
      ...(j.from ? { from: describe(j.from) } : {}),
      ...(j.grads ? { grads: describe(j.grads), part: j.part, parts: j.parts } : {}),
    }));
    if (sig) this.sent.set(j.op, sig);
  }

  finish(): Activity | [Tensor, Tensor] | undefined {
    const p = this.pending;
    if (!p) return undefined;
    this.pending = undefined;
    let reply: Reply;
    try {
      reply = this.thread.wait(p.seq, p.op === 'load' ? 0 : this.options.timeout ?? 0);
    } catch (e) {
      throw this.lostError(e, p.op);
    }
    if (!reply.ok) {
      this.sent.delete(p.op);
      throw new ReplicaError(this.index, this.where, p.op, toError(reply.error));
    }
    if ('same' in reply) return this.results.get(p.op);
    if (reply.params) this.params = [views(reply.params[0]), views(reply.params[1])];
    if (reply.flat) return [materialize(reply.flat[0]) as Tensor, materialize(reply.flat[1]) as Tensor];
    const result = reply.result === undefined ? undefined : materialize(reply.result);
    if (isFast(p.op)) this.results.set(p.op, result);
    return result;
  }

  /** The replica's parameters and gradients, once its last job (a deferred gradient zero, say) is done. */
  parameters(): [Tensor[], Tensor[]] {
    if (this.pending) this.finish();
    return this.params;
  }

  reload(source: Module): void {
    this.load(source);
    this.finish();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.pending = undefined;
    if (!this.thread.lost) {
      try { this.thread.post({ kind: 'drop', replica: this.index }); } catch { /* the thread is gone */ }
    }
    this.thread.release();
  }
  private disposed = false;
}
