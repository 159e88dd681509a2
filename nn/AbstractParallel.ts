/** nn.AbstractParallel: the base of fbcunn's parallel containers (fbcunn/AbstractParallel.lua). */
import { TorchError } from '../lib/errors.js';
import { Tensor } from '../lib/Tensor.js';
import { Container } from './Container.js';
import type { Module } from './Module.js';
import type { Activity } from './utils.js';
import { deviceKindFor, type DeviceKind } from './parallel/devices.js';
import './parallel/cpu.js';

/**
 * Children placed on devices (`add(module, device)`, round robin by default); outputs concatenated
 * along `dimension`. Subclasses say how the input is distributed (`distributeInput`).
 */
export abstract class AbstractParallel extends Container {
  dimension!: number;
  gpu_assignments: number[] = [];
  /** The input each child sees, by child (1-based order as `modules`). */
  input_gpu: Activity[] = [];
  gradOutput_gpu: Tensor[] = [];

  constructor(dimension?: number) {
    super();
    if (dimension === undefined || dimension === null) throw new TorchError('must specify a dimension!');
    this.dimension = dimension;
  }

  /** The device kind of this container's tensor type. */
  protected kind(): DeviceKind { return deviceKindFor(this._type); }

  /** The device for the next child: `#assignments mod deviceCount + 1`. */
  nextGPU(): number { return (this.gpu_assignments.length % this.kind().deviceCount()) + 1; }

  /** Adds a child on `gpuid` (default `nextGPU()`). */
  override add(module: Module, gpuid?: number): this {
    const id = gpuid ?? this.nextGPU();
    this.modules.push(module);
    this.gpu_assignments.push(id);
    return this;
  }

  /** Runs `fn` on every child with its device current. */
  protected each(fn: (m: Module, i: number) => void): void {
    const k = this.kind();
    this.modules.forEach((m, i) => k.withDevice(this.gpu_assignments[i], () => fn(m, i)));
  }

  /** Sets `input_gpu[i]` for every child. */
  protected abstract distributeInput(input: Activity): void;

  override updateOutput(input: Activity): Activity {
    this.distributeInput(input);
    const outs: Tensor[] = [];
    this.each((m, i) => {
      const o = m.updateOutput(this.input_gpu[i]);
      if (!(o instanceof Tensor)) throw new TorchError(`${this.__typename}: child ${i + 1} must output a tensor`);
      outs.push(o);
    });
    const size = outs[0].size().totable() as number[];
    size[this.dimension - 1] = outs.reduce((s, o) => s + o.size(this.dimension), 0);
    const out = (this.output instanceof Tensor && this.output.kind === outs[0].kind ? this.output : outs[0].new()).resize(...size);
    let offset = 1;
    for (const o of outs) {
      const n = o.size(this.dimension);
      out.narrow(this.dimension, offset, n).copy(o);
      offset += n;
    }
    this.output = out;
    return out;
  }

  /** Each child's chunk of `gradOutput` along `dimension`, as wide as its output. */
  protected distributeGradOutput(gradOutput: Tensor): void {
    let offset = 1;
    this.modules.forEach((m, i) => {
      const n = (m.output as Tensor).size(this.dimension);
      const chunk = gradOutput.narrow(this.dimension, offset, n);
      const k = this.kind();
      const g = this.gradOutput_gpu[i] instanceof Tensor ? this.gradOutput_gpu[i] : chunk.new();
      this.gradOutput_gpu[i] = (k.moveTo ? k.moveTo(g, chunk, this.gpu_assignments[i]) as Tensor : g.resizeAs(chunk).copy(chunk));
      offset += n;
    });
  }

  override accGradParameters(_input: Activity, _gradOutput: Activity, scale = 1): void {
    this.each((m, i) => m.accGradParameters(this.input_gpu[i], this.gradOutput_gpu[i], scale));
  }

  override accUpdateGradParameters(_input: Activity, _gradOutput: Activity, lr: number): void {
    this.each((m, i) => m.accUpdateGradParameters(this.input_gpu[i], this.gradOutput_gpu[i], lr));
  }

  override zeroGradParameters(): void { this.each((m) => m.zeroGradParameters()); }
  override updateParameters(lr: number): void { this.each((m) => m.updateParameters(lr)); }
  override reset(...args: unknown[]): this { this.each((m) => m.reset(...args)); return this; }
  override share(_mlp?: Module, ..._names: string[]): this { throw new TorchError('Share is not supported for the AbstractParallel layer.'); }
}
