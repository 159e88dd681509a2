/** nn.IndexLinear(inputSize, outputSize[, doGradInput, keysOffset, weight, bias, normalize]): a sparse Linear on (key, value) pairs (IndexLinear.lua). */
import { newDefault } from '../lib/defaults.js';
import { TorchError, check } from '../lib/errors.js';
import { torch } from '../lib/index.js';
import { LongTensor, Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/** Keys and gradient buffers accumulated between zeroGradParameters calls (Lua's 1-based tables, 0-based here). */
interface Running { cumSumSizes: Tensor[]; keys: LongTensor[]; gradWeight: Tensor[]; counter: number }

type IndexInput = (Tensor | number | Tensor[])[];

/**
 * y = bias + sum over a sample's (key, value) pairs of value * weight[key] (weight is inputSize x outputSize,
 * row per feature). Input: `{keys, values}` (one sample, 1-D tensors), `{{keys...}, {values...}}` (a batch),
 * or the flat `{keys, values, sizes}` (concatenated batch). Keys are 1-based (shifted by `keysOffset - 1`).
 * Gradients are dense per pair (`running.gradWeight`), accumulated until `updateParameters`; with `normalize`
 * each value is first divided by the running max |value| of its feature (4 extra weight columns per row).
 * The constructor leaves the weight and bias at zero (call `reset()` for random ones), as torch/nn's does.
 * @example
 * const m = new nn.IndexLinear(100000, 2).reset();
 * m.forward([torch.LongTensor([3, 77]), torch.Tensor([1, 0.5])]); // 2 outputs
 */
export class IndexLinear extends Module {
  declare weight: Tensor;
  declare bias: Tensor;
  declare gradWeight: Tensor;
  declare gradBias: Tensor;
  /** 4 with max-normalisation, else 0: the extra weight columns per feature. */
  normalize: number;
  inputSize: number;
  outputSize: number;
  gradWeightBuffer: Tensor = newDefault();
  valuesBuffer: Tensor = newDefault();
  normalizedValues: Tensor = newDefault();
  running: Running = { cumSumSizes: [], keys: [], gradWeight: [], counter: 1 };
  sizesCache: LongTensor[] = [];
  cumSumSizesCache: LongTensor[] = [];
  weightDecay = 0;
  doGradInput: boolean;
  /** Added to each (1-based) key to get the 0-based weight row. */
  offset: number;
  isFlat?: boolean;
  noBatch?: boolean;
  keys?: LongTensor;
  values?: Tensor;
  sizes?: LongTensor;
  cumSumSizes?: LongTensor;
  lkeys?: Tensor[];
  lvalues?: Tensor[];
  updateKeys?: LongTensor;
  updateKeysBuffer?: LongTensor;

  constructor(inputSize: number, outputSize: number, doGradInput?: boolean, keysOffset?: number, weight?: Tensor,
    bias?: Tensor, normalize?: boolean) {
    super();
    this.normalize = normalize ? 4 : 0;
    this.weight = weight ?? newDefault().resize(inputSize, outputSize + this.normalize).zero();
    this.bias = bias ?? newDefault().resize(outputSize).zero();
    this.inputSize = this.weight.size(1);
    this.outputSize = this.weight.size(2) - this.normalize;
    this.gradWeight = newDefault();
    this.gradBias = newDefault().resize(this.outputSize).zero();
    this.doGradInput = doGradInput ?? false;
    this.offset = keysOffset ? keysOffset - 1 : -1;
  }

  /** weight uniform in ±1/sqrt(weight:size(2)) (or ±stdv·sqrt(3)), bias likewise times 1e-6; the normalisation columns zeroed. */
  override reset(stdv?: number): this {
    const s = stdv !== undefined ? stdv * Math.sqrt(3) : 1 / Math.sqrt(this.weight.size(2));
    this.weight.uniform(-s, s);
    this.bias.uniform(-s, s).mul(0.000001);
    if (this.normalize > 0) this.weight.narrow(2, 1, this.normalize).zero();
    return this;
  }

  /** Flat input: [keys, values, sizes]; otherwise [key list, value list]. Sets isFlat / noBatch. */
  reshapeInput(input: IndexInput): [Tensor | Tensor[], Tensor | Tensor[], LongTensor?] {
    check(Array.isArray(input), 'assertion failed!');
    check(input.length === 2 || input.length === 3, 'assertion failed!');
    if (input.length === 3) {
      const fkeys = input[0] as Tensor, fvals = input[1] as Tensor;
      const fsizes = input[2] instanceof Tensor ? input[2] as LongTensor : new LongTensor([input[2] as number]);
      check(fkeys.nElement() === fvals.nElement(), 'Keys and values should be of same size');
      check(fkeys.dim() === 1, 'Keys and values should be 1D');
      this.isFlat = true;
      this.noBatch = false;
      return [fkeys, fvals, fsizes];
    }
    const [keys, values] = input;
    let lkeys: Tensor[], lvalues: Tensor[];
    if (Array.isArray(keys) && Array.isArray(values)) {
      [lkeys, lvalues] = [keys, values];
      this.isFlat = false;
      this.noBatch = false;
    } else if (keys instanceof Tensor && values instanceof Tensor) {
      [lkeys, lvalues] = [[keys], [values]];
      this.isFlat = false;
      this.noBatch = true;
    } else {
      throw new TorchError('Wrong input format.');
    }
    lkeys.forEach((k, i) => check(lvalues[i].dim() === 1 && k.dim() === 1, 'keys and values should be 1D'));
    return [lkeys, lvalues];
  }

  /** keys/values concatenated, sizes and their cumulative sums, for the kernels. */
  flattenInputs(input: IndexInput): void {
    const [lkeys, lvalues, sizes] = this.reshapeInput(input);
    const c = this.running.counter - 1;
    this.running.keys[c] ??= new LongTensor();
    const keys = (this.keys = this.running.keys[c]);
    if (this.isFlat) {
      const k = lkeys as Tensor, v = lvalues as Tensor;
      this.values ??= v.new();
      keys.resize(k.size()).copy(k);
      this.values.resize(v.size()).copy(v);
      this.sizes = sizes!;
      this.cumSumSizes ??= this.sizes.new() as LongTensor;
      (this.cumSumSizes as any).cumsum(this.sizes);
    } else {
      const lk = lkeys as Tensor[], lv = lvalues as Tensor[];
      this.values ??= lv[0].new();
      this.lkeys = lk;
      this.lvalues = lv;
      const batchSize = lk.length;
      this.sizesCache[0] ??= new LongTensor(batchSize);
      this.cumSumSizesCache[0] ??= new LongTensor(batchSize);
      this.sizes = this.sizesCache[0].resize(batchSize);
      this.cumSumSizes = this.cumSumSizesCache[0].resize(batchSize);
      lk.forEach((k, i) => this.sizes!.put(i + 1, k.size(1)));
      (this.cumSumSizes as any).cumsum(this.sizes);
      keys.resize(lk.reduce((n, k) => n + k.nElement(), 0));
      let at = 1;
      for (const k of lk) { if (k.nElement() > 0) keys.narrow(1, at, k.nElement()).copy(k); at += k.nElement(); }
      this.values.cat(lv, 1);
    }
    this.running.cumSumSizes[c] = this.cumSumSizes!;
  }

  override updateOutput(input: IndexInput): Tensor {
    this.flattenInputs(input);
    this.values!.THNN.IndexLinear_updateOutput(this.keys!, this.offset, this.values!, this.sizes!, this.cumSumSizes!,
      this.output, this.weight, this.bias, this.normalizedValues, this.train ? 1 : 0);
    if (this.noBatch) (this.output as Tensor).resize(this.output.size(2));
    return this.output;
  }

  /** The values the gradients use: the normalised ones with `normalize`. */
  private gradValues(): Tensor { return this.normalize > 0 ? this.normalizedValues : this.values!; }

  /** Updates weight and bias directly (scale = the learning rate), for the last forward's keys. */
  override accUpdateGradParameters(_input: IndexInput, gradOutput: Tensor, scale = 1): void {
    this.values!.THNN.IndexLinear_accUpdateGradParameters(this.keys!, this.offset, this.gradValues(), this.sizes!,
      this.cumSumSizes!, gradOutput, this.weight, this.bias, this.weightDecay || 0, scale);
  }

  /** Fills a new dense per-pair gradient buffer (running.gradWeight[counter]) and accumulates gradBias. */
  override accGradParameters(_input: IndexInput, gradOutput: Tensor, scale = 1): void {
    const c = this.running.counter - 1;
    this.running.gradWeight[c] ??= this.values!.new();
    this.values!.THNN.IndexLinear_accGradParameters(this.keys!, this.offset, this.gradValues(), this.sizes!, this.cumSumSizes!,
      gradOutput, this.running.gradWeight[c], this.gradBias, this.weight, this.bias, this.valuesBuffer, this.weightDecay || 0, scale);
    this.running.counter += 1;
  }

  /** With `doGradInput` (not with normalize), the dense gradient per sample as {indices, values}; else an empty table. */
  override updateGradInput(_input: IndexInput, gradOutput: Tensor): unknown[] {
    let gradInput: any[] = [];
    if (this.doGradInput && this.normalize > 0) throw new TorchError('updateGradInput is not implemented in max-normalize mode');
    const ini = this.weight.size(1);
    if (this.doGradInput) {
      const gi = gradOutput.dim() === 1
        ? gradOutput.new().resize(ini).mv(this.weight, gradOutput).resize(1, ini)
        : gradOutput.new().resize(gradOutput.size(1), ini).mm(gradOutput, this.weight.t());
      const indices = this.running.keys[0].new().resize(ini).range(1, ini);
      if (this.isFlat) {
        gradInput = [torch.repeatTensor(indices, gi.size(1), 1), gi];
      } else {
        gradInput = [[], []];
        for (let i = 1; i <= gi.size(1); i++) {
          gradInput[0].push(this.running.keys[0].new().resize(ini).copy(indices));
          gradInput[1].push(gradOutput.new().resize(ini).copy(gi.select(1, i) as Tensor));
        }
      }
      if (this.noBatch) gradInput = this.isFlat ? [gradInput[0].resize(ini), gradInput[1].resize(ini)] : [gradInput[0][0], gradInput[1][0]];
    }
    this.gradInput = gradInput;
    return gradInput;
  }

  /** Applies the accumulated per-pair gradients to the keys seen since zeroGradParameters. */
  override updateParameters(lr?: number): void {
    const counter = this.running.counter;
    if (counter <= 1) return;
    if (counter === 2) {
      this.updateKeys = this.running.keys[0];
      this.gradWeight = this.running.gradWeight[0];
    } else {
      this.updateKeysBuffer ??= new LongTensor();
      const lkeys = this.running.keys.slice(0, counter - 1);
      const lgw = this.running.gradWeight.slice(0, counter - 1).map((g) => g.contiguous().view(g.nElement()));
      const total = lkeys.reduce((n, k) => n + k.size(1), 0);
      this.updateKeysBuffer.resize(total);
      let at = 1;
      for (const k of lkeys) { this.updateKeysBuffer.narrow(1, at, k.size(1)).copy(k); at += k.size(1); }
      this.gradWeightBuffer.cat(lgw, 1).resize(total, this.outputSize);
      this.gradWeight = this.gradWeightBuffer;
      this.updateKeys = this.updateKeysBuffer;
    }
    if (lr === undefined) throw new TorchError('You must specify a learning rate');
    this.values!.THNN.IndexLinear_updateParameters(this.gradWeight, this.gradBias, this.weight, this.bias, this.updateKeys,
      this.cumSumSizes!, this.offset, this.weightDecay || 0, lr);
  }

  /** gradBias = 0 and the running buffers restart (the per-pair gradients are overwritten, not accumulated). */
  override zeroGradParameters(): void {
    this.gradBias.zero();
    this.running.counter = 1;
  }

  /** {weight, bias}, {running, gradBias}, as IndexLinear.lua (so getParameters does not apply). */
  override parameters(): [Tensor[], Tensor[]] {
    return [[this.weight, this.bias], [this.running as unknown as Tensor, this.gradBias]];
  }

  override clearState(): this {
    this.running.keys = [];
    this.running.gradWeight = [];
    this.keys = undefined;
    this.updateKeys = undefined;
    this.values = undefined;
    this.sizes = undefined;
    this.lkeys = [];
    this.lvalues = [];
    this.gradWeightBuffer = this.gradWeightBuffer.new();
    this.valuesBuffer = this.valuesBuffer.new();
    this.updateKeysBuffer = undefined;
    return super.clearState();
  }
}
