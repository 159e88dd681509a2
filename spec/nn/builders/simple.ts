/** Fixture builders (torch7-ref/modules cases) and Jacobian-table entries of the 'simple' family. */
import { nn } from '../../../nn/index.js';
import type { ModuleBuilders, ModuleCase } from './types.js';

export const builders: ModuleBuilders = {
  Linear: () => new nn.Linear(5, 3),
  Linear_1d: () => new nn.Linear(5, 3),
  Linear_float: () => new nn.Linear(5, 3).float(),
  Linear_nobias: () => new nn.Linear(5, 3, false),
};
export const jacobianCases: ModuleCase[] = [];
