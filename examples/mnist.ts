/**
 * MNIST in a minute: the trainer of `torch7ts train` (bin/train.ts) with small settings, a LeNet on
 * 6,000 training images for 2 epochs, tested on 2,000. `npm start` runs the full default training.
 *
 *   node dist/examples/mnist.js
 */
import { train, type TrainOptions } from '../bin/train.js';
import { runIfMain } from './run.js';

export interface MnistResult {
  /** Mean training loss per epoch. */
  losses: number[];
  /** Test accuracy per epoch, in percent. */
  testAccuracy: number[];
  trainAccuracy: number[];
  seconds: number;
}

/** Trains with `opts` over the small defaults below; returns the curves. */
export async function main(opts: Partial<TrainOptions> = {}): Promise<MnistResult> {
  const r = await train({
    model: 'lenet', epochs: 2, trainSize: 6000, testSize: 2000, batchSize: 16, output: './out/examples-mnist', ...opts,
  });
  return { losses: r.losses, testAccuracy: r.testAccuracy, trainAccuracy: r.trainAccuracy, seconds: r.seconds };
}

runIfMain(import.meta.url, () => main());
