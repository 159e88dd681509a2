/** nn.Normalize(p, eps = 1e-10): rows scaled to unit L_p norm (Normalize.lua). */
import { TorchError } from '../lib/errors.js';
import { formatG, printf } from '../lib/print.js';
import { LongTensor, type Tensor } from '../lib/Tensor.js';
import { torch } from '../lib/index.js';
import { Module } from './Module.js';

const t = torch as any;

/** `self.output:view(src, sizes)`: makes `dst` a view of the contiguous `src` with `sizes`. */
function viewInto(dst: Tensor, src: Tensor, sizes: readonly number[]): Tensor {
  return dst.set(src.storage(), src.storageOffset(), sizes);
}

/** A 1 x d view of a 1-D tensor (any stride: Torch's `view(1, -1)` would need it contiguous). */
function asRow(x: Tensor): Tensor {
  const d = x.size(1), s = x.stride(1);
  return x.new().set(x.storage(), x.storageOffset(), [1, d], [d * s, s]);
}

/**
 * Divides a vector (or each row of a batch matrix) by its p-norm plus eps: ‖x‖_p = (Σ|x_i|^p + eps)^(1/p),
 * or max|x_i| + eps for p = Infinity. The gradient is Normalize.lua's, term for term.
 * @example
 * new nn.Normalize(2).forward(torch.randn(3, 5)); // rows of unit Euclidean norm
 */
export class Normalize extends Module {
  p: number;
  eps: number;
  _output?: Tensor;
  /** The norm of each row (n x 1). */
  norm?: Tensor;
  /** Σ|x|^p + eps of each row (n x 1); finite p only. */
  normp?: Tensor;
  buffer?: Tensor;
  buffer2?: Tensor;
  cross?: Tensor;
  _gradInput?: Tensor;
  /** Where each row's max |x| is (p = Infinity). */
  _indices?: LongTensor;

  constructor(p: number, eps?: number) {
    super();
    if (p === undefined || p === null) throw new TorchError('p-norm not provided');
    if (!(p > 0)) throw new TorchError(`${formatG(p, 14)}-norm not supported`);
    this.p = p;
    this.eps = eps ?? 1e-10;
  }

  override updateOutput(input: Tensor): Tensor {
    if (input.dim() > 2) throw new TorchError('only 1d layer supported');
    const inputSize = input._size.slice();
    const x = input.dim() === 1 ? asRow(input) : input;
    const out = (this._output ??= x.new());
    const norm = (this.norm ??= x.new());
    const buffer = (this.buffer ??= x.new());
    out.resizeAs(x);
    if (this.p === Infinity) {
      this._indices ??= new LongTensor();
      buffer.abs(x);
      t.max(norm, this._indices, buffer, 2);
      norm.add(this.eps);
    } else {
      const normp = (this.normp ??= x.new());
      if (this.p % 2 !== 0) buffer.abs(x).pow(this.p);
      else buffer.pow(x, this.p);
      t.sum(normp, buffer, 2);
      normp.add(this.eps);
      norm.pow(normp, 1 / this.p);
    }
    out.cdiv(x, norm.view(-1, 1).expandAs(x));
    viewInto(this.output, out, inputSize);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    if (input.dim() > 2 || gradOutput.dim() > 2) throw new TorchError('only 1d layer supported');
    if (!this.norm || !this.buffer) throw new TorchError('Normalize: call forward before backward');
    const inputSize = input._size.slice();
    const x = input.dim() === 1 ? asRow(input) : input;
    const n = x.size(1), d = x.size(2);
    const gi = (this._gradInput ??= x.new());
    const cross = (this.cross ??= x.new());
    const buffer = this.buffer, norm = this.norm;
    gi.resize(n, d);
    if (this.p === Infinity) {
      gi.cmul(norm.view(n, 1).expand(n, d), gradOutput);
      buffer.resizeAs(x).zero();
      cross.resize(n, 1);
      cross.gather(x, 2, this._indices!);
      cross.cdiv(norm);
      buffer.scatter(2, this._indices!, cross);
    } else {
      gi.cmul(this.normp!.view(n, 1).expand(n, d), gradOutput);
      // buffer = x * |x|^(p-2)
      if (this.p % 2 !== 0) {
        if (this.p < 2) buffer.abs(x).add(this.eps).pow(this.p - 2).cmul(x);
        else buffer.abs(x).pow(this.p - 2).cmul(x);
      } else if (this.p === 2) {
        buffer.copy(x);
      } else {
        buffer.pow(x, this.p - 2).cmul(x);
      }
    }
    // the cross term, as x_i * (Σ_j x_j g_j) rather than an n x d x d matrix
    cross.resize(n, 1);
    const buffer2 = (this.buffer2 ??= x.new());
    buffer2.cmul(x, gradOutput);
    t.sum(cross, buffer2, 2);
    buffer.cmul(cross.expandAs(buffer));
    gi.add(-1, buffer);
    if (this.p === Infinity) cross.cmul(norm, norm);
    else cross.cmul(this.normp!, norm);
    gi.cdiv(cross.expand(n, d));
    viewInto(this.gradInput, gi, inputSize);
    return this.gradInput;
  }

  override type(type?: string, cache?: Map<unknown, Tensor>): this | string {
    if (type === undefined) return super.type();
    this._indices = undefined;
    return super.type(type, cache);
  }

  override clearState(): this {
    for (const k of ['_output', '_indices', '_gradInput', 'buffer', 'buffer2', 'norm', 'normp', 'cross'] as const) this[k]?.set();
    return super.clearState();
  }

  override toString(): string {
    const p = this.p % 1 === 0 ? printf({ conv: 'd', width: 0, prec: 0 }, this.p) : printf({ conv: 'f', width: 0, prec: 6 }, this.p);
    return `${this.__typename}(${p})`;
  }
}
