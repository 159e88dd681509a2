/** nn.MaskedSelect(): `{t, mask}` → `t:maskedSelect(mask)` (MaskedSelect.lua). */
import { newDefault } from '../lib/defaults.js';
import { ByteTensor, FloatTensor, LongTensor, type Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/**
 * The elements of `t` where the ByteTensor `mask` (same number of elements) is 1, as a 1-D tensor in
 * row-major order. The gradient is a table: gradOutput scattered back to the selected positions (zeros
 * elsewhere) and zeros of the mask's size for the mask (a ByteTensor; a CudaTensor on the GPU, as in Lua).
 * @example
 * const x = torch.randn(3, 4);
 * new nn.MaskedSelect().forward([x, x.gt(0)]); // the positive elements of x
 */
export class MaskedSelect extends Module {
  _maskIndices: Tensor = new LongTensor();
  _maskIndexBuffer: Tensor = new LongTensor();
  /** Lua's staging buffer for CudaTensor; unused here (see updateGradInput), kept so .t7 files carry it. */
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
    // Lua keeps these index buffers on the GPU for CudaTensor; here TensorMath's scatter takes a host
    // LongTensor index on every type, so they stay LongTensors and a device mask is read back once.
    this._maskIndexBuffer.range(1, mask.nElement()).resize(mask.size());
    const hostMask = mask.type() === 'torch.CudaTensor' ? mask.byte() : mask;
    this._maskIndices.maskedSelect(this._maskIndexBuffer, hostMask);
    this._gradBuffer.resize(t.nElement()).zero();
    this._gradBuffer.scatter(1, this._maskIndices as LongTensor, gradOutput);
    this._gradBuffer.resize(t.size());
    this.gradInput = [this._gradBuffer, this._gradMask.resize(mask.size()).fill(0)];
    return this.gradInput;
  }

  /**
   * As Lua: the float buffers take `type`, the gradient mask stays a ByteTensor off the GPU. Unlike Lua,
   * the index buffers stay LongTensors on CudaTensor too (see updateGradInput).
   */
  override type(type?: string): this | string {
    if (type === undefined) return this._type;
    this._gradBuffer = this._gradBuffer.type(type);
    this.gradInput = Array.isArray(this.gradInput)
      ? this.gradInput.map((g: Tensor) => g.type(type)) : (this.gradInput as Tensor).type(type);
    this.output = this.output.type(type);
    this._maskIndexBuffer = this._maskIndexBuffer.long();
    this._maskIndices = this._maskIndices.long();
    this._gradMask = type !== 'torch.CudaTensor' ? this._gradMask.byte() : this._gradMask.type(type);
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
