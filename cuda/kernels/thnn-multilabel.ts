/**
 * Device MultiLabelMarginCriterion (cunn's MultiLabelMarginCriterion.cu): isTarget marks each row's
 * targets (those before the first 0), the loss is summed on the device with a count of out-of-range
 * targets (one readback), and each gradient element counts its hinges over its row.
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

function multiLabelChecks(fn: string, input: Tensor, target: Tensor): [number, number] {
  const [nframe, dim] = frames(fn, input);
  const ok = input._size.length === 1
    ? target._size.length === 1 && target._size[0] === dim
    : target._size.length === 2 && target._size[0] === nframe && target._size[1] === dim;
  if (!ok) throw argError(3, fn, 'inconsistent target size');
  return [nframe, dim];
}

/** 1 where class d of row f is one of the row's targets (those before the first 0). */
const IS_TARGET = `const f = Math.floor(j / dim);
 const d = j - f * dim;
 let ended = 0;
 let hit = 0;
 for (let k = 0; k < dim; k++) {
  const tk = @t[f * dim + k];
  if (tk < 1) { ended = 1; }
  if (ended < 1 && tk - 1 === d) { hit = 1; }
 }
 return hit;`;

/** Element i is target k of row f: `live` while no 0 came before it; acc = its hinge sum over non-targets. */
const LABEL_TERM = `const f = Math.floor(i / dim);
 const kk = i - f * dim;
 const tv = @t[i];
 let live = 1;
 for (let k2 = 0; k2 < dim; k2++) { if (k2 <= kk && @t[f * dim + k2] < 1) { live = 0; } }
 const cl = tv - 1;
 const ok = cl >= 0 && cl < dim;
 const xc = @x[f * dim + (ok ? cl : 0)];
 let acc = 0;
 for (let d2 = 0; d2 < dim; d2++) {
  const z = 1 - xc + @x[f * dim + d2];
  if (@it[f * dim + d2] < 0.5 && z > 0) { acc += z; }
 }`;

export function MultiLabelMarginCriterion_updateOutput(input: Tensor, target: Tensor, output: Tensor, isTarget: Tensor,
  sizeAverage: boolean): Result {
  if (!sameDevice(input, output, isTarget) || output.nElement() !== 1) return DECLINE;
  const fn = 'MultiLabelMarginCriterion_updateOutput';
  const [nframe, dim] = multiLabelChecks(fn, input, target);
  const ctx = ctxOf(input);
  const [loss, bad] = withDeviceTarget(target, input, (t) => {
    isTarget.resize(target._size);
    const it = launch(ctx, { name: 'multilabel-istarget', body: IS_TARGET, tensors: { t }, ints: { dim } }, nframe * dim);
    if (!it) return undefined;
    commit(isTarget, it);
    const h = sums(ctx, {
      name: 'multilabel', pre: LABEL_TERM, term: 'q < 1 ? (live > 0 && ok ? acc : 0) : (tv >= 0 && tv <= dim ? 0 : 1)',
      tensors: { x: input, t, it: isTarget }, ints: { dim },
    }, nframe * dim, 2, sizeAverage ? 1 / (dim * nframe) : 1 / dim);
    return h ? readBack(h, 2, input) : undefined;
  }) ?? [];
  if (loss === undefined) return DECLINE;
  if (bad) raiseAsCPU(fn, [input, target, output, isTarget, sizeAverage]);
  setScalar(output, loss);
  return undefined;
}

export function MultiLabelMarginCriterion_updateGradInput(input: Tensor, target: Tensor, gradInput: Tensor, isTarget: Tensor,
  sizeAverage: boolean): Result {
  if (!sameDevice(input, gradInput, isTarget)) return DECLINE;
  const fn = 'MultiLabelMarginCriterion_updateGradInput';
  const [nframe, dim] = multiLabelChecks(fn, input, target);
  checkHostTargets(target, nframe * dim, 0, dim, () => argError(3, fn, 'target out of range'));
  const isOk = input._size.length === 1
    ? isTarget._size.length === 1 && isTarget._size[0] === dim
    : isTarget._size.length === 2 && isTarget._size[0] === nframe && isTarget._size[1] === dim;
  if (!isOk) throw argError(3, fn, 'inconsistent isTarget size');
  gradInput.resizeAs(input);
  if (input.nElement() === 0) return undefined;
  const h = withDeviceTarget(target, input, (t) => launch(ctxOf(input), {
    name: 'multilabel-grad', body: `const f = Math.floor(j / dim);
 const e = j - f * dim;
 const xe = @x[j];
 let ended = 0;
 let mult = 0;
 let plus = 0;
 for (let k = 0; k < dim; k++) {
  const tk = @t[f * dim + k];
  if (tk < 1) { ended = 1; }
  const c = tk - 1;
  const cc = c >= 0 && c < dim ? c : 0;
  if (ended < 1 && c === e) { mult += 1; }
  if (ended < 1 && 1 - @x[f * dim + cc] + xe > 0) { plus += 1; }
 }
 let cnt = 0;
 for (let d = 0; d < dim; d++) {
  if (@it[f * dim + d] < 0.5 && 1 - xe + @x[f * dim + d] > 0) { cnt += 1; }
 }
 return @it[j] > 0.5 ? -g * mult * cnt : g * plus;`,
    tensors: { x: input, t, it: isTarget }, ints: { dim }, floats: { g: sizeAverage ? 1 / (nframe * dim) : 1 / dim },
  }, nframe * dim));
  if (!h) return DECLINE;
  commit(gradInput, h);
  return undefined;
}
