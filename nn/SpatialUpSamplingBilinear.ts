/**
 * nn.SpatialUpSamplingBilinear(scale | {oheight, owidth}): bilinear upsampling of the last two dims with
 * aligned corners (SpatialUpSamplingBilinear.lua): oH = H*scale (what the Lua computes; its comment says
 * otherwise), or the given size.
 */
import { TorchError } from '../lib/errors.js';
import { LongStorage } from '../lib/Storage.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * Bilinear upsampling on 3-D or 4-D inputs.
 * @example
 * new nn.SpatialUpSamplingBilinear(2).forward(torch.randn(3, 4, 4)); // 3 x 8 x 8
 * new nn.SpatialUpSamplingBilinear({ oheight: 10, owidth: 6 }).forward(torch.randn(3, 4, 4)); // 3 x 10 x 6
 */
export class SpatialUpSamplingBilinear extends Module {
  scale_factor?: number;
  owidth?: number;
  oheight?: number;
  inputSize = new LongStorage(4);
  outputSize = new LongStorage(4);
  _input?: Tensor;
  _gradOutput?: Tensor;

  constructor(params: number | { oheight: number; owidth: number }) {
    super();
    if (typeof params === 'object') {
      this.owidth = params.owidth;
      this.oheight = params.oheight;
    } else {
      this.scale_factor = params;
      if (this.scale_factor < 1) throw new TorchError('scale_factor must be greater than 1');
      if (Math.floor(this.scale_factor) !== this.scale_factor) throw new TorchError('scale_factor must be integer');
    }
  }

  private makeContiguous(input: Tensor, gradOutput?: Tensor): [Tensor, Tensor | undefined] {
    if (!input.isContiguous()) {
      this._input ??= input.new();
      input = this._input.resizeAs(input).copy(input);
    }
    if (gradOutput && !gradOutput.isContiguous()) {
      this._gradOutput ??= gradOutput.new();
      gradOutput = this._gradOutput.resizeAs(gradOutput).copy(gradOutput);
    }
    return [input, gradOutput];
  }

  /** Records the input and output sizes (outputSize uses the scale, else oheight/owidth). */
  setSize(input: Tensor): void {
    const xdim = input.dim(), ydim = xdim - 1;
    for (let i = 1; i <= xdim; i++) {
      this.inputSize.data[i - 1] = input.size(i);
      this.outputSize.data[i - 1] = input.size(i);
    }
    if (this.scale_factor !== undefined) {
      this.outputSize.data[ydim - 1] *= this.scale_factor;
      this.outputSize.data[xdim - 1] *= this.scale_factor;
    } else {
      this.outputSize.data[ydim - 1] = this.oheight!;
      this.outputSize.data[xdim - 1] = this.owidth!;
    }
  }

  override updateOutput(input: Tensor): Tensor {
    if (input.dim() !== 4 && input.dim() !== 3) throw new TorchError('SpatialUpSamplingBilinear only supports 3D or 4D tensors');
    [input] = this.makeContiguous(input);
    const was3D = input.dim() === 3;
    if (was3D) input = input.view(1, input.size(1), input.size(2), input.size(3));
    this.setSize(input);
    input.THNN.SpatialUpSamplingBilinear_updateOutput(input, this.output, this.outputSize.data[2], this.outputSize.data[3]);
    if (was3D) this.output = this.output.squeeze(1);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    if (input.dim() !== 4 && input.dim() !== 3) throw new TorchError('SpatialUpSamplingBilinear only support 3D or 4D tensors');
    if (input.dim() !== gradOutput.dim()) throw new TorchError('Input and gradOutput should be of same dimension');
    let go: Tensor;
    [input, go] = this.makeContiguous(input, gradOutput) as [Tensor, Tensor];
    const was3D = input.dim() === 3;
    if (was3D) {
      input = input.view(1, input.size(1), input.size(2), input.size(3));
      go = go.view(1, go.size(1), go.size(2), go.size(3));
    }
    this.gradInput.resizeAs(input);
    input.THNN.SpatialUpSamplingBilinear_updateGradInput(go, this.gradInput, input.size(1), input.size(2), input.size(3), input.size(4),
      this.outputSize.data[2], this.outputSize.data[3]);
    if (was3D) this.gradInput = this.gradInput.squeeze(1);
    return this.gradInput;
  }

  override clearState(): this {
    this._input?.set();
    this._gradOutput?.set();
    return super.clearState();
  }

  override toString(): string {
    return this.scale_factor !== undefined
      ? `${this.__typename}(${this.scale_factor})`
      : `${this.__typename}(${this.oheight}, ${this.owidth})`;
  }
}
