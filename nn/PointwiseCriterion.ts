/**
 * The shared code of nn.AbsCriterion, nn.MSECriterion and nn.SmoothL1Criterion: a THNN pointwise
 * criterion with `sizeAverage` (`<kernel>_updateOutput` writes the loss into a one-element buffer).
 */
import type { Tensor } from '../lib/Tensor.js';
import { Criterion } from './Criterion.js';

/** A criterion computed by the THNN kernels `<kernel>_updateOutput` / `<kernel>_updateGradInput`. */
export abstract class PointwiseCriterion extends Criterion {
  declare sizeAverage: boolean;
  /** One-element buffer the kernel writes the loss into. */
  output_tensor?: Tensor;

  /** The THNN kernel name. */
  protected abstract get kernel(): 'AbsCriterion' | 'MSECriterion' | 'SmoothL1Criterion';

  constructor(sizeAverage?: boolean) {
    super();
    this.sizeAverage = sizeAverage ?? true;
  }

  override updateOutput(input: Tensor, target: Tensor): number {
    this.output_tensor ??= input.new(1);
    input.THNN[`${this.kernel}_updateOutput`](input, target, this.output_tensor, this.sizeAverage);
    this.output = this.output_tensor.get(1);
    return this.output;
  }

  override updateGradInput(input: Tensor, target: Tensor): Tensor {
    input.THNN[`${this.kernel}_updateGradInput`](input, target, this.gradInput, this.sizeAverage);
    return this.gradInput;
  }
}
