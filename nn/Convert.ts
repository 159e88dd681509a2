/** nn.Convert(inputShape = 'b*', outputShape = inputShape): converts between data layouts and tensor types (Convert.lua). */
import { TorchError, check } from '../lib/errors.js';
import { Tensor } from '../lib/Tensor.js';
import { Container } from './Container.js';
import { Identity } from './Identity.js';
import type { Module } from './Module.js';
import { Reshape } from './Reshape.js';
import { Select } from './Select.js';
import { Sequential } from './Sequential.js';
import { Transpose } from './Transpose.js';

/** The conversions by output shape that are not transpositions (Convert.lua's methods of those names). */
const CONVERSIONS = ['bf', 'b', 'bt'] as const;

/**
 * Converts a layout given by a string of axis letters (`b` batch, `c` channels, `h`, `w`, `f` features,
 * `t` targets ...) to another: a permutation of the same letters is a transposition (nn.Transpose),
 * `'bf'` flattens each sample (nn.Reshape, after moving the batch axis first), `'b'` selects the first
 * feature or target (`bf`/`fb`/`bt`/`tb` only), `'bt'` makes a `b` vector `b x 1`. A shape without `b`
 * gets one in front; an input with fewer dims than the shape is one sample (a batch dim of 1 is
 * inserted, then removed from the result). The converter is built on the first forward. An input of
 * another tensor type is first copied to the module's type (so `nn.Convert()` alone converts types).
 * @example
 * new nn.Convert('bchw', 'bf').forward(torch.randn(2, 3, 4, 5)); // 2x60
 * new nn.Convert('chw', 'hwc').forward(torch.randn(3, 4, 5)); // 4x5x3
 */
export class Convert extends Container {
  inputShape: string;
  outputShape: string;
  /** 1-based position of `b` in each shape. */
  inputBatchDim: number;
  outputBatchDim: number;
  /** Dims of a batch (-1 for 'b*'). */
  nInputDim: number;
  nOutputDim: number;
  /** True when the output shape permutes the input shape's letters. */
  transposition?: boolean;
  /** The module doing the conversion (also `modules[1]`), built on the first forward. */
  converter?: Module;
  batchMode?: boolean;
  _input?: Tensor;
  _gradInput?: Tensor;
  __input?: Tensor;
  __output?: Tensor;
  __gradInput?: Tensor;
  __gradOutput?: Tensor;

  constructor(inputShape?: string, outputShape?: string) {
    if (outputShape && !inputShape) throw new TorchError('Expecting non-nil arg 1 when arg 2 is provided');
    super();
    const inShape = inputShape ?? 'b*';
    const outShape = outputShape ?? inShape;
    this.inputShape = inShape.includes('b') ? inShape : `b${inShape}`;
    this.outputShape = outShape.includes('b') ? outShape : `b${outShape}`;
    this.inputBatchDim = this.inputShape.indexOf('b') + 1;
    this.outputBatchDim = this.outputShape.indexOf('b') + 1;
    if (this.inputShape === 'b*' || this.outputShape === 'b*') {
      check(this.inputShape === 'b*' && this.outputShape === 'b*', 'Both or neither shapes must be b*');
      this.nInputDim = -1;
      this.nOutputDim = -1;
      this.transposition = true;
    } else {
      this.nInputDim = this.inputShape.length;
      this.nOutputDim = this.outputShape.length;
      if (this.nInputDim === this.nOutputDim) {
        this.transposition = [...this.inputShape].every((ch) => this.outputShape.includes(ch));
      }
    }
  }

  /** Builds the converter for `input` (a batch), in the module's tensor type. */
  buildConverter(input: Tensor): void {
    if (this.transposition) {
      this.converter = this.transpose(this.outputShape);
    } else {
      const kind = CONVERSIONS.find((c) => c === this.outputShape);
      if (!kind) throw new TorchError(`Unrecognized conversion of shape ${this.inputShape} to ${this.outputShape}`);
      this.converter = this[kind](input);
    }
    check(this.output instanceof Tensor, 'Expecting Tensor output');
    this.converter.type((this.output as Tensor).type());
    this.modules[0] = this.converter;
  }

  override updateOutput(input: Tensor): Tensor {
    check(input instanceof Tensor, 'expecting Tensor');
    const out = this.output as Tensor;
    if (input.type() !== out.type()) {
      this._input ??= out.new();
      this._input.resize(input.size()).copy(input);
      input = this._input;
    }
    this.batchMode = true;
    if (input.dim() < this.nInputDim) {
      const size = input.size().totable() as number[];
      size.splice(this.inputBatchDim - 1, 0, 1);
      this.__input ??= input.new();
      this.__input.set(input).resize(...size);
      input = this.__input;
      this.batchMode = false;
    }
    if (!this.converter) this.buildConverter(input);
    this.output = this.converter!.updateOutput(input);
    if (!this.batchMode) {
      const size = (this.output as Tensor).size().totable() as number[];
      size.splice(this.outputBatchDim - 1, 1);
      this.__output ??= (this.output as Tensor).new();
      this.__output.set(this.output as Tensor).resize(...size);
      this.output = this.__output;
    }
    return this.output as Tensor;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const original = input;
    input = this._input ?? input;
    if (!this.batchMode) {
      input = this.__input!;
      this.__gradOutput ??= gradOutput.new();
      this.__gradOutput.set(gradOutput).resize(this.converter!.output.size());
      gradOutput = this.__gradOutput;
    }
    let gradInput = this.converter!.updateGradInput(input, gradOutput) as Tensor;
    if (!this.batchMode) {
      this.__gradInput ??= gradInput.new();
      this.__gradInput.set(gradInput).resize(original.size());
      gradInput = this.__gradInput;
    }
    if (this._input) {
      this._gradInput ??= input.new();
      this._gradInput.resize(input.size()).copy(gradInput);
      this.gradInput = this._gradInput;
    } else {
      this.gradInput = gradInput;
    }
    return this.gradInput as Tensor;
  }

  /** The (input, gradOutput) the converter saw, chosen as Convert.lua does. */
  private seen(input: Tensor, gradOutput: Tensor): [Tensor, Tensor] {
    const x = this.batchMode && this.__input ? this.__input : (this._input ?? input);
    const g = this.batchMode && this.__gradOutput ? this.__gradOutput : gradOutput;
    return [x, g];
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    const [x, g] = this.seen(input, gradOutput);
    this.converter!.accGradParameters(x, g, scale);
  }

  override accUpdateGradParameters(input: Tensor, gradOutput: Tensor, lr: number): void {
    const [x, g] = this.seen(input, gradOutput);
    this.converter!.accUpdateGradParameters(x, g, lr);
  }

  /** To 'bf': each sample flattened (after moving `b` first). */
  bf(input: Tensor): Module {
    const bPos = this.findAxis('b', this.inputShape);
    const dim = this.inputShape.length;
    if (this.inputShape === 'bt') throw new TorchError('Conversion of shape bt to bf not supported: open an issue on github');
    if (dim === 1) return new Reshape(1);
    let modula: Module | undefined;
    if (bPos !== 1) modula = new Transpose([1, bPos]);
    if (dim > 2) {
      const transpose = modula;
      const sampleSize = (input.select(this.findAxis('b'), 1) as Tensor).nElement();
      const reshape = new Reshape(sampleSize);
      modula = transpose ? new Sequential().add(transpose).add(reshape) : reshape;
    }
    return modula ?? new Identity();
  }

  /** To 'b': the first target (bt/tb) or the only feature (bf/fb) of each sample. */
  b(input: Tensor): Module {
    this.findAxis('b');
    if (this.inputShape === 'bt' || this.inputShape === 'tb') return new Select(this.findAxis('t'), 1);
    if (this.inputShape === 'bf' || this.inputShape === 'fb') {
      const fPos = this.findAxis('f');
      if (input.size(fPos) > 1) throw new TorchError(`Cannot convert shape ${this.inputShape} to b when feature > 1`);
      return new Select(fPos, 1);
    }
    throw new TorchError(`Cannot convert shape ${this.inputShape} to shape b`);
  }

  /** To 'bt' (multi-class targets): a 'b' vector as a column. */
  bt(_input?: Tensor): Module {
    this.findAxis('b');
    if (this.inputShape === 'b') return new Reshape(1);
    throw new TorchError(`cannot convert shape '${this.inputShape}' to bt`);
  }

  /** The nn.Transpose taking the input shape to `newShape` (an nn.Identity when they are equal). */
  transpose(newShape: string): Module {
    if (newShape === this.inputShape) return new Identity();
    const shape = [...this.inputShape];
    const transpositions: [number, number][] = [];
    for (let i = 1; i <= newShape.length; i++) {
      const j = shape.indexOf(newShape[i - 1]) + 1;
      if (i !== j) {
        [shape[i - 1], shape[j - 1]] = [shape[j - 1], shape[i - 1]];
        transpositions.push([j, i]);
      }
    }
    return new Transpose(...transpositions);
  }

  /** The 1-based position of `axis` in `shape` (default: the input shape). */
  findAxis(axis: string, shape = this.inputShape, silent = false): number {
    const pos = shape.indexOf(axis) + 1;
    if (!silent && pos === 0) throw new TorchError(`Provided shape '${shape}' has no axis '${axis}'`);
    return pos;
  }

  /** A change of type drops the type-specific buffers, then converts as every container. */
  override type(type?: string, cache?: Map<unknown, Tensor>): this | string {
    if (type === undefined) return super.type();
    if ((this.output as Tensor).type() !== type) {
      this._input = undefined;
      this._gradInput = undefined;
      this.__input = undefined;
      this.__output = undefined;
      this.__gradInput = undefined;
      this.__gradOutput = undefined;
    }
    return super.type(type, cache);
  }
}
