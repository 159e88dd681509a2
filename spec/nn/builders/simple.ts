/** Fixture builders (torch7-ref/modules cases) and Jacobian-table entries of the 'simple' family. */
import { torch } from '../../../lib/index.js';
import { nn } from '../../../nn/index.js';
import type { ModuleBuilders, ModuleCase } from './types.js';

export const builders: ModuleBuilders = {
  Linear: () => new nn.Linear(5, 3),
  Linear_1d: () => new nn.Linear(5, 3),
  Linear_float: () => new nn.Linear(5, 3).float(),
  Linear_nobias: () => new nn.Linear(5, 3, false),
  Reshape: () => new nn.Reshape(2, 6),
  Reshape_single: () => new nn.Reshape(12),
  View: () => new nn.View(3, 8),
  View_infer: () => new nn.View(-1, 4).setNumInputDims(2),
};

const randn = (...s: number[]) => () => torch.randn(...s);

/** Every simple layer with a gradient, on single and batch inputs (tables for MM, MV, Bilinear). */
export const jacobianCases: ModuleCase[] = [
  { name: 'nn.Linear(5,3) batch', build: () => new nn.Linear(5, 3), input: randn(4, 5) },
  { name: 'nn.Linear(5,3) vector', build: () => new nn.Linear(5, 3), input: randn(5) },
  { name: 'nn.Identity', build: () => new nn.Identity(), input: randn(3, 4) },
  { name: 'nn.Reshape(2,6) batch', build: () => new nn.Reshape(2, 6), input: randn(4, 12) },
  { name: 'nn.Reshape(12)', build: () => new nn.Reshape(12), input: randn(3, 4) },
  { name: 'nn.View(3,8) batch', build: () => new nn.View(3, 8), input: randn(2, 4, 6) },
  { name: 'nn.View(-1,4):setNumInputDims(2)', build: () => new nn.View(-1, 4).setNumInputDims(2), input: randn(3, 2, 6) },
  { name: 'nn.Contiguous', build: () => new nn.Contiguous(), input: randn(3, 4) },
  { name: 'nn.Select(2,-1)', build: () => new nn.Select(2, -1), input: randn(3, 4) },
  { name: 'nn.Narrow(2,2,-1)', build: () => new nn.Narrow(2, 2, -1), input: randn(3, 5) },
  { name: 'nn.Transpose({1,2},{2,3})', build: () => new nn.Transpose([1, 2], [2, 3]), input: randn(2, 3, 4) },
  { name: 'nn.Squeeze', build: () => new nn.Squeeze(), input: randn(2, 1, 3) },
  { name: 'nn.Unsqueeze(2)', build: () => new nn.Unsqueeze(2), input: randn(3, 4) },
  { name: 'nn.Replicate(3,2)', build: () => new nn.Replicate(3, 2), input: randn(4, 5) },
  { name: 'nn.Padding(1,-2)', build: () => new nn.Padding(1, -2, 1, 0.5), input: randn(3, 4) },
  { name: 'nn.Max(2)', build: () => new nn.Max(2), input: randn(4, 5) },
  { name: 'nn.Min(1,1) batch', build: () => new nn.Min(1, 1), input: randn(3, 5) },
  { name: 'nn.Sum(2)', build: () => new nn.Sum(2), input: randn(4, 5) },
  { name: 'nn.Mean(-1)', build: () => new nn.Mean(-1), input: randn(2, 3, 4) },
  { name: 'nn.MulConstant(2.5)', build: () => new nn.MulConstant(2.5), input: randn(3, 4) },
  { name: 'nn.AddConstant(1.5)', build: () => new nn.AddConstant(1.5), input: randn(3, 4) },
  { name: 'nn.Copy', build: () => new nn.Copy(undefined, undefined, true), input: randn(3, 4) },
  { name: 'nn.Add(5) batch', build: () => new nn.Add(5), input: randn(4, 5) },
  { name: 'nn.Add(5,true) scalar', build: () => new nn.Add(5, true), input: randn(5) },
  { name: 'nn.CAdd(5,1) batch', build: () => new nn.CAdd(5, 1), input: randn(5, 4) },
  { name: 'nn.CAdd(5) batch', build: () => new nn.CAdd(5), input: randn(3, 5) },
  { name: 'nn.Mul', build: () => new nn.Mul(), input: randn(3, 4) },
  { name: 'nn.CMul(5,1)', build: () => new nn.CMul(5, 1), input: randn(5, 4) },
  { name: 'nn.CMul(5) batch', build: () => new nn.CMul(5), input: randn(3, 5) },
  { name: 'nn.Euclidean(5,3) vector', build: () => new nn.Euclidean(5, 3), input: randn(5) },
  { name: 'nn.Euclidean(5,3) batch', build: () => new nn.Euclidean(5, 3), input: randn(4, 5) },
  { name: 'nn.WeightedEuclidean(5,3) vector', build: () => new nn.WeightedEuclidean(5, 3), input: randn(5) },
  { name: 'nn.WeightedEuclidean(5,3) batch', build: () => new nn.WeightedEuclidean(5, 3), input: randn(4, 5) },
  { name: 'nn.Cosine(5,3) vector', build: () => new nn.Cosine(5, 3), input: randn(5) },
  { name: 'nn.Cosine(5,3) batch', build: () => new nn.Cosine(5, 3), input: randn(4, 5) },
  { name: 'nn.MM batch', build: () => new nn.MM(), input: () => [torch.randn(2, 3, 4), torch.randn(2, 4, 2)] },
  { name: 'nn.MM(true,true)', build: () => new nn.MM(true, true), input: () => [torch.randn(4, 3), torch.randn(2, 4)] },
  { name: 'nn.MV', build: () => new nn.MV(), input: () => [torch.randn(3, 4), torch.randn(4)] },
  { name: 'nn.MV(true) batch', build: () => new nn.MV(true), input: () => [torch.randn(2, 4, 3), torch.randn(2, 4)] },
  { name: 'nn.Bilinear(5,4,3)', build: () => new nn.Bilinear(5, 4, 3), input: () => [torch.randn(2, 5), torch.randn(2, 4)] },
  { name: 'nn.Maxout(5,3,4) vector', build: () => new nn.Maxout(5, 3, 4), input: randn(5) },
  { name: 'nn.Maxout(5,3,4) batch', build: () => new nn.Maxout(5, 3, 4), input: randn(6, 5) },
  { name: 'nn.CReLU(1) batch', build: () => new nn.CReLU(1), input: randn(3, 4) },
  { name: 'nn.CReLU(3) non-batch', build: () => new nn.CReLU(3), input: randn(2, 3, 2) },
  { name: 'nn.PixelShuffle(2) batch', build: () => new nn.PixelShuffle(2), input: randn(2, 8, 2, 3) },
  { name: 'nn.PixelShuffle(3) 3-D', build: () => new nn.PixelShuffle(3), input: randn(9, 2, 2) },
];
