/**
 * nn.SpatialMaxUnpooling(poolingModule): the inverse of a nn.SpatialMaxPooling whose kernel equals its
 * stride (SpatialMaxUnpooling.lua): each input value goes back to where the pooling module's `indices`
 * say its maximum came from, the rest of the output is zero; the output has the pooling input's size.
 */
import { TorchError } from '../lib/errors.js';
import { registerClass } from '../lib/File/registry.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';
import type { SpatialMaxPooling } from './SpatialMaxPooling.js';

/**
 * Max unpooling through the indices of the last forward of `pooling`.
 * @example
 * const pool = new nn.SpatialMaxPooling(2, 2, 2, 2);
 * const net = new nn.Sequential().add(pool).add(new nn.SpatialMaxUnpooling(pool));
 * net.forward(torch.randn(3, 8, 8)); // 3 x 8 x 8, zeros except at each window's maximum
 */
export class SpatialMaxUnpooling extends Module {
  pooling: SpatialMaxPooling;
  indices?: Tensor;
  oheight?: number;
  owidth?: number;

  constructor(poolingModule: SpatialMaxPooling) {
    super();
    if (!(poolingModule instanceof Module) || poolingModule.__typename !== 'nn.SpatialMaxPooling') {
      throw new TorchError('Argument must be a nn.SPatialMaxPooling module');
    }
    if (!(poolingModule.kH === poolingModule.dH && poolingModule.kW === poolingModule.dW)) {
      throw new TorchError("The size of pooling module's kernel must be equal to its stride");
    }
    // Torch wraps the pooling module's updateOutput to record iheight/iwidth; nn.SpatialMaxPooling here always records them.
    this.pooling = poolingModule;
  }

  /** Takes the pooling module's indices and input size (Torch's setParams). */
  setParams(): void {
    this.indices = this.pooling.indices;
    this.oheight = this.pooling.iheight;
    this.owidth = this.pooling.iwidth;
  }

  private params(): [Tensor, number, number] {
    this.setParams();
    if (this.oheight === undefined || this.owidth === undefined || !this.indices) {
      throw new TorchError('SpatialMaxUnpooling: the pooling module has not run forward yet (no indices)');
    }
    return [this.indices, this.owidth, this.oheight];
  }

  override updateOutput(input: Tensor): Tensor {
    const [indices, owidth, oheight] = this.params();
    input.THNN.SpatialMaxUnpooling_updateOutput(input, this.output, indices, owidth, oheight);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const [indices, owidth, oheight] = this.params();
    input.THNN.SpatialMaxUnpooling_updateGradInput(input, gradOutput, this.gradInput, indices, owidth, oheight);
    return this.gradInput;
  }

  /** Same as clearState (backward compatibility). */
  empty(): void { this.clearState(); }

  override toString(): string {
    return `nn.SpatialMaxUnpooling associated to ${this.pooling.toString()}`;
  }
}

// A Torch file holds the Lua closure SpatialMaxUnpooling.__init stored as the pooling module's own
// `updateOutput` (it records iheight/iwidth, which nn.SpatialMaxPooling here always does): it loads as an
// opaque LuaFunction that would hide the method, so it is dropped (and not written back).
registerClass('nn.SpatialMaxUnpooling', SpatialMaxUnpooling, {
  afterRead(m: { pooling?: Record<string, unknown> }) {
    if (m.pooling && Object.prototype.hasOwnProperty.call(m.pooling, 'updateOutput') && typeof m.pooling.updateOutput !== 'function') {
      delete m.pooling.updateOutput;
    }
  },
});
