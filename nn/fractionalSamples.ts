/** The random samples of the fractional max poolings (Spatial and Volumetric FractionalMaxPooling.lua's initSampleBuffer_). */
import type { Tensor } from '../lib/Tensor.js';

/**
 * `samples` for `input`, of `size` (batch, planes, 2 or 3): made and drawn the first time, resized and
 * redrawn when the batch or plane count changed, else redrawn unless `fixed` (fixPoolingRegions).
 * @example
 * this.randomSamples = fractionalSamples(this.randomSamples, input, [n, planes, 2], this.newRandomPool);
 */
export function fractionalSamples(samples: Tensor | undefined, input: Tensor, size: [number, number, number], fixed: boolean): Tensor {
  if (samples === undefined) return input.new().resize(...size).uniform();
  if (samples.size(1) !== size[0] || samples.size(2) !== size[1]) samples.resize(...size).uniform();
  else if (!fixed) samples.uniform();
  return samples;
}
