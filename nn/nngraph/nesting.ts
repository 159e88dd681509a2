/** nngraph's nesting helpers (nngraph/nesting.lua) over tensors and (nested) arrays of tensors, and its error-message helper (utils.lua). */
import { TorchError } from '../../lib/errors.js';
import { Tensor } from '../../lib/Tensor.js';
import { Criterion } from '../Criterion.js';
import { Module } from '../Module.js';
import { Node } from './Node.js';

/** A clone of a tensor, or of a (nested) array of tensors. */
export function cloneNested(obj: any): any {
  if (obj instanceof Tensor) return obj.clone();
  if (Array.isArray(obj)) return obj.map(cloneNested);
  return obj;
}

/** Fills every tensor of `obj` with `value`. */
export function fillNested(obj: any, value: number): void {
  if (obj instanceof Tensor) obj.fill(value);
  else if (Array.isArray(obj)) obj.forEach((c) => fillNested(c, value));
}

/** Resizes `output` like `input`: missing elements are cloned in, extra ones removed. */
export function resizeNestedAs(output: any, input: any): void {
  if (output instanceof Tensor) { output.resizeAs(input); return; }
  input.forEach((child: any, i: number) => {
    if (output[i] === undefined) output[i] = cloneNested(child);
    else resizeNestedAs(output[i], child);
  });
  output.length = input.length;
}

/** Copies the tensors of `input` into `output` (same nesting). */
export function copyNested(output: any, input: any): void {
  if (output instanceof Tensor) { output.copy(input); return; }
  input.forEach((child: any, i: number) => copyNested(output[i], child));
  if (output.length > input.length) throw new TorchError(`key ${input.length + 1} present in output but not in input`);
}

/** Adds the tensors of `input` to `output` (same nesting). */
export function addNestedTo(output: any, input: any): void {
  if (output instanceof Tensor) { (output as any).add(input); return; }
  input.forEach((child: any, i: number) => {
    if (output[i] === undefined) throw new TorchError('missing key');
    addNestedTo(output[i], child);
  });
}

/** nngraph's message when something other than a node is passed as `array[idx]` (1-based). */
export function expectingNodeErrorMessage(bad: unknown, array: string, idx: number): string {
  if (bad === undefined || bad === null) return `${array}[${idx}] is nil (typo / bad index?)`;
  if (bad instanceof Module) {
    return `${array}[${idx}] is an nn.Module, specifically a ${bad.__typename}, but the only valid thing to pass is an instance of ` +
      'nngraph.Node. Did you forget a second set of parens, which convert a nn.Module to a nngraph.Node?';
  }
  const t = bad instanceof Criterion || bad instanceof Tensor ? (bad as any).__typename ?? (bad as Tensor).type()
    : Array.isArray(bad) ? 'table' : typeof bad === 'object' ? ((bad as any).__typename ?? 'table') : typeof bad;
  return `${array}[${idx}] should be an nngraph.Node but is of type ${t}`;
}

/** Checks that `x` is a Node (else throws nngraph's message). */
export function expectNode(x: unknown, array: string, idx: number): Node {
  if (!(x instanceof Node)) throw new TorchError(expectingNodeErrorMessage(x, array, idx));
  return x;
}
