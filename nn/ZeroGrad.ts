/** nn.ZeroGrad(): the identity forward, a zero gradient backward (ZeroGrad.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';
import { recursiveFill, recursiveResizeAs, type Activity } from './utils.js';

/**
 * Passes the input through (the output is a view of it) and returns zeros shaped like the input (a
 * tensor or a table) as its gradient: what flows through it is not back-propagated.
 * @example
 * const z = new nn.ZeroGrad();
 * z.forward(x);          // x
 * z.backward(x, g);      // zeros of x's size
 */
export class ZeroGrad extends Module {
  override updateOutput(input: Tensor): Tensor {
    this.output.set(input);
    return this.output;
  }

  override updateGradInput(input: Activity, _gradOutput: Activity): Activity {
    this.gradInput = recursiveResizeAs(this.gradInput, input);
    this.gradInput = recursiveFill(this.gradInput, 0);
    return this.gradInput;
  }
}
