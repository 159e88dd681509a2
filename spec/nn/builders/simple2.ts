import { registerClass } from '../../../lib/File/index.js';
/** Fixture builders (torch7-ref/modules cases) and Jacobian-table entries of the 'simple2' family. */
import { torch, Tensor } from '../../../lib/index.js';
import { ByteTensor, LongTensor } from '../../../lib/Tensor.js';
import { nn } from '../../../nn/index.js';
import { Module } from '../../../nn/Module.js';
import type { ModuleBuilders, ModuleCase } from './types.js';

export const builders: ModuleBuilders = {
  LookupTable: () => new nn.LookupTable(10, 4),
  /** The generator drew the 4x6 input (torch.randn) after building and before the mask: draw it too. */
  Dropout_train: () => {
    const m = new nn.Dropout(0.3);
    torch.randn(4, 6);
    return m;
  },
  Dropout_eval: () => new nn.Dropout(0.3),
};

/**
 * A LookupTable driven by real-valued input, so the generic table (which fills inputs with uniform
 * values in [-2, 2]) can check its weight Jacobian: each value v becomes the 1-based index
 * 1 + floor((v + 2) / 4 * nIndex), clamped to [1, nIndex], in a LongTensor.
 */
export class IndexedLookup extends Module {
  inner: InstanceType<typeof nn.LookupTable>;
  idx: Tensor = new LongTensor();

  constructor(nIndex: number, nOutput: number) {
    super();
    this.inner = new nn.LookupTable(nIndex, nOutput);
  }
  private indices(x: Tensor): Tensor {
    if (!(this.idx instanceof LongTensor)) this.idx = new LongTensor();
    const n = this.inner.weight.size(1);
    const vals: number[] = [];
    x.apply((v) => { vals.push(Math.min(n, Math.max(1, 1 + Math.floor(((v + 2) / 4) * n)))); });
    this.idx.resize(x.size());
    let k = 0;
    this.idx.apply(() => vals[k++]);
    return this.idx;
  }
  override updateOutput(x: Tensor) { this.output = this.inner.updateOutput(this.indices(x)); return this.output; }
  override updateGradInput(x: Tensor, g: Tensor) {
    this.inner.updateGradInput(this.idx, g);
    if ((this.gradInput as Tensor).type() !== x.type()) this.gradInput = x.new();
    (this.gradInput as Tensor).resizeAs(x).zero();
    return this.gradInput;
  }
  override accGradParameters(_x: Tensor, g: Tensor, s = 1) { this.inner.accGradParameters(this.idx, g, s); }
  override accUpdateGradParameters(_x: Tensor, g: Tensor, lr: number) { this.inner.accUpdateGradParameters(this.idx, g, lr); }
  override parameters() { return this.inner.parameters(); }
  override clearState(): this { this.inner.clearState(); return super.clearState(); }
}
// A user-defined class: registered so that testIO's .t7 round trip rebuilds it.
registerClass('nn.IndexedLookup', IndexedLookup);

/**
 * nn.Index or nn.MaskedSelect with its second input (a LongTensor index, a ByteTensor mask) held fixed,
 * so the generic table drives it with one real tensor: the Jacobian is w.r.t. that tensor (the index and
 * mask get no gradient), and type() keeps the index/mask as they are (as a user's LongTensor/ByteTensor).
 */
export class FixedSecond extends Module {
  inner: Module;
  second: Tensor;

  constructor(inner: Module, second: Tensor) {
    super();
    this.inner = inner;
    this.second = second;
  }
  override updateOutput(x: Tensor) { this.output = this.inner.updateOutput([x, this.second]); return this.output; }
  override updateGradInput(x: Tensor, g: Tensor) {
    this.gradInput = (this.inner.updateGradInput([x, this.second], g) as Tensor[])[0];
    return this.gradInput;
  }
  override type(type?: string, cache?: Map<unknown, Tensor>): this | string {
    if (type === undefined) return super.type();
    const second = this.second;
    super.type(type, cache);
    this.second = second;
    return this;
  }
  override clearState(): this { this.inner.clearState(); return super.clearState(); }
}
registerClass('nn.FixedSecond', FixedSecond);

/**
 * A random module made repeatable: torch.manualSeed(seed) before each forward, so every forward draws
 * the same noise (the Jacobian's perturbed forwards, the IO round trip, the float copy). Torch's CPU
 * generator only: the CudaTensor table skips it (spec/cuda/modules.spec.ts, STOCHASTIC).
 */
export class Reseeded extends Module {
  inner: Module;
  seed: number;

  constructor(inner: Module, seed: number) {
    super();
    this.inner = inner;
    this.seed = seed;
  }
  override updateOutput(x: Tensor) {
    (torch as any).manualSeed(this.seed);
    this.output = this.inner.updateOutput(x);
    return this.output;
  }
  override updateGradInput(x: Tensor, g: Tensor) { this.gradInput = this.inner.updateGradInput(x, g); return this.gradInput; }
  override clearState(): this { this.inner.clearState(); return super.clearState(); }
}
registerClass('nn.Reseeded', Reseeded);

/** Runs its inner module with console.log silenced (nn.PrintSize in the generic table). */
export class Silenced extends Module {
  inner: Module;

  constructor(inner: Module) {
    super();
    this.inner = inner;
  }
  private quiet<T>(f: () => T): T {
    const log = console.log;
    console.log = () => {};
    try { return f(); } finally { console.log = log; }
  }
  override updateOutput(x: Tensor) { this.output = this.quiet(() => this.inner.updateOutput(x)); return this.output; }
  override updateGradInput(x: Tensor, g: Tensor) { this.gradInput = this.quiet(() => this.inner.updateGradInput(x, g)); return this.gradInput; }
  override clearState(): this { this.inner.clearState(); return super.clearState(); }
}
registerClass('nn.Silenced', Silenced);

const randn = (...s: number[]) => () => torch.randn(...s);
const seq = (...ms: Module[]): Module => {
  const s = new nn.Sequential();
  ms.forEach((m) => s.add(m));
  return s;
};

/**
 * Every simple2 layer with a gradient. Log, Sqrt and Power(0.5) need positive input, so they run after
 * an nn.Exp; Dropout is checked in evaluation (its training mask is random), SpatialDropout with p = 0.
 * GradientReversal is left out on purpose: its gradient is -lambda times the Jacobian.
 */
export const jacobianCases: ModuleCase[] = [
  { name: 'nn.LookupTable(7,3) vector', build: () => new IndexedLookup(7, 3), input: randn(5), noInputJacobian: true },
  { name: 'nn.LookupTable(7,3) batch', build: () => new IndexedLookup(7, 3), input: randn(2, 4), noInputJacobian: true },
  { name: 'nn.Dropout(0.3) evaluate', build: () => new nn.Dropout(0.3).evaluate(), input: randn(3, 4) },
  { name: 'nn.Dropout(0.3,true) v1 evaluate', build: () => new nn.Dropout(0.3, true).evaluate(), input: randn(3, 4) },
  { name: 'nn.SpatialDropout(0) batch', build: () => new nn.SpatialDropout(0), input: randn(2, 3, 2, 2) },
  { name: 'nn.SpatialDropout(0) 3-D', build: () => new nn.SpatialDropout(0), input: randn(3, 2, 2) },
  { name: 'nn.Exp', build: () => new nn.Exp(), input: randn(3, 4) },
  { name: 'nn.Log (after nn.Exp)', build: () => seq(new nn.Exp(), new nn.Log()), input: randn(3, 4) },
  { name: 'nn.Abs', build: () => new nn.Abs(), input: randn(3, 4) },
  { name: 'nn.Square', build: () => new nn.Square(), input: randn(3, 4) },
  { name: 'nn.Sqrt (after nn.Exp)', build: () => seq(new nn.Exp(), new nn.Sqrt()), input: randn(3, 4) },
  { name: 'nn.Power(3)', build: () => new nn.Power(3), input: randn(3, 4) },
  { name: 'nn.Power(0.5) (after nn.Exp)', build: () => seq(new nn.Exp(), new nn.Power(0.5)), input: randn(3, 4) },
  { name: 'nn.Clamp(-0.5,1)', build: () => new nn.Clamp(-0.5, 1), input: randn(3, 4) },
  { name: 'nn.Normalize(2) vector', build: () => new nn.Normalize(2), input: randn(5) },
  { name: 'nn.Normalize(2) batch', build: () => new nn.Normalize(2), input: randn(3, 5) },
  { name: 'nn.Normalize(1) batch', build: () => new nn.Normalize(1), input: randn(3, 5) },
  { name: 'nn.Normalize(1.5) batch', build: () => new nn.Normalize(1.5), input: randn(3, 5) },
  { name: 'nn.Normalize(3) batch', build: () => new nn.Normalize(3), input: randn(3, 5) },
  { name: 'nn.Normalize(4) vector', build: () => new nn.Normalize(4), input: randn(5) },
  { name: 'nn.Normalize(inf) batch', build: () => new nn.Normalize(Infinity), input: randn(3, 5) },
  { name: 'nn.Normalize(inf) vector', build: () => new nn.Normalize(Infinity), input: randn(5) },
  { name: 'nn.Index(1)', build: () => new FixedSecond(new nn.Index(1), new LongTensor([3, 1, 3, 4])), input: randn(4, 3) },
  { name: 'nn.Index(2) 3-D', build: () => new FixedSecond(new nn.Index(2), new LongTensor([2, 2, 1])), input: randn(2, 3, 2) },
  {
    name: 'nn.MaskedSelect',
    build: () => new FixedSecond(new nn.MaskedSelect(), new ByteTensor([[1, 0, 1, 1], [0, 0, 1, 0], [1, 1, 0, 1]])),
    input: randn(3, 4),
  },
  { name: 'nn.Constant(tensor,1) batch', build: () => new nn.Constant(new (torch as any).Tensor([[1, -2], [0.5, 3]]), 1), input: randn(3, 4) },
  { name: 'nn.Constant(2.5)', build: () => new nn.Constant(2.5), input: randn(3, 4) },
  // ZeroGrad's gradient is zero by design, not its (identity) Jacobian
  { name: 'nn.ZeroGrad', build: () => new nn.ZeroGrad(), input: randn(3, 4), noInputJacobian: true },
  // L1Penalty's output is its input tensor (clearState empties it, as in Lua), so a copy feeds it; its
  // gradient adds w * sign(x) to the Jacobian's: checked with w = 0, and forward/IO/type with w > 0
  { name: 'nn.L1Penalty(0)', build: () => seq(new nn.Copy(undefined, undefined, true), new nn.L1Penalty(0)), input: randn(3, 4) },
  {
    name: 'nn.L1Penalty(0.1,true) (gradient not a Jacobian)',
    build: () => seq(new nn.Copy(undefined, undefined, true), new nn.L1Penalty(0.1, true)),
    input: randn(3, 4),
    noInputJacobian: true,
  },
  // PrintSize passes input and gradOutput themselves through (clearState empties them, as in Lua):
  // copies on both sides keep the table's own tensors out of its reach
  {
    name: 'nn.PrintSize (silenced)',
    build: () => new Silenced(seq(new nn.Copy(undefined, undefined, true), new nn.PrintSize('row'), new nn.Copy(undefined, undefined, true))),
    input: randn(3, 4),
  },
  { name: 'nn.Collapse(2) batch', build: () => new nn.Collapse(2), input: randn(3, 2, 4) },
  { name: 'nn.Collapse(2) non-batch', build: () => new nn.Collapse(2), input: randn(2, 4) },
  { name: 'nn.WhiteNoise(0.5,0.2) training, reseeded', build: () => new Reseeded(new nn.WhiteNoise(0.5, 0.2), 77), input: randn(3, 4) },
];
