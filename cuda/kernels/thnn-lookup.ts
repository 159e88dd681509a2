/**
 * Device LookupTable_accGradParameters and LookupTable_renorm. The indices are a CPU LongTensor (the
 * module's), so they are grouped on the host, as cunn sorts them on the device: the distinct rows in
 * order, where each row's positions start, and the positions, go up in one upload. Then one thread per
 * weight element finds its row by binary search and adds its gradient rows in input order (no atomics).
 */
import { DECLINE } from '../../lib/dispatch.js';
import { TorchError } from '../../lib/errors.js';
import type { IntTensor, LongTensor, Tensor } from '../../lib/Tensor.js';
import { sizeDesc } from '../../nn/thnn/transfer.js';
import type { DeviceContext, Handle } from '../context.js';
import { CudaTensor } from '../CudaTensor.js';
import { sameDevice } from '../ops/run.js';
import { commit } from './commit.js';
import { ctxOf, launch } from './thnn-build.js';

type Result = undefined | typeof DECLINE;

/** THNN's range check of the index values: 1 <= v < numw + 1. */
function checkRange(d: ArrayLike<number>, off: number, n: number, numw: number, what: string): void {
  for (let i = 0; i < n; i++) {
    const v = d[off + i];
    if (!(v >= 1 && v < numw + 1)) throw new TorchError(`${what} in the range 1 <= input < ${numw + 1}, but got input of value: ${v}`);
  }
}

/** Uploads [rows (m), starts (m + 1), positions (n)] for the 1-based `rows` and their 0-based positions. */
function uploadGroups(ctx: DeviceContext, rows: number[], starts: number[], positions: ArrayLike<number>): { h: Handle; n: number } {
  const m = rows.length, a = new Float32Array(2 * m + 1 + positions.length);
  a.set(rows, 0); a.set(starts, m); a.set(positions as ArrayLike<number>, 2 * m + 1);
  return { h: ctx.upload(a), n: a.length };
}

/** Binary search of row k (0-based) among the m sorted 1-based rows at ix[0..m): leaves `lo`, and `found`. */
const FIND_ROW = `let lo = 0;
 let hi = m;
 for (let it = 0; it < 25; it++) {
  if (lo < hi) {
   const mid = Math.floor((lo + hi) / 2);
   if (ix[mid] - 1 < k) { lo = mid + 1; } else { hi = mid; }
  }
 }
 const found = lo < m && ix[Math.min(lo, m - 1)] - 1 === k;`;

export function LookupTable_accGradParameters(input: LongTensor, gradOutput: Tensor, gradWeight: Tensor, count: IntTensor,
  _sorted: Tensor | null | undefined, _indices: LongTensor | null | undefined, scaleGradByFreq: boolean, paddingValue: number, ascale: number): Result {
  if (input instanceof CudaTensor || count instanceof CudaTensor || !sameDevice(gradOutput, gradWeight)) return DECLINE;
  const scale = Math.fround(ascale);
  if (scaleGradByFreq) count.resize(gradWeight.size(1));
  if (!gradWeight.isContiguous()) throw new TorchError('gradWeight must be contiguous');
  if (!input.isContiguous()) throw new TorchError('input must be contiguous');
  if (input.dim() !== 1 && input.dim() !== 2) throw new TorchError(`input must be a vector or matrix, but is of shape: ${sizeDesc(input)}`);
  const idx = input._storage.data, ioff = input.offset, numel = input.nElement();
  const numw = gradWeight.size(1), stride = gradWeight._stride[0];
  checkRange(idx, ioff, numel, numw, 'inputs need to be');
  if (gradOutput.nElement() < numel * stride) {
    throw new TorchError(`gradOutput must have ${numel * stride} elements (input ${sizeDesc(input)} x ${stride}), but is of shape: ${sizeDesc(gradOutput)}`);
  }
  const order = Array.from({ length: numel }, (_, i) => i).sort((a, b) => idx[ioff + a] - idx[ioff + b] || a - b);
  const rows: number[] = [], starts: number[] = [];
  for (let p = 0; p < numel; p++) {
    const v = idx[ioff + order[p]];
    if (p === 0 || v !== rows[rows.length - 1]) { rows.push(v); starts.push(p); }
  }
  starts.push(numel);
  if (scaleGradByFreq) {
    const cnt = count._storage.data, coff = count.offset;
    for (let r = 0; r < rows.length; r++) cnt[coff + rows[r] - 1] = starts[r + 1] - starts[r];
  }
  const n = gradWeight.nElement(), m = rows.length;
  if (n === 0 || m === 0) return undefined;
  const ctx = ctxOf(gradWeight);
  const up = uploadGroups(ctx, rows, starts, order);
  const h = launch(ctx, {
    name: 'lookup-acc', body: `const k = Math.floor(j / stride);
 const col = j - k * stride;
 ${FIND_ROW}
 let s = @w[j];
 if (found && k + 1 !== pad) {
  const from = ix[m + lo];
  const len = ix[m + lo + 1] - from;
  const sc = freq > 0 ? scale / len : scale;
  for (let p = 0; p < len; p++) {
   const pos = ix[2 * m + 1 + from + p];
   s += sc * @g[pos * stride + col];
  }
 }
 return s;`,
    tensors: { w: gradWeight, g: gradOutput }, buffers: { ix: up.h },
    ints: { stride, m, pad: paddingValue, freq: scaleGradByFreq ? 1 : 0 }, floats: { scale },
  }, n);
  ctx.free(up.h, up.n);
  if (!h) return DECLINE;
  commit(gradWeight, h);
  return undefined;
}

export function LookupTable_renorm(idx: LongTensor, weight: Tensor, maxNorm_: number, normType_: number): Result {
  if (idx instanceof CudaTensor || !(weight instanceof CudaTensor)) return DECLINE;
  const maxNorm = Math.fround(maxNorm_), normType = Math.fround(normType_);
  if (!weight.isContiguous()) throw new TorchError('weight must be contiguous');
  if (!idx.isContiguous()) throw new TorchError('input must be contiguous');
  if (idx.dim() !== 1) throw new TorchError('idx must be a vector');
  if (normType <= 0) throw new TorchError('non-positive-norm not supported');
  const d = idx._storage.data, off = idx.offset, n = idx.nElement();
  const numw = weight.size(1), stride = weight._stride[0];
  checkRange(d, off, n, numw, 'input need to be');
  // as THNN: sort idx in place and move the distinct values to its front
  const sorted = d.subarray(off, off + n).sort();
  let m = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[m++] = sorted[i];
  if (m === 0 || weight.nElement() === 0) return undefined;
  const ctx = ctxOf(weight);
  const up = { h: ctx.upload(Float32Array.from(sorted.subarray(0, m))), n: m };
  const norms = launch(ctx, {
    name: 'lookup-norm', body: `const base = (ix[j] - 1) * stride;
 let s = 0;
 for (let c = 0; c < stride; c++) {
  const a = Math.abs(@w[base + c]);
  s += p === 1 ? a : (p === 2 ? a * a : Math.pow(a, p));
 }
 const norm = Math.pow(s, 1 / p);
 return norm > maxNorm ? maxNorm / (norm + 0.0000001) : 1;`,
    tensors: { w: weight }, buffers: { ix: up.h }, ints: { stride }, floats: { p: normType, maxNorm },
  }, m);
  const h = norms && launch(ctx, {
    name: 'lookup-renorm', body: `const k = Math.floor(j / stride);
 ${FIND_ROW}
 return found ? @w[j] * f[lo] : @w[j];`,
    tensors: { w: weight }, buffers: { ix: up.h, f: norms }, ints: { stride, m },
  }, weight.nElement());
  ctx.free(up.h, up.n);
  if (norms) ctx.free(norms, m);
  if (!h) return DECLINE;
  commit(weight, h);
  return undefined;
}
