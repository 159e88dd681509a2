/**
 * CPU THNN kernels of the pointwise transfer functions (THNN's generic/Tanh.c, Sigmoid.c, Threshold.c),
 * plus the small helpers every activation kernel shares: THNN's shape checks and `real` rounding.
 * Signatures are THNN.h's without the state argument.
 */
import { runs2, runs3 } from '../../lib/apply.js';
import { TorchError } from '../../lib/errors.js';
import type { Tensor } from '../../lib/Tensor.js';
import { fitsInt32 } from './conv-util.js';
import { replaceAtMost, selectAbove } from './loops.js';

/** TH's sizeDesc: `[4 x 3]`. */
export const sizeDesc = (t: Tensor): string => `[${t._size.join(' x ')}]`;

const count = (t: Tensor): number => (t._size.length === 0 ? 0 : t._size.reduce((a, b) => a * b, 1));

/** THNN_CHECK_SHAPE(a, b): same sizes, or "a and b shapes do not match: a [..], b [..]". */
export function checkShape(a: Tensor | undefined | null, b: Tensor | undefined | null, an: string, bn: string): void {
  if (a && b && !a.isSameSizeAs(b)) {
    throw new TorchError(`${an} and ${bn} shapes do not match: ${an} ${sizeDesc(a)}, ${bn} ${sizeDesc(b)}`);
  }
}

/** THNN_CHECK_NELEMENT(a, b): same number of elements. */
export function checkNElement(a: Tensor | undefined | null, b: Tensor | undefined | null, an: string, bn: string): void {
  if (!a || !b) return;
  const n1 = count(a), n2 = count(b);
  if (n1 !== n2) {
    throw new TorchError(`${an} and ${bn} have different number of elements: ` +
      `${an}${sizeDesc(a)} has ${n1} elements, while ${bn}${sizeDesc(b)} has ${n2} elements`);
  }
}

/** TH_CONVERT_ACCREAL_TO_REAL: a scalar argument as the tensor's `real` (float32 for FloatTensor). */
export function real(t: Tensor, v: number): number {
  return t._storage.data instanceof Float32Array ? Math.fround(v) : v;
}

/** out[i] = f(a[i]) in row-major order (TH_TENSOR_APPLY2); a contiguous pair runs one tight loop. */
export function apply2(out: Tensor, a: Tensor, f: (x: number) => number): void {
  const o = out._storage.data, x = a._storage.data;
  if (out.isContiguous() && a.isContiguous()) {
    const n = count(a), oo = out.offset, ao = a.offset;
    if (count(out) !== n) throw new TorchError('inconsistent tensor size');
    for (let i = 0; i < n; i++) o[oo + i] = f(x[ao + i]);
    return;
  }
  runs2(out, a, (po, so, pa, sa, len) => {
    for (let i = 0; i < len; i++, po += so, pa += sa) o[po] = f(x[pa]);
  });
}

/** out[i] = f(a[i], b[i]) in row-major order (TH_TENSOR_APPLY3). */
export function apply3(out: Tensor, a: Tensor, b: Tensor, f: (x: number, y: number) => number): void {
  const o = out._storage.data, x = a._storage.data, y = b._storage.data;
  if (out.isContiguous() && a.isContiguous() && b.isContiguous()) {
    const n = count(a), oo = out.offset, ao = a.offset, bo = b.offset;
    if (count(out) !== n || count(b) !== n) throw new TorchError('inconsistent tensor size');
    for (let i = 0; i < n; i++) o[oo + i] = f(x[ao + i], y[bo + i]);
    return;
  }
  runs3(out, a, b, (po, so, pa, sa, pb, sb, len) => {
    for (let i = 0; i < len; i++, po += so, pa += sa, pb += sb) o[po] = f(x[pa], y[pb]);
  });
}

export const transfer = {
  /** THTensor_(tanh)(output, input). */
  Tanh_updateOutput(input: Tensor, output: Tensor): void {
    output.resizeAs(input);
    apply2(output, input, Math.tanh);
  },
  /** gradInput = gradOutput * (1 - output^2); `input` is optional, as in THNN.h. */
  Tanh_updateGradInput(_input: Tensor | null | undefined, gradOutput: Tensor, gradInput: Tensor, output: Tensor): void {
    checkShape(output, gradOutput, 'output', 'gradOutput');
    gradInput.resizeAs(output);
    apply3(gradInput, gradOutput, output, (g, y) => g * (1 - y * y));
  },
  /** THTensor_(sigmoid)(output, input). */
  Sigmoid_updateOutput(input: Tensor, output: Tensor): void {
    output.resizeAs(input);
    apply2(output, input, (x) => 1 / (1 + Math.exp(-x)));
  },
  /** gradInput = gradOutput * (1 - output) * output; `input` is optional, as in THNN.h. */
  Sigmoid_updateGradInput(_input: Tensor | null | undefined, gradOutput: Tensor, gradInput: Tensor, output: Tensor): void {
    checkNElement(output, gradOutput, 'output', 'gradOutput');
    gradInput.resizeAs(output);
    apply3(gradInput, gradOutput, output, (g, y) => g * (1 - y) * y);
  },
  // Threshold runs the branch-free loops of loops.ts on contiguous tensors (ReLU is the hot case).
  /** y = x > threshold ? x : val; in place: x <= threshold becomes val and output views input. */
  Threshold_updateOutput(input: Tensor, output: Tensor, threshold: number, val: number, inplace: boolean): void {
    const th = real(input, threshold), v = real(input, val);
    if (inplace) {
      if (input.isContiguous()) {
        const n = count(input);
        fitsInt32('Threshold_updateOutput', input.offset + n);
        replaceAtMost(input._storage.data, input.offset | 0, input._storage.data, input.offset | 0, n | 0, th, v);
      } else {
        apply2(input, input, (x) => (x <= th ? v : x));
      }
      output.set(input);
    } else {
      output.resizeAs(input);
      if (output.isContiguous() && input.isContiguous()) {
        const n = count(input);
        if (count(output) !== n) throw new TorchError('inconsistent tensor size');
        fitsInt32('Threshold_updateOutput', input.offset + n, output.offset + n);
        selectAbove(output._storage.data, output.offset | 0, input._storage.data, input.offset | 0, input._storage.data, input.offset | 0,
          n | 0, th, v);
      } else {
        apply2(output, input, (x) => (x > th ? x : v));
      }
    }
  },
  /** gradInput = x > threshold ? gradOutput : 0; in place it overwrites gradOutput and gradInput views it. */
  Threshold_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, threshold: number, _val: number, inplace: boolean): void {
    const th = real(input, threshold);
    checkNElement(input, gradOutput, 'input', 'gradOutput');
    const n = count(input);
    if (inplace) {
      if (gradOutput.isContiguous() && input.isContiguous()) {
        fitsInt32('Threshold_updateGradInput', input.offset + n, gradOutput.offset + n);
        replaceAtMost(gradOutput._storage.data, gradOutput.offset | 0, input._storage.data, input.offset | 0, n | 0, th, 0);
      } else {
        apply3(gradOutput, gradOutput, input, (g, x) => (x <= th ? 0 : g));
      }
      gradInput.set(gradOutput);
    } else {
      gradInput.resizeAs(input);
      if (gradInput.isContiguous() && gradOutput.isContiguous() && input.isContiguous()) {
        fitsInt32('Threshold_updateGradInput', input.offset + n, gradOutput.offset + n, gradInput.offset + n);
        selectAbove(gradInput._storage.data, gradInput.offset | 0, gradOutput._storage.data, gradOutput.offset | 0,
          input._storage.data, input.offset | 0, n | 0, th, 0);
      } else {
        apply3(gradInput, gradOutput, input, (g, x) => (x > th ? g : 0));
      }
    }
  },
};

