/**
 * Device THNN kernels of the criteria (cunn's MSECriterion.cu, AbsCriterion.cu, SmoothL1Criterion.cu,
 * DistKLDivCriterion.cu, SoftMarginCriterion.cu, MarginCriterion.cu, BCECriterion.cu,
 * ClassNLLCriterion.cu, SpatialClassNLLCriterion.cu, MultiMarginCriterion.cu,
 * MultiLabelMarginCriterion.cu) and of LookupTable's gradient and renorm. A loss is reduced on the device
 * into the one-element output buffer (the module's `get(1)` is then the one readback); criteria that
 * must validate their data (classes, probabilities) read the loss back with the count of bad values
 * in one download instead, and raise the CPU kernel's error. gradInput stays on the device.
 */
import { DECLINE } from '../../lib/dispatch.js';
import type { Tensor } from '../../lib/Tensor.js';
import { checkNElement } from '../../nn/thnn/transfer.js';
import type { THNNKernels } from '../../nn/THNN.js';
import { commit } from '../kernels/commit.js';
import { ctxOf, LOG1P } from '../kernels/thnn-build.js';
import * as nll from '../kernels/thnn-classnll.js';
import { checkScalarBuffer, raiseAsCPU, readBack, setScalar } from '../kernels/thnn-criterion.js';
import * as lookup from '../kernels/thnn-lookup.js';
import * as multilabel from '../kernels/thnn-multilabel.js';
import * as multimargin from '../kernels/thnn-multimargin.js';
import { ew } from '../kernels/thnn-pointwise.js';
import { sums } from '../kernels/thnn-reduce.js';
import { sameDevice } from '../ops/run.js';
import { registerTHNN } from './index.js';

type Result = undefined | typeof DECLINE;

/** Sums `term` of x = input[i], y = target[i] (and the scalar `mg`) over the elements into output. */
function lossInto(name: string, input: Tensor, target: Tensor, output: Tensor, sizeAverage: boolean, term: string, mg = 0): Result {
  const n = input.nElement();
  const h = sums(ctxOf(input), { name, pre: 'const x = @a[i];\n const y = @b[i];', term, tensors: { a: input, b: target }, floats: { mg } },
    n, 1, sizeAverage && n ? 1 / n : 1);
  if (!h) return DECLINE;
  commit(output, h);
  return undefined;
}

// [kernel, loss term of x, y; gradient of va = x, vb = y with norm x (and margin y); gradient scale]
const POINTWISE: [string, string, string, number][] = [
  ['MSECriterion', '(x - y) * (x - y)', 'x * (va - vb)', 2],
  ['AbsCriterion', 'Math.abs(x - y)', 'va - vb >= 0 ? x : -x', 1],
  ['SmoothL1Criterion', 'Math.abs(x - y) < 1 ? 0.5 * (x - y) * (x - y) : Math.abs(x - y) - 0.5',
    'va - vb < -1 ? -x : (va - vb > 1 ? x : x * (va - vb))', 1],
  ['DistKLDivCriterion', 'y > 0 ? y * (Math.log(y) - x) : 0', 'vb > 0 ? -x * vb : 0', 1],
  ['SoftMarginCriterion', LOG1P('Math.exp(-x * y)'), '-x * vb / (1 + Math.exp(vb * va))', 1],
  ['MarginCriterion', 'mg - x * y > 0 ? mg - x * y : 0', 'va * vb < y ? -x * vb : 0', 1],
];
for (const [kernel, loss, grad, gradScale] of POINTWISE) {
  registerTHNN(`${kernel}_updateOutput` as keyof THNNKernels, ((input: Tensor, target: Tensor, output: Tensor, sizeAverage: boolean, mg?: number) => {
    if (!sameDevice(input, target, output)) return DECLINE;
    checkNElement(input, target, 'input', 'target');
    checkScalarBuffer(output, 'output');
    return lossInto(kernel, input, target, output, sizeAverage, loss, mg);
  }) as never);
  registerTHNN(`${kernel}_updateGradInput` as keyof THNNKernels, ((input: Tensor, target: Tensor, gradInput: Tensor, sizeAverage: boolean, mg?: number) => {
    if (!sameDevice(input, target, gradInput)) return DECLINE;
    checkNElement(input, target, 'input', 'target');
    const norm = sizeAverage ? gradScale / input.nElement() : gradScale;
    return ew(gradInput, input, grad, [input, target], [norm, mg ?? 0]);
  }) as never);
}

// BCE: -(log(x + eps) y + log(1 - x + eps) (1 - y)) w, with a count of x outside [0, 1]
const BCE_TERM = 'q < 1 ? -(Math.log(x + 1e-12) * y + Math.log(1 - x + 1e-12) * (1 - y)) * W : (x >= 0 && x <= 1 ? 0 : 1)';
registerTHNN('BCECriterion_updateOutput', (input, target, output, sizeAverage, weights) => {
  if (!sameDevice(input, target, output, ...(weights ? [weights] : []))) return DECLINE;
  checkNElement(input, target, 'input', 'target');
  checkNElement(input, weights, 'input', 'weights');
  checkScalarBuffer(output, 'output');
  const n = input.nElement();
  const h = sums(ctxOf(input), {
    name: `bce${weights ? 'w' : ''}`, pre: 'const x = @a[i];\n const y = @b[i];', term: BCE_TERM.replace('W', weights ? '@c[i]' : '1'),
    tensors: { a: input, b: target, ...(weights ? { c: weights } : {}) },
  }, n, 2, sizeAverage && n ? 1 / n : 1);
  if (!h) return DECLINE;
  const [loss, bad] = readBack(h, 2, input);
  if (bad) raiseAsCPU('BCECriterion_updateOutput', [input, target, output, sizeAverage, weights]);
  setScalar(output, loss);
  return undefined;
});
registerTHNN('BCECriterion_updateGradInput', (input, target, gradInput, sizeAverage, weights) => {
  if (!sameDevice(input, target, gradInput, ...(weights ? [weights] : []))) return DECLINE;
  checkNElement(input, target, 'input', 'target');
  checkNElement(input, weights, 'input', 'weights');
  const norm = sizeAverage ? 1 / input.nElement() : 1;
  const g = '-x * (vb - va) / ((1 - va + 1e-12) * (va + 1e-12))';
  return weights ? ew(gradInput, input, `${g} * vc`, [input, target, weights], [norm]) : ew(gradInput, input, g, [input, target], [norm]);
});

registerTHNN('ClassNLLCriterion_updateOutput', nll.ClassNLLCriterion_updateOutput);
registerTHNN('ClassNLLCriterion_updateGradInput', nll.ClassNLLCriterion_updateGradInput);
registerTHNN('SpatialClassNLLCriterion_updateOutput', nll.SpatialClassNLLCriterion_updateOutput);
registerTHNN('SpatialClassNLLCriterion_updateGradInput', nll.SpatialClassNLLCriterion_updateGradInput);
registerTHNN('MultiMarginCriterion_updateOutput', multimargin.MultiMarginCriterion_updateOutput);
registerTHNN('MultiMarginCriterion_updateGradInput', multimargin.MultiMarginCriterion_updateGradInput);
registerTHNN('MultiLabelMarginCriterion_updateOutput', multilabel.MultiLabelMarginCriterion_updateOutput);
registerTHNN('MultiLabelMarginCriterion_updateGradInput', multilabel.MultiLabelMarginCriterion_updateGradInput);
registerTHNN('LookupTable_accGradParameters', lookup.LookupTable_accGradParameters);
registerTHNN('LookupTable_renorm', lookup.LookupTable_renorm);
