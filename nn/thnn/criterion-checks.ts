/**
 * The argument checks of THNN's criterion kernels, with TH's messages: shared by the CPU kernels
 * (nn/thnn/criterion.ts) and the device ones (cuda/kernels/thnn-*.ts), so both raise the same errors.
 */
import { argError, TorchError } from '../../lib/errors.js';
import type { Tensor } from '../../lib/Tensor.js';

/** TH's sizeDesc: `[4 x 3]`. */
export const desc = (t: Tensor): string => `[${t._size.join(' x ')}]`;
/** The element count (0 for an empty tensor). */
export const count = (t: Tensor): number => (t._size.length === 0 ? 0 : t._size.reduce((a, b) => a * b, 1));

/** TH's `Assertion \`exp' failed. msg` (THAssert / THAssertMsg). */
export const assertion = (exp: string, msg = ''): TorchError => new TorchError(`Assertion \`${exp}' failed. ${msg}`.trimEnd());

/** THNN_CHECK_NELEMENT. */
export function checkNElement(a: Tensor, b: Tensor | undefined, an: string, bn: string): void {
  if (!b) return;
  const n1 = count(a), n2 = count(b);
  if (n1 !== n2) {
    throw new TorchError(`${an} and ${bn} have different number of elements: ` +
      `${an}${desc(a)} has ${n1} elements, while ${bn}${desc(b)} has ${n2} elements`);
  }
}

/** THNN_CHECK_DIM_SIZE(T, 1, 0, 1) on a loss buffer. */
export function checkScalarBuffer(t: Tensor, name: string): void {
  if (t._size.length !== 1 || t._size[0] !== 1) {
    throw new TorchError(`Need ${name} of dimension 1 and ${name}.size[0] == 1 but got ${name} to be of shape: ${desc(t)}`);
  }
}

/** Checks ClassNLL's arguments; returns the number of classes. */
export function checkClassNLL(input: Tensor, target: Tensor, weights: Tensor | undefined, long: boolean): number {
  const nDim = input._size.length;
  if (target._size.length > 1) throw new TorchError('multi-target not supported');
  if (nDim < 1 || nDim > 2) throw new TorchError('input tensor should be 1D or 2D');
  const nClasses = input._size[nDim - 1];
  if (weights && count(weights) !== nClasses) {
    throw new TorchError(long
      ? `weight tensor should be defined either for all ${nClasses} classes or no classes but got weight tensor of shape: ${desc(weights)}`
      : 'weight tensor should be defined either for all or no classes');
  }
  if (nDim === 2 && target._size[0] !== input._size[0]) throw assertion('THIndexTensor_(size)(target, 0) == batch_size');
  return nClasses;
}

/** The checks SpatialClassNLLCriterion makes on its 4-D input and 3-D target. */
export function checkSpatial(fn: string, input: Tensor, target: Tensor, weights: Tensor | undefined): void {
  if (target._size.length !== 3) {
    throw argError(3, fn, `only batches of spatial targets supported (3D tensors) but got targets of dimension: ${target._size.length}`);
  }
  if (input._size.length !== 4) {
    throw argError(2, fn, `only batches of spatial inputs supported (4D tensors), but got input of dimension: ${input._size.length}`);
  }
  if (weights && count(weights) !== input._size[1]) throw new TorchError('weight tensor should be defined either for all or no classes');
  const [i0, i1, i2, i3] = input._size, [t0, t1, t2] = target._size;
  if (!(i0 === t0 && i2 === t1 && i3 === t2)) {
    throw assertion('input0 == target0 && input2 == target1 && input3 == target2',
      `size mismatch (got input: ${i0}x${i1}x${i2}x${i3}, target: ${t0}x${t1}x${t2})`);
  }
}

/** nframe and dim of a vector or matrix input (MultiMargin, MultiLabelMargin). */
export function frames(fn: string, input: Tensor): [number, number] {
  const nd = input._size.length;
  if (nd !== 1 && nd !== 2) throw argError(2, fn, 'vector or matrix expected');
  return nd === 1 ? [1, input._size[0]] : [input._size[0], input._size[1]];
}
