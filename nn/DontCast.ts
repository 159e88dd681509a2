/** nn.DontCast(module, castin, castout = castin, moduleType): keeps a module's type through type() (DontCast.lua). */
import { newDefault } from '../lib/defaults.js';
import { TorchError } from '../lib/errors.js';
import { Tensor } from '../lib/Tensor.js';
import { Decorator } from './Decorator.js';
import type { Module } from './Module.js';

/** `[type name, found]`: the type of the first tensor of a (nested) table, as DontCast.lua's tableTensorType. */
function tableTensorType(src: unknown): [string | undefined, boolean] {
  if (Array.isArray(src)) {
    let found: [string | undefined, boolean] = [undefined, false];
    for (const v of src) {
      found = tableTensorType(v);
      if (found[1]) return found;
    }
    return found;
  }
  if (src instanceof Tensor) return [src.type(), true];
  return [src === undefined || src === null ? 'nil' : typeof src, false];
}

/** Copies `src` (a tensor or a table of them) into `dst` (reused when it already has type `type`). */
function recursiveTypeCopy(dst: any, src: any, type: string): any {
  if (Array.isArray(src)) {
    const out: any[] = Array.isArray(dst) ? dst : [];
    src.forEach((v, k) => { out[k] = recursiveTypeCopy(out[k], v, type); });
    return out;
  }
  if (src instanceof Tensor) {
    const t: Tensor = dst instanceof Tensor && dst.type() === type ? dst : newDefault().type(type) as Tensor;
    t.resize(src.size());
    if (src.nElement() > 0) t.copy(src);
    return t;
  }
  return dst;
}

/**
 * A decorator whose `type()` leaves the wrapped module as it is: only the output (when `castout`) and
 * gradInput (when `castin`) buffers change type. With `castin`, an input (and, with `castout`, a gradOutput)
 * of another type is copied to `moduleType` before the module sees it; with `castout`, the module's output
 * is copied to the decorator's output type (and with `castin` its gradInput to the gradInput type). The
 * module type defaults to the type of the module's output (or else of its parameters).
 * @example
 * const m = new nn.Sequential().add(new nn.DontCast(new nn.Linear(4, 3), true)).float();
 * m.forward(torch.randn(4).float()); // the Linear stays double; the result is a FloatTensor
 */
export class DontCast extends Decorator {
  castin: boolean | undefined;
  castout: boolean | undefined;
  moduleType: string | undefined;
  _input?: any;
  _gradOutput?: any;

  constructor(module: Module, castin?: boolean, castout?: boolean, moduleType?: string) {
    super(module);
    this.castin = castin;
    this.castout = castout === undefined ? castin : castout;
    this.moduleType = moduleType;
    if ((this.castin || this.castout) && !this.moduleType) {
      let [type, found] = tableTensorType(module.output);
      if (!found) [type, found] = tableTensorType(module.parameters());
      if (!found) throw new TorchError('Cannot extrapolate moduleType. Provide constructor argument 4');
      this.moduleType = type;
    }
  }

  /** The input the module saw (the cast copy when `castin` and the types differ). */
  private moduleInput(input: any): any {
    return this.castin && tableTensorType(input)[0] !== this.moduleType ? this._input : input;
  }

  /** The gradOutput the module saw (the cast copy when `castout` and the types differ). */
  private moduleGradOutput(gradOutput: any): any {
    return this.castout && tableTensorType(gradOutput)[0] !== this.moduleType ? this._gradOutput : gradOutput;
  }

  override updateOutput(input: any): any {
    if (this.castin && tableTensorType(input)[0] !== this.moduleType) {
      this._input = recursiveTypeCopy(this._input, input, this.moduleType!);
      input = this._input;
    }
    const output = this.modules[0].updateOutput(input);
    this.output = this.castout ? recursiveTypeCopy(this.output, output, tableTensorType(this.output)[0]!) : output;
    return this.output;
  }

  override updateGradInput(input: any, gradOutput: any): any {
    input = this.moduleInput(input);
    if (this.castout && tableTensorType(gradOutput)[0] !== this.moduleType) {
      this._gradOutput = recursiveTypeCopy(this._gradOutput, gradOutput, this.moduleType!);
      gradOutput = this._gradOutput;
    }
    const gradInput = this.modules[0].updateGradInput(input, gradOutput);
    this.gradInput = this.castin ? recursiveTypeCopy(this.gradInput, gradInput, tableTensorType(this.gradInput)[0]!) : gradInput;
    return this.gradInput;
  }

  override accGradParameters(input: any, gradOutput: any, scale = 1): void {
    this.modules[0].accGradParameters(this.moduleInput(input), this.moduleGradOutput(gradOutput), scale);
  }

  override accUpdateGradParameters(input: any, gradOutput: any, lr: number): void {
    this.modules[0].accUpdateGradParameters(this.moduleInput(input), this.moduleGradOutput(gradOutput), lr);
  }

  /** Don't cast: only the output (castout) and gradInput (castin) buffers take `type`; the module keeps its own. */
  override type(type?: string, _cache?: Map<unknown, Tensor>): this | string {
    if (type === undefined) return this._type;
    if (this.castout && tableTensorType(this.output)[0] !== type) this.output = recursiveTypeCopy(undefined, this.output, type);
    if (this.castin && tableTensorType(this.gradInput)[0] !== type) this.gradInput = recursiveTypeCopy(undefined, this.gradInput, type);
    return this;
  }
}
