/** Fixture builders (torch7-ref/modules cases) and Jacobian-table entries of the 'containers' family. */
import { torch } from '../../../lib/index.js';
import { nn } from '../../../nn/index.js';
import type { ModuleBuilders, ModuleCase } from './types.js';

export const builders: ModuleBuilders = {
  Sequential: () => new nn.Sequential()
    .add(new nn.Linear(6, 5)).add(new nn.Tanh()).add(new nn.Linear(5, 3)).add(new nn.LogSoftMax()),
  Concat: () => new nn.Concat(2).add(new nn.Linear(5, 3)).add(new nn.Linear(5, 2)),
  ConcatTable: () => new nn.ConcatTable().add(new nn.Linear(5, 3)).add(new nn.Tanh()),
};

/** Rows for the generic table. Table-output containers are closed by a table module so the output is a tensor. */
export const jacobianCases: ModuleCase[] = [
  {
    name: 'nn.Sequential(Linear(5,4), Tanh, Linear(4,3)) batch',
    build: () => new nn.Sequential().add(new nn.Linear(5, 4)).add(new nn.Tanh()).add(new nn.Linear(4, 3)),
    input: () => torch.randn(3, 5),
  },
  {
    name: 'nn.Concat(2) of Linear(5,3), Linear(5,2) batch',
    build: () => new nn.Concat(2).add(new nn.Linear(5, 3)).add(new nn.Linear(5, 2)),
    input: () => torch.randn(4, 5),
  },
  {
    name: 'nn.Concat(1) of Linear(5,3), Tanh on a vector',
    build: () => new nn.Concat(1).add(new nn.Linear(5, 3)).add(new nn.Tanh()),
    input: () => torch.randn(5),
  },
  {
    name: 'nn.DepthConcat(1) of Linear(5,3), Linear(5,2) (padded)',
    build: () => new nn.DepthConcat(1).add(new nn.Linear(5, 3)).add(new nn.Linear(5, 2)),
    input: () => torch.randn(4, 5),
  },
  {
    name: 'nn.DepthConcat(2) of SpatialConvolution(2,3,3,3), SpatialConvolution(2,2,1,1)',
    build: () => new nn.DepthConcat(2).add(new nn.SpatialConvolution(2, 3, 3, 3)).add(new nn.SpatialConvolution(2, 2, 1, 1)),
    input: () => torch.randn(2, 2, 5, 4),
  },
  {
    name: 'nn.Parallel(1,1) of Linear(4,3), Linear(4,2)',
    build: () => new nn.Parallel(1, 1).add(new nn.Linear(4, 3)).add(new nn.Linear(4, 2)),
    input: () => torch.randn(2, 4),
  },
  {
    name: 'nn.Parallel(2,1) of Linear(3,2), Tanh',
    build: () => new nn.Parallel(2, 1).add(new nn.Linear(3, 2)).add(new nn.Tanh()),
    input: () => torch.randn(3, 2),
  },
  {
    name: 'nn.Bottle(Linear(4,3)) on 2x3x4',
    build: () => new nn.Bottle(new nn.Linear(4, 3)),
    input: () => torch.randn(2, 3, 4),
  },
  {
    name: 'nn.Bottle(Linear(4,3)) on 5x4 (no folding)',
    build: () => new nn.Bottle(new nn.Linear(4, 3)),
    input: () => torch.randn(5, 4),
  },
  {
    name: 'nn.ConcatTable(Linear(5,3), Tanh) then JoinTable(2)',
    build: () => new nn.Sequential()
      .add(new nn.ConcatTable().add(new nn.Linear(5, 3)).add(new nn.Tanh())).add(new nn.JoinTable(2)),
    input: () => torch.randn(4, 5),
  },
  {
    name: 'nn.ParallelTable(Linear(4,3), Tanh) then CAddTable',
    build: () => new nn.Sequential()
      .add(new nn.ParallelTable().add(new nn.Linear(4, 3)).add(new nn.Tanh())).add(new nn.CAddTable()),
    input: () => [torch.randn(2, 4), torch.randn(2, 3)],
  },
  {
    name: 'nn.MapTable(Linear(4,3)) (shared clones) then JoinTable(1)',
    build: () => new nn.Sequential().add(new nn.MapTable(new nn.Linear(4, 3))).add(new nn.JoinTable(1)),
    input: () => [torch.randn(2, 4), torch.randn(3, 4)],
  },
];
