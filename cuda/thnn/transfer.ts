/**
 * Device THNN kernels of the transfer functions (cunn's Tanh.cu, Sigmoid.cu, Threshold.cu, HardTanh.cu,
 * HardShrink.cu, SoftShrink.cu, SoftPlus.cu, LogSigmoid.cu, LeakyReLU.cu, PReLU.cu, RReLU.cu, ELU.cu,
 * GatedLinearUnit.cu, Abs.cu, Square.cu, Sqrt.cu): the CPU kernels' signatures, shape checks, in-place
 * flags and resizes; each elementwise formula is one gpu.js kernel. Scalars are rounded to float, as
 * THNN's `real` is for CudaTensor.
 */
import { DECLINE } from '../../lib/dispatch.js';
import type { Tensor } from '../../lib/Tensor.js';
import { checkNElement, checkShape } from '../../nn/thnn/transfer.js';
import type { THNNKernels } from '../../nn/THNN.js';
import * as act from '../kernels/thnn-activation.js';
import * as prelu from '../kernels/thnn-prelu.js';
import { LOG1P, TANH } from '../kernels/thnn-build.js';
import { ew, EXPM1, f32, SIGMOID } from '../kernels/thnn-pointwise.js';
import { sameDevice } from '../ops/run.js';
import { registerTHNN } from './index.js';

type Result = undefined | typeof DECLINE;
type Check = (a: Tensor | null | undefined, b: Tensor | null | undefined, an: string, bn: string) => void;

/** A kernel written in place when `inplace` (`target` then views `src`), else into `res` resized as `like`. */
function maybeInplace(inplace: boolean, src: Tensor, target: Tensor, res: Tensor, like: Tensor, expr: string, ops: Tensor[], sc: number[]): Result {
  if (!inplace) return ew(res, like, expr, ops, sc);
  const r = ew(src, null, expr, ops, sc);
  if (r === undefined) target.set(src);
  return r;
}

// ---- output = f(input, scalars) ----------------------------------------------------------------
const FORWARD: [keyof THNNKernels, string, number][] = [
  ['Tanh_updateOutput', TANH('va'), 0],
  ['Sigmoid_updateOutput', SIGMOID('va'), 0],
  ['HardShrink_updateOutput', 'va > x ? va : (va < -x ? va : 0)', 1],
  ['SoftShrink_updateOutput', 'va > x ? va - x : (va < -x ? va + x : 0)', 1],
  ['SoftPlus_updateOutput', `va * x > y ? va : ${LOG1P('Math.exp(va * x)')} / x`, 2],
  ['Abs_updateOutput', 'Math.abs(va)', 0],
  ['Square_updateOutput', 'va * va', 0],
  ['Sqrt_updateOutput', 'Math.sqrt(va)', 0],
];
for (const [name, expr, nScalars] of FORWARD) {
  registerTHNN(name, ((input: Tensor, output: Tensor, ...sc: number[]) => {
    if (!sameDevice(input, output)) return DECLINE;
    return ew(output, input, expr, [input], sc.slice(0, nScalars).map(f32));
  }) as never);
}

// ---- gradInput = f(gradOutput, other, scalars), resized as `like` --------------------------------
// [name, expr over (gradOutput, other), other: 'input' | 'output', like, check, check's first operand, nScalars]
const BACKWARD: [keyof THNNKernels, string, 'input' | 'output', 'input' | 'output', Check, 'input' | 'output', number][] = [
  ['Tanh_updateGradInput', 'va * (1 - vb * vb)', 'output', 'output', checkShape, 'output', 0],
  ['Sigmoid_updateGradInput', 'va * (1 - vb) * vb', 'output', 'output', checkNElement, 'output', 0],
  ['HardShrink_updateGradInput', '(vb > x || vb < -x) ? va : 0', 'input', 'input', checkNElement, 'input', 1],
  ['SoftShrink_updateGradInput', '(vb > x || vb < -x) ? va : 0', 'input', 'input', checkNElement, 'input', 1],
  ['SoftPlus_updateGradInput', `vb * x > y ? va : -va * ${EXPM1('-vb * x')}`, 'output', 'output', checkNElement, 'input', 2],
  ['Abs_updateGradInput', 'vb >= 0 ? va : -va', 'input', 'input', checkNElement, 'input', 0],
  ['Square_updateGradInput', '2 * va * vb', 'input', 'input', checkShape, 'input', 0],
  ['Sqrt_updateGradInput', 'vb === 0 ? 0 : 0.5 * va / vb', 'output', 'input', checkShape, 'output', 0],
];
for (const [name, expr, other, like, chk, first, nScalars] of BACKWARD) {
  // (input, gradOutput, gradInput[, output], ...scalars)
  registerTHNN(name, ((input: Tensor, gradOutput: Tensor, gradInput: Tensor, ...rest: unknown[]) => {
    const hasOutput = other === 'output' || like === 'output';
    const output = hasOutput ? rest[0] as Tensor : undefined;
    const sc = (hasOutput ? rest.slice(1) : rest).slice(0, nScalars).map((v) => f32(v as number));
    const t = { input, output: output! };
    if (!sameDevice(gradOutput, gradInput, t[other], t[like], ...(input ? [input] : []))) return DECLINE;
    chk(t[first], gradOutput, first, 'gradOutput');
    return ew(gradInput, t[like], expr, [gradOutput, t[other]], sc);
  }) as never);
}

// ---- in-place capable ------------------------------------------------------------------------------
registerTHNN('Threshold_updateOutput', (input, output, threshold, val, inplace) => {
  if (!sameDevice(input, output)) return DECLINE;
  const sc = [f32(threshold), f32(val)];
  return inplace ? maybeInplace(true, input, output, output, input, 'va <= x ? y : va', [input], sc)
    : ew(output, input, 'va > x ? va : y', [input], sc);
});
registerTHNN('Threshold_updateGradInput', (input, gradOutput, gradInput, threshold, _val, inplace) => {
  if (!sameDevice(input, gradOutput, gradInput)) return DECLINE;
  checkNElement(input, gradOutput, 'input', 'gradOutput');
  const expr = inplace ? 'vb <= x ? 0 : va' : 'vb > x ? va : 0';
  return maybeInplace(inplace, gradOutput, gradInput, gradInput, input, expr, [gradOutput, input], [f32(threshold)]);
});
registerTHNN('HardTanh_updateOutput', (input, output, minVal, maxVal, inplace) => {
  if (!sameDevice(input, output)) return DECLINE;
  const expr = inplace ? 'va < x ? x : (va > y ? y : va)' : 'va < x ? x : (va <= y ? va : y)';
  return maybeInplace(inplace, input, output, output, input, expr, [input], [f32(minVal), f32(maxVal)]);
});
registerTHNN('HardTanh_updateGradInput', (input, gradOutput, gradInput, minVal, maxVal, inplace) => {
  if (!sameDevice(input, gradOutput, gradInput)) return DECLINE;
  checkNElement(input, gradOutput, 'input', 'gradOutput');
  return maybeInplace(inplace, gradOutput, gradInput, gradInput, input, '(vb <= x || vb >= y) ? 0 : va', [gradOutput, input],
    [f32(minVal), f32(maxVal)]);
});
registerTHNN('LeakyReLU_updateOutput', (input, output, negval, inplace) => {
  if (!sameDevice(input, output)) return DECLINE;
  return maybeInplace(inplace, input, output, output, input, 'va > 0 ? va : va * x', [input], [f32(negval)]);
});
registerTHNN('LeakyReLU_updateGradInput', (input, gradOutput, gradInput, negval, inplace) => {
  if (!sameDevice(input, gradOutput, gradInput)) return DECLINE;
  checkNElement(input, gradOutput, 'input', 'gradOutput');
  return maybeInplace(inplace, gradOutput, gradInput, gradInput, input, 'vb > 0 ? va : va * x', [gradOutput, input], [f32(negval)]);
});
registerTHNN('ELU_updateOutput', (input, output, alpha, inplace) => {
  if (!sameDevice(input, output)) return DECLINE;
  return maybeInplace(inplace, input, output, output, input, `va <= 0 ? ${EXPM1('va')} * x : va`, [input], [f32(alpha)]);
});
registerTHNN('ELU_updateGradInput', (input, gradOutput, gradInput, output, alpha, inplace) => {
  if (!sameDevice(input, gradOutput, gradInput, output)) return DECLINE;
  checkNElement(input, gradOutput, 'input', 'gradOutput');
  return maybeInplace(inplace, gradOutput, gradInput, gradInput, output, 'vb <= 0 ? va * (vb + x) : va', [gradOutput, output], [f32(alpha)]);
});

// ---- two results: LogSigmoid's output and buffer ---------------------------------------------------
registerTHNN('LogSigmoid_updateOutput', (input, output, buffer) => {
  if (!sameDevice(input, output, buffer)) return DECLINE;
  const z = 'Math.exp(-Math.max(0, -va)) + Math.exp(-va - Math.max(0, -va))';
  return ew(buffer, input, z, [input]) ?? ew(output, input, `-(Math.max(0, -va) + ${LOG1P('Math.exp(-Math.abs(va))')})`, [input]);
});
registerTHNN('LogSigmoid_updateGradInput', (input, gradOutput, gradInput, buffer) => {
  if (!sameDevice(input, gradOutput, gradInput, buffer)) return DECLINE;
  checkNElement(input, gradOutput, 'input', 'gradOutput');
  return ew(gradInput, buffer, 'va * (vb < 0 ? 1 - (vc - 1) / vc : (vc - 1) / vc)', [gradOutput, input, buffer]);
});

// ---- PReLU, RReLU, GatedLinear -----------------------------------------------------------------------
registerTHNN('PReLU_updateOutput', prelu.PReLU_updateOutput);
registerTHNN('PReLU_updateGradInput', prelu.PReLU_updateGradInput);
registerTHNN('PReLU_accGradParameters', prelu.PReLU_accGradParameters);
registerTHNN('RReLU_updateOutput', act.RReLU_updateOutput);
registerTHNN('RReLU_updateGradInput', act.RReLU_updateGradInput);
registerTHNN('GatedLinear_updateOutput', act.GatedLinear_updateOutput);
registerTHNN('GatedLinear_updateGradInput', act.GatedLinear_updateGradInput);
