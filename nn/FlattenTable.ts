/** nn.FlattenTable: a nested table of tensors → a flat table, in depth-first order (FlattenTable.lua). */
import { TorchError } from '../lib/errors.js';
import type { Tensor } from '../lib/Tensor.js';
import { Module } from './Module.js';

/** Where each tensor of a nested input went: its index in the flat output, in the input's shape. */
type InputMap = number | InputMap[];

/** Appends the tensors of `input` to `output` depth first; returns the index map. */
function flatten(output: Tensor[], input: any): InputMap {
  if (Array.isArray(input)) return input.map((x) => flatten(output, x));
  output.push(input);
  return output.length;
}

/** True when `output` still holds exactly `input`'s tensors at the places `map` says. */
function checkMapping(output: any[] | undefined, input: any, map: InputMap | undefined): boolean {
  if (map === undefined || output === undefined || input === undefined) return false;
  if (Array.isArray(input)) {
    if (!Array.isArray(map) || input.length !== map.length) return false;
    return input.every((x, i) => checkMapping(output, x, map[i]));
  }
  if (typeof map !== 'number') return false;
  return output[map - 1] === input;
}

/** Rebuilds the nested shape of the input from the flat gradOutput. */
function inverseFlatten(gradOutput: any[], map: InputMap): any {
  if (Array.isArray(map)) return map.map((m) => inverseFlatten(gradOutput, m));
  return gradOutput[map - 1];
}

/**
 * Flattens an arbitrarily nested table of tensors into one flat table (references, no copies);
 * gradInput has the nested shape of the input.
 * @example
 * new nn.FlattenTable().forward([a, [b, [c]], d]); // [a, b, c, d]
 */
export class FlattenTable extends Module {
  override output: Tensor[] = [];
  override gradInput: any[] = [];
  /** The input's shape with the flat index of each tensor. */
  input_map: InputMap = [];

  override updateOutput(input: any[]): Tensor[] {
    if (!Array.isArray(input)) throw new TorchError('input must be a table');
    // rebuild the flat table only when the input's structure or tensors changed
    if (!checkMapping(this.output, input, this.input_map)) {
      this.output = [];
      this.input_map = flatten(this.output, input);
    }
    return this.output;
  }

  override updateGradInput(input: any[], gradOutput: any[]): any[] {
    if (!Array.isArray(input)) throw new TorchError('input must be a table');
    if (!Array.isArray(gradOutput)) throw new TorchError('gradOutput must be a table');
    if (!checkMapping(gradOutput, this.gradInput, this.input_map)) {
      this.gradInput = inverseFlatten(gradOutput, this.input_map);
    }
    return this.gradInput;
  }

  /** It only holds references, so a type change just empties them. */
  override type(type?: string): this | string {
    if (type === undefined) return this._type;
    this.clearState();
    this._type = type;
    return this;
  }

  override clearState(): this {
    this.input_map = [];
    return super.clearState();
  }
}
