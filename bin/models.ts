/** The trainer's models for 1 x 28 x 28 MNIST digits, as the Torch demos built them. */
import { nn } from '../nn/index.js';
import type { Module } from '../nn/Module.js';

/** The model names `--model` accepts. */
export const MODEL_NAMES = ['lenet', 'mlp'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

/**
 * Torch's classic LeNet-5 variant: two 5x5 convolutions with ReLU and 2x2 max pooling, then three
 * linear layers; log-probabilities of `nClasses` classes (train it with ClassNLLCriterion).
 * @example
 * const model = lenet(); // 44,426 parameters
 * model.forward(torch.rand(8, 1, 28, 28)); // 8x10
 */
export function lenet(nClasses = 10): Module {
  const model = new nn.Sequential();
  model.add(new nn.SpatialConvolution(1, 6, 5, 5)); // 1x28x28 -> 6x24x24
  model.add(new nn.ReLU());
  model.add(new nn.SpatialMaxPooling(2, 2, 2, 2)); // -> 6x12x12
  model.add(new nn.SpatialConvolution(6, 16, 5, 5)); // -> 16x8x8
  model.add(new nn.ReLU());
  model.add(new nn.SpatialMaxPooling(2, 2, 2, 2)); // -> 16x4x4
  model.add(new nn.View(16 * 4 * 4));
  model.add(new nn.Linear(16 * 4 * 4, 120));
  model.add(new nn.ReLU());
  model.add(new nn.Linear(120, 84));
  model.add(new nn.ReLU());
  model.add(new nn.Linear(84, nClasses));
  model.add(new nn.LogSoftMax());
  return model;
}

/**
 * A two-hidden-layer perceptron over the flattened 784 pixels.
 * @example
 * mlp().forward(torch.rand(8, 1, 28, 28)); // 8x10
 */
export function mlp(nClasses = 10, hidden = 256): Module {
  const model = new nn.Sequential();
  model.add(new nn.View(28 * 28));
  model.add(new nn.Linear(28 * 28, hidden));
  model.add(new nn.ReLU());
  model.add(new nn.Linear(hidden, hidden / 2));
  model.add(new nn.ReLU());
  model.add(new nn.Linear(hidden / 2, nClasses));
  model.add(new nn.LogSoftMax());
  return model;
}

/** Builds the named model. */
export function buildModel(name: ModelName, nClasses = 10): Module {
  return name === 'lenet' ? lenet(nClasses) : mlp(nClasses);
}
