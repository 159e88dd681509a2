/**
 * nn.VolumetricReplicationPadding(pleft[, pright = pleft, ptop = pleft, pbottom = pleft, pfront = pleft,
 * pback = pleft]): pads the last three dims of a 4-D or 5-D input by repeating the border voxels
 * (VolumetricReplicationPadding.lua, THNN VolumetricReplicationPadding). Negative pads crop.
 */
import { TorchError } from '../lib/errors.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Replication padding of volumes: W by pleft/pright, H by ptop/pbottom, T (depth) by pfront/pback.
 * @example
 * const pad = new nn.VolumetricReplicationPadding(1, 1, 2, 0, 1, 1);
 * pad.forward(torch.randn(3, 4, 4, 4)); // 3 x 6 x 6 x 6
 */
export class VolumetricReplicationPadding extends Module {
  pleft: number;
  pright: number;
  ptop: number;
  pbottom: number;
  pfront: number;
  pback: number;

  constructor(pleft: number, pright?: number, ptop?: number, pbottom?: number, pfront?: number, pback?: number) {
    super();
    this.pleft = pleft;
    this.pright = pright ?? pleft;
    this.ptop = ptop ?? pleft;
    this.pbottom = pbottom ?? pleft;
    this.pfront = pfront ?? pleft;
    this.pback = pback ?? pleft;
  }

  private get pads(): [number, number, number, number, number, number] {
    return [this.pleft, this.pright, this.ptop, this.pbottom, this.pfront, this.pback];
  }

  override updateOutput(input: Tensor): Tensor {
    if (input.dim() !== 4 && input.dim() !== 5) throw new TorchError('input must be 4 or 5-dimensional');
    input.THNN.VolumetricReplicationPadding_updateOutput(input, this.output, ...this.pads);
    return this.output;
  }

  /** Torch's Lua size assertions, then the kernel. */
  private checkGradOutput(input: Tensor, gradOutput: Tensor): void {
    const n = input.dim();
    if ((n !== 4 && n !== 5) || gradOutput.dim() !== n) {
      throw new TorchError('input and gradOutput must be 4 or 5-dimensional\n         and have equal number of dimensions');
    }
    const b = n - 4;
    const ok = (b === 0 || input.size(1) === gradOutput.size(1)) && input.size(b + 1) === gradOutput.size(b + 1) &&
      input.size(b + 2) + this.pfront + this.pback === gradOutput.size(b + 2) &&
      input.size(b + 3) + this.ptop + this.pbottom === gradOutput.size(b + 3) &&
      input.size(b + 4) + this.pleft + this.pright === gradOutput.size(b + 4);
    if (!ok) throw new TorchError('input and gradOutput must be compatible in size');
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    this.checkGradOutput(input, gradOutput);
    input.THNN.VolumetricReplicationPadding_updateGradInput(input, gradOutput, this.gradInput, ...this.pads);
    return this.gradInput;
  }

  override toString(): string {
    return `${this.__typename}(left=${this.pleft}, right=${this.pright}, top=${this.ptop}, bottom=${this.pbottom}, front=${this.pfront}, back=${this.pback})`;
  }
}
