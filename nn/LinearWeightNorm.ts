/** nn.LinearWeightNorm(inputSize, outputSize, bias = true, eps = 1e-16): a weight-normalised Linear (LinearWeightNorm.lua). */
import { newDefault } from '../lib/defaults.js';
import type { Tensor } from '../lib/Tensor.js';
import { Linear } from './Linear.js';
import { clear } from './utils.js';

/**
 * nn.Linear with its weight reparametrised as `weight = g · v / max(‖v‖, eps)` row by row: `v`
 * (outputSize x inputSize) and `g` (outputSize x 1) are the learnable parameters (with the bias), and
 * there is no gradWeight. In training mode every forward recomputes `weight` (`updateWeightMatrix`);
 * in evaluation mode the weight computed when `evaluate()` was called is used.
 * `fromLinear(linear)` / `toLinear()` convert from and to a plain nn.Linear.
 * @example
 * const m = new nn.LinearWeightNorm(4, 3);
 * m.forward(torch.randn(2, 4)); // 2x3
 * m.parameters(); // [[v, g, bias], [gradV, gradG, gradBias]]
 */
export class LinearWeightNorm extends Linear {
  /** The smallest row norm (norms are clamped to it). */
  eps!: number;
  outputSize!: number;
  inputSize!: number;
  /** The direction: outputSize x inputSize. */
  v!: Tensor;
  gradV!: Tensor;
  /** The row lengths: outputSize x 1. */
  g!: Tensor;
  gradG!: Tensor;
  /** ‖v‖ per row (clamped to eps), outputSize x 1. */
  norm!: Tensor;
  /** g / ‖v‖ per row, outputSize x 1. */
  scale!: Tensor;

  constructor(inputSize: number, outputSize: number, bias?: boolean, eps?: number) {
    super(inputSize, outputSize, false); // Linear's buffers are replaced below; Linear's reset draws nothing here (no v yet)
    const withBias = bias === undefined ? true : bias;
    delete (this as { gradWeight?: Tensor }).gradWeight;
    this.eps = eps ?? 1e-16;
    this.outputSize = outputSize;
    this.inputSize = inputSize;
    this.v = newDefault().resize(outputSize, inputSize);
    this.gradV = newDefault().resize(outputSize, inputSize);
    this.weight = newDefault().resize(outputSize, inputSize);
    this.g = newDefault().resize(outputSize, 1);
    this.gradG = newDefault().resize(outputSize, 1);
    this.norm = newDefault().resize(outputSize, 1);
    this.scale = newDefault().resize(outputSize, 1);
    if (withBias) {
      this.bias = newDefault().resize(outputSize);
      this.gradBias = newDefault().resize(outputSize);
    }
    this.reset();
  }

  /** Recomputes the weight before switching to evaluation mode. */
  override evaluate(): this {
    if (this.train !== false) this.updateWeightMatrix();
    return super.evaluate();
  }

  /** `g = max(‖weight row‖, eps)`, `v = weight` (default: the module's own weight). */
  initFromWeight(weight: Tensor = this.weight): this {
    (this.g as any).norm(weight, 2, 2).clamp(this.eps, Infinity);
    this.v.copy(weight);
    return this;
  }

  /** A LinearWeightNorm computing what `linear` computes. */
  static fromLinear(linear: Linear): LinearWeightNorm {
    const m = new LinearWeightNorm(linear.weight.size(2), linear.weight.size(1), linear.bias !== undefined);
    m.weight.copy(linear.weight);
    m.initFromWeight();
    if (linear.bias) m.bias!.copy(linear.bias);
    return m;
  }

  /** A plain nn.Linear with the current weight and bias. */
  toLinear(): Linear {
    this.updateWeightMatrix();
    const m = new Linear(this.inputSize, this.outputSize, this.bias !== undefined);
    m.weight.copy(this.weight);
    if (this.bias) m.bias!.copy(this.bias);
    return m;
  }

  /** `{v, g[, bias]}, {gradV, gradG[, gradBias]}`. */
  override parameters(): [Tensor[], Tensor[]] {
    if (this.bias) return [[this.v, this.g, this.bias], [this.gradV, this.gradG, this.gradBias!]];
    return [[this.v, this.g], [this.gradV, this.gradG]];
  }

  /** weight ~ U(±1/sqrt(inputSize)) (or ±stdv·sqrt(3)), then g and v from it, then the bias. */
  override reset(stdv?: number): this {
    if (this.v === undefined) return this; // called by Linear's constructor, before the fields exist
    const s = stdv !== undefined ? stdv * Math.sqrt(3) : 1 / Math.sqrt(this.inputSize);
    this.weight.uniform(-s, s);
    this.initFromWeight();
    this.bias?.uniform(-s, s);
    return this;
  }

  /** norm = max(‖v‖, eps), scale = g / norm, weight = v · scale (row by row). */
  updateWeightMatrix(): void {
    if (this.norm.dim() === 0) this.norm.resizeAs(this.g);
    if (this.scale.dim() === 0) this.scale.resizeAs(this.g);
    if (this.weight.dim() === 0) this.weight.resizeAs(this.v);
    (this.norm as any).norm(this.v, 2, 2).clamp(this.eps, Infinity);
    this.scale.cdiv(this.g, this.norm);
    this.weight.cmul(this.v, this.scale.expandAs(this.v));
  }

  override updateOutput(input: Tensor): Tensor {
    if (this.train !== false) this.updateWeightMatrix();
    return super.updateOutput(input);
  }

  private onesFor(input: Tensor): Tensor {
    const nframe = input.size(1);
    this.addBuffer ??= input.new();
    if (this.addBuffer.nElement() !== nframe) this.addBuffer.resize(nframe).fill(1);
    return this.addBuffer;
  }

  /**
   * Accumulates dL/dweight into gradV (and the bias gradient), then converts:
   * gradG = Σ_row gradV · v / norm, gradV = scale · gradV − scale · gradG · v / norm (weight is scratch).
   */
  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    if (input.dim() === 1) {
      this.gradV.addr(scale, gradOutput, input);
      if (this.bias) this.gradBias!.add(scale, gradOutput);
    } else if (input.dim() === 2) {
      this.gradV.addmm(scale, gradOutput.t(), input);
      if (this.bias) this.gradBias!.addmv(scale, gradOutput.t(), this.onesFor(input));
    }
    const scl = this.scale.expandAs(this.v);
    const norm = this.norm.expandAs(this.v);
    this.weight.cmul(this.gradV, this.v).cdiv(norm);
    (this.gradG as any).sum(this.weight, 2);
    this.gradV.cmul(scl);
    this.weight.cmul(this.v, scl).cdiv(norm);
    this.weight.cmul(this.gradG.expandAs(this.weight));
    this.gradV.add(-1, this.weight);
  }

  /** Torch's version: accGradParameters(-lr) with gradV, gradG, gradBias pointed at v, g, bias. */
  override defaultAccUpdateGradParameters(input: Tensor, gradOutput: Tensor, lr: number): void {
    const { gradV, gradG, gradBias } = this;
    this.gradV = this.v;
    this.gradG = this.g;
    this.gradBias = this.bias;
    try {
      this.accGradParameters(input, gradOutput, -lr);
    } finally {
      this.gradV = gradV;
      this.gradG = gradG;
      this.gradBias = gradBias;
    }
  }

  /** Also empties weight, norm and scale (recomputed by the next training forward). */
  override clearState(): this {
    clear(this as unknown as Record<string, unknown>, 'weight', 'norm', 'scale');
    return super.clearState();
  }

  override toString(): string {
    return `${this.__typename}(${this.inputSize} -> ${this.outputSize})${this.bias === undefined ? ' without bias' : ''}`;
  }
}
