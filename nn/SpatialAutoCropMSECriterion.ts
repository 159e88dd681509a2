/**
 * nn.SpatialAutoCropMSECriterion([sizeAverage = true]): nn.MSECriterion between a C x H x W (or
 * N x C x H x W) input and the centre crop, to the input's H x W, of a spatially larger target
 * (SpatialAutoCropMSECriterion.lua).
 */
import { TorchError } from '../lib/errors.js';
import type { Tensor } from '../lib/Tensor.js';
import { MSECriterion } from './MSECriterion.js';

/** Lua's assert(cond, msg): the message alone. */
function check(cond: boolean, msg: string): void {
  if (!cond) throw new TorchError(msg);
}

/** [height, width] of a 3-D or 4-D tensor. */
function heightWidth(t: Tensor): [number, number] {
  return t.dim() === 4 ? [t.size(3), t.size(4)] : [t.size(2), t.size(3)];
}

/** The centre [h, w] window of the last two dims: rows from 1 + floor((H - h) / 2), columns likewise. */
function centerCrop(t: Tensor, h: number, w: number): Tensor {
  check(t.dim() === 3 || t.dim() === 4, 'input should be a 3D or  4D tensor');
  const [H, W] = heightWidth(t);
  check(h > 0 && h <= H, '0 < cropSize[1] <= input:size(3) not satisfied');
  check(w > 0 && w <= W, '0 < cropSize[1] <= input:size(3) not satisfied');
  const d = t.dim();
  return t.narrow(d - 1, 1 + Math.floor((H - h) / 2), h).narrow(d, 1 + Math.floor((W - w) / 2), w);
}

/**
 * MSE on the centre-cropped overlap: the target may be larger than the input in H and W (never smaller).
 * As in Torch, backward (updateGradInput) takes a target of the input's own size: it is plain
 * MSECriterion's gradient, with no cropping.
 * @example
 * const crit = new nn.SpatialAutoCropMSECriterion();
 * crit.forward(torch.randn(2, 3, 4, 4), torch.randn(2, 3, 6, 7)); // MSE against target[{{},{},{2,5},{2,5}}]
 */
export class SpatialAutoCropMSECriterion extends MSECriterion {
  constructor(sizeAverage?: boolean) {
    super(sizeAverage);
  }

  override updateOutput(input: Tensor, target: Tensor): number {
    check(input.dim() === target.dim(), 'input and target should have the same number of dimensions');
    check(input.dim() === 4 || input.dim() === 3, 'input and target must have 3 or 4 dimensions');
    const [h, w] = heightWidth(input), [th, tw] = heightWidth(target);
    check(h <= th && w <= tw, 'Spatial resolution of input should be less than or equal to the spatial resolution of the target');
    return super.updateOutput(input, centerCrop(target, h, w));
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    check(input.dim() === gradOutput.dim(), 'input and gradOutput should have the same number of dimensions');
    check(input.dim() === 4 || input.dim() === 3, 'input and gradOutput must have 3 or 4 dimensions');
    check(input.isSameSizeAs(gradOutput), 'gradOutput and input must have the same size');
    return super.updateGradInput(input, gradOutput);
  }
}
