/** nn.Parallel(inputDim, outputDim): child i runs on input slice i, outputs concatenated (Parallel.lua). */
import { TorchError } from '../lib/errors.js';
import type { Tensor } from '../lib/Tensor.js';
import { branchesToString } from './Concat.js';
import { Container } from './Container.js';
import type { Module } from './Module.js';

/**
 * Applies child i to `input.select(inputDimension, i)` and concatenates the outputs along `outputDimension`.
 * @example
 * const p = new nn.Parallel(1, 1).add(new nn.Linear(10, 3)).add(new nn.Linear(10, 2));
 * p.forward(torch.randn(2, 10)); // size 5
 */
export class Parallel extends Container {
  inputDimension: number;
  outputDimension: number;
  /** The size of the joined output (Torch's LongStorage `totalOutputSize`). */
  totalOutputSize: number[] = [];

  constructor(inputDimension: number, outputDimension: number) {
    super();
    this.inputDimension = inputDimension;
    this.outputDimension = outputDimension;
  }

  /** Child i for slice i of an input that has n slices (a clear error when the container is short). */
  private child(i: number, n: number): Module {
    const m = this.modules[i - 1];
    if (!m) {
      throw new TorchError(`${this.__typename}: input has ${n} slices along dimension ${this.inputDimension} but there are only ${this.modules.length} modules`);
    }
    return m;
  }

  private slice(input: Tensor, i: number): Tensor {
    return input.select(this.inputDimension, i) as Tensor;
  }

  override updateOutput(input: Tensor): Tensor {
    const n = input.size(this.inputDimension);
    const outs: Tensor[] = [];
    const total = this.totalOutputSize;
    for (let i = 1; i <= n; i++) {
      const m = this.child(i, n);
      const cur = this.slice(input, i);
      const out: Tensor = this.rethrowErrors(m, i, () => m.updateOutput(cur));
      outs.push(out);
      if (i === 1) { total.length = 0; total.push(...out._size); }
      else total[this.outputDimension - 1] += out.size(this.outputDimension);
    }
    const output = (this.output as Tensor).resize(total);
    let offset = 1;
    for (const out of outs) {
      const size = out.size(this.outputDimension);
      output.narrow(this.outputDimension, offset, size).copy(out);
      offset += size;
    }
    return output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const n = input.size(this.inputDimension);
    const gi = (this.gradInput as Tensor).resizeAs(input);
    let offset = 1;
    for (let i = 1; i <= n; i++) {
      const m = this.child(i, n);
      const size = (m.output as Tensor).size(this.outputDimension);
      const g = gradOutput.narrow(this.outputDimension, offset, size);
      const cur: Tensor = this.rethrowErrors(m, i, () => m.updateGradInput(this.slice(input, i), g));
      this.slice(gi, i).copy(cur);
      offset += size;
    }
    return gi;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    this.eachChild(input, gradOutput, (m, x, g) => m.accGradParameters(x, g, scale));
  }

  override accUpdateGradParameters(input: Tensor, gradOutput: Tensor, lr: number): void {
    this.eachChild(input, gradOutput, (m, x, g) => m.accUpdateGradParameters(x, g, lr));
  }

  private eachChild(input: Tensor, gradOutput: Tensor, fn: (m: Module, x: Tensor, g: Tensor) => void): void {
    const n = input.size(this.inputDimension);
    let offset = 1;
    for (let i = 1; i <= n; i++) {
      const m = this.child(i, n);
      const size = (m.output as Tensor).size(this.outputDimension);
      const g = gradOutput.narrow(this.outputDimension, offset, size);
      this.rethrowErrors(m, i, () => fn(m, this.slice(input, i), g));
      offset += size;
    }
  }

  override toString(): string { return branchesToString(this.__typename, this.modules); }
}
