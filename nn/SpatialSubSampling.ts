/**
 * nn.SpatialSubSampling(nInputPlane, kW, kH[, dW = 1, dH = 1]): the classic (LeNet-5) subsampling layer
 * over C x H x W or N x C x H x W inputs (SpatialSubSampling.lua): each plane k gets
 * output = bias[k] + weight[k] * (sum of each kW x kH window), oW = floor((iW - kW) / dW) + 1.
 */
import { newDefault } from '../lib/defaults.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * A trainable sum-pooling with one weight and one bias per plane.
 * @example
 * const sub = new nn.SpatialSubSampling(6, 2, 2, 2, 2);
 * sub.forward(torch.randn(6, 28, 28)); // 6 x 14 x 14
 */
export class SpatialSubSampling extends Module {
  declare weight: Tensor;
  declare bias: Tensor;
  declare gradWeight: Tensor;
  declare gradBias: Tensor;
  nInputPlane: number;
  kW: number;
  kH: number;
  dW: number;
  dH: number;

  constructor(nInputPlane: number, kW: number, kH: number, dW = 1, dH = 1) {
    super();
    this.nInputPlane = nInputPlane;
    this.kW = kW;
    this.kH = kH;
    this.dW = dW;
    this.dH = dH;
    this.weight = newDefault().resize(nInputPlane);
    this.bias = newDefault().resize(nInputPlane);
    this.gradWeight = newDefault().resize(nInputPlane);
    this.gradBias = newDefault().resize(nInputPlane);
    this.reset();
  }

  /** Uniform in ±1/sqrt(kW*kH) (or ±stdv·sqrt(3)): the weight, then the bias (Torch's draws, in its order). */
  override reset(stdv?: number): this {
    const s = stdv !== undefined ? stdv * Math.sqrt(3) : 1 / Math.sqrt(this.kW * this.kH);
    this.weight.uniform(-s, s);
    this.bias.uniform(-s, s);
    return this;
  }

  override updateOutput(input: Tensor): Tensor {
    input.THNN.SpatialSubSampling_updateOutput(input, this.output, this.weight, this.bias, this.kW, this.kH, this.dW, this.dH);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    input.THNN.SpatialSubSampling_updateGradInput(input, gradOutput, this.gradInput, this.weight, this.kW, this.kH, this.dW, this.dH);
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    input.THNN.SpatialSubSampling_accGradParameters(input, gradOutput, this.gradWeight, this.gradBias,
      this.kW, this.kH, this.dW, this.dH, scale);
  }
}
