/**
 * conv2 / xcorr2 / conv3 / xcorr3 (THTensorConv.c conv2Dmul, conv2Dcmul, conv2Dmv and their 3-D
 * twins, as TensorMath.lua wraps them): 'V'alid (default) or 'F'ull; conv flips the kernel, xcorr
 * does not. Shapes: 2D x 2D -> 2D; 3D x 3D -> one output plane per input plane; 3D x 4D (nOut x nIn
 * x kh x kw) -> nOut planes, each summed over the input planes. conv3: the same one dimension up.
 * Every element type, as in Torch. Sums are formed in double (Int in exact 32-bit wrapping arithmetic).
 */
import { checkSameType, defineOp, torchTypeName, type TorchFunction } from '../dispatch.js';
import { argError, TorchError } from '../errors.js';
import type { Tensor } from '../Tensor.js';
import type { TypedArray } from '../types.js';

declare module '../dispatch.js' {
  interface TorchOps {
    /**
     * `torch.conv2([res,] x, k[, 'V'|'F'])`: 2-D convolution (the kernel flipped); 2Dx2D, 3Dx3D
     * (plane by plane) or 3Dx4D (summed over input planes, as a convolution layer).
     * @example torch.conv2(img, k, 'F') // full convolution, size (h+kh-1) x (w+kw-1)
     */
    conv2: TorchFunction;
    /** `torch.xcorr2([res,] x, k[, 'V'|'F'])`: 2-D cross-correlation (the kernel as is); shapes as conv2. */
    xcorr2: TorchFunction;
    /** `torch.conv3([res,] x, k[, 'V'|'F'])`: 3-D convolution; 3Dx3D, 4Dx4D (per plane) or 4Dx5D (summed). */
    conv3: TorchFunction;
    /** `torch.xcorr3([res,] x, k[, 'V'|'F'])`: 3-D cross-correlation; shapes as conv3. */
    xcorr3: TorchFunction;
  }
}
declare module '../Tensor.js' {
  interface Tensor {
    /**
     * `x.conv2(k[, 'V'|'F'])`: a new tensor, the 2-D convolution of x with k; `res.conv2(x, k[, vf])` into res.
     * @example x.conv2(k) // valid: (h-kh+1) x (w-kw+1)
     */
    conv2(k: Tensor, vf?: string): this;
    conv2(x: Tensor, k: Tensor, vf?: string): this;
    /** `x.xcorr2(k[, 'V'|'F'])`: the 2-D cross-correlation of x with k (new tensor); `res.xcorr2(x, k[, vf])` into res. */
    xcorr2(k: Tensor, vf?: string): this;
    xcorr2(x: Tensor, k: Tensor, vf?: string): this;
    /** `x.conv3(k[, 'V'|'F'])`: the 3-D convolution of x with k (new tensor); `res.conv3(x, k[, vf])` into res. */
    conv3(k: Tensor, vf?: string): this;
    conv3(x: Tensor, k: Tensor, vf?: string): this;
    /** `x.xcorr3(k[, 'V'|'F'])`: the 3-D cross-correlation of x with k (new tensor); `res.xcorr3(x, k[, vf])` into res. */
    xcorr3(k: Tensor, vf?: string): this;
    xcorr3(x: Tensor, k: Tensor, vf?: string): this;
  }
}

type Acc = Float64Array | Int32Array;

// ---- 2-D cores: accumulate one (input plane, kernel plane) pair into an output plane --------------

/** out[y][x] += sum_{ky,kx} in[y+ky][x+kx] * w[ky][kx]  (valid cross-correlation). */
function validXCorr(out: Float64Array, oo: number, inp: TypedArray, io: number, ir: number, ic: number,
  w: Float64Array, wo: number, kr: number, kc: number): void {
  const or = ir - kr + 1, oc = ic - kc + 1;
  for (let y = 0; y < or; y++) {
    const orow = oo + y * oc;
    for (let ky = 0; ky < kr; ky++) {
      const irow = io + (y + ky) * ic, wrow = wo + ky * kc;
      for (let kx = 0; kx < kc; kx++) {
        const z = w[wrow + kx], i0 = irow + kx;
        for (let x = 0; x < oc; x++) out[orow + x] += z * inp[i0 + x];
      }
    }
  }
}

/** out[y+ky][x+kx] += in[y][x] * w[ky][kx]  (full convolution). */
function fullConv(out: Float64Array, oo: number, inp: TypedArray, io: number, ir: number, ic: number,
  w: Float64Array, wo: number, kr: number, kc: number): void {
  const oc = ic + kc - 1;
  for (let y = 0; y < ir; y++) {
    const irow = io + y * ic;
    for (let ky = 0; ky < kr; ky++) {
      const orow = oo + (y + ky) * oc, wrow = wo + ky * kc;
      for (let kx = 0; kx < kc; kx++) {
        const z = w[wrow + kx], o0 = orow + kx;
        for (let x = 0; x < ic; x++) out[o0 + x] += z * inp[irow + x];
      }
    }
  }
}

/** validXCorr in 32-bit wrapping integer arithmetic (IntTensor, as C int). */
function validXCorrI32(out: Int32Array, oo: number, inp: TypedArray, io: number, ir: number, ic: number,
  w: Int32Array, wo: number, kr: number, kc: number): void {
  const or = ir - kr + 1, oc = ic - kc + 1;
  for (let y = 0; y < or; y++) {
    const orow = oo + y * oc;
    for (let ky = 0; ky < kr; ky++) {
      const irow = io + (y + ky) * ic, wrow = wo + ky * kc;
      for (let kx = 0; kx < kc; kx++) {
        const z = w[wrow + kx], i0 = irow + kx;
        for (let x = 0; x < oc; x++) out[orow + x] = (out[orow + x] + Math.imul(z, inp[i0 + x])) | 0;
      }
    }
  }
}

/** fullConv in 32-bit wrapping integer arithmetic. */
function fullConvI32(out: Int32Array, oo: number, inp: TypedArray, io: number, ir: number, ic: number,
  w: Int32Array, wo: number, kr: number, kc: number): void {
  const oc = ic + kc - 1;
  for (let y = 0; y < ir; y++) {
    const irow = io + y * ic;
    for (let ky = 0; ky < kr; ky++) {
      const orow = oo + (y + ky) * oc, wrow = wo + ky * kc;
      for (let kx = 0; kx < kc; kx++) {
        const z = w[wrow + kx], o0 = orow + kx;
        for (let x = 0; x < ic; x++) out[o0 + x] = (out[o0 + x] + Math.imul(z, inp[irow + x])) | 0;
      }
    }
  }
}

// ---- driver ----------------------------------------------------------------------------------------

/** Geometry of one (input plane, kernel plane) pair: [depth,] rows, cols. */
interface Geom { nd: 2 | 3; ish: number[]; ksh: number[]; osh: number[]; full: boolean }

/** Accumulates the N-D (2 or 3) convolution of one input block with one (already oriented) kernel block. */
function accumulate(out: Acc, oo: number, inp: TypedArray, io: number, w: Acc, wo: number, g: Geom): void {
  const [ir, ic] = g.ish.slice(-2), [kr, kc] = g.ksh.slice(-2), [or, oc] = g.osh.slice(-2);
  const it = g.nd === 3 ? g.ish[0] : 1, kt = g.nd === 3 ? g.ksh[0] : 1, ot = g.nd === 3 ? g.osh[0] : 1;
  const ip = ir * ic, kp = kr * kc, op = or * oc;
  const i32 = out instanceof Int32Array;
  if (g.full) { // out[z+kz] += fullConv(in[z], w[kz])
    for (let z = 0; z < it; z++) {
      for (let kz = 0; kz < kt; kz++) {
        if (i32) fullConvI32(out, oo + (z + kz) * op, inp, io + z * ip, ir, ic, w as Int32Array, wo + kz * kp, kr, kc);
        else fullConv(out, oo + (z + kz) * op, inp, io + z * ip, ir, ic, w as Float64Array, wo + kz * kp, kr, kc);
      }
    }
  } else { // out[z] += validXCorr(in[z+kz], w[kz])
    for (let z = 0; z < ot; z++) {
      for (let kz = 0; kz < kt; kz++) {
        if (i32) validXCorrI32(out, oo + z * op, inp, io + (z + kz) * ip, ir, ic, w as Int32Array, wo + kz * kp, kr, kc);
        else validXCorr(out, oo + z * op, inp, io + (z + kz) * ip, ir, ic, w as Float64Array, wo + kz * kp, kr, kc);
      }
    }
  }
}

type Form = 'mul' | 'cmul' | 'mv';

function invalidArgs(fn: string, nd: number, args: unknown[]): never {
  const T = args.find((a): a is Tensor => typeof a === 'object' && a !== null && 'kind' in a);
  const tn = T ? torchTypeName(T) : 'Tensor';
  const d = (n: number) => `${tn}~${n}D`;
  const forms = [[nd, nd], [nd + 1, nd + 1], [nd + 1, nd + 2]].map(([a, b]) => `[*${tn}*] ${d(a)} ${d(b)} [(V|F)]`);
  throw new TorchError(`invalid arguments to '${fn}': ${args.map(torchTypeName).join(' ')}\nexpected arguments: ${forms.join(' | ')}`);
}

/** conv2 / xcorr2 (nd = 2) and conv3 / xcorr3 (nd = 3): `res` gets the result; returns res. */
function convolve(fn: string, nd: 2 | 3, xcorr: boolean, res: Tensor, x: Tensor, k: Tensor, vf: string, args: unknown[]): Tensor {
  checkSameType(fn, res, x, k);
  if (vf[0] !== 'V' && vf[0] !== 'F') invalidArgs(fn, nd, args);
  const full = vf[0] === 'F';
  let form: Form;
  if (x.dim() === nd && k.dim() === nd) form = 'mul';
  else if (x.dim() === nd + 1 && k.dim() === nd + 1) form = 'cmul';
  else if (x.dim() === nd + 1 && k.dim() === nd + 2) form = 'mv';
  else invalidArgs(fn, nd, args);
  const cname = `conv${nd}D${form}`;
  const nIn = form === 'mul' ? 1 : x._size[0];
  const nOut = form === 'mul' ? 1 : k._size[0];
  if (form === 'cmul' && nOut !== nIn) throw argError(2, fn, 'invalid number of input/kernel planes');
  if (form === 'mv' && k._size[1] !== nIn) throw argError(2, fn, 'invalid number of input planes');
  const ish = x._size.slice(-nd), ksh = k._size.slice(-nd);
  if (!full && !ish.every((s, i) => s >= ksh[i])) throw argError(2, fn, `${cname} : Input image is smaller than kernel`);
  const osh = ish.map((s, i) => (full ? s + ksh[i] - 1 : s - ksh[i] + 1));
  const g: Geom = { nd, ish, ksh, osh, full };

  const xc = x.contiguous(), kc = k.contiguous();
  const inp = xc._storage.data, kd = kc._storage.data;
  const ib = ish.reduce((a, b) => a * b, 1), kb = ksh.reduce((a, b) => a * b, 1), ob = osh.reduce((a, b) => a * b, 1);
  const i32 = x.kind.key === 'Int';
  // The kernel, oriented so one core serves all: valid uses it as is for xcorr, full uses it as is for conv;
  // otherwise each block is reversed (a full flip of every dimension).
  const flip = full === xcorr;
  const nk = kc.nElement();
  const w: Acc = i32 ? new Int32Array(nk) : new Float64Array(nk);
  for (let b = 0; b < nk; b += kb) {
    const src = kc.offset + b;
    if (flip) for (let j = 0; j < kb; j++) w[b + j] = kd[src + kb - 1 - j];
    else for (let j = 0; j < kb; j++) w[b + j] = kd[src + j];
  }
  const acc: Acc = i32 ? new Int32Array(nOut * ob) : new Float64Array(nOut * ob);
  for (let o = 0; o < nOut; o++) {
    if (form === 'mv') {
      for (let i = 0; i < nIn; i++) accumulate(acc, o * ob, inp, xc.offset + i * ib, w, (o * nIn + i) * kb, g);
    } else {
      accumulate(acc, o * ob, inp, xc.offset + o * ib, w, o * kb, g);
    }
  }
  // Written last, so res may alias x or k.
  res.resizeNd(form === 'mul' ? osh : [nOut, ...osh]);
  res._storage.data.set(acc, res.offset); // converts as a C cast (integer types wrap)
  return res;
}

function define(fn: string, nd: 2 | 3, xcorr: boolean): void {
  const run = (res: Tensor | undefined, x: Tensor, k: Tensor, vf: string, args: unknown[]) =>
    convolve(fn, nd, xcorr, res ?? x.new(), x, k, vf, args);
  defineOp(fn, {
    'Tensor, Tensor': (x: Tensor, k: Tensor) => run(undefined, x, k, 'V', [x, k]),
    'Tensor, Tensor, string': (x: Tensor, k: Tensor, vf: string) => run(undefined, x, k, vf, [x, k, vf]),
    'Tensor, Tensor, Tensor': (r: Tensor, x: Tensor, k: Tensor) => run(r, x, k, 'V', [r, x, k]),
    'Tensor, Tensor, Tensor, string': (r: Tensor, x: Tensor, k: Tensor, vf: string) => run(r, x, k, vf, [r, x, k, vf]),
  });
}
define('conv2', 2, false);
define('xcorr2', 2, true);
define('conv3', 3, false);
define('xcorr3', 3, true);
