/**
 * nn.BatchNormalization(nOutput[, eps = 1e-5, momentum = 0.1, affine = true]): y = (x - mean) / sqrt(var + eps)
 * * weight + bias over a minibatch N x nOutput (BatchNormalization.lua). Training uses the batch's mean
 * and biased variance and moves running_mean / running_var (with the unbiased variance) by `momentum`;
 * evaluation uses the running statistics.
 */
import { newDefault } from '../lib/defaults.js';
import { TorchError } from '../lib/errors.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';
import { clear } from './utils.js';

/**
 * Batch normalisation of 2-D input (SpatialBatchNormalization extends it to N x C x H x W).
 * @example
 * const bn = new nn.BatchNormalization(4);
 * bn.forward(torch.randn(8, 4)); // zero mean, unit variance per column (weight ~ U[0,1], bias 0)
 */
export class BatchNormalization extends Module {
  /** The expected input dimension (2; SpatialBatchNormalization: 4). */
  static nDim = 2;
  affine: boolean;
  eps: number;
  momentum: number;
  running_mean: Tensor;
  running_var: Tensor;
  /** The batch mean of the last training forward. */
  save_mean?: Tensor;
  /** 1/sqrt(biased batch variance + eps) of the last training forward. */
  save_std?: Tensor;
  _input?: Tensor;
  _gradOutput?: Tensor;

  constructor(nOutput: number, eps?: number, momentum?: number, affine?: boolean) {
    super();
    if (typeof nOutput !== 'number') throw new TorchError('Missing argument #1: dimensionality of input. ');
    if (nOutput === 0) throw new TorchError('To set affine=false call BatchNormalization(nOutput,  eps, momentum, false) ');
    if (affine !== undefined && typeof affine !== 'boolean') throw new TorchError('affine has to be true/false');
    this.affine = affine ?? true;
    this.eps = eps ?? 1e-5;
    this.train = true;
    this.momentum = momentum ?? 0.1;
    this.running_mean = newDefault().resize(nOutput).zero();
    this.running_var = newDefault().resize(nOutput).fill(1);
    if (this.affine) {
      this.weight = newDefault().resize(nOutput);
      this.bias = newDefault().resize(nOutput);
      this.gradWeight = newDefault().resize(nOutput);
      this.gradBias = newDefault().resize(nOutput);
      this.reset();
    }
  }

  /** The expected input dimension of this class. */
  get nDim(): number { return (this.constructor as typeof BatchNormalization).nDim; }

  /** weight ~ U[0, 1], bias 0, running_mean 0, running_var 1. */
  override reset(): this {
    this.weight?.uniform();
    this.bias?.zero();
    this.running_mean.zero();
    this.running_var.fill(1);
    return this;
  }

  /** Asserts a (mini-batch) input of nDim dims (nDim-1 allowed in evaluation) with running_mean's feature count. */
  checkInputDim(input: Tensor): void {
    const iDim = input.dim();
    if (!(iDim === this.nDim || (iDim === this.nDim - 1 && this.train === false))) {
      throw new TorchError(`only mini-batch supported (${this.nDim}D tensor), got ${iDim}D tensor instead`);
    }
    const featDim = iDim === this.nDim - 1 ? 1 : 2;
    if (input.size(featDim) !== this.running_mean.nElement()) {
      throw new TorchError(`got ${input.size(featDim)}-feature tensor, expected ${this.running_mean.nElement()}`);
    }
  }

  private makeContiguous(input: Tensor, gradOutput?: Tensor): [Tensor, Tensor | undefined] {
    if (!input.isContiguous()) {
      this._input ??= input.new();
      input = this._input.resizeAs(input).copy(input);
    }
    if (gradOutput && !gradOutput.isContiguous()) {
      this._gradOutput ??= gradOutput.new();
      gradOutput = this._gradOutput.resizeAs(gradOutput).copy(gradOutput);
    }
    return [input, gradOutput];
  }

  /**
   * In evaluation, an (nDim-1)-D input is seen as a batch of one. Torch re-shapes the caller's tensor in
   * place; here it is a view, with the same result (the output then has the batch dim, as in Torch).
   */
  private makeBatch(input: Tensor): Tensor {
    return this.train === false && input.dim() === this.nDim - 1 ? input.view(1, ...input._size) : input;
  }

  override updateOutput(input: Tensor): Tensor {
    this.checkInputDim(input);
    [input] = this.makeContiguous(input);
    input = this.makeBatch(input);
    this.save_mean ??= input.new();
    this.save_mean.resizeAs(this.running_mean);
    this.save_std ??= input.new();
    this.save_std.resizeAs(this.running_var);
    input.THNN.BatchNormalization_updateOutput(input, this.output, this.weight, this.bias, this.running_mean, this.running_var,
      this.save_mean, this.save_std, this.train && input.size(1) > 1, this.momentum, this.eps);
    return this.output;
  }

  private backwardImpl(input: Tensor, gradOutput: Tensor, scale: number, gradInput?: Tensor, gradWeight?: Tensor, gradBias?: Tensor): Tensor {
    this.checkInputDim(input);
    this.checkInputDim(gradOutput);
    if (!this.save_mean || !this.save_std) throw new TorchError('must call :updateOutput() first');
    let go: Tensor | undefined;
    [input, go] = this.makeContiguous(input, gradOutput);
    input = this.makeBatch(input);
    go = this.makeBatch(go!);
    gradInput?.resizeAs(go);
    input.THNN.BatchNormalization_backward(input, go, gradInput, gradWeight, gradBias, this.weight, this.running_mean,
      this.running_var, this.save_mean, this.save_std, this.train && input.size(1) > 1, scale, this.eps);
    return this.gradInput;
  }

  /** gradInput and the parameter gradients in one pass over the data. */
  override backward(input: Tensor, gradOutput: Tensor, scale = 1): Tensor {
    return this.backwardImpl(input, gradOutput, scale, this.gradInput, this.gradWeight, this.gradBias);
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    return this.backwardImpl(input, gradOutput, 1, this.gradInput);
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    this.backwardImpl(input, gradOutput, scale, undefined, this.gradWeight, this.gradBias);
  }

  override clearState(): this {
    clear(this as unknown as Record<string, unknown>, 'buffer', 'buffer2', 'centered', 'std', 'normalized',
      '_input', '_gradOutput', 'save_mean', 'save_std');
    return super.clearState();
  }

  override toString(): string {
    return `${this.__typename} (${this.nDim}D) (${this.running_mean.nElement()})`;
  }
}
