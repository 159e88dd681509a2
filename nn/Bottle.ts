/** nn.Bottle(module, nInputDim = 2, nOutputDim = nInputDim): folds extra leading dims into the batch (Bottle.lua). */
import { check } from '../lib/errors.js';
import type { Tensor } from '../lib/Tensor.js';
import { Container } from './Container.js';
import type { Module } from './Module.js';

/**
 * Runs a module that expects `nInputDim`-D input on inputs with more leading dims: those are folded into
 * the first dim, the module runs once, and its `nOutputDim`-D output is unfolded again. A decorator:
 * `modules[1]` is the wrapped module.
 * @example
 * const b = new nn.Bottle(new nn.Linear(10, 3));
 * b.forward(torch.randn(4, 5, 10)); // 4x5x3
 */
export class Bottle extends Container {
  nInputDim: number;
  nOutputDim: number;
  /** nInputDim - nOutputDim. */
  dimDelta: number;
  /** The folded input shape of the last bottled forward. */
  inShape: number[];
  /** The module's output shape of the last bottled forward. */
  outShape: number[];

  constructor(module: Module, nInputDim = 2, nOutputDim?: number) {
    super();
    this.modules[0] = module;
    this.nInputDim = nInputDim;
    this.nOutputDim = nOutputDim ?? nInputDim;
    this.dimDelta = this.nInputDim - this.nOutputDim;
    this.inShape = new Array<number>(this.nInputDim).fill(0);
    this.outShape = new Array<number>(this.nOutputDim).fill(0);
  }

  override updateOutput(input: Tensor): Tensor {
    const m = this.modules[0];
    const batchDims = input.dim() - this.nInputDim + 1;
    const output = this.output as Tensor;
    if (batchDims <= 1) return output.set(m.updateOutput(input) as Tensor);
    const inSize = input._size.slice();
    const squeezeSize = inSize.slice(0, batchDims - 1).reduce((p, v) => p * v, 1);
    this.inShape = inSize.slice(batchDims - 1);
    this.inShape[0] *= squeezeSize;
    const out = m.updateOutput(input.view(this.inShape)) as Tensor;
    check(out.dim() === this.nOutputDim,
      `Wrong number of output dims on module. Expected: ${this.nOutputDim} but got ${out ? out.dim() : 'nil'}`);
    this.outShape = out._size.slice();
    const outSize = inSize.slice(0, batchDims - 1).concat(this.outShape);
    outSize[batchDims - 1] /= squeezeSize;
    return output.set(out.view(outSize));
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const m = this.modules[0];
    const gi = this.gradInput as Tensor;
    if (input.dim() > this.nInputDim) {
      m.updateGradInput(input.view(this.inShape), gradOutput.view(this.outShape));
      return gi.set((m.gradInput as Tensor).viewAs(input));
    }
    return gi.set(m.updateGradInput(input, gradOutput) as Tensor);
  }

  /** The (input, gradOutput) pair as the wrapped module saw it in the last forward. */
  private folded(input: Tensor, gradOutput: Tensor): [Tensor, Tensor] {
    if (input.dim() > this.nInputDim) return [input.view(this.inShape), gradOutput.view(this.outShape)];
    return [input, gradOutput];
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    const [x, g] = this.folded(input, gradOutput);
    this.modules[0].accGradParameters(x, g, scale);
  }

  override accUpdateGradParameters(input: Tensor, gradOutput: Tensor, lr: number): void {
    const [x, g] = this.folded(input, gradOutput);
    this.modules[0].accUpdateGradParameters(x, g, lr);
  }

  override sharedAccUpdateGradParameters(input: Tensor, gradOutput: Tensor, lr: number): void {
    const [x, g] = this.folded(input, gradOutput);
    this.modules[0].sharedAccUpdateGradParameters(x, g, lr);
  }

  /** Decorator's printing: `nn.Bottle @ <module>`. */
  override toString(): string { return `${this.__typename} @ ${String(this.modules[0])}`; }
}
