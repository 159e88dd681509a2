/** nn.DataParallelTable: one module replicated on several devices, the batch split between them (cunn). */
import { TorchError } from '../lib/errors.js';
import type { Tensor } from '../lib/Tensor.js';
import type { Module } from './Module.js';
import type { Activity } from './utils.js';
import { checkDevice, deviceKindFor, deviceTypes, type Job } from './parallel/devices.js';
import { ReplicatedContainer } from './parallel/ReplicatedContainer.js';
import { gather, hasData, scatter } from './parallel/scatter.js';

/** The device of a device tensor (undefined for CPU tensors). */
const deviceOf = (t: Tensor): number | undefined => (t as { getDevice?: () => number }).getDevice?.();
/** True when a module of the tree writes its own weights in the forward (LookupTable's maxNorm renorm). */
const writesWeights = (m: Module): boolean => m.listModules().some((x) => (x as { maxNorm?: number }).maxNorm != null);
/** Per table: the buffer on replica 1's device that other devices' gradients are copied into. */
const gradBuffers = new WeakMap<object, Tensor>();
import { shareInPlace } from './parallel/shared.js';
import { WorkerReplica } from './parallel/WorkerReplica.js';

/**
 * Data parallelism, as cunn's DataParallelTable: `add(module, devices)` keeps `module` as replica 1
 * and makes a copy per further device; `forward` splits the batch along `dimension` (the first
 * `n mod k` replicas get one more row), runs the replicas concurrently and concatenates their
 * outputs; `backward` sums every replica's gradients into replica 1 (zeroing the others'), and the
 * next `forward` copies replica 1's parameters to the others (`syncParameters`). On CPU tensors,
 * device 1 is the calling thread and devices 2..n are worker threads with their own replica.
 * @example
 * const dpt = new nn.DataParallelTable(1).add(model, [1, 2]);
 * const [params, grads] = dpt.getParameters(); // replica 1's, for optim
 * dpt.forward(torch.randn(256, 784).float()); // 128 rows per device
 * dpt.dispose(); // ends the worker threads
 */
export class DataParallelTable extends ReplicatedContainer {
  /** `DataParallelTable.deserializeNGPUs`: when set, loaded tables use devices 1..n instead of the saved ones. */
  static deserializeNGPUs: number | undefined;
  dimension!: number;
  usenccl = false;
  needsSync = false;
  maxUsedGpu: number | undefined;

  constructor(dimension?: number, flattenParams = false, usenccl = false) {
    super();
    if (dimension === undefined || dimension === null) throw new TorchError('must specify a dimension!');
    if (typeof dimension !== 'number' || !Number.isInteger(dimension) || dimension < 1) {
      throw new TorchError(`bad argument #1 to 'DataParallelTable' (dimension must be a positive integer, got ${String(dimension)})`);
    }
    this.dimension = dimension;
    this.flattenParams = flattenParams;
    if (usenccl) {
      if (!flattenParams) throw new TorchError('cannot use nccl without flattenParams');
      process.emitWarning('could not load nccl, falling back to default communication');
    }
  }

  /**
   * `add(module, devices)`: `module` is replica 1 and one replica goes on each device (once only);
   * `add(module, device)` may be repeated: the first module is kept and `device` appended.
   */
  override add(module: Module, gpus?: number | number[]): this {
    const kind = deviceKindFor(this.typeStr ?? this.modules[0]?._type ?? module._type);
    if (typeof gpus === 'number') {
      checkDevice(kind, gpus, 'DataParallelTable:add');
      if (this.modules.length === 0) this.modules.push(module);
      this.gpuAssignments.push(gpus);
      return this;
    }
    if (!Array.isArray(gpus) || gpus.length < 1) throw new TorchError('table of GPU IDs required');
    if (this.modules.length !== 0) throw new TorchError('add should only be called once with a table of GPU assignments');
    gpus.forEach((g) => checkDevice(kind, g, 'DataParallelTable:add'));
    this.modules[0] = module;
    this.gpuAssignments = [...gpus];
    return this;
  }

  override toString(): string {
    return `DataParallelTable: ${this.gpuAssignments.length} x ${String(this.modules[0])}`;
  }

  override training(): this { this.each('training'); return super.training(); }
  override evaluate(): this { this.each('evaluate'); return super.evaluate(); }
  override clearState(): this {
    this.each('clearState');
    const rt = this.rt;
    rt.inputGpu = []; rt.gradOutputGpu = []; rt.gradInputGpu = [];
    return super.clearState();
  }

  override updateOutput(input: Activity): Activity {
    this.rt.set.check();
    if (this.flattenParams && !this.hasFlattenedParameters()) this.flattenParameters();
    const rt = this.rt;
    this.maxUsedGpu = this.distribute(rt.inputGpu, input);
    const from = this.needsSync ? this.syncLater(this.maxUsedGpu) : undefined;
    const outputs = this.exec((i) => ({ op: 'updateOutput', input: rt.inputGpu[i - 1], from: from?.[i - 1] }), this.maxUsedGpu);
    this.output = gather(this.output, outputs as Activity[], this.dimension);
    return this.output;
  }

  /** Scatters `src` into `dst` (one entry per replica); returns how many replicas got data. */
  private distribute(dst: Activity[], src: Activity): number {
    const reps = this.replicas();
    for (let i = 0; i < reps.length; i++) {
      dst[i] = scatter(dst[i], src, this.dimension, i + 1, reps.length, (p, like) => reps[i].buffer(p, like));
      if (!hasData(dst[i])) return i;
    }
    return reps.length;
  }

  private backwardOp(method: 'backward' | 'updateGradInput' | 'accGradParameters', input: Activity, gradOutput: Activity, scale = 1): Activity {
    this.rt.set.check();
    const rt = this.rt;
    const job = (i: number): Job => ({ op: method, input: rt.inputGpu[i - 1], gradOutput: rt.gradOutputGpu[i - 1], scale });
    if (method !== 'accGradParameters') {
      this.distribute(rt.gradOutputGpu, gradOutput);
      rt.gradInputGpu = this.exec(job, this.maxUsedGpu) as Activity[];
      if (this.gradInput) this.gradInput = gather(this.gradInput, rt.gradInputGpu, this.dimension);
    } else {
      this.exec(job, this.maxUsedGpu);
    }
    if (method !== 'updateGradInput') {
      this.reduceGradients();
      this.needsSync = true;
    }
    return this.gradInput;
  }

  /**
   * Sums every replica's gradients into replica 1's and zeroes theirs (cunn's reduce). When the other
   * replicas are all on CPU worker devices, every thread sums its own slice of the gradients at once
   * (in replica order, so the result is that of the serial sum).
   */
  private reduceGradients(): void {
    const params = this.moduleParameters(), reps = this.replicas();
    if (params.length < 2) return;
    const grads = params.map(([, g]) => g);
    if (reps.slice(1).every((r) => r instanceof WorkerReplica)) {
      grads[0].forEach((g) => shareInPlace(g.storage()));
      this.exec((i) => ({ op: 'reduceGradients', grads, part: i, parts: grads.length }));
      return;
    }
    const base = grads[0];
    for (let r = 1; r < grads.length; r++) grads[r].forEach((g, j) => { (base[j] as any).add(this.onBaseDevice(g, base[j])); g.zero(); });
  }

  /** `g` where `base` can add it: itself, or (a device tensor on another device) a copy in a buffer on base's device, as cunn does. */
  private onBaseDevice(g: Tensor, base: Tensor): Tensor {
    const dev = deviceOf(base);
    if (dev === deviceOf(g)) return g;
    let buf = gradBuffers.get(this);
    if (!buf || deviceOf(buf) !== dev) {
      buf = this.rt.set.kind.withDevice(dev!, () => base.new());
      gradBuffers.set(this, buf);
    }
    return buf.resizeAs(g).copy(g);
  }

  override backward(input: Activity, gradOutput: Activity, scale = 1): Activity { return this.backwardOp('backward', input, gradOutput, scale); }
  override updateGradInput(input: Activity, gradOutput: Activity): Activity { return this.backwardOp('updateGradInput', input, gradOutput); }
  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void { this.backwardOp('accGradParameters', input, gradOutput, scale); }

  /** Copies replica 1's parameters to every other replica. */
  syncParameters(): void {
    const params = this.moduleParameters();
    for (let r = 1; r < params.length; r++) params[r][0].forEach((p, j) => p.copy(params[0][0][j]));
    this.needsSync = false;
  }

  /**
   * The broadcast of `updateOutput`: replicas on worker threads that run the forward (the first
   * `used`) take replica 1's parameters at the start of their job (`from`, per replica): they make
   * their parameters views of replica 1's in shared memory, so after the first time nothing is
   * copied. The others are copied now, and so is every replica of a module that writes its weights
   * in the forward (LookupTable with maxNorm), whose replicas must keep copies of their own.
   */
  private syncLater(used: number): (Tensor[] | undefined)[] | undefined {
    const reps = this.replicas();
    const src = this.first().parameters()?.[0] ?? [];
    const deferred = reps.map((r, i) => i > 0 && i < used && r instanceof WorkerReplica);
    if (src.length === 0 || !deferred.some(Boolean) || writesWeights(this.first())) { this.syncParameters(); return undefined; }
    src.forEach((p) => shareInPlace(p.storage()));
    reps.forEach((r, i) => {
      if (i > 0 && !deferred[i]) r.parameters()[0].forEach((p, j) => p.copy(src[j]));
    });
    this.needsSync = false;
    return deferred.map((d) => (d ? src : undefined));
  }

  override accUpdateGradParameters(_input?: Activity, _gradOutput?: Activity, _lr?: number): void { throw new TorchError('accUpdateGradParameters not supported for DataParallelTable.'); }

  override zeroGradParameters(): void {
    if (this.flattenedParams && this.rt.set.isSetUp) this.flattenedParams.forEach(([, g]) => g.zero());
    else this.each('zeroGradParameters');
  }

  /** Replica 1's update, then a broadcast to the others. */
  override updateParameters(lr: number): void {
    this.modules[0].updateParameters(lr);
    if (this.rt.set.isSetUp) this.syncParameters();
  }

  override parameters(): [Tensor[], Tensor[]] { return this.modules[0]?.parameters() ?? [[], []]; }
  override share(_mlp?: Module, ..._names: string[]): this { throw new TorchError('Share not supported for DataParallelTable'); }

  override clone(...names: string[]): this {
    if (names.length > 0) throw new TorchError('Sharing not supported for DataParallelTable');
    return super.clone();
  }

  override reset(...args: unknown[]): this {
    this.modules[0].reset(...args);
    if (this.rt.set.isSetUp) this.syncParameters();
    return this;
  }

  /** Converts replica 1 (the others are re-copied from it); only the device types are accepted. */
  override type(type?: string, cache?: Map<unknown, Tensor>): this | string {
    if (type === undefined) return this._type;
    const ok = deviceTypes();
    if (!ok.includes(type)) throw new TorchError(`DataParallelTable supports only ${ok.join(', ')} types (got ${type})`);
    this.resetRuntime();
    this.flattenedParams = undefined;
    super.type(type, cache);
    this.typeStr = type;
    return this;
  }

  /** fn on this table and its module tree, then every replica re-copied from replica 1 (cunn's applyChanges). */
  override apply(fn: (m: Module) => void): void {
    super.apply(fn);
    if (!this.rt.set.isSetUp) return;
    this.rt.set.applyChanges(this.first());
    if (this.flattenedParams) this.reflatten();
  }

  override listModules(): Module[] { return [this, ...(this.modules[0]?.listModules() ?? [])]; }
}
