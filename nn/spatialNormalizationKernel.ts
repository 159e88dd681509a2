/**
 * The local averaging networks that SpatialSubtractiveNormalization / SpatialDivisiveNormalization
 * build (their Lua constructors, shared here): zero padding, then a 2-D kernel as one
 * SpatialConvolution (nIn → 1), or a 1-D kernel as a separable pair (a one-to-one
 * SpatialConvolutionMap along the width, then a SpatialConvolution along the height), then
 * Replicate(nIn, 1, 3) back to nIn planes.
 */
import { check } from '../lib/errors.js';
import type { Tensor } from '../lib/Tensor.js';
import { Replicate } from './Replicate.js';
import { Sequential } from './Sequential.js';
import { SpatialConvolution } from './SpatialConvolution.js';
import { SpatialConvolutionMap } from './SpatialConvolutionMap.js';
import { SpatialZeroPadding } from './SpatialZeroPadding.js';
import { oneToOne } from './tables.js';

/** Torch's argument checks: a 1-D or 2-D kernel with odd sizes. */
export function checkKernel(kernel: Tensor, who: string): void {
  const kdim = kernel.dim();
  check(kdim === 2 || kdim === 1, `<${who}> averaging kernel must be 2D or 1D`);
  check(kernel.size(1) % 2 !== 0 && !(kdim === 2 && kernel.size(2) % 2 === 0), `<${who}> averaging kernel must have ODD dimensions`);
}

/** Adds the padding and convolution(s) for `kernel` to `seq` (weights as initialised; see setKernel). */
export function addEstimator(seq: Sequential, nInputPlane: number, kernel: Tensor): Sequential {
  const kdim = kernel.dim();
  const padH = Math.floor(kernel.size(1) / 2);
  const padW = kdim === 2 ? Math.floor(kernel.size(2) / 2) : padH;
  seq.add(new SpatialZeroPadding(padW, padW, padH, padH));
  if (kdim === 2) {
    seq.add(new SpatialConvolution(nInputPlane, 1, kernel.size(2), kernel.size(1)));
  } else {
    seq.add(new SpatialConvolutionMap(oneToOne(nInputPlane), kernel.size(1), 1));
    seq.add(new SpatialConvolution(nInputPlane, 1, 1, kernel.size(1)));
  }
  return seq;
}

/** Copies `kernel` into the convolution(s) that start at 1-based child `at` of `seq`, zeroing their biases. */
export function setKernel(seq: Sequential, at: number, nInputPlane: number, kernel: Tensor): void {
  const first = seq.modules![at - 1];
  if (kernel.dim() === 2) {
    for (let i = 1; i <= nInputPlane; i++) ((first.weight!.select(1, 1) as Tensor).select(1, i) as Tensor).copy(kernel);
    first.bias!.zero();
  } else {
    const second = seq.modules![at];
    for (let i = 1; i <= nInputPlane; i++) {
      (first.weight!.select(1, i) as Tensor).copy(kernel);
      ((second.weight!.select(1, 1) as Tensor).select(1, i) as Tensor).copy(kernel);
    }
    first.bias!.zero();
    second.bias!.zero();
  }
}

/** The replication of the single averaged plane back to nInputPlane planes (batch-aware). */
export function replicate(nInputPlane: number): Replicate {
  return new Replicate(nInputPlane, 1, 3);
}
