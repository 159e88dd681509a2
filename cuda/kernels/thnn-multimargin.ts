/**
 * Device MultiMarginCriterion (cunn's MultiMarginCriterion.cu): the hinge loss summed on the device
 * with a count of out-of-range targets (one readback); the gradient is one thread per element, the
 * target's looping over its row.
 */
import { DECLINE } from '../../lib/dispatch.js';
import { argError } from '../../lib/errors.js';
import type { Tensor } from '../../lib/Tensor.js';
import { sameDevice } from '../ops/run.js';
import { commit } from './commit.js';
import { ctxOf, launch } from './thnn-build.js';
import { checkHostTargets, frames, raiseAsCPU, readBack, setScalar, withDeviceTarget } from './thnn-criterion.js';
import { sums } from './thnn-reduce.js';

type Result = undefined | typeof DECLINE;

function multiMarginChecks(fn: string, input: Tensor, target: Tensor): [number, number] {
  const [nframe, dim] = frames(fn, input);
  if (input._size.length === 2 && !(target._size.length === 1 && target._size[0] === nframe)) throw argError(3, fn, 'inconsistent target size');
  if (target.nElement() < nframe) throw argError(1, 'get1d', 'index out of bound');
  return [nframe, dim];
}

// Row f, class d of element i (or j); the target class tc of the row (0 when out of range).
const ROW = (i: string): string => `const f = Math.floor(${i} / dim);
 const d = ${i} - f * dim;
 const tt = @t[f] - 1;
 const ok = tt >= 0 && tt < dim;
 const tc = ok ? tt : 0;
 const xt = @x[f * dim + tc];`;
const HINGE = (z: string, g: string): string => `(pw < 1.5 ? ${g} : 2 * ${g} * ${z}) * cw`;

export function MultiMarginCriterion_updateOutput(input: Tensor, target: Tensor, output: Tensor, sizeAverage: boolean,
  p: number, weights: Tensor | undefined, margin: number): Result {
  if (!sameDevice(input, output, ...(weights ? [weights] : [])) || output.nElement() !== 1) return DECLINE;
  const fn = 'MultiMarginCriterion_updateOutput';
  const [nframe, dim] = multiMarginChecks(fn, input, target);
  const [loss, bad] = withDeviceTarget(target, input, (t) => {
    const h = sums(ctxOf(input), {
      name: `multimargin${weights ? 'w' : ''}`,
      pre: `${ROW('i')}\n const cw = ${weights ? '@w[tc]' : '1'};\n const z = margin - xt + @x[i];`,
      term: 'q < 1 ? (ok && d !== tt && z > 0 ? (pw < 1.5 ? z : z * z) * cw : 0) : (d < 1 && !ok ? 1 : 0)',
      tensors: { x: input, t, ...(weights ? { w: weights } : {}) }, ints: { dim }, floats: { margin, pw: p },
    }, nframe * dim, 2, sizeAverage ? 1 / (dim * nframe) : 1 / dim);
    return h ? readBack(h, 2, input) : undefined;
  }) ?? [];
  if (loss === undefined) return DECLINE;
  if (bad) raiseAsCPU(fn, [input, target, output, sizeAverage, p, weights, margin]);
  setScalar(output, loss);
  return undefined;
}

export function MultiMarginCriterion_updateGradInput(input: Tensor, target: Tensor, gradInput: Tensor, sizeAverage: boolean,
  p: number, weights: Tensor | undefined, margin: number): Result {
  if (!sameDevice(input, gradInput, ...(weights ? [weights] : []))) return DECLINE;
  const fn = 'MultiMarginCriterion_updateGradInput';
  const [nframe, dim] = multiMarginChecks(fn, input, target);
  checkHostTargets(target, nframe, 1, dim, () => argError(3, fn, 'target out of range'));
  gradInput.resizeAs(input);
  if (input.nElement() === 0) return undefined;
  const h = withDeviceTarget(target, input, (t) => launch(ctxOf(input), {
    name: `multimargin-grad${weights ? 'w' : ''}`, body: `${ROW('j')}
 const cw = ${weights ? '@w[tc]' : '1'};
 if (d !== tc) {
  const z = margin - xt + @x[j];
  return z > 0 ? ${HINGE('z', 'g')} : 0;
 }
 let s = 0;
 for (let e = 0; e < dim; e++) {
  const z2 = margin - xt + @x[f * dim + e];
  if (e !== tc && z2 > 0) { s += ${HINGE('z2', 'g')}; }
 }
 return -s;`, tensors: { x: input, t, ...(weights ? { w: weights } : {}) }, ints: { dim },
    floats: { margin, pw: p, g: sizeAverage ? 1 / (nframe * dim) : 1 / dim },
  }, nframe * dim));
  if (!h) return DECLINE;
  commit(gradInput, h);
  return undefined;
}
