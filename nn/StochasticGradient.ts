/** nn.StochasticGradient: Torch's simple per-example SGD trainer (StochasticGradient.lua). */
import { torch } from '../lib/index.js';
import { luaNumber } from '../lib/print.js';
import type { Tensor } from '../lib/Tensor.js';
import type { Criterion } from './Criterion.js';
import type { Module } from './Module.js';

/** One example: `[input, target]`. */
export type Example = [any, any];
/**
 * A dataset as Torch's trainer takes it: `size()` and 1-based `dataset[i]`, or a plain JS array of
 * examples (element 0 is example 1).
 */
export type Dataset = { size(): number; [i: number]: Example } | Example[];

/**
 * Trains `module` on `criterion` one example at a time, with `accUpdateGradParameters`.
 * @example
 * const trainer = new nn.StochasticGradient(mlp, new nn.MSECriterion());
 * trainer.learningRate = 0.01;
 * trainer.train(dataset);
 */
export class StochasticGradient {
  learningRate = 0.01;
  learningRateDecay = 0;
  maxIteration = 25;
  shuffleIndices = true;
  verbose = true;
  /** Called after each example with (trainer, example). */
  hookExample?: (self: StochasticGradient, example: Example) => void;
  /** Called after each pass with (trainer, iteration, currentError). */
  hookIteration?: (self: StochasticGradient, iteration: number, error: number) => void;
  /** Where progress lines go (Torch's `print`). */
  print: (line: string) => void = (line) => console.log(line);

  constructor(public module: Module, public criterion: Criterion) {}

  /** Runs up to `maxIteration` passes over `dataset`; returns the last mean error. */
  train(dataset: Dataset): number {
    const size = Array.isArray(dataset) ? dataset.length : dataset.size();
    const example = (i: number): Example => (Array.isArray(dataset) ? dataset[i - 1] : dataset[i]);
    let iteration = 1;
    let lr = this.learningRate;
    const { module, criterion } = this;
    const shuffled: Tensor = (torch as any).randperm(new torch.LongTensor(), size);
    if (!this.shuffleIndices) for (let i = 1; i <= size; i++) shuffled.put(i, i);
    this.print('# StochasticGradient: training');
    for (;;) {
      let currentError = 0;
      for (let i = 1; i <= size; i++) {
        const ex = example(shuffled.get(i));
        const [input, target] = ex;
        currentError += criterion.forward(module.forward(input), target);
        module.updateGradInput(input, criterion.updateGradInput(module.output, target));
        module.accUpdateGradParameters(input, criterion.gradInput, lr);
        this.hookExample?.(this, ex);
      }
      currentError /= size;
      this.hookIteration?.(this, iteration, currentError);
      if (this.verbose) this.print(`# current error = ${luaNumber(currentError)}`);
      iteration++;
      lr = this.learningRate / (1 + iteration * this.learningRateDecay);
      if (this.maxIteration > 0 && iteration > this.maxIteration) {
        this.print('# StochasticGradient: you have reached the maximum number of iterations');
        this.print(`# training error = ${luaNumber(currentError)}`);
        return currentError;
      }
    }
  }
}
