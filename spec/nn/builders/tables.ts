/** Fixture builders (torch7-ref/modules cases) and Jacobian-table entries of the 'tables' family. */
import { torch } from '../../../lib/index.js';
import { nn } from '../../../nn/index.js';
import type { ModuleBuilders, ModuleCase } from './types.js';

export const builders: ModuleBuilders = {
  CAddTable: () => new nn.CAddTable(),
  JoinTable: () => new nn.JoinTable(2),
  JoinTable_1: () => new nn.JoinTable(1),
};

const pair = (...size: number[]) => () => [torch.randn(...size), torch.randn(...size)];

/** Rows for the generic table; modules with a table output are closed by JoinTable/CMulTable. */
export const jacobianCases: ModuleCase[] = [
  { name: 'nn.JoinTable(2) on {3x2, 3x4}', build: () => new nn.JoinTable(2), input: () => [torch.randn(3, 2), torch.randn(3, 4)] },
  { name: 'nn.JoinTable(-1) on {3, 4}', build: () => new nn.JoinTable(-1), input: () => [torch.randn(3), torch.randn(4)] },
  { name: 'nn.JoinTable(1, 1) batch on {2x3, 2x4}', build: () => new nn.JoinTable(1, 1), input: () => [torch.randn(2, 3), torch.randn(2, 4)] },
  { name: 'nn.CAddTable on three 3x4', build: () => new nn.CAddTable(), input: () => [torch.randn(3, 4), torch.randn(3, 4), torch.randn(3, 4)] },
  { name: 'nn.CSubTable', build: () => new nn.CSubTable(), input: pair(3, 4) },
  { name: 'nn.CMulTable on three 3x4', build: () => new nn.CMulTable(), input: () => [torch.randn(3, 4), torch.randn(3, 4), torch.randn(3, 4)] },
  { name: 'nn.CDivTable', build: () => new nn.CDivTable(), input: pair(3, 4) },
  { name: 'nn.CMaxTable on three 3x4', build: () => new nn.CMaxTable(), input: () => [torch.randn(3, 4), torch.randn(3, 4), torch.randn(3, 4)] },
  { name: 'nn.CMinTable', build: () => new nn.CMinTable(), input: pair(3, 4) },
  { name: 'nn.PairwiseDistance(2) batch', build: () => new nn.PairwiseDistance(2), input: pair(4, 5) },
  { name: 'nn.PairwiseDistance(3) on vectors', build: () => new nn.PairwiseDistance(3), input: pair(5) },
  { name: 'nn.PairwiseDistance(1) batch', build: () => new nn.PairwiseDistance(1), input: pair(4, 5) },
  { name: 'nn.DotProduct batch', build: () => new nn.DotProduct(), input: pair(4, 5) },
  { name: 'nn.DotProduct on vectors', build: () => new nn.DotProduct(), input: pair(5) },
  { name: 'nn.CosineDistance batch', build: () => new nn.CosineDistance(), input: pair(4, 5) },
  { name: 'nn.CosineDistance on vectors', build: () => new nn.CosineDistance(), input: pair(5) },
  { name: 'nn.SelectTable(-1)', build: () => new nn.SelectTable(-1), input: pair(3, 2) },
  { name: 'nn.MixtureTable, experts in a tensor, batch', build: () => new nn.MixtureTable(), input: () => [torch.rand(3, 4), torch.randn(3, 4, 5)] },
  { name: 'nn.MixtureTable(2), experts in a tensor, no batch', build: () => new nn.MixtureTable(2), input: () => [torch.rand(3), torch.randn(4, 3)] },
  {
    name: 'nn.MixtureTable, a table of experts, batch: {g, e1, e2} regrouped by ConcatTable(SelectTable, NarrowTable)',
    build: () => new nn.Sequential()
      .add(new nn.ConcatTable().add(new nn.SelectTable(1)).add(new nn.NarrowTable(2, 2)))
      .add(new nn.MixtureTable()),
    input: () => [torch.rand(3, 2), torch.randn(3, 4), torch.randn(3, 4)],
  },
  {
    name: 'nn.ZipTable on {{a1,a2},{b1,b2}}, then FlattenTable and JoinTable(1)',
    build: () => new nn.Sequential()
      .add(new nn.ConcatTable().add(new nn.NarrowTable(1, 2)).add(new nn.NarrowTable(3, 2)))
      .add(new nn.ZipTable()).add(new nn.FlattenTable()).add(new nn.JoinTable(1)),
    input: () => [torch.randn(3), torch.randn(2), torch.randn(3), torch.randn(2)],
  },
  {
    name: 'nn.ZipTableOneToMany on {v,{a,b}}, then FlattenTable and JoinTable(1)',
    build: () => new nn.Sequential()
      .add(new nn.ConcatTable().add(new nn.SelectTable(1)).add(new nn.NarrowTable(2, 2)))
      .add(new nn.ZipTableOneToMany()).add(new nn.FlattenTable()).add(new nn.JoinTable(1)),
    input: () => [torch.randn(3), torch.randn(2), torch.randn(4)],
  },
  {
    name: 'nn.CAddTensorTable on {t,{t1,t2}}, then JoinTable(1)',
    build: () => new nn.Sequential()
      .add(new nn.ConcatTable().add(new nn.SelectTable(1)).add(new nn.NarrowTable(2, 2)))
      .add(new nn.CAddTensorTable()).add(new nn.JoinTable(1)),
    input: () => [torch.randn(2, 3), torch.randn(2, 3), torch.randn(2, 3)],
  },
  {
    name: 'nn.SplitTable(2) then JoinTable(1)',
    build: () => new nn.Sequential().add(new nn.SplitTable(2)).add(new nn.JoinTable(1)),
    input: () => torch.randn(3, 4),
  },
  {
    name: 'nn.NarrowTable(2, 2) then CMulTable',
    build: () => new nn.Sequential().add(new nn.NarrowTable(2, 2)).add(new nn.CMulTable()),
    input: () => [torch.randn(3), torch.randn(3), torch.randn(3), torch.randn(3)],
  },
  {
    name: 'nn.FlattenTable of a nested ConcatTable, then JoinTable(2)',
    build: () => new nn.Sequential()
      .add(new nn.ConcatTable()
        .add(new nn.ConcatTable().add(new nn.Linear(5, 3)).add(new nn.Tanh()))
        .add(new nn.Linear(5, 2)))
      .add(new nn.FlattenTable()).add(new nn.JoinTable(2)),
    input: () => torch.randn(4, 5),
  },
];
