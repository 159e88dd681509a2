/** nn.MaskedSelect(): `{t, mask}` → `t:maskedSelect(mask)` (MaskedSelect.lua). */
import { newDefault } from '../lib/defaults.js';
import { ByteTensor, FloatTensor, LongTensor, type Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * The elements of `t` where the ByteTensor `mask` (same number of elements) is 1, as a 1-D tensor in
 * row-major order. The gradient is a table: gradOutput scattered back to the selected positions (zeros
 * elsewhere) and a zero ByteTensor for the mask. On CudaTensor the index buffers live on the device,
 * as in Lua.
 * @example
 * const x = torch.randn(3, 4);
 * new nn.MaskedSelect().forward([x, x.gt(0)]); // the positive elements of x
 */
export class MaskedSelect extends Module {
  _maskIndices: Tensor = new LongTensor();
  _maskIndexBuffer: Tensor = new LongTensor();
  _maskIndexBufferCPU: Tensor = new FloatTensor();
  _gradBuffer: Tensor = newDefault();
  _gradMask: Tensor = new ByteTensor();

  override updateOutput(input: [Tensor, Tensor]): Tensor {
    const [t, mask] = input;
    this.output.maskedSelect(t, mask);
    return this.output;
  }

  override updateGradInput(input: [Tensor, Tensor], gradOutput: Tensor): Tensor[] {
    const [t, mask] = input;
    if (t.type() === 'torch.CudaTensor') {
      this._maskIndexBufferCPU.range(1, mask.nElement()).resize(mask.size());
      this._maskIndexBuffer.resize(this._maskIndexBufferCPU.size()).copy(this._maskIndexBufferCPU);
    } else {
      this._maskIndexBuffer.range(1, mask.nElement()).resize(mask.size());
    }
    this._maskIndices.maskedSelect(this._maskIndexBuffer, mask);
    this._gradBuffer.resize(t.nElement()).zero();
    this._gradBuffer.scatter(1, this._maskIndices as LongTensor, gradOutput);
    this._gradBuffer.resize(t.size());
    this.gradInput = [this._gradBuffer, this._gradMask.resize(mask.size()).fill(0)];
    return this.gradInput;
  }

  /** As Lua: the float buffers take `type`; the index and mask buffers stay Long/Byte off the GPU. */
  override type(type?: string): this | string {
    if (type === undefined) return this._type;
    this._gradBuffer = this._gradBuffer.type(type);
    this.gradInput = Array.isArray(this.gradInput)
      ? this.gradInput.map((g: Tensor) => g.type(type)) : (this.gradInput as Tensor).type(type);
    this.output = this.output.type(type);
    if (type !== 'torch.CudaTensor') {
      this._maskIndexBuffer = this._maskIndexBuffer.long();
      this._maskIndices = this._maskIndices.long();
      this._gradMask = this._gradMask.byte();
    } else {
      this._maskIndexBuffer = this._maskIndexBuffer.type(type);
      this._maskIndices = this._maskIndices.type(type);
      this._gradMask = this._gradMask.type(type);
    }
    this._type = type;
    return this;
  }

  override clearState(): this {
    for (const k of ['output', '_maskIndexBuffer', '_maskIndexBufferCPU', '_maskIndices', '_gradBuffer', '_gradMask'] as const) this[k].set();
    if (Array.isArray(this.gradInput)) this.gradInput = [];
    else (this.gradInput as Tensor).set();
    return this;
  }
}
