/**
 * CPU THNN kernels of the 'activation' family: THNN's generic/HardTanh.c, HardShrink.c, SoftShrink.c,
 * SoftMax.c, LogSoftMax.c, SoftPlus.c, LogSigmoid.c, LeakyReLU.c, PReLU.c, RReLU.c, ELU.c and
 * GatedLinearUnit.c. Signatures are THNN.h's without the state argument; loops visit elements in
 * TH_TENSOR_APPLY's row-major order (RReLU draws its noise in that order), whatever the strides.
 */
import { runs2, runs3 } from '../../lib/apply.js';
import { argError, TorchError } from '../../lib/errors.js';
import type { Generator } from '../../lib/random/Generator.js';
import type { Tensor } from '../../lib/Tensor.js';
import { apply2, apply3, checkNElement, checkShape, real } from './transfer.js';

type Data = Tensor['_storage']['data'];

/** TH_TENSOR_APPLY over one tensor, in place: x[i] = f(x[i]). */
function apply1(a: Tensor, f: (x: number) => number): void { apply2(a, a, f); }

/** Calls `fn(ia, ib)` with the storage offsets of each element pair, in row-major order. */
function each2(a: Tensor, b: Tensor, fn: (ia: number, ib: number) => void): void {
  runs2(a, b, (pa, sa, pb, sb, len) => {
    for (let i = 0; i < len; i++, pa += sa, pb += sb) fn(pa, pb);
  });
}

/** Calls `fn(ia, ib, ic)` with the storage offsets of each element triple, in row-major order. */
function each3(a: Tensor, b: Tensor, c: Tensor, fn: (ia: number, ib: number, ic: number) => void): void {
  runs3(a, b, c, (pa, sa, pb, sb, pc, sc, len) => {
    for (let i = 0; i < len; i++, pa += sa, pb += sb, pc += sc) fn(pa, pb, pc);
  });
}

// ---- SoftMax / LogSoftMax geometry ------------------------------------------------------------

/**
 * SoftMax.c's choice of the normalised dim from nDimension: 1-D [dim], 2-D [nframe x dim],
 * 3-D [dim x H x W], 4-D [nframe x dim x H x W]. Returns sizes [nframe, dim, H, W] or undefined.
 */
function softmaxSizes(t: Tensor): [number, number, number, number] | undefined {
  const s = t._size;
  switch (s.length) {
    case 1: return [1, s[0], 1, 1];
    case 2: return [s[0], s[1], 1, 1];
    case 3: return [1, s[0], s[1], s[2]];
    case 4: return [s[0], s[1], s[2], s[3]];
    default: return undefined;
  }
}

/** The strides matching `softmaxSizes`: [frame, dim, H, W] (0 where the dim does not exist). */
function softmaxStrides(t: Tensor): [number, number, number, number] {
  const s = t._stride;
  switch (s.length) {
    case 1: return [0, s[0], 0, 0];
    case 2: return [s[0], s[1], 0, 0];
    case 3: return [0, s[0], s[1], s[2]];
    default: return [s[0], s[1], s[2], s[3]];
  }
}

/**
 * Runs `row(x, ox, sx, y, oy, sy, z, oz, sz, dim)` once per normalised vector (nframe*H*W of them,
 * in THNN's order); `x`/`y`/`z` are the storages of a, b, c with each vector's offset and stride.
 * Strided tensors are walked in place, so nothing is copied.
 */
function forEachRow(sizes: [number, number, number, number], a: Tensor, b: Tensor, c: Tensor | null,
  row: (x: Data, ox: number, sx: number, y: Data, oy: number, sy: number, z: Data, oz: number, sz: number, dim: number) => void): void {
  const [nframe, dim, H, W] = sizes;
  const [aF, aD, aH, aW] = softmaxStrides(a), [bF, bD, bH, bW] = softmaxStrides(b);
  const [cF, cD, cH, cW] = c ? softmaxStrides(c) : [0, 0, 0, 0];
  const x = a._storage.data, y = b._storage.data, z = c ? c._storage.data : y;
  const co = c ? c.offset : 0;
  for (let f = 0; f < nframe; f++) {
    for (let h = 0; h < H; h++) {
      for (let w = 0; w < W; w++) {
        row(x, a.offset + f * aF + h * aH + w * aW, aD, y, b.offset + f * bF + h * bH + w * bW, bD,
          z, co + f * cF + h * cH + w * cW, cD, dim);
      }
    }
  }
}

function softmaxDims(t: Tensor, fn: string, forward: boolean): [number, number, number, number] {
  const sizes = softmaxSizes(t);
  if (!sizes) {
    if (forward) throw argError(2, fn, '1D, 2D, 3D or 4D tensor expected');
    throw new TorchError('1D, 2D, 3D or 4D tensor expected');
  }
  return sizes;
}

/** softmax of one vector: y = exp(x - max) / sum. The sum adds the values as stored (float rounding). */
function softmaxRow(x: Data, ox: number, sx: number, y: Data, oy: number, sy: number, _z: Data, _oz: number, _sz: number, dim: number): void {
  let max = -Infinity;
  for (let d = 0, p = ox; d < dim; d++, p += sx) if (x[p] >= max) max = x[p];
  let sum = 0;
  for (let d = 0, p = ox, q = oy; d < dim; d++, p += sx, q += sy) {
    y[q] = Math.exp(x[p] - max);
    sum += y[q];
  }
  const inv = 1 / sum;
  for (let d = 0, q = oy; d < dim; d++, q += sy) y[q] *= inv;
}

/** gradInput = output * (gradOutput - sum(gradOutput * output)); x = gradOutput, y = gradInput, z = output. */
function softmaxGradRow(g: Data, og: number, sg: number, gi: Data, ogi: number, sgi: number, o: Data, oo: number, so: number, dim: number): void {
  let sum = 0;
  for (let d = 0, p = og, r = oo; d < dim; d++, p += sg, r += so) sum += g[p] * o[r];
  for (let d = 0, p = og, q = ogi, r = oo; d < dim; d++, p += sg, q += sgi, r += so) gi[q] = o[r] * (g[p] - sum);
}

/** log-softmax of one vector: y = x - (max + log(sum(exp(x - max)))). */
function logSoftmaxRow(x: Data, ox: number, sx: number, y: Data, oy: number, sy: number, _z: Data, _oz: number, _sz: number, dim: number): void {
  let max = -Infinity;
  for (let d = 0, p = ox; d < dim; d++, p += sx) max = max > x[p] ? max : x[p];
  let sum = 0;
  for (let d = 0, p = ox; d < dim; d++, p += sx) sum += Math.exp(x[p] - max);
  const logsum = max + Math.log(sum);
  for (let d = 0, p = ox, q = oy; d < dim; d++, p += sx, q += sy) y[q] = x[p] - logsum;
}

/** gradInput = gradOutput - exp(output) * sum(gradOutput). */
function logSoftmaxGradRow(g: Data, og: number, sg: number, gi: Data, ogi: number, sgi: number, o: Data, oo: number, so: number, dim: number): void {
  let sum = 0;
  for (let d = 0, p = og; d < dim; d++, p += sg) sum += g[p];
  for (let d = 0, p = og, q = ogi, r = oo; d < dim; d++, p += sg, q += sgi, r += so) gi[q] = g[p] - Math.exp(o[r]) * sum;
}

// ---- PReLU ------------------------------------------------------------------------------------

/** PReLU.c's [bs, ks] for nOutputPlane > 0 (the planes are dim 1 of 1-D input, dim 2 otherwise). */
function preluShape(input: Tensor, nOutputPlane: number): number {
  const nd = input._size.length;
  const planes = input._size[nd > 1 ? 1 : 0];
  if (planes !== nOutputPlane) {
    throw new TorchError(`Wrong number of input planes. Expected ${nOutputPlane} but got ${planes ?? 0}.`);
  }
  let ks = 1;
  for (let d = 2; d < nd; d++) ks *= input._size[d];
  return ks;
}

/**
 * Walks the elements of a and b in row-major order and calls `fn(ia, ib, j)` with the plane j of
 * each (planes of `ks` consecutive elements cycling through nOutputPlane); `flush(j)` ends a plane.
 */
function eachPlane(a: Tensor, b: Tensor, ks: number, nPlane: number,
  fn: (ia: number, ib: number, j: number) => void, flush?: (j: number) => void): void {
  let k = 0, j = 0;
  each2(a, b, (ia, ib) => {
    fn(ia, ib, j);
    if (++k === ks) {
      flush?.(j);
      k = 0;
      if (++j === nPlane) j = 0;
    }
  });
}

// ---- the kernels --------------------------------------------------------------------------------

export const activation = {
  /** y = clamp(x, min_val, max_val); in place the input is clamped and output views it. */
  HardTanh_updateOutput(input: Tensor, output: Tensor, min_val: number, max_val: number, inplace: boolean): void {
    const lo = real(input, min_val), hi = real(input, max_val);
    if (inplace) {
      output.set(input);
      apply1(input, (x) => (x < lo ? lo : x > hi ? hi : x));
    } else {
      output.resizeAs(input);
      apply2(output, input, (x) => (x < lo ? lo : x <= hi ? x : hi));
    }
  },
  /** gradInput = gradOutput where min_val < x < max_val, else 0. */
  HardTanh_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, min_val: number, max_val: number, inplace: boolean): void {
    const lo = real(input, min_val), hi = real(input, max_val);
    checkNElement(input, gradOutput, 'input', 'gradOutput');
    if (inplace) {
      gradInput.set(gradOutput);
      apply3(gradOutput, gradOutput, input, (g, x) => (x <= lo || x >= hi ? 0 : g));
    } else {
      gradInput.resizeAs(input);
      apply3(gradInput, gradOutput, input, (g, x) => (x <= lo || x >= hi ? 0 : g));
    }
  },

  /** y = x where |x| > lambda, else 0. */
  HardShrink_updateOutput(input: Tensor, output: Tensor, lambda: number): void {
    const l = real(input, lambda);
    output.resizeAs(input);
    apply2(output, input, (x) => (x > l ? x : x < -l ? x : 0));
  },
  HardShrink_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, lambda: number): void {
    const l = real(input, lambda);
    checkNElement(input, gradOutput, 'input', 'gradOutput');
    gradInput.resizeAs(input);
    apply3(gradInput, gradOutput, input, (g, x) => (x > l || x < -l ? g : 0));
  },

  /** y = x - lambda (x > lambda), x + lambda (x < -lambda), else 0. */
  SoftShrink_updateOutput(input: Tensor, output: Tensor, lambda: number): void {
    const l = real(input, lambda);
    output.resizeAs(input);
    apply2(output, input, (x) => (x > l ? x - l : x < -l ? x + l : 0));
  },
  SoftShrink_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, lambda: number): void {
    const l = real(input, lambda);
    checkNElement(input, gradOutput, 'input', 'gradOutput');
    gradInput.resizeAs(input);
    apply3(gradInput, gradOutput, input, (g, x) => (x > l || x < -l ? g : 0));
  },

  /** Softmax over the feature dim that SoftMax.c picks from nDimension (last of 1-D/2-D, dim 1 of 3-D, dim 2 of 4-D). */
  SoftMax_updateOutput(input: Tensor, output: Tensor): void {
    const sizes = softmaxDims(input, 'SoftMax_updateOutput', true);
    output.resizeAs(input);
    forEachRow(sizes, input, output, null, softmaxRow);
  },
  SoftMax_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, output: Tensor): void {
    checkShape(input, gradOutput, 'input', 'gradOutput');
    const sizes = softmaxDims(output, 'SoftMax_updateGradInput', false);
    checkShape(output, gradOutput, 'output', 'gradOutput');
    gradInput.resizeAs(output);
    forEachRow(sizes, gradOutput, gradInput, output, softmaxGradRow);
  },

  /** Log-softmax (max subtraction, log-sum-exp as THNN) over the same dim as SoftMax. */
  LogSoftMax_updateOutput(input: Tensor, output: Tensor): void {
    const sizes = softmaxDims(input, 'LogSoftMax_updateOutput', true);
    output.resizeAs(input);
    forEachRow(sizes, input, output, null, logSoftmaxRow);
  },
  LogSoftMax_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, output: Tensor): void {
    checkShape(input, gradOutput, 'input', 'gradOutput');
    const sizes = softmaxDims(output, 'LogSoftMax_updateGradInput', false);
    checkShape(output, gradOutput, 'output', 'gradOutput');
    gradInput.resizeAs(output);
    forEachRow(sizes, gradOutput, gradInput, output, logSoftmaxGradRow);
  },

  /** y = log(1 + exp(beta x)) / beta, or x where beta x > threshold. */
  SoftPlus_updateOutput(input: Tensor, output: Tensor, beta: number, threshold: number): void {
    const b = real(input, beta), th = real(input, threshold);
    output.resizeAs(input);
    apply2(output, input, (x) => (x * b > th ? x : Math.log1p(Math.exp(x * b)) / b));
  },
  /** gradInput = gradOutput * (z - 1) / z with z = exp(beta y), or gradOutput where beta y > threshold. */
  SoftPlus_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, output: Tensor, beta: number, threshold: number): void {
    const b = real(input, beta), th = real(input, threshold);
    checkNElement(input, gradOutput, 'input', 'gradOutput');
    gradInput.resizeAs(output);
    apply3(gradInput, gradOutput, output, (g, y) => {
      const z = Math.exp(y * b);
      return y * b > th ? g : g * (z - 1) / z;
    });
  },

  /** y = -(m + log(exp(-m) + exp(-x - m))) with m = max(0, -x); buffer keeps the sum z. */
  LogSigmoid_updateOutput(input: Tensor, output: Tensor, buffer: Tensor): void {
    output.resizeAs(input);
    buffer.resizeAs(input);
    const o = output._storage.data, x = input._storage.data, bf = buffer._storage.data;
    each3(output, input, buffer, (io, ix, ib) => {
      const v = x[ix], m = Math.max(0, -v);
      const z = Math.exp(-m) + Math.exp(-v - m);
      bf[ib] = z;
      o[io] = -(m + Math.log(z));
    });
  },
  LogSigmoid_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, buffer: Tensor): void {
    checkNElement(input, gradOutput, 'input', 'gradOutput');
    gradInput.resizeAs(buffer);
    apply3(gradInput, input, buffer, (x, z) => (x < 0 ? 1 - (z - 1) / z : (z - 1) / z));
    apply3(gradInput, gradOutput, gradInput, (g, d) => g * d);
  },

  /** y = x > 0 ? x : negval * x; in place x <= 0 is scaled and output views input. */
  LeakyReLU_updateOutput(input: Tensor, output: Tensor, negval: number, inplace: boolean): void {
    const nv = real(input, negval);
    if (inplace) {
      apply1(input, (x) => (x <= 0 ? x * nv : x));
      output.set(input);
    } else {
      output.resizeAs(input);
      apply2(output, input, (x) => (x > 0 ? x : x * nv));
    }
  },
  LeakyReLU_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, negval: number, inplace: boolean): void {
    const nv = real(input, negval);
    checkNElement(input, gradOutput, 'input', 'gradOutput');
    if (inplace) {
      apply3(gradOutput, gradOutput, input, (g, x) => (x <= 0 ? g * nv : g));
      gradInput.set(gradOutput);
    } else {
      gradInput.resizeAs(input);
      apply3(gradInput, gradOutput, input, (g, x) => (x > 0 ? g : g * nv));
    }
  },

  /** y = x > 0 ? x : w_j x, with one slope (nOutputPlane = 0) or one per plane j. */
  PReLU_updateOutput(input: Tensor, output: Tensor, weight: Tensor, nOutputPlane: number): void {
    output.resizeAs(input);
    const wd = weight._storage.data;
    if (nOutputPlane === 0) {
      const w = wd[weight.offset];
      apply2(output, input, (x) => (x > 0 ? x : w * x));
      return;
    }
    const ks = preluShape(input, nOutputPlane);
    const o = output._storage.data, x = input._storage.data, wo = weight.offset, ws = weight._stride[0];
    eachPlane(output, input, ks, nOutputPlane, (io, ix, j) => {
      const v = x[ix];
      o[io] = v > 0 ? v : wd[wo + j * ws] * v;
    });
  },
  PReLU_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, weight: Tensor, nOutputPlane: number): void {
    checkNElement(input, gradOutput, 'input', 'gradOutput');
    gradInput.resizeAs(input);
    const wd = weight._storage.data;
    if (nOutputPlane === 0) {
      const w = wd[weight.offset];
      apply3(gradInput, gradOutput, input, (g, x) => (x > 0 ? g : w * g));
      return;
    }
    const ks = preluShape(input, nOutputPlane);
    const gi = gradInput._storage.data, g = gradOutput._storage.data, x = input._storage.data;
    const wo = weight.offset, ws = weight._stride[0];
    let k = 0, j = 0;
    each3(gradInput, gradOutput, input, (ii, ig, ix) => {
      gi[ii] = x[ix] > 0 ? g[ig] : g[ig] * wd[wo + j * ws];
      if (++k === ks) { k = 0; if (++j === nOutputPlane) j = 0; }
    });
  },
  /** gradWeight_j += scale * sum over x <= 0 of gradOutput * x (sums in `real`, one per sample and plane). */
  PReLU_accGradParameters(input: Tensor, gradOutput: Tensor, _gradInput: Tensor, _weight: Tensor, gradWeight: Tensor,
    _gradWeightBuf: Tensor, _gradWeightBuf2: Tensor, nOutputPlane: number, scale: number): void {
    checkNElement(input, gradOutput, 'input', 'gradOutput');
    const isFloat = input._storage.data instanceof Float32Array;
    const fr = isFloat ? Math.fround : (v: number) => v;
    const sc = real(input, scale);
    const gw = gradWeight._storage.data, x = input._storage.data, g = gradOutput._storage.data;
    if (nOutputPlane === 0) {
      let sum = 0;
      each2(input, gradOutput, (ix, ig) => { if (x[ix] <= 0) sum = fr(sum + fr(x[ix] * g[ig])); });
      gw[gradWeight.offset] += sc * sum;
      return;
    }
    if (!gradWeight.isContiguous()) throw argError(6, 'PReLU_accGradParameters', 'gradWeight needs to be contiguous');
    const ks = preluShape(input, nOutputPlane);
    const go = gradWeight.offset;
    let sum = 0;
    eachPlane(input, gradOutput, ks, nOutputPlane,
      (ix, ig) => { if (x[ix] <= 0) sum = fr(sum + fr(g[ig] * x[ix])); },
      (j) => { gw[go + j] += sc * sum; sum = 0; });
  },

  /**
   * Randomized leaky ReLU. Training: each x <= 0 is scaled by r = uniform(lower, upper) drawn from
   * `generator` in row-major order (noise keeps r, or 1 where x > 0); evaluation: by (lower + upper) / 2.
   */
  RReLU_updateOutput(input: Tensor, output: Tensor, noise: Tensor, lower: number, upper: number,
    train: boolean, inplace: boolean, generator: Generator): void {
    const lo = real(input, lower), up = real(input, upper);
    const x = input._storage.data;
    if (train) {
      noise.resizeAs(input);
      const nz = noise._storage.data;
      if (inplace) {
        each2(input, noise, (ix, in_) => {
          if (x[ix] <= 0) {
            nz[in_] = generator.uniform(lo, up);
            x[ix] = x[ix] * nz[in_];
          } else {
            nz[in_] = 1;
          }
        });
        output.set(input);
      } else {
        output.resizeAs(input);
        const o = output._storage.data;
        each3(input, output, noise, (ix, io, in_) => {
          if (x[ix] <= 0) {
            nz[in_] = generator.uniform(lo, up);
            o[io] = x[ix] * nz[in_];
          } else {
            o[io] = x[ix];
            nz[in_] = 1;
          }
        });
      }
    } else {
      const negSlope = real(input, real(input, lo + up) / 2);
      if (inplace) {
        apply1(input, (v) => (v <= 0 ? v * negSlope : v));
        output.set(input);
      } else {
        output.resizeAs(input);
        apply2(output, input, (v) => v * (v <= 0 ? negSlope : 1));
      }
    }
  },
  /** gradInput = gradOutput * noise in training (unless upper - lower <= 1e-6), else the constant slope. */
  RReLU_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, noise: Tensor, lower: number, upper: number,
    train: boolean, inplace: boolean): void {
    const lo = real(input, lower), up = real(input, upper);
    checkNElement(input, gradOutput, 'input', 'gradOutput');
    if (train && real(input, up - lo) > 1e-6) {
      if (inplace) {
        apply3(gradOutput, gradOutput, noise, (g, r) => g * r);
        gradInput.set(gradOutput);
      } else {
        gradInput.resizeAs(input);
        apply3(gradInput, gradOutput, noise, (g, r) => g * r);
      }
    } else {
      const negSlope = real(input, real(input, lo + up) / 2);
      if (inplace) {
        apply3(gradOutput, gradOutput, input, (g, x) => (x <= 0 ? g * negSlope : g));
        gradInput.set(gradOutput);
      } else {
        gradInput.resizeAs(input);
        apply3(gradInput, gradOutput, input, (g, x) => (x <= 0 ? g * negSlope : g));
      }
    }
  },

  /** y = x > 0 ? x : alpha (exp(x) - 1); in place x <= 0 is replaced and output views input. */
  ELU_updateOutput(input: Tensor, output: Tensor, alpha: number, inplace: boolean): void {
    const a = real(input, alpha);
    if (inplace) {
      apply1(input, (x) => (x <= 0 ? (Math.exp(x) - 1) * a : x));
      output.set(input);
    } else {
      output.resizeAs(input);
      apply2(output, input, (x) => (x <= 0 ? (Math.exp(x) - 1) * a : x));
    }
  },
  /** gradInput = gradOutput * (output + alpha) where output <= 0, else gradOutput. */
  ELU_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, output: Tensor, alpha: number, inplace: boolean): void {
    const a = real(input, alpha);
    checkNElement(input, gradOutput, 'input', 'gradOutput');
    if (inplace) {
      apply3(gradOutput, gradOutput, output, (g, y) => (y <= 0 ? g * (y + a) : g));
      gradInput.set(gradOutput);
    } else {
      gradInput.resizeAs(output);
      apply3(gradInput, gradOutput, output, (g, y) => (y <= 0 ? g * (y + a) : g));
    }
  },

  /** Splits `dim` (1-based) into halves a, b: y = a * sigmoid(b). */
  GatedLinear_updateOutput(input: Tensor, output: Tensor, dim: number): void {
    const [first, second, half] = halves(input, dim, 'GatedLinear_updateOutput');
    const sizes = input._size.slice();
    sizes[dim - 1] = half;
    output.resize(sizes);
    apply2(output, second, sigmoid);
    apply3(output, output, first, (s, a) => s * a);
  },
  /** gradInput = [gradOutput * sigmoid(b), gradOutput * a * sigmoid(b) * (1 - sigmoid(b))]. */
  GatedLinear_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, dim: number): void {
    const [first, second, half] = halves(input, dim, 'GatedLinear_updateGradInput');
    gradInput.resizeAs(input);
    const gi1 = gradInput.narrow(dim, 1, half), gi2 = gradInput.narrow(dim, half + 1, half);
    apply2(gi1, second, sigmoid);
    apply2(gi2, gi1, (z) => (1 - z) * z);
    apply3(gi1, gi1, gradOutput, (s, g) => s * g);
    apply3(gi2, gi2, gradOutput, (d, g) => d * g);
    apply3(gi2, gi2, first, (d, a) => d * a);
  },
};

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** The two halves of `input` along `dim` (1-based), with GatedLinearUnit.c's checks. */
function halves(input: Tensor, dim: number, fn: string): [Tensor, Tensor, number] {
  const nd = input._size.length;
  if (!(Number.isInteger(dim) && dim >= 1 && dim <= nd)) throw argError(2, fn, `dimension ${dim} out of range of ${nd}D tensor`);
  const nIn = input._size[dim - 1];
  if (nIn % 2 !== 0) throw argError(2, fn, `Halving dimension must be even. Dim ${dim} is size ${nIn}`);
  const half = nIn / 2;
  return [input.narrow(dim, 1, half), input.narrow(dim, half + 1, half), half];
}
