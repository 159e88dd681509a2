/** nn.WeightNorm(module, outputDim = 1): weight normalisation, w = g · v / ‖v‖ (WeightNorm.lua). */
import { newDefault } from '../lib/defaults.js';
import { check } from '../lib/errors.js';
import { fieldsTable } from '../lib/File/fields.js';
import { registerClass, type PayloadSink } from '../lib/File/registry.js';
import { LongStorage } from '../lib/Storage.js';
import type { Tensor } from '../lib/Tensor.js';
import { Decorator } from './Decorator.js';
import type { Module } from './Module.js';

/**
 * Reparametrises the weight of the wrapped module as `w = g · v / ‖v‖` (Salimans & Kingma 2016): the
 * weight is viewed as `nOut x (everything else)`, dimension `outputDim` moved to the front; `v` holds
 * the direction (that 2-D shape) and `g` the length of each of the nOut rows. The learnable parameters
 * become `v`, `g` (and the module's bias); in training mode every forward recomputes the module's weight
 * from them (`updateWeight`), and accGradParameters turns the module's dL/dw into `gradV` and `gradG`.
 * The norm is `sqrt(‖v‖² + 1e-4)`, as torch/nn computes it. Saved files leave out `weight` and
 * `gradWeight` (recomputed on load from `v`, `g` and `weightSize`), as Torch's `write`/`read` do.
 * @example
 * const m = new nn.WeightNorm(new nn.Linear(5, 3));
 * m.forward(torch.randn(2, 5));
 * m.parameters(); // [[v, g, bias], [gradV, gradG, gradBias]]
 */
export class WeightNorm extends Decorator {
  declare weight: Tensor;
  declare gradWeight: Tensor;
  /** The weight dimension that indexes the outputs (1-based). */
  outputDim: number;
  /** The product of the weight's other dimensions. */
  otherDims: number;
  /** The 2-D shape `{nOut, otherDims}` the computations use. */
  viewIn: LongStorage;
  /** The weight's shape with dimension `outputDim` bubbled to the front. */
  viewOut: LongStorage;
  /** The wrapped module's weight shape. */
  weightSize: LongStorage;
  /** The direction: `nOut x otherDims`. */
  v: Tensor;
  /** The length of each output's weight row. */
  g: Tensor;
  /** `‖v‖` of each row (of the last forward). */
  _norm: Tensor;
  /** `g / ‖v‖` of each row (of the last forward). */
  _scale: Tensor;
  gradG: Tensor;
  gradV: Tensor;

  constructor(module: Module, outputDim?: number) {
    super(module);
    check(module.weight !== undefined, 'assertion failed!');
    if (module.bias) {
      this.bias = module.bias;
      this.gradBias = module.gradBias;
    }
    this.gradWeight = module.gradWeight!;
    this.weight = module.weight!;
    this.outputDim = outputDim ?? 1;
    this.otherDims = 1;
    for (let i = 1; i <= this.weight.dim(); i++) if (i !== this.outputDim) this.otherDims *= this.weight.size(i);
    const nOut = this.weight.size(this.outputDim);
    this.viewIn = new LongStorage([nOut, this.otherDims]);
    const out = this.weight.size().totable() as number[];
    this.weightSize = new LongStorage(out);
    for (let i = this.outputDim - 1; i >= 1; i--) [out[i - 1], out[i]] = [out[i], out[i - 1]];
    this.viewOut = new LongStorage(out);
    this.v = newDefault().resize(nOut, this.otherDims);
    this.g = newDefault().resize(nOut);
    this._norm = newDefault().resize(nOut);
    this._scale = newDefault().resize(nOut);
    this.gradG = newDefault().resize(nOut).zero();
    this.gradV = newDefault().resize(this.viewIn);
    this.resetInit();
  }

  private get nOut(): number { return this.viewIn.data[0] as number; }
  private get nOther(): number { return this.viewIn.data[1] as number; }

  /** Moves dimension `outputDim` of `t` to the front (a view). */
  permuteIn(t: Tensor): Tensor {
    let ans = t;
    for (let i = this.outputDim - 1; i >= 1; i--) ans = ans.transpose(i, i + 1);
    return ans;
  }

  /** The inverse of `permuteIn` (a view). */
  permuteOut(t: Tensor): Tensor {
    let ans = t;
    for (let i = 1; i <= this.outputDim - 1; i++) ans = ans.transpose(i, i + 1);
    return ans;
  }

  /** `v ~ N(0, sqrt(2 / otherDims))`, `g = ‖v‖` per row, the bias zeroed. */
  resetInit(): void {
    this.v.normal(0, Math.sqrt(2 / this.nOther));
    (this.g as any).norm(this.v, 2, 2);
    this.bias?.zero();
  }

  /** Recomputes the module's weight from `v` and `g` before the switch to evaluation. */
  override evaluate(): this {
    if (this.train !== false) {
      this.updateWeight();
      super.evaluate();
    }
    return this;
  }

  /** weight = g · v / sqrt(‖v‖² + 1e-4), row by row, written into the module's weight. */
  updateWeight(): void {
    this.gradV.copy(this.permuteIn(this.weight));
    this.gradV = this.gradV.view(this.viewIn);
    (this._norm as any).norm(this.v, 2, 2).pow(2).add(10e-5).sqrt();
    this.gradV.copy(this.v);
    this._scale.copy(this.g).cdiv(this._norm);
    this.gradV.cmul(this._scale.view(this.nOut, 1).expand(this.nOut, this.nOther));
    this.gradV = this.gradV.view(this.viewOut);
    this.weight.copy(this.permuteOut(this.gradV));
  }

  override updateOutput(input: any): any {
    if (this.train !== false) this.updateWeight();
    return (this.output as Tensor).set(this.modules[0].updateOutput(input) as Tensor);
  }

  override updateGradInput(input: any, gradOutput: any): any {
    return (this.gradInput as Tensor).set(this.modules[0].updateGradInput(input, gradOutput) as Tensor);
  }

  /**
   * The module accumulates dL/dw into gradWeight; then gradG = Σ_row dL/dw · v / ‖v‖ and
   * gradV = g/‖v‖ · dL/dw − g · gradG · v / ‖v‖², and gradWeight is left holding gradV (in the weight's shape).
   * The module's weight buffer is used as scratch (the next training forward recomputes it).
   */
  override accGradParameters(input: any, gradOutput: any, scale = 1): void {
    this.modules[0].accGradParameters(input, gradOutput, scale);
    const n = this.nOut, k = this.nOther;
    this.weight.copy(this.permuteIn(this.weight));
    this.gradV.copy(this.permuteIn(this.gradWeight));
    this.weight = this.weight.view(this.viewIn);
    const norm = this._norm.view(n, 1).expand(n, k);
    const scl = this._scale.view(n, 1).expand(n, k);
    this.weight.copy(this.gradV);
    this.weight.cmul(this.v).cdiv(norm);
    (this.gradG as any).sum(this.weight, 2);
    this.gradV.cmul(scl);
    this.weight.copy(this.v).cmul(scl).cdiv(norm);
    this.weight.cmul(this.gradG.view(n, 1).expand(n, k));
    this.gradV.add(-1, this.weight);
    this.gradV = this.gradV.view(this.viewOut);
    this.weight = this.weight.view(this.viewOut);
    this.gradWeight.copy(this.permuteOut(this.gradV));
  }

  override zeroGradParameters(): void {
    this.modules[0].zeroGradParameters();
    this.gradV.zero();
    this.gradG.zero();
  }

  override updateParameters(lr: number): void {
    this.modules[0].updateParameters(lr);
    this.g.add(-lr, this.gradG);
    this.v.add(-lr, this.gradV);
  }

  /** `{v, g[, bias]}, {gradV, gradG[, gradBias]}`. */
  override parameters(): [Tensor[], Tensor[]] {
    if (this.bias) return [[this.v, this.g, this.bias], [this.gradV, this.gradG, this.gradBias!]];
    return [[this.v, this.g], [this.gradV, this.gradG]];
  }

  override toString(): string { return `nn.WeightNorm [${String(this.modules[0])}]`; }
}

// WeightNorm:write leaves out weight and gradWeight (its own and the module's); WeightNorm:read rebuilds them.
registerClass('nn.WeightNorm', WeightNorm, {
  *writePayload(_file: PayloadSink, m: WeightNorm) {
    const inner = m.modules[0];
    const weight = inner.weight, gradWeight = inner.gradWeight;
    const own = { weight: m.weight, gradWeight: m.gradWeight };
    m.weightSize ??= new LongStorage(weight!.size().totable() as number[]);
    delete (m as Partial<WeightNorm>).weight;
    delete (m as Partial<WeightNorm>).gradWeight;
    delete inner.weight;
    delete inner.gradWeight;
    try {
      yield [fieldsTable(m)];
    } finally {
      inner.weight = weight;
      inner.gradWeight = gradWeight;
      m.weight = own.weight;
      m.gradWeight = own.gradWeight;
    }
  },
  afterRead(m: WeightNorm) {
    if (m.weight) return;
    const inner = m.modules[0];
    inner.weight = m.v.new(m.weightSize);
    inner.gradWeight = m.v.new(m.weightSize);
    m.weight = inner.weight;
    m.gradWeight = inner.gradWeight!;
    m.updateWeight();
    m.gradWeight.copy(m.permuteOut(m.gradV));
  },
});
