/** nn.Copy([intype[, outtype[, forceCopy[, dontCast]]]]): copies the input, converting its type (Copy.lua). */
import { getdefaulttensortype, newDefault } from '../lib/defaults.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Copies the input into an `outtype` tensor and the gradient back into an `intype` one (type names such
 * as `'torch.FloatTensor'`, default `torch.Tensor`'s). With equal types and no `forceCopy`, the output
 * and gradInput are the input and gradOutput themselves. `dontCast` makes `type()` a no-op.
 * @example
 * const c = new nn.Copy('torch.DoubleTensor', 'torch.FloatTensor');
 * c.forward(torch.randn(3)).type(); // 'torch.FloatTensor'
 */
export class Copy extends Module {
  dontCast?: boolean;

  constructor(intype = getdefaulttensortype(), outtype = getdefaulttensortype(), forceCopy = false, dontCast?: boolean) {
    super();
    this.dontCast = dontCast;
    this.gradInput = newDefault().type(intype);
    this.output = newDefault().type(outtype);
    if (!forceCopy && intype === outtype) {
      // As Copy.lua: per-instance functions that pass the tensors through.
      this.updateOutput = function (this: Copy, input: Tensor) { this.output.set(input); return input; };
      this.updateGradInput = function (this: Copy, _input: Tensor, gradOutput: Tensor) { this.gradInput.set(gradOutput); return gradOutput; };
    }
  }

  override updateOutput(input: Tensor): Tensor {
    this.output.resize(input.size()).copy(input);
    return this.output;
  }

  override updateGradInput(_input: Tensor, gradOutput: Tensor): Tensor {
    this.gradInput.resize(gradOutput.size()).copy(gradOutput);
    return this.gradInput;
  }

  /** Converts the module, unless `dontCast` is set. */
  override type(type?: string, cache?: Map<unknown, Tensor>): this | string {
    if (type !== undefined && this.dontCast) return this;
    return super.type(type, cache);
  }
}
