/**
 * nn.VolumetricMaxUnpooling(poolingModule): the inverse of a nn.VolumetricMaxPooling whose kernel equals its
 * stride (VolumetricMaxUnpooling.lua): each input value goes back to where the pooling module's packed
 * `indices` say its maximum came from, the rest of the output is zero; the output has the pooling input's size.
 */
import { TorchError } from '../lib/errors.js';
import { registerClass } from '../lib/File/registry.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';
import type { VolumetricMaxPooling } from './VolumetricMaxPooling.js';

/**
 * 3-D max unpooling through the indices of the last forward of `pooling`.
 * @example
 * const pool = new nn.VolumetricMaxPooling(2, 2, 2);
 * const net = new nn.Sequential().add(pool).add(new nn.VolumetricMaxUnpooling(pool));
 * net.forward(torch.randn(3, 4, 6, 6)); // 3 x 4 x 6 x 6, zeros except at each window's maximum
 */
export class VolumetricMaxUnpooling extends Module {
  pooling: VolumetricMaxPooling;
  indices?: Tensor;
  otime?: number;
  oheight?: number;
  owidth?: number;
  dT?: number;
  dH?: number;
  dW?: number;
  padT?: number;
  padH?: number;
  padW?: number;

  constructor(poolingModule: VolumetricMaxPooling) {
    super();
    if (!(poolingModule instanceof Module) || poolingModule.__typename !== 'nn.VolumetricMaxPooling') {
      throw new TorchError('Argument must be a nn.VolumetricMaxPooling module');
    }
    const p = poolingModule;
    if (!(p.kT === p.dT && p.kH === p.dH && p.kW === p.dW)) {
      throw new TorchError("The size of pooling module's kernel must be equal to its stride");
    }
    // Torch wraps the pooling module's updateOutput to record itime/iheight/iwidth; nn.VolumetricMaxPooling here always records them.
    this.pooling = poolingModule;
  }

  /** Takes the pooling module's indices, input size, stride and padding (Torch's setParams). */
  setParams(): void {
    const p = this.pooling;
    this.indices = p.indices;
    this.otime = p.itime;
    this.oheight = p.iheight;
    this.owidth = p.iwidth;
    this.dT = p.dT;
    this.dH = p.dH;
    this.dW = p.dW;
    this.padT = p.padT;
    this.padH = p.padH;
    this.padW = p.padW;
  }

  private params(): [Tensor, number, number, number, number, number, number, number, number, number] {
    this.setParams();
    if (this.otime === undefined || this.oheight === undefined || this.owidth === undefined || !this.indices) {
      throw new TorchError('VolumetricMaxUnpooling: the pooling module has not run forward yet (no indices)');
    }
    return [this.indices, this.otime, this.owidth, this.oheight, this.dT!, this.dW!, this.dH!, this.padT!, this.padW!, this.padH!];
  }

  override updateOutput(input: Tensor): Tensor {
    input.THNN.VolumetricMaxUnpooling_updateOutput(input, this.output, ...this.params());
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    input.THNN.VolumetricMaxUnpooling_updateGradInput(input, gradOutput, this.gradInput, ...this.params());
    return this.gradInput;
  }

  /** Same as clearState (backward compatibility). */
  empty(): void { this.clearState(); }

  override toString(): string {
    return `nn.VolumetricMaxUnpooling associated to ${this.pooling.toString()}`;
  }
}

// A Torch file holds the Lua closure VolumetricMaxUnpooling.__init stored as the pooling module's own
// `updateOutput` (it records itime/iheight/iwidth, which nn.VolumetricMaxPooling here always does): it loads
// as an opaque LuaFunction that would hide the method, so it is dropped (and not written back).
registerClass('nn.VolumetricMaxUnpooling', VolumetricMaxUnpooling, {
  afterRead(m: { pooling?: Record<string, unknown> }) {
    if (m.pooling && Object.prototype.hasOwnProperty.call(m.pooling, 'updateOutput') && typeof m.pooling.updateOutput !== 'function') {
      delete m.pooling.updateOutput;
    }
  },
});
