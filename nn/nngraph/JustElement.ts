/** `nngraph.JustElement` (nngraph/JustElement.lua): the single element of a one-element table. */
import { TorchError } from '../../lib/errors.js';
import { Module } from '../Module.js';

/**
 * Input `{x}` → output `x`; gradInput `{gradOutput}`. What `node.split(1)` inserts.
 * @example
 * new JustElement().forward([x]); // x
 */
export class JustElement extends Module {
  constructor() {
    super();
    this.gradInput = [];
  }
  override get __typename(): string { return 'nngraph.JustElement'; }
  override updateOutput(input: any[]): any {
    if (!Array.isArray(input) || input.length !== 1) throw new TorchError('expecting one element');
    this.output = input[0];
    return this.output;
  }
  override updateGradInput(_input: any, gradOutput: any): any {
    this.gradInput[0] = gradOutput;
    return this.gradInput;
  }
}
