/** Fixture builders (torch7-ref/modules cases) and Jacobian-table entries of the 'transfer' family. */
import { nn } from '../../../nn/index.js';
import type { ModuleBuilders, ModuleCase } from './types.js';

export const builders: ModuleBuilders = {
  Tanh: () => new nn.Tanh(),
  Tanh_float: () => new nn.Tanh().float(),
  Sigmoid: () => new nn.Sigmoid(),
  Sigmoid_float: () => new nn.Sigmoid().float(),
  ReLU: () => new nn.ReLU(),
  Threshold: () => new nn.Threshold(0.1, -2),
};
export const jacobianCases: ModuleCase[] = [];
