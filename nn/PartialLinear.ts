/** nn.PartialLinear(inputsize, outputsize[, bias = true]): a Linear that computes a chosen subset of its outputs (PartialLinear.lua). */
import { newDefault } from '../lib/defaults.js';
import { torch } from '../lib/index.js';
import type { Tensor } from '../lib/Tensor.js';
import { Identity } from './Identity.js';
import { LookupTable } from './LookupTable.js';
import { MM } from './MM.js';
import { Module } from './Module.js';
import { ParallelTable } from './ParallelTable.js';
import { Sequential } from './Sequential.js';

/**
 * A Linear layer on a batch (a matrix) whose output columns are restricted to `partition` (1-based
 * output indices, set by `setPartition`; all of them after `resetPartition`). The weight rows live in a
 * LookupTable(outputsize, inputsize) inside `network` = Sequential(ParallelTable(Identity, LookupTable),
 * MM(false, true)), so the weight starts N(0, 1) as LookupTable's does, and the bias (1 x outputsize)
 * starts at zero.
 * @example
 * const m = new nn.PartialLinear(5, 10);
 * m.setPartition(torch.Tensor([2, 4, 7]));
 * m.forward(torch.randn(8, 5)); // 8x3
 */
export class PartialLinear extends Module {
  network: Sequential;
  inputsize: number;
  outputsize: number;
  allcolumns: Tensor;
  partition!: Tensor;
  addBuffer?: Tensor;
  buffer?: Tensor;

  constructor(inputsize: number, outputsize: number, bias?: boolean) {
    super();
    const pt = new ParallelTable();
    pt.add(new Identity()).add(new LookupTable(outputsize, inputsize));
    this.network = new Sequential().add(pt).add(new MM(false, true));
    if (bias ?? true) {
      this.bias = newDefault().resize(1, outputsize).zero();
      this.gradBias = newDefault().resize(1, outputsize).zero();
    }
    this.inputsize = inputsize;
    this.outputsize = outputsize;
    this.allcolumns = torch.range(1, this.outputsize);
    this.resetPartition();
  }

  /** The LookupTable holding the weight rows. */
  private get lookup(): Module { return (this.network.get(1) as ParallelTable).get(2); }

  /** Restricts the outputs to `indices` (converted to allcolumns' type). */
  setPartition(indices: Tensor): this {
    this.partition = indices.type(this.allcolumns.type()) as Tensor;
    return this;
  }

  /** All outputs again. */
  resetPartition(): this {
    this.partition = this.allcolumns;
    return this;
  }

  /** The whole weight and bias (not only the partition's), as PartialLinear.lua. */
  override parameters(): [Tensor[], Tensor[]] {
    const lt = this.lookup;
    const p = [lt.weight!], g = [lt.gradWeight!];
    if (this.bias) { p.push(this.bias); g.push(this.gradBias!); }
    return [p, g];
  }

  override updateOutput(input: Tensor): Tensor {
    (this.output as Tensor).set(this.network.forward([input, this.partition]));
    if (this.bias) {
      this.output.add(this.bias.index(2, this.partition.long()).expandAs(this.output));
      this.addBuffer ??= input.new();
      if (this.addBuffer.nElement() !== input.size(1)) this.addBuffer.resize(input.size(1)).fill(1);
    }
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    if (this.gradInput) {
      this.network.updateGradInput([input, this.partition], gradOutput);
      (this.gradInput as Tensor).set(this.network.gradInput[0]);
    }
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    this.network.accGradParameters([input, this.partition], gradOutput, scale);
    if (this.bias) {
      this.buffer ??= input.new();
      this.buffer.resize(gradOutput.size(2));
      this.buffer.mv(gradOutput.t(), this.addBuffer!).mul(scale);
      this.gradBias!.indexAdd(2, this.partition.long(), this.buffer.view(1, this.buffer.nElement()));
    }
  }

  /** weight/bias -= lr * gradients of this sample, with the gradient buffers pointed at the parameters. */
  override accUpdateGradParameters(input: Tensor, gradOutput: Tensor, lr: number): void {
    const lt = this.lookup;
    const gradWeight = lt.gradWeight, gradBias = this.gradBias;
    lt.gradWeight = lt.weight;
    this.gradBias = this.bias;
    try {
      this.accGradParameters(input, gradOutput, -lr);
    } finally {
      lt.gradWeight = gradWeight;
      this.gradBias = gradBias;
    }
  }

  override zeroGradParameters(): void {
    this.network.zeroGradParameters();
    this.gradBias?.zero();
  }

  override updateParameters(lr: number): void {
    this.network.updateParameters(lr);
    if (this.bias) this.bias.add(-lr, this.gradBias!);
  }

  /** No accumulation when shared (PartialLinear.lua). */
  override sharedAccUpdateGradParameters(input: Tensor, gradOutput: Tensor, lr: number): void {
    this.defaultAccUpdateGradParameters(input, gradOutput, lr);
  }

  override toString(): string {
    return `${this.__typename}(${this.inputsize} -> ${this.outputsize})${this.bias === undefined ? ' without bias' : ''}`;
  }
}
