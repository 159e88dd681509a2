/** nn.Linear(inputSize, outputSize[, bias = true]): y = W x + b (Linear.lua). */
import { newDefault } from '../lib/defaults.js';
import { checkSameType } from '../lib/dispatch.js';
import { TorchError } from '../lib/errors.js';
import { addmm, addmv, addr } from '../lib/math/blas.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';
import { cpuTHNN } from './THNN.js';

// The batch hot path calls the TensorMath kernels directly, after the same type check the public
// `x:addmm(...)` wrap does: the typed-function overload resolution costs ~10 us per call. Tensors of
// another backend (their THNN is not the CPU one) go through the public methods.
const onCpu = (t: Tensor): boolean => t.THNN === cpuTHNN;
/** `r:addmm(beta, t, alpha, m1, m2)` without the overload resolution. */
function addmmK(r: Tensor, beta: number, t: Tensor, alpha: number, m1: Tensor, m2: Tensor): void {
  if (!onCpu(r)) { r.addmm(beta, t, alpha, m1, m2); return; }
  checkSameType('addmm', r, t, m1, m2);
  addmm(r, beta, t, alpha, m1, m2);
}
/** `r:addmv(beta, t, alpha, mat, vec)` without the overload resolution. */
function addmvK(r: Tensor, beta: number, t: Tensor, alpha: number, mat: Tensor, vec: Tensor): void {
  if (!onCpu(r)) { r.addmv(beta, t, alpha, mat, vec); return; }
  checkSameType('addmv', r, t, mat, vec);
  addmv(r, beta, t, alpha, mat, vec);
}
/** `r:addr(beta, t, alpha, x, y)` without the overload resolution. */
function addrK(r: Tensor, beta: number, t: Tensor, alpha: number, x: Tensor, y: Tensor): void {
  if (!onCpu(r)) { r.addr(beta, t, alpha, x, y); return; }
  checkSameType('addr', r, t, x, y);
  addr(r, beta, t, alpha, x, y);
}

/**
 * A fully connected layer on a vector or a batch (matrix) of vectors.
 * @example
 * const lin = new nn.Linear(4, 3);
 * lin.forward(torch.randn(8, 4)); // 8x3
 */
export class Linear extends Module {
  declare weight: Tensor;
  declare gradWeight: Tensor;
  /** A column of ones, one per batch row, that adds the bias with one `addr`. */
  addBuffer?: Tensor;

  constructor(inputSize: number, outputSize: number, bias = true) {
    super();
    this.weight = newDefault().resize(outputSize, inputSize);
    this.gradWeight = newDefault().resize(outputSize, inputSize).zero();
    if (bias) {
      this.bias = newDefault().resize(outputSize);
      this.gradBias = newDefault().resize(outputSize).zero();
    }
    this.reset();
  }

  /** Removes the bias. */
  noBias(): this {
    this.bias = undefined;
    this.gradBias = undefined;
    return this;
  }

  /** Uniform in ±1/sqrt(inputSize) (or ±stdv·sqrt(3)): the weight row-major first, then the bias. */
  override reset(stdv?: number): this {
    const s = stdv !== undefined ? stdv * Math.sqrt(3) : 1 / Math.sqrt(this.weight.size(2));
    this.weight.uniform(-s, s);
    this.bias?.uniform(-s, s);
    return this;
  }

  private updateAddBuffer(input: Tensor): Tensor {
    const nframe = input.size(1);
    this.addBuffer ??= input.new();
    if (this.addBuffer.nElement() !== nframe) this.addBuffer.resize(nframe).fill(1);
    return this.addBuffer;
  }

  override updateOutput(input: Tensor): Tensor {
    const out = this.output as Tensor;
    if (input.dim() === 1) {
      out.resize(this.weight.size(1));
      if (this.bias) out.copy(this.bias);
      else out.zero();
      out.addmv(1, this.weight, input);
    } else if (input.dim() === 2) {
      const n = out.nElement();
      out.resize(input.size(1), this.weight.size(1));
      if (out.nElement() !== n) out.zero();
      const ones = this.updateAddBuffer(input);
      addmmK(out, 0, out, 1, input, this.weight.t());
      if (this.bias) addrK(out, 1, out, 1, ones, this.bias);
    } else {
      throw new TorchError('input must be vector or matrix');
    }
    return out;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const gi = this.gradInput as Tensor;
    const n = gi.nElement();
    gi.resizeAs(input);
    if (gi.nElement() !== n) gi.zero();
    if (input.dim() === 1) gi.addmv(0, 1, this.weight.t(), gradOutput);
    else if (input.dim() === 2) addmmK(gi, 0, gi, 1, gradOutput, this.weight);
    return gi;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    if (input.dim() === 1) {
      this.gradWeight.addr(scale, gradOutput, input);
      if (this.bias) this.gradBias!.add(scale, gradOutput);
    } else if (input.dim() === 2) {
      addmmK(this.gradWeight, 1, this.gradWeight, scale, gradOutput.t(), input);
      if (this.bias) addmvK(this.gradBias!, 1, this.gradBias!, scale, gradOutput.t(), this.updateAddBuffer(input));
    }
  }

  /** Linear updates directly even when shared (Linear.lua: `sharedAccUpdateGradParameters = accUpdateGradParameters`). */
  override sharedAccUpdateGradParameters(input: Tensor, gradOutput: Tensor, lr: number): void {
    this.defaultAccUpdateGradParameters(input, gradOutput, lr);
  }

  override clearState(): this {
    this.addBuffer?.set();
    return super.clearState();
  }

  override toString(): string {
    return `${this.__typename}(${this.weight.size(2)} -> ${this.weight.size(1)})${this.bias ? '' : ' without bias'}`;
  }
}
