/**
 * XOR with nn.StochasticGradient: the first example of Torch's nn documentation, ported line by line.
 * Two inputs drawn from N(0,1); the target is -1 when they have the same sign, +1 otherwise.
 *
 *   node dist/examples/xor.js
 */
import { torch } from '../lib/index.js';
import type { Tensor } from '../lib/Tensor.js';
import { nn } from '../nn/index.js';
import { runIfMain } from './run.js';

export interface XorOptions {
  /** Passes over the dataset (trainer.maxIteration). */
  iterations?: number;
  /** Examples in the dataset. */
  size?: number;
  hidden?: number;
  learningRate?: number;
  seed?: number;
  quiet?: boolean;
}

export interface XorResult {
  /** The trainer's mean error after each pass. */
  losses: number[];
  /** Sign agreement on 1000 fresh points, in [0, 1]. */
  accuracy: number;
  /** The net's outputs at (±0.5, ±0.5), as Torch's example prints them. */
  corners: number[];
}

/** Trains the XOR net; returns the per-pass errors and its accuracy on fresh points. */
export function main(opts: XorOptions = {}): XorResult {
  const { iterations = 25, size = 100, hidden = 20, learningRate = 0.01, seed = 1, quiet = false } = opts;
  const print = quiet ? () => {} : (s: string) => console.log(s);
  torch.manualSeed(seed);
  const label = (x: Tensor): number => ((x.get(1) as number) * (x.get(2) as number) > 0 ? -1 : 1);

  // mlp = nn.Sequential(); mlp:add(nn.Linear(2, 20)); mlp:add(nn.Tanh()); mlp:add(nn.Linear(20, 1))
  const mlp = new nn.Sequential();
  mlp.add(new nn.Linear(2, hidden)).add(new nn.Tanh()).add(new nn.Linear(hidden, 1));
  const criterion = new nn.MSECriterion();

  // dataset = {}; function dataset:size() return 100 end; dataset[i] = {input, output}
  const dataset: Record<number, [Tensor, Tensor]> & { size(): number } = { size: () => size };
  for (let i = 1; i <= size; i++) {
    const input = torch.randn(2) as Tensor;
    const output = new torch.Tensor(1).fill(label(input));
    dataset[i] = [input, output];
  }

  const trainer = new nn.StochasticGradient(mlp, criterion);
  trainer.learningRate = learningRate;
  trainer.maxIteration = iterations;
  trainer.print = print;
  const losses: number[] = [];
  trainer.hookIteration = (_t, _it, error) => { losses.push(error); };
  trainer.train(dataset);

  const corners: number[] = [];
  for (const [a, b] of [[0.5, 0.5], [0.5, -0.5], [-0.5, 0.5], [-0.5, -0.5]]) {
    const y = (mlp.forward(new torch.Tensor([a, b])) as Tensor).get(1) as number;
    corners.push(y);
    print(`x = (${a}, ${b})  ->  ${y.toFixed(4)}   (target ${a * b > 0 ? -1 : 1})`);
  }
  let right = 0;
  for (let i = 0; i < 1000; i++) {
    const x = torch.randn(2) as Tensor;
    const y = (mlp.forward(x) as Tensor).get(1) as number;
    if (Math.sign(y) === label(x)) right++;
  }
  print(`accuracy on 1000 fresh points: ${(right / 10).toFixed(1)}%`);
  return { losses, accuracy: right / 1000, corners };
}

runIfMain(import.meta.url, () => main());
