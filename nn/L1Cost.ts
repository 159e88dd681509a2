/** nn.L1Cost: the L1 norm of the input, a criterion without a target (L1Cost.lua, THNN's L1Cost.c). */
import { torch } from '../lib/index.js';
import type { Tensor } from '../lib/Tensor.js';
import { Criterion } from './Criterion.js';
import { checkDimSize } from './thnn/conv-util.js';
import { clear } from './utils.js';

/**
 * `loss = sum_i |x_i|` (accumulated in double, stored through a one-element `output_tensor` of the
 * input's type, as THNN), `gradInput = sign(x)` (0 at 0). The target is ignored. As in Torch, a
 * forward after `clearState()` fails THNN's check on the emptied `output_tensor`.
 * @example
 * const l1 = new nn.L1Cost();
 * l1.forward(new torch.Tensor([1, -2, 0.5])); // 3.5
 * l1.backward(new torch.Tensor([1, -2, 0])); // 1 -1 0
 */
export class L1Cost extends Criterion {
  output_tensor?: Tensor;

  override updateOutput(input: Tensor, _target?: unknown): number {
    const out = (this.output_tensor ??= input.new(1));
    checkDimSize(out, 'output', 1, 0, 1);
    out.fill(input.norm(1) as number);
    this.output = out.get(1);
    return this.output;
  }

  override updateGradInput(input: Tensor, _target?: unknown): Tensor {
    torch.sign(this.gradInput, input);
    return this.gradInput;
  }

  /** Empties `output_tensor` and `gradInput` (L1Cost:clearState, then Criterion's). */
  clearState(): this {
    this.output_tensor?.set();
    clear(this as unknown as Record<string, unknown>, 'gradInput');
    return this;
  }
}
