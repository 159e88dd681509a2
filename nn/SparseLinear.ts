/** nn.SparseLinear(inputSize, outputSize[, doGradInput = false]): Linear on sparse (index, value) inputs (SparseLinear.lua). */
import { newDefault } from '../lib/defaults.js';
import { check } from '../lib/errors.js';
import { torch } from '../lib/index.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/** `sparseUpdate` states (SparseLinear.lua's locals). */
const NO_LAST_INPUT = 0;
const ONE_LAST_INPUT = 1;
const ACC_MULTIPLE_TIMES = 2;

type SparseInput = Tensor | Tensor[];

/**
 * y = W x + b where x is given by its non-zero entries: an `nnz x 2` tensor of (index, value) rows
 * (one sample), a table of them (a batch), or the legacy `batch x nnz x 2` tensor. After one
 * accGradParameters, `updateParameters` / `zeroGradParameters` touch only the columns of the features
 * in the last input (`lastInput`), as THNN's sparse updates do.
 * @example
 * const m = new nn.SparseLinear(10000, 2);
 * m.forward(torch.Tensor([[1, 0.5], [42, -1]])); // 2 outputs
 */
export class SparseLinear extends Module {
  declare weight: Tensor;
  declare bias: Tensor;
  declare gradWeight: Tensor;
  declare gradBias: Tensor;
  weightDecay = 0;
  doGradInput: boolean;
  /** A copy of the last input accGradParameters saw (COO nnz x 3, or the legacy tensor). */
  lastInput?: Tensor;
  sparseUpdate = NO_LAST_INPUT;
  /** The batch as one COO tensor (row, index, value). */
  formatted_input?: Tensor;
  legacyMode?: boolean;

  constructor(inputSize: number, outputSize: number, doGradInput?: boolean) {
    super();
    this.doGradInput = doGradInput ?? false;
    this.weight = newDefault().resize(outputSize, inputSize).zero();
    this.bias = newDefault().resize(outputSize).zero();
    this.gradWeight = newDefault().resize(outputSize, inputSize).zero();
    this.gradBias = newDefault().resize(outputSize).zero();
    check(typeof this.doGradInput === 'boolean', 'assertion failed!');
    this.gradInput = [];
    (this.output as Tensor).resize(outputSize);
    this.reset();
  }

  /** weight uniform in ±1/sqrt(inputSize) (or ±stdv·sqrt(3)), then bias uniform in the same range times 1e-6. */
  override reset(stdv?: number): this {
    const s = stdv !== undefined ? stdv * Math.sqrt(3) : 1 / Math.sqrt(this.weight.size(2));
    this.weight.uniform(-s, s);
    this.bias.uniform(-s, s).mul(0.000001);
    return this;
  }

  /** [inputs, batchMode, legacyMode]. */
  reshapeInput(input: SparseInput): [SparseInput, boolean, boolean] {
    if (Array.isArray(input)) return [input, true, false];
    if (input.dim() === 2) return [[input], false, false];
    return [input, true, true];
  }

  override updateOutput(input: SparseInput): Tensor {
    if (this.sparseUpdate === ONE_LAST_INPUT) this.sparseUpdate = ACC_MULTIPLE_TIMES;
    const [inp, batchMode, legacyMode] = this.reshapeInput(input);
    this.legacyMode = legacyMode;
    if (legacyMode) {
      const x = inp as Tensor;
      x.THNN.SparseLinear_legacyUpdateOutput(x, this.output, this.weight, this.bias);
      return this.output;
    }
    const list = inp as Tensor[];
    if (list.length === 0) {
      (this.output as Tensor).copy(this.bias);
      return this.output;
    }
    this.formatInput(list);
    const out = (this.output as Tensor).resize(list.length, this.weight.size(1));
    list[0].THNN.SparseLinear_updateOutput(this.formatted_input!, out, this.weight, this.bias);
    if (!batchMode) this.output = (out.select(1, 1) as Tensor);
    return this.output;
  }

  /** formatted_input = the samples' (index, value) rows stacked, with their (1-based) sample number in front. */
  private formatInput(list: Tensor[]): void {
    this.formatted_input ??= list[0].new();
    const size = list.reduce((n, x) => n + x.size(1), 0);
    this.formatted_input.resize(size, 3);
    let marker = 1;
    list.forEach((x, i) => {
      const buf = this.formatted_input!.narrow(1, marker, x.size(1));
      buf.narrow(2, 2, 2).copy(x);
      (buf.select(2, 1) as Tensor).fill(i + 1);
      marker += x.size(1);
    });
  }

  override accGradParameters(input: SparseInput, gradOutput: Tensor, scale = 1): void {
    const [inp, batchMode, legacyMode] = this.reshapeInput(input);
    this.legacyMode = legacyMode;
    this.lastInput ??= gradOutput.new();
    if (this.sparseUpdate === NO_LAST_INPUT) {
      const v = legacyMode ? (inp as Tensor) : this.formatted_input!;
      this.lastInput.resizeAs(v).copy(v);
      this.sparseUpdate = ONE_LAST_INPUT;
    } else if (this.sparseUpdate === ONE_LAST_INPUT) {
      this.sparseUpdate = ACC_MULTIPLE_TIMES;
    }
    if (legacyMode) {
      const x = inp as Tensor;
      x.THNN.SparseLinear_legacyAccGradParameters(x, gradOutput, this.gradWeight, this.gradBias, this.weight, this.bias,
        this.weightDecay || 0, scale);
      return;
    }
    const go = batchMode ? gradOutput : gradOutput.view(1, gradOutput.size(1));
    const fi = this.formatted_input!;
    // entries sorted by (column, row), as the kernel's column-compressed walk needs
    const keys = (fi.select(2, 2) as Tensor).clone().mul(go.size(1)).add((fi.select(2, 1) as Tensor));
    const [, inds] = keys.sort(1, false);
    const newinput = fi.index(1, inds);
    (inp as Tensor[])[0].THNN.SparseLinear_accGradParameters(newinput, go, this.gradWeight, this.gradBias, this.weight, this.bias,
      this.weightDecay || 0, scale);
  }

  /** Dense gradients, given as (index, value) rows for every feature, when `doGradInput`; else an empty table. */
  override updateGradInput(input: SparseInput, gradOutput: Tensor): Tensor | Tensor[] {
    if (this.legacyMode) {
      const g = this.gradInput;
      if (Array.isArray(g) || g?.type?.() !== gradOutput.type()) this.gradInput = gradOutput.new();
      (this.gradInput as Tensor).resizeAs(input as Tensor);
    } else {
      this.gradInput = [];
    }
    if (!this.doGradInput) return this.gradInput;
    const batch = gradOutput.dim() !== 1;
    const gi: Tensor = batch ? torch.mm(gradOutput, this.weight) : torch.mv(this.weight.t(), gradOutput);
    const ini = this.weight.size(2);
    if (this.legacyMode) {
      const g = this.gradInput as Tensor;
      const batches = g.size(1);
      g.resize(batches, ini, 2);
      (g.select(3, 1) as Tensor).copy(torch.repeatTensor(torch.range(1, ini), batches, 1));
      (g.select(3, 2) as Tensor).copy(gi);
    } else {
      const rows = batch ? gi : gi.view(1, ini);
      const list: Tensor[] = [];
      for (let i = 1; i <= rows.size(1); i++) {
        const t = gradOutput.new(ini, 2);
        (t.select(2, 2) as Tensor).copy((rows.select(1, i) as Tensor));
        (t.select(2, 1) as Tensor).range(1, ini);
        list.push(t);
      }
      this.gradInput = list;
    }
    return this.gradInput;
  }

  /** The sparse update over lastInput's features after exactly one accGradParameters; otherwise the dense one. */
  override updateParameters(lr: number): void {
    if (this.lastInput && this.sparseUpdate === ONE_LAST_INPUT) {
      const k = this.legacyMode ? 'SparseLinear_legacyUpdateParameters' : 'SparseLinear_updateParameters';
      this.lastInput.THNN[k](this.weight, this.bias, this.gradWeight, this.gradBias, this.lastInput, lr);
    } else {
      super.updateParameters(lr);
    }
  }

  /** Zeroes only lastInput's gradWeight columns after exactly one accGradParameters; otherwise everything. */
  override zeroGradParameters(): void {
    if (this.lastInput && this.sparseUpdate === ONE_LAST_INPUT) {
      const k = this.legacyMode ? 'SparseLinear_legacyZeroGradParameters' : 'SparseLinear_zeroGradParameters';
      this.lastInput.THNN[k](this.gradWeight, this.gradBias, this.lastInput);
    } else {
      super.zeroGradParameters();
    }
    this.sparseUpdate = NO_LAST_INPUT;
  }

  override clearState(): this {
    this.lastInput?.set();
    return super.clearState();
  }
}
