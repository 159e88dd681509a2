/**
 * Linear regression with optim.sgd and getParameters: Torch's example-linear-regression.lua (corn
 * yield from fertilizer and insecticide), one example per optim.sgd step, compared with the exact
 * least-squares fit.
 *
 *   node dist/examples/regression.js
 */
import { torch } from '../lib/index.js';
import type { Tensor } from '../lib/Tensor.js';
import { nn } from '../nn/index.js';
import { optim } from '../optim/index.js';
import { runIfMain } from './run.js';

/** {corn, fertilizer, insecticide}, the table of the Torch example. */
export const CORN = [
  [40, 6, 4], [44, 10, 4], [46, 12, 5], [48, 14, 7], [52, 16, 9],
  [58, 18, 12], [60, 22, 14], [68, 24, 20], [74, 26, 21], [80, 32, 24],
];

export interface RegressionOptions {
  /** Passes over the 10 examples (the Torch example runs 1e4). */
  epochs?: number;
  learningRate?: number;
  learningRateDecay?: number;
  seed?: number;
  quiet?: boolean;
}

export interface RegressionResult {
  /** Mean squared error over the data after each epoch (its first entry is after epoch 1). */
  losses: number[];
  /** The mean squared error of the model before training. */
  initialLoss: number;
  /** The mean squared error of the exact least-squares fit (the best any linear model can do). */
  optimalLoss: number;
  /** [bias, w_fertilizer, w_insecticide] found by sgd. */
  coefficients: number[];
}

/** Exact least squares for y ~ b + w1 x1 + w2 x2: solves the 3x3 normal equations (Cramer's rule). */
export function leastSquares(rows: number[][]): number[] {
  const A = [[0, 0, 0], [0, 0, 0], [0, 0, 0]], r = [0, 0, 0];
  for (const [y, x1, x2] of rows) {
    const v = [1, x1, x2];
    for (let i = 0; i < 3; i++) { r[i] += v[i] * y; for (let j = 0; j < 3; j++) A[i][j] += v[i] * v[j]; }
  }
  const det = (m: number[][]) => m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
    - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  const d = det(A);
  return [0, 1, 2].map((k) => det(A.map((row, i) => row.map((v, j) => (j === k ? r[i] : v)))) / d);
}

/** Fits the corn data; returns the loss curve next to the least-squares optimum. */
export function main(opts: RegressionOptions = {}): RegressionResult {
  const { epochs = 10000, learningRate = 1e-3, learningRateDecay = 1e-4, seed = 1, quiet = false } = opts;
  const print = quiet ? () => {} : (s: string) => console.log(s);
  torch.manualSeed(seed);
  const data = new torch.Tensor(CORN);
  const model = new nn.Sequential().add(new nn.Linear(2, 1));
  const criterion = new nn.MSECriterion();
  const [x, dlDx] = model.getParameters();
  const sgdParams = { learningRate, learningRateDecay, weightDecay: 0, momentum: 0 };
  const inputs = data.narrow(2, 2, 2), targets = data.narrow(2, 1, 1);
  const mse = (): number => criterion.forward(model.forward(inputs), targets);

  const initialLoss = mse();
  const losses: number[] = [];
  let sample = 0;
  const feval = (xNew: Tensor): [number, Tensor] => {
    if (x !== xNew) x.copy(xNew);
    sample = (sample % data.size(1)) + 1; // the next example, in order, as the Torch example does
    const row = data.select(1, sample) as Tensor;
    const input = row.narrow(1, 2, 2), target = row.narrow(1, 1, 1);
    dlDx.zero();
    const loss = criterion.forward(model.forward(input), target);
    model.backward(input, criterion.backward(model.output, target));
    return [loss, dlDx];
  };
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = 1; i <= data.size(1); i++) optim.sgd(feval, x, sgdParams);
    losses.push(mse());
    if (epoch === 1 || epoch % Math.max(1, Math.floor(epochs / 10)) === 0) {
      print(`epoch ${String(epoch).padStart(6)}: mean squared error ${losses[losses.length - 1].toFixed(4)}`);
    }
  }

  const best = leastSquares(CORN);
  const optimalLoss = CORN.reduce((s, [y, a, b]) => s + (best[0] + best[1] * a + best[2] * b - y) ** 2, 0) / CORN.length;
  const linear = (model as any).modules[0];
  const coefficients = [linear.bias.get(1), linear.weight.get(1, 1), linear.weight.get(1, 2)];
  print('\n id  approx   exact  (corn)');
  CORN.forEach(([y, a, b], i) => {
    const approx = (model.forward(new torch.Tensor([a, b])) as Tensor).get(1) as number;
    print(`${String(i + 1).padStart(3)} ${approx.toFixed(2).padStart(7)} ${(best[0] + best[1] * a + best[2] * b).toFixed(2).padStart(7)}  ${y}`);
  });
  print(`\nsgd: corn = ${coefficients[0].toFixed(3)} + ${coefficients[1].toFixed(3)} fertilizer + ${coefficients[2].toFixed(3)} insecticide`);
  print(`least squares: corn = ${best[0].toFixed(3)} + ${best[1].toFixed(3)} fertilizer + ${best[2].toFixed(3)} insecticide`);
  print(`mean squared error: ${initialLoss.toFixed(2)} before, ${losses[losses.length - 1].toFixed(4)} after (optimum ${optimalLoss.toFixed(4)})`);
  return { losses, initialLoss, optimalLoss, coefficients };
}

runIfMain(import.meta.url, () => main());
