/** nn.SpatialContrastiveNormalization(nInputPlane = 1, kernel = ones(9, 9), threshold = 1e-4, thresval = threshold) (SpatialContrastiveNormalization.lua). */
import { newDefault } from '../lib/defaults.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';
import { Sequential } from './Sequential.js';
import { SpatialDivisiveNormalization } from './SpatialDivisiveNormalization.js';
import { SpatialSubtractiveNormalization } from './SpatialSubtractiveNormalization.js';
import { checkKernel } from './spatialNormalizationKernel.js';

/**
 * SpatialSubtractiveNormalization then SpatialDivisiveNormalization with the same kernel tensor
 * (each normalises it in place, as in Torch), held in `normalizer`: the classic tutorials' local
 * contrast normalisation. Input nInputPlane x H x W or a batch of them.
 * @example
 * const lcn = new nn.SpatialContrastiveNormalization(1, torch.ones(7));
 * lcn.forward(torch.randn(1, 32, 32));
 */
export class SpatialContrastiveNormalization extends Module {
  nInputPlane: number;
  kernel: Tensor;
  threshold: number;
  thresval: number;
  normalizer: Sequential;

  constructor(nInputPlane?: number, kernel?: Tensor, threshold?: number, thresval?: number) {
    super();
    this.nInputPlane = nInputPlane ?? 1;
    this.kernel = kernel ?? newDefault().resize(9, 9).fill(1);
    this.threshold = threshold ?? 1e-4;
    this.thresval = thresval ?? threshold ?? 1e-4;
    checkKernel(this.kernel, 'SpatialContrastiveNormalization');
    this.normalizer = new Sequential()
      .add(new SpatialSubtractiveNormalization(this.nInputPlane, this.kernel))
      .add(new SpatialDivisiveNormalization(this.nInputPlane, this.kernel, this.threshold, this.thresval));
  }

  override updateOutput(input: Tensor): Tensor {
    this.output = this.normalizer.forward(input);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    this.gradInput = this.normalizer.backward(input, gradOutput);
    return this.gradInput;
  }
}
