/** Jacobian-table entries of the 'spatial2' family (no torch7-ref fixtures exist for these modules). */
import { torch } from '../../../lib/index.js';
import type { Tensor } from '../../../lib/Tensor.js';
import { nn } from '../../../nn/index.js';
import { Module } from '../../../nn/Module.js';
import { registerClass } from '../../../lib/File/index.js';
import type { ModuleBuilders, ModuleCase } from './types.js';

export const builders: ModuleBuilders = {};

/** A seeded double input of the given sizes, uniform in [-2, 2] as nn's Jacobian tests fill it. */
const input = (...sizes: number[]) => (): Tensor => torch.rand(...sizes).mul(4).add(-2);

/** pool followed by an unpooling module that reads its indices. */
function poolUnpool(k: number): Module {
  const pool = new nn.SpatialMaxPooling(k, k, k, k);
  return new nn.Sequential().add(pool).add(new nn.SpatialMaxUnpooling(pool));
}

/**
 * A max unpooling alone (Spatial or Volumetric): its input is the pooled tensor; its indices come from
 * `pool` run on the fixed tensor `source` right before each forward (so they stay LongTensor indices
 * after type()).
 */
export class UnpoolOfFixed extends Module {
  pool: Module;
  unpool: Module;
  source: Tensor;

  constructor(pool: Module, unpool: Module, sizes: number[]) {
    super();
    this.pool = pool;
    this.unpool = unpool;
    this.source = torch.randn(...sizes);
  }
  override updateOutput(x: Tensor): Tensor {
    this.pool.forward(this.source);
    this.output = this.unpool.updateOutput(x) as Tensor;
    return this.output;
  }
  override updateGradInput(x: Tensor, g: Tensor): Tensor {
    this.gradInput = this.unpool.updateGradInput(x, g) as Tensor;
    return this.gradInput;
  }
  override clearState(): this { this.pool.clearState(); this.unpool.clearState(); return super.clearState(); }
}
registerClass('nn.UnpoolOfFixed', UnpoolOfFixed);

/** A fractional max pooling (Spatial or Volumetric): what FixedSamplesFractional needs of it. */
type Fractional = Module & { randomSamples?: Tensor; fixPoolingRegions(): Fractional };

/**
 * A fractional max pooling with its random samples held in `samples` (drawn once, at build time,
 * batch x planes x dims): each forward hands them to the module, so clearState (which drops the
 * module's samples, as Torch's) and the .t7 round trip give the same pooling regions.
 */
export class FixedSamplesFractional extends Module {
  inner: Fractional;
  samples: Tensor;

  constructor(inner: Fractional, batch: number, planes: number, dims = 2) {
    super();
    this.inner = inner.fixPoolingRegions();
    this.samples = torch.rand(batch, planes, dims);
  }
  override updateOutput(x: Tensor): Tensor {
    this.inner.randomSamples = this.samples.type(x.type()) as Tensor;
    this.output = this.inner.updateOutput(x) as Tensor;
    return this.output;
  }
  override updateGradInput(x: Tensor, g: Tensor): Tensor {
    this.gradInput = this.inner.updateGradInput(x, g) as Tensor;
    return this.gradInput;
  }
  override clearState(): this { this.inner.clearState(); return super.clearState(); }
}
registerClass('nn.FixedSamplesFractional', FixedSamplesFractional);

export const jacobianCases: ModuleCase[] = [
  { name: 'nn.SpatialDilatedMaxPooling(3,3,1,1,1,1,2,2) batch', build: () => new nn.SpatialDilatedMaxPooling(3, 3, 1, 1, 1, 1, 2, 2), input: input(2, 2, 7, 6) },
  { name: 'nn.SpatialDilatedMaxPooling(2,3,2,1,0,1,3,1):ceil() 3-D', build: () => new nn.SpatialDilatedMaxPooling(2, 3, 2, 1, 0, 1, 3, 1).ceil(), input: input(2, 6, 8) },
  { name: 'nn.SpatialFractionalMaxPooling(2,2,4,3):fixPoolingRegions(), fixed samples, batch', build: () => new FixedSamplesFractional(new nn.SpatialFractionalMaxPooling(2, 2, 4, 3), 2, 3), input: input(2, 3, 7, 8) },
  { name: 'nn.SpatialFractionalMaxPooling(3,2,0.6,0.5):fixPoolingRegions(), fixed samples, 3-D', build: () => new FixedSamplesFractional(new nn.SpatialFractionalMaxPooling(3, 2, 0.6, 0.5), 1, 2), input: input(2, 8, 10) },
  { name: 'nn.SpatialMaxPooling(2,2,2,2) + nn.SpatialMaxUnpooling batch', build: () => poolUnpool(2), input: input(2, 3, 6, 4) },
  { name: 'nn.SpatialMaxUnpooling (of SpatialMaxPooling(2,2,2,2)) 3-D', build: () => { const pool = new nn.SpatialMaxPooling(2, 2, 2, 2); return new UnpoolOfFixed(pool, new nn.SpatialMaxUnpooling(pool), [2, 5, 6]); }, input: input(2, 2, 3) },
  { name: "nn.UpSampling(2) 4-D", build: () => new nn.UpSampling(2), input: input(2, 2, 3, 2) },
  { name: "nn.UpSampling(3,'linear') 4-D", build: () => new nn.UpSampling(3, 'linear'), input: input(1, 2, 3, 2) },
  { name: "nn.UpSampling(2) 5-D", build: () => new nn.UpSampling(2), input: input(1, 2, 2, 3, 2) },
  { name: "nn.UpSampling(2,'trilinear') 5-D", build: () => new nn.UpSampling(2, 'trilinear'), input: input(2, 1, 2, 3, 2) },
  { name: "nn.UpSampling({odepth=3,oheight=5,owidth=4},'linear') 5-D", build: () => new nn.UpSampling({ odepth: 3, oheight: 5, owidth: 4 }, 'linear'), input: input(1, 2, 2, 3, 3) },
  { name: 'nn.SpatialConvolutionLocal(2,3,5,4,3,2) batch', build: () => new nn.SpatialConvolutionLocal(2, 3, 5, 4, 3, 2), input: input(2, 2, 4, 5) },
  { name: 'nn.SpatialConvolutionLocal(2,2,5,6,3,3,2,2,1,1) 3-D, padded', build: () => new nn.SpatialConvolutionLocal(2, 2, 5, 6, 3, 3, 2, 2, 1, 1), input: input(2, 6, 5) },
  { name: 'nn.SpatialDepthWiseConvolution(3,2,3,3,1,1,1,1) batch', build: () => new nn.SpatialDepthWiseConvolution(3, 2, 3, 3, 1, 1, 1, 1), input: input(2, 3, 5, 5) },
  { name: 'nn.SpatialDepthWiseConvolution(2,3,2,3,2,1) 3-D, non-square', build: () => new nn.SpatialDepthWiseConvolution(2, 3, 2, 3, 2, 1), input: input(2, 5, 6) },
  { name: 'nn.SpatialDepthWiseConvolution(2,1,3,3):noBias() batch', build: () => new nn.SpatialDepthWiseConvolution(2, 1, 3, 3).noBias(), input: input(2, 2, 4, 4) },
  { name: 'nn.SpatialFullConvolutionMap(nn.tables.random(3,4,2),3,3,2,2)', build: () => new nn.SpatialFullConvolutionMap(nn.tables.random(3, 4, 2), 3, 3, 2, 2), input: input(3, 3, 4) },
  { name: 'nn.SpatialFullConvolutionMap(nn.tables.full(2,2),2,3)', build: () => new nn.SpatialFullConvolutionMap(nn.tables.full(2, 2), 2, 3), input: input(2, 4, 3) },
];
