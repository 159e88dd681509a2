/** nn.Maxout(inputSize, outputSize, maxoutNumber[, preprocess]): Linear, then the max over k pieces (Maxout.lua). */
import { Linear } from './Linear.js';
import { Max } from './Max.js';
import type { Module } from './Module.js';
import { Sequential } from './Sequential.js';
import { View } from './View.js';

/**
 * A maxout layer (Goodfellow et al., 2013): a Sequential of `nn.Linear(inputSize, outputSize *
 * maxoutNumber)`, `nn.View(maxoutNumber, outputSize):setNumInputDims(1)`, the optional `preprocess`
 * module, and `nn.Max(1, 2)`. Output unit j is the max of linear pieces j, j + outputSize, ...
 * Takes a vector or a batch (rows); prints as the Sequential it is.
 * @example
 * const m = new nn.Maxout(10, 4, 3);
 * m.forward(torch.randn(8, 10)); // 8x4
 */
export class Maxout extends Sequential {
  constructor(inputSize: number, outputSize: number, maxoutNumber: number, preprocess?: Module) {
    super();
    this.add(new Linear(inputSize, outputSize * maxoutNumber));
    this.add(new View(maxoutNumber, outputSize).setNumInputDims(1));
    if (preprocess) this.add(preprocess);
    this.add(new Max(1, 2));
  }
}
