/** nn.Identity(): passes its input (and gradOutput) through unchanged, tensors or tables (Identity.lua). */
import { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * `output` is the input itself and `gradInput` the gradOutput itself (no copy), as in Torch.
 * @example
 * const id = new nn.Identity();
 * id.forward(x) === x; // true
 */
export class Identity extends Module {
  override updateOutput(input: any): any {
    this.output = input;
    return this.output;
  }

  override updateGradInput(_input: any, gradOutput: any): any {
    this.gradInput = gradOutput;
    return this.gradInput;
  }

  /** Drops the references (new empty tensors / tables) without `set()`, which would reset the caller's tensors. */
  override clearState(): this {
    const self = this as unknown as Record<string, unknown>;
    for (const f of ['output', 'gradInput']) {
      const v = self[f];
      if (v instanceof Tensor) self[f] = v.new();
      else if (Array.isArray(v)) self[f] = [];
      else if (v !== undefined && v !== null && typeof v === 'object') self[f] = {};
      else self[f] = undefined;
    }
    return this;
  }
}
