/** nn.ModelParallel: disjoint parts of a model on separate devices (fbcunn/ModelParallel.lua). */
import { TorchError } from '../lib/errors.js';
import { Tensor } from '../lib/Tensor.js';
import { AbstractParallel } from './AbstractParallel.js';
import type { Activity } from './utils.js';

/**
 * Every child gets the whole input (copied to its device) and computes a part of the output; the
 * parts are concatenated along `dimension`, and the children's gradInputs are summed.
 * @example
 * const mp = new nn.ModelParallel(2).add(new nn.Linear(10, 3), 1).add(new nn.Linear(10, 4), 2);
 * mp.forward(torch.randn(8, 10)); // 8 x 7
 */
export class ModelParallel extends AbstractParallel {
  protected distributeInput(input: Activity): void {
    const k = this.kind();
    this.gpu_assignments.forEach((gpuid, i) => {
      this.input_gpu[i] = k.moveTo ? k.moveTo(this.input_gpu[i], input, gpuid) : input;
    });
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Activity {
    this.distributeGradOutput(gradOutput as Tensor);
    this.each((m, i) => m.updateGradInput(this.input_gpu[i], this.gradOutput_gpu[i]));
    return this.sumGradInputs(input);
  }

  override backward(input: Activity, gradOutput: Activity, scale = 1): Activity {
    this.distributeGradOutput(gradOutput as Tensor);
    this.each((m, i) => m.backward(this.input_gpu[i], this.gradOutput_gpu[i], scale));
    return this.sumGradInputs(input);
  }

  /** gradInput = the sum of the children's gradInputs, on the container's device. */
  private sumGradInputs(input: Activity): Activity {
    if (!this.gradInput) return this.gradInput;
    if (!(input instanceof Tensor)) throw new TorchError('ModelParallel: input must be a tensor');
    const k = this.kind();
    const gi = (this.gradInput instanceof Tensor && this.gradInput.kind === input.kind ? this.gradInput : input.new()).resizeAs(input).zero();
    for (const m of this.modules) {
      if (!(m.gradInput instanceof Tensor) || m.gradInput.nElement() === 0) continue;
      const g = k.moveTo ? (k.moveTo(undefined, m.gradInput, gi) as Tensor) : m.gradInput;
      (gi as any).add(g);
    }
    this.gradInput = gi;
    return gi;
  }

  override toString(): string {
    const lines = this.modules.map((m, i) => `  |\`-> (${i + 1}) [gpu:${this.gpu_assignments[i]}] ${String(m).replace(/\n/g, '\n  |    ')}`);
    return `ModelParallel {\n  input\n${lines.join('\n')}\n   ... -> output\n}`;
  }
}
