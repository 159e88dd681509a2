/**
 * Device ClassNLLCriterion and SpatialClassNLLCriterion (cunn's ClassNLLCriterion.cu,
 * SpatialClassNLLCriterion.cu): the weighted loss and total weight are summed on the device with a
 * count of out-of-range classes, read back in one download; gradInput is written on the device,
 * -w[class] (/ total weight) at each target, the rest of gradInput kept (the module zeroes it).
 */
import { DECLINE } from '../../lib/dispatch.js';
import { argError, TorchError } from '../../lib/errors.js';
import type { Tensor } from '../../lib/Tensor.js';
import { checkClassNLL as checkNLL, checkSpatial as checkSpatialNLL } from '../../nn/thnn/criterion-checks.js';
import { sameDevice } from '../ops/run.js';
import { commit } from './commit.js';
import { ctxOf, launch } from './thnn-build.js';
import { assertion, checkHostTargets, checkScalarBuffer, raiseAsCPU, readBack, setDeviceScalar, setScalar, withDeviceTarget } from './thnn-criterion.js';
import { sums } from './thnn-reduce.js';

type Result = undefined | typeof DECLINE;

/** ClassNLL's shape checks (the CPU kernel's); returns [batch, nClasses]. */
function checkClassNLL(input: Tensor, target: Tensor, weights: Tensor | undefined, long: boolean): [number, number] {
  const nClasses = checkNLL(input, target, weights, long);
  return [input._size.length === 1 ? 1 : input._size[0], nClasses];
}

/** SpatialClassNLL's shape checks (the CPU kernel's); returns [batch, nClasses, mapSize]. */
function checkSpatial(fn: string, input: Tensor, target: Tensor, weights: Tensor | undefined): [number, number, number] {
  checkSpatialNLL(fn, input, target, weights);
  const [i0, i1, i2, i3] = input._size;
  return [i0, i1, i2 * i3];
}

// Element i of the sum is one target: class cls of sample b at pixel e (e = 0 without a map).
const terms = (w: string): string => `const b = Math.floor(i / map);
 const e = i - b * map;
 const cls = @t[i] - 1;
 const ok = cls >= 0 && cls < nC;
 const use = ok && cls !== ign;
 const cw = use ? ${w} : 0;`;
const TERM = `q < 1 ? (use ? -@x[(b * nC + (ok ? cls : 0)) * map + e] * cw : 0) : (q < 2 ? cw : (!ok && cls !== ign ? 1 : 0))`;

function nllForward(input: Tensor, target: Tensor, weights: Tensor | undefined, sizeAverage: boolean, batch: number, nC: number,
  map: number, ignore: number): [number, number, number] {
  return withDeviceTarget(target, input, (t) => {
    const tensors: Record<string, Tensor> = { x: input, t };
    if (weights) tensors.w = weights;
    const h = sums(ctxOf(input), {
      name: `nll${weights ? 'w' : ''}`, pre: terms(weights ? '@w[cls]' : '1'), term: TERM,
      tensors, ints: { nC, map, ign: ignore },
    }, batch * map, 3);
    if (!h) throw new TorchError('ClassNLLCriterion: input has more than 4 dims');
    const [loss, total, bad] = readBack(h, 3, input);
    return [sizeAverage && total ? loss / total : loss, total, bad];
  });
}

/** gradInput[b, c, e] = value at each target (total weight read on the device), else kept. */
function nllBackward(input: Tensor, target: Tensor, gradInput: Tensor, weights: Tensor | undefined, totalWeight: Tensor, nC: number, map: number,
  ignore: number, value: string): void {
  withDeviceTarget(target, input, (t) => {
    const tensors: Record<string, Tensor> = { g: gradInput, t, tw: totalWeight };
    if (weights) tensors.w = weights;
    const h = launch(ctxOf(input), {
      name: `nll-grad${weights ? 'w' : ''}`, body: `const e = j % map;
 const k = Math.floor(j / map) % nC;
 const b = Math.floor(j / (map * nC));
 const c = @t[b * map + e] - 1;
 const total = @tw[0];
 if (k === c && c !== ign && total > 0) {
  const cw = ${weights ? '@w[c]' : '1'};
  return ${value};
 }
 return @g[j];`, tensors, ints: { nC, map, ign: ignore },
    }, gradInput.nElement());
    if (!h) throw new TorchError('ClassNLLCriterion: gradInput has more than 4 dims');
    commit(gradInput, h);
  });
}

export function ClassNLLCriterion_updateOutput(input: Tensor, target: Tensor, output: Tensor, sizeAverage: boolean,
  weights: Tensor | undefined, totalWeight: Tensor, ignoreIndex: number): Result {
  if (!sameDevice(input, output, totalWeight, ...(weights ? [weights] : []))) return DECLINE;
  checkScalarBuffer(output, 'output');
  checkScalarBuffer(totalWeight, 'total_weight');
  const [batch, nC] = checkClassNLL(input, target, weights, true);
  const [loss, total, bad] = nllForward(input, target, weights, sizeAverage, batch, nC, 1, ignoreIndex - 1);
  if (bad) raiseAsCPU('ClassNLLCriterion_updateOutput', [input, target, output, sizeAverage, weights, totalWeight, ignoreIndex]);
  setScalar(output, loss);
  setDeviceScalar(totalWeight, total);
  return undefined;
}

export function ClassNLLCriterion_updateGradInput(input: Tensor, target: Tensor, gradInput: Tensor, sizeAverage: boolean,
  weights: Tensor | undefined, totalWeight: Tensor, ignoreIndex: number): Result {
  if (!sameDevice(input, gradInput, totalWeight, ...(weights ? [weights] : []))) return DECLINE;
  if (!gradInput.isContiguous()) throw new TorchError('gradInput must be contiguous');
  const [batch, nC] = checkClassNLL(input, target, weights, false);
  if (gradInput.nElement() !== input.nElement()) return DECLINE;
  checkHostTargets(target, batch, 1, nC, () => assertion('cur_target >= 0 && cur_target < n_classes'), ignoreIndex);
  // 1-D input: -1 (or -w without sizeAverage); a batch: -w / total (sizeAverage) or -w
  const value = input._size.length === 1 ? (!sizeAverage && weights ? '-cw' : '-1') : (sizeAverage ? '-cw / total' : '-cw');
  nllBackward(input, target, gradInput, weights, totalWeight, nC, 1, ignoreIndex - 1, value);
  return undefined;
}

export function SpatialClassNLLCriterion_updateOutput(input: Tensor, target: Tensor, output: Tensor, sizeAverage: boolean,
  weights: Tensor | undefined, totalWeight: Tensor): Result {
  if (!sameDevice(input, output, totalWeight, ...(weights ? [weights] : []))) return DECLINE;
  const [batch, nC, map] = checkSpatial('SpatialClassNLLCriterion_updateOutput', input, target, weights);
  const [loss, total, bad] = nllForward(input, target, weights, sizeAverage, batch, nC, map, -1e9);
  if (bad) raiseAsCPU('SpatialClassNLLCriterion_updateOutput', [input, target, output, sizeAverage, weights, totalWeight]);
  setScalar(output, loss);
  setDeviceScalar(totalWeight, total);
  return undefined;
}

export function SpatialClassNLLCriterion_updateGradInput(input: Tensor, target: Tensor, gradInput: Tensor, sizeAverage: boolean,
  weights: Tensor | undefined, totalWeight: Tensor): Result {
  if (!sameDevice(input, gradInput, totalWeight, ...(weights ? [weights] : []))) return DECLINE;
  const fn = 'SpatialClassNLLCriterion_updateGradInput';
  const [batch, nC, map] = checkSpatial(fn, input, target, weights);
  if (!gradInput.isContiguous()) throw argError(4, fn, 'gradInput must be contiguous');
  if (gradInput.nElement() !== input.nElement()) return DECLINE;
  checkHostTargets(target, batch * map, 1, nC, () => assertion('cur_target >= 0 && cur_target < n_classes'));
  nllBackward(input, target, gradInput, weights, totalWeight, nC, map, -1e9, sizeAverage ? '-cw / total' : '-cw');
  return undefined;
}
