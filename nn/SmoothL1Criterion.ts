/** nn.SmoothL1Criterion([sizeAverage = true]): the Huber loss with delta 1 (SmoothL1Criterion.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { Criterion } from './Criterion.js';

/**
 * loss(x, y) = sum_i z_i with z = 0.5 (x_i - y_i)^2 where |x_i - y_i| < 1, else |x_i - y_i| - 0.5;
 * divided by the number of elements when `sizeAverage` (the default).
 * Input and target may have any shapes with the same number of elements.
 * @example
 * const crit = new nn.SmoothL1Criterion();
 * const loss = crit.forward(torch.randn(4, 3), torch.randn(4, 3));
 */
export class SmoothL1Criterion extends Criterion {
  declare sizeAverage: boolean;
  /** One-element buffer the kernel writes the loss into. */
  output_tensor?: Tensor;

  constructor(sizeAverage?: boolean) {
    super();
    this.sizeAverage = sizeAverage ?? true;
  }

  override updateOutput(input: Tensor, target: Tensor): number {
    this.output_tensor ??= input.new(1);
    input.THNN.SmoothL1Criterion_updateOutput(input, target, this.output_tensor, this.sizeAverage);
    this.output = this.output_tensor.get(1);
    return this.output;
  }

  override updateGradInput(input: Tensor, target: Tensor): Tensor {
    input.THNN.SmoothL1Criterion_updateGradInput(input, target, this.gradInput, this.sizeAverage);
    return this.gradInput;
  }
}
