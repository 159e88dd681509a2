/** Jacobian-table rows of nngraph's nn.gModule (graphs built with `__call__`). */
import { torch } from '../../../lib/index.js';
import { nn } from '../../../nn/index.js';
import type { ModuleBuilders, ModuleCase } from './types.js';

export const builders: ModuleBuilders = {};

/** x + Linear(Tanh(Linear(x))): x feeds two nodes. */
function residual() {
  const x = new nn.Identity().__call__();
  const y = new nn.CAddTable().__call__(x, new nn.Linear(4, 4).__call__(new nn.Tanh().__call__(new nn.Linear(4, 4).__call__(x))));
  return new nn.gModule([x], [y]);
}

/** Tanh(Linear(x1) + Linear(x2)). */
function twoInputs() {
  const x1 = new nn.Identity().__call__(), x2 = new nn.Identity().__call__();
  const s = new nn.CAddTable().__call__(new nn.Linear(3, 2).__call__(x1), new nn.Linear(5, 2).__call__(x2));
  return new nn.gModule([x1, x2], [new nn.Tanh().__call__(s)]);
}

/** The two rows of x, split, multiplied, then a Linear. */
function split() {
  const x = new nn.Identity().__call__();
  const [a, b] = new nn.SplitTable(1).__call__(x).split(2);
  return new nn.gModule([x], [new nn.Linear(4, 3).__call__(new nn.CMulTable().__call__(a, b))]);
}

export const jacobianCases: ModuleCase[] = [
  { name: 'nn.gModule residual x + Linear(Tanh(Linear(x))) batch', build: residual, input: () => torch.randn(3, 4) },
  { name: 'nn.gModule Tanh(Linear(x1) + Linear(x2)), 2 inputs', build: twoInputs, input: () => [torch.randn(2, 3), torch.randn(2, 5)] },
  { name: 'nn.gModule SplitTable(1) split(2), CMulTable, Linear', build: split, input: () => torch.randn(2, 4) },
];
