/** nn.WeightedEuclidean(inputSize, outputSize): y_j = ||c_j .* (x − w_j)|| with learnable diagonal c_j (WeightedEuclidean.lua). */
import { TorchError } from '../lib/errors.js';
import { newDefault } from '../lib/defaults.js';
import { torch } from '../lib/index.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';
import { viewOrReshape } from './Euclidean.js';

/**
 * Euclidean with a learnable diagonal covariance per template: `weight` and `diagCov` are
 * inputSize x outputSize; `reset()` draws the weight uniform in ±1/sqrt(inputSize) and sets diagCov to 1.
 * `parameters()` is `[[weight, diagCov], [gradWeight, gradDiagCov]]`. As in Torch, `fastBackward` is
 * unset, so `updateGradInput` runs the forward pass again.
 * @example
 * new nn.WeightedEuclidean(5, 3).forward(torch.randn(8, 5)); // 8x3
 */
export class WeightedEuclidean extends Module {
  declare weight: Tensor;
  declare gradWeight: Tensor;
  /** One diagonal covariance (column) per template. */
  diagCov: Tensor;
  gradDiagCov: Tensor;
  /** When not true, `updateGradInput` runs `updateOutput` again first (Torch leaves it unset). */
  fastBackward?: boolean;
  _diagCov?: Tensor; _input?: Tensor; _weight?: Tensor; _expand?: Tensor; _expand2?: Tensor; _expand3?: Tensor;
  _expand4?: Tensor; _repeat?: Tensor; _repeat2?: Tensor; _div?: Tensor; _output?: Tensor; _sum?: Tensor;

  constructor(inputSize: number, outputSize: number) {
    super();
    this.weight = newDefault().resize(inputSize, outputSize);
    this.gradWeight = newDefault().resize(inputSize, outputSize).zero();
    this.diagCov = newDefault().resize(inputSize, outputSize);
    this.gradDiagCov = newDefault().resize(inputSize, outputSize).zero();
    this.reset();
  }

  /** Weight uniform in ±1/sqrt(inputSize) (or ±stdv·sqrt(3)); diagCov 1. */
  override reset(stdv?: number): this {
    const s = stdv !== undefined ? stdv * Math.sqrt(3) : 1 / Math.sqrt(this.weight.size(1));
    this.weight.uniform(-s, s);
    this.diagCov.fill(1);
    return this;
  }

  override parameters(): [Tensor[], Tensor[]] {
    return [[this.weight, this.diagCov], [this.gradWeight, this.gradDiagCov]];
  }

  override updateOutput(input: Tensor): Tensor {
    const _diagCov = (this._diagCov ??= this.output.new());
    const _input = (this._input ??= input.new());
    const _weight = (this._weight ??= this.weight.new());
    const _expand = (this._expand ??= this.output.new());
    const _expand2 = (this._expand2 ??= this.output.new());
    const _expand3 = (this._expand3 ??= this.output.new());
    const _repeat = (this._repeat ??= this.output.new());
    const [inputSize, outputSize] = this.weight._size;
    // y_j = || c_j * (w_j - x) ||
    if (input.dim() === 1) {
      viewOrReshape(_input, input, inputSize, 1);
      _expand.set(_input.expandAs(this.weight));
      _repeat.resizeAs(_expand).copy(_expand).add(-1, this.weight).cmul(this.diagCov);
      torch.norm(this.output, _repeat, 2, 1);
      this.output.resize(outputSize);
    } else if (input.dim() === 2) {
      const batchSize = input.size(1);
      viewOrReshape(_input, input, batchSize, inputSize, 1);
      _expand.set(_input.expand(batchSize, inputSize, outputSize));
      _repeat.resizeAs(_expand).copy(_expand);
      _weight.set(this.weight.view(1, inputSize, outputSize));
      _expand2.set(_weight.expandAs(_repeat));
      _diagCov.set(this.diagCov.view(1, inputSize, outputSize));
      _expand3.set(_diagCov.expandAs(_repeat));
      _repeat.add(-1, _expand2).cmul(_expand3);
      torch.norm(this.output, _repeat, 2, 2);
      this.output.resize(batchSize, outputSize);
    } else {
      throw new TorchError('1D or 2D input expected');
    }
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const _div = (this._div ??= input.new());
    const _output = (this._output ??= this.output.new());
    const _expand4 = (this._expand4 ??= input.new());
    const _repeat2 = (this._repeat2 ??= this.output.new());
    if (!this.fastBackward) this.updateOutput(input);
    const [inputSize, outputSize] = this.weight._size;
    // dy_j/dx = c_j * c_j * (x - w_j) / y_j; 1e-7 keeps a zero distance from dividing by zero.
    _output.resizeAs(this.output).copy(this.output).add(0.0000001);
    _div.cdiv(gradOutput, _output);
    if (input.dim() === 1) {
      _div.resize(1, outputSize);
      _expand4.set(_div.expandAs(this.weight));
      _repeat2.cmul(this._repeat!, _expand4).cmul(this.diagCov);
      torch.sum(this.gradInput, _repeat2, 2);
      this.gradInput.resizeAs(input);
    } else if (input.dim() === 2) {
      const batchSize = input.size(1);
      _div.resize(batchSize, 1, outputSize);
      _expand4.set(_div.expand(batchSize, inputSize, outputSize));
      _repeat2.cmul(this._repeat!, _expand4).cmul(this._expand3!);
      torch.sum(this.gradInput, _repeat2, 3);
      this.gradInput.resizeAs(input);
    } else {
      throw new TorchError('1D or 2D input expected');
    }
    return this.gradInput;
  }

  /**
   * dy_j/dw_j = c_j^2 (w_j - x) / y_j and dy_j/dc_j = c_j (w_j - x)^2 / y_j, from the buffers of the
   * preceding `updateGradInput`. (Torch's vector case adds the diagCov gradient without `scale`; here
   * both cases scale it, which is the same for the usual scale 1.)
   */
  override accGradParameters(input: Tensor, _gradOutput: Tensor, scale = 1): void {
    const [inputSize, outputSize] = this.weight._size;
    const rep = this._repeat!, rep2 = this._repeat2!;
    if (input.dim() === 1) {
      this.gradWeight.add(-scale, rep2);
      rep.cdiv(this.diagCov).cmul(rep).cmul(this.diagCov);
      rep2.cmul(rep, this._expand4!);
      this.gradDiagCov.add(scale, rep2);
    } else if (input.dim() === 2) {
      const _sum = (this._sum ??= input.new());
      torch.sum(_sum, rep2, 1);
      _sum.resize(inputSize, outputSize);
      this.gradWeight.add(-scale, _sum);
      rep.cdiv(this._expand3!).cmul(rep).cmul(this._expand3!).cmul(this._expand4!);
      torch.sum(_sum, rep, 1);
      _sum.resize(inputSize, outputSize);
      this.gradDiagCov.add(scale, _sum);
    } else {
      throw new TorchError('1D or 2D input expected');
    }
  }

  /** diagCov -= lr * gradient too (the gradient fields point at the parameters meanwhile). */
  override accUpdateGradParameters(input: Tensor, gradOutput: Tensor, lr: number): void {
    const gw = this.gradWeight, gd = this.gradDiagCov;
    this.gradWeight = this.weight;
    this.gradDiagCov = this.diagCov;
    try {
      this.accGradParameters(input, gradOutput, -lr);
    } finally {
      this.gradWeight = gw;
      this.gradDiagCov = gd;
    }
  }

  /** Converts the module (the work buffers are dropped first). */
  override type(type?: string, cache?: Map<unknown, Tensor>): this | string {
    if (type !== undefined) this.clearState();
    return super.type(type, cache);
  }

  override clearState(): this {
    for (const b of [this._diagCov, this._input, this._output, this._weight, this._div, this._sum, this._expand,
      this._expand2, this._expand3, this._expand4, this._repeat, this._repeat2]) b?.set();
    return super.clearState();
  }
}
