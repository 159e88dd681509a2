/**
 * maskedFill, maskedCopy and maskedSelect on the device (lib/math/masked.ts semantics). A host ByteTensor
 * mask is checked (0 and 1 only) and its values, or the positions they select, are uploaded once; a
 * CudaTensor mask selects where it is non-zero, as cutorch's kernels do: maskedFill uses it in place,
 * maskedCopy/maskedSelect read it back once to place the elements (cutorch reads back the count).
 * Anything the CPU kernel would reject returns DECLINE, so the CPU raises Torch's error.
 */
import { DECLINE } from '../../lib/dispatch.js';
import type { Tensor } from '../../lib/Tensor.js';
import type { CudaStorage } from '../CudaStorage.js';
import { CudaTensor } from '../CudaTensor.js';
import { sameDevice } from '../ops/run.js';
import { commit } from './commit.js';
import { operand } from './geometry.js';
import { takePositions } from './index.js';
import { maskValues, upload } from './indexArgs.js';
import { map } from './pointwise.js';

type Declined = typeof DECLINE;
const dev = (t: Tensor): number => (t._storage as CudaStorage).device;

/** t[i] = value where mask[i] is 1 (a CudaTensor mask: non-zero); returns t. */
export function maskedFill(t: Tensor, mask: Tensor, value: number): Tensor | Declined {
  const n = t.nElement();
  if (!sameDevice(t) || n !== mask.nElement()) return DECLINE;
  if (n === 0) return t;
  let m: CudaTensor;
  if (mask instanceof CudaTensor) {
    if (mask.getDevice() !== dev(t)) return DECLINE;
    m = mask;
  } else {
    const v = maskValues(mask);
    if (!v) return DECLINE;
    m = upload(v, [n], dev(t));
  }
  try {
    const h = map('vb !== 0 ? x : va', [t, m], [value], n);
    return h ? commit(t, h) : DECLINE;
  } finally { if (m !== mask) m.set(); }
}

/** A mask's 0/1 values on the host: a ByteTensor's after TH's checks, a CudaTensor's (read back) non-zero as 1. */
function hostMask(mask: Tensor, device: number): Float32Array | undefined {
  if (!(mask instanceof CudaTensor)) return maskValues(mask);
  if (mask.getDevice() !== device) return undefined;
  const v = mask.float().contiguous().storage().data as Float32Array;
  return Float32Array.from({ length: mask.nElement() }, (_, i) => (v[i] !== 0 ? 1 : 0));
}

/** Row-major positions of a mask's ones (count of them). */
function positions(mask: Tensor, device: number): Float32Array | undefined {
  const v = hostMask(mask, device);
  if (!v) return undefined;
  let count = 0;
  for (const x of v) count += x;
  const pos = new Float32Array(count);
  for (let i = 0, q = 0; i < v.length; i++) if (v[i] === 1) pos[q++] = i;
  return pos;
}

/** The elements of t where mask is 1 take src's elements in row-major order; returns t. */
export function maskedCopy(t: Tensor, mask: Tensor, src: Tensor): Tensor | Declined {
  const n = t.nElement();
  if (!sameDevice(t, src) || n !== mask.nElement()) return DECLINE;
  const v = hostMask(mask, dev(t));
  if (!v) return DECLINE;
  // where[i]: the src element element i takes, or -1
  const where = new Float32Array(n);
  let q = 0;
  for (let i = 0; i < n; i++) where[i] = v[i] === 1 ? q++ : -1;
  if (q > src.nElement()) return DECLINE;
  if (n === 0) return t;
  const base = operand(t), so = operand(src);
  if (!base || !so) return DECLINE;
  const w = upload(where, [n], dev(t));
  try {
    return commit(t, takePositions((t._storage as CudaStorage).ctx, so, operand(w)!, base, n));
  } finally { w.set(); }
}

/** A new 1-D tensor (or res) of src's elements where mask is 1. */
export function maskedSelect(res: Tensor | undefined, src: Tensor, mask: Tensor): Tensor | Declined {
  if (!sameDevice(src, ...(res ? [res] : [])) || src.nElement() !== mask.nElement()) return DECLINE;
  const pos = positions(mask, dev(src));
  const so = operand(src);
  if (!pos || !so) return DECLINE;
  const r = res ?? src.new();
  if (pos.length === 0) return r.resize(0);
  const p = upload(pos, [pos.length], dev(src));
  try {
    const h = takePositions((src._storage as CudaStorage).ctx, so, operand(p)!, undefined, pos.length);
    r.resize(pos.length);
    return commit(r, h);
  } finally { p.set(); }
}
