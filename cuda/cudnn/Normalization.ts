/**
 * cudnn's normalizations (BatchNormalization.lua, SpatialBatchNormalization.lua, VolumetricBatchNormalization.lua,
 * SpatialCrossMapLRN.lua):
 * subclasses of the nn modules with cudnn's constructors and checks. cudnn's batch normalization is
 * always affine and has no backward in evaluation mode.
 */
import { TorchError } from '../../lib/errors.js';
import type { Tensor } from '../../lib/Tensor.js';
import { BatchNormalization as NNBatchNormalization } from '../../nn/BatchNormalization.js';
import { SpatialBatchNormalization as NNSpatialBatchNormalization } from '../../nn/SpatialBatchNormalization.js';
import { SpatialCrossMapLRN as NNSpatialCrossMapLRN } from '../../nn/SpatialCrossMapLRN.js';
import { VolumetricBatchNormalization as NNVolumetricBatchNormalization } from '../../nn/VolumetricBatchNormalization.js';
import { cudnnName } from './util.js';

function checkBN(nFeature: unknown, affine: unknown): void {
  if (typeof nFeature !== 'number') throw new TorchError('Missing argument #1: Number of feature planes. ');
  if (nFeature === 0) throw new TorchError('To set affine=false call BatchNormalization(nFeature,  eps, momentum, false) ');
  if (affine !== true && affine !== undefined) throw new TorchError('only affine supported');
}

function checkTrain(m: { train?: boolean }): void {
  if (!m.train) throw new TorchError("cudnn.BatchNormalization doesnt support backward in evaluate, use nn");
}

/** cudnn.BatchNormalization(nFeature, eps = 1e-5, momentum = 0.1, affine = true): 2-D input. */
export class BatchNormalization extends NNBatchNormalization {
  constructor(nFeature: number, eps?: number, momentum?: number, affine?: boolean) {
    checkBN(nFeature, affine);
    super(nFeature, eps, momentum, true);
  }
  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor { checkTrain(this); return super.updateGradInput(input, gradOutput); }
  override backward(input: Tensor, gradOutput: Tensor, scale?: number): Tensor { checkTrain(this); return super.backward(input, gradOutput, scale); }
}

/** cudnn.SpatialBatchNormalization(nFeature, eps = 1e-5, momentum = 0.1, affine = true): 4-D input. */
export class SpatialBatchNormalization extends NNSpatialBatchNormalization {
  constructor(nFeature: number, eps?: number, momentum?: number, affine?: boolean) {
    checkBN(nFeature, affine);
    super(nFeature, eps, momentum, true);
  }
  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor { checkTrain(this); return super.updateGradInput(input, gradOutput); }
  override backward(input: Tensor, gradOutput: Tensor, scale?: number): Tensor { checkTrain(this); return super.backward(input, gradOutput, scale); }
}

/** cudnn.VolumetricBatchNormalization(nFeature, eps = 1e-5, momentum = 0.1, affine = true): 5-D input. */
export class VolumetricBatchNormalization extends NNVolumetricBatchNormalization {
  constructor(nFeature: number, eps?: number, momentum?: number, affine?: boolean) {
    checkBN(nFeature, affine);
    super(nFeature, eps, momentum, true);
  }
  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor { checkTrain(this); return super.updateGradInput(input, gradOutput); }
  override backward(input: Tensor, gradOutput: Tensor, scale?: number): Tensor { checkTrain(this); return super.backward(input, gradOutput, scale); }
}

/** cudnn.SpatialCrossMapLRN(size = 5, alpha = 1e-4, beta = 0.75, k = 1). */
export class SpatialCrossMapLRN extends NNSpatialCrossMapLRN {
  constructor(size?: number, alpha?: number, beta?: number, k?: number) {
    super(size ?? 5, alpha ?? 1e-4, beta ?? 0.75, k ?? 1.0);
    if (!(this.size >= 1 && this.size <= 16)) throw new TorchError('size has to be between 1 and 16');
    if (!(this.k >= 1e-5)) throw new TorchError('k has to be greater than 1e-5');
    if (!(this.beta >= 0.01)) throw new TorchError('Beta has to be > 0.01');
  }
  override updateOutput(input: Tensor): Tensor {
    const self = this as this & { K?: number };
    if (self.K !== undefined) { this.k = self.K; delete self.K; }
    return super.updateOutput(input);
  }
}

cudnnName(BatchNormalization, 'BatchNormalization');
cudnnName(SpatialBatchNormalization, 'SpatialBatchNormalization');
cudnnName(VolumetricBatchNormalization, 'VolumetricBatchNormalization');
cudnnName(SpatialCrossMapLRN, 'SpatialCrossMapLRN');
