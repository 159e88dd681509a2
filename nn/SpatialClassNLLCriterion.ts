/** nn.SpatialClassNLLCriterion([weights[, sizeAverage = true]]): ClassNLL at every pixel (SpatialClassNLLCriterion.lua). */
import { newDefault } from '../lib/defaults.js';
import { check } from '../lib/errors.js';
import { LongTensor, type Tensor } from '../lib/Tensor.js';
import { Criterion } from './Criterion.js';
import { classTarget, isCudaType } from './targets.js';

/**
 * The negative log-likelihood of a batch of log-probability maps (batch x classes x H x W) against
 * 1-based class maps (batch x H x W): -sum w[c]·x[b][c][i][j] over every pixel, divided by the total
 * weight when `sizeAverage`.
 * @example
 * const crit = new nn.SpatialClassNLLCriterion();
 * const loss = crit.forward(logProbs, targetMaps); // 2x3x4x4, LongTensor 2x4x4
 */
export class SpatialClassNLLCriterion extends Criterion {
  declare sizeAverage: boolean;
  /** Per-class weights (1-D), or undefined. */
  weights?: Tensor;
  /** One-element buffer the kernel writes the loss into. */
  output_tensor: Tensor;
  /** One-element buffer holding the total weight of the last forward's targets. */
  total_weight_tensor: Tensor;
  /** The targets as a LongTensor. */
  target: Tensor;

  constructor(weights?: Tensor, sizeAverage?: boolean) {
    super();
    this.sizeAverage = sizeAverage ?? true;
    if (weights) {
      check(weights.dim() === 1, 'weights input should be 1-D Tensor');
      this.weights = weights;
    }
    this.output_tensor = newDefault().resize(1).zero();
    this.total_weight_tensor = newDefault().resize(1).fill(1);
    this.target = new LongTensor(1);
  }

  /** Sets `this.target` from a tensor of classes (or a number, written into the first element, as the Lua does). */
  private setTarget(target: number | Tensor, input: Tensor): Tensor {
    if (typeof target === 'number') {
      this.target = isCudaType(input) ? this.target.type(input.type()) : this.target.long();
      this.target.storage().set(this.target.storageOffset(), target);
    } else {
      this.target = classTarget(input, target);
    }
    return this.target;
  }

  override updateOutput(input: Tensor, target: number | Tensor): number {
    input.THNN.SpatialClassNLLCriterion_updateOutput(input, this.setTarget(target, input), this.output_tensor,
      this.sizeAverage, this.weights, this.total_weight_tensor);
    this.output = this.output_tensor.get(1);
    return this.output;
  }

  override updateGradInput(input: Tensor, target: number | Tensor): Tensor {
    this.setTarget(target, input);
    this.gradInput.resizeAs(input).zero();
    input.THNN.SpatialClassNLLCriterion_updateGradInput(input, this.target, this.gradInput, this.sizeAverage,
      this.weights, this.total_weight_tensor);
    return this.gradInput;
  }
}
