/** Histograms: histc and bhistc (THTensorMath.c; float and double tensors only, as in Torch). */
import { runs1 } from '../apply.js';
import { checkSameType, defineResultOp, type TorchFunction } from '../dispatch.js';
import { argCheck, TorchError } from '../errors.js';
import type { Tensor } from '../Tensor.js';

declare module '../dispatch.js' {
  interface TorchOps {
    /**
     * `torch.histc([res,] x[, nbins=100[, min=0[, max=0]]])`: a 1-D histogram of x's elements in nbins equal
     * bins over [min, max] (min == max: x's own min and max); values outside are ignored, max falls in the last bin.
     * @example torch.histc(torch.Tensor([1, 2, 1]), 2) // 2, 1
     */
    histc: TorchFunction;
    /** `torch.bhistc([res,] x[, nbins=100[, min=0[, max=0]]])`: one histogram per row of the 2-D x (res is rows x nbins). */
    bhistc: TorchFunction;
  }
}
declare module '../Tensor.js' {
  interface Tensor {
    /** `x.histc([nbins[, min[, max]]])` allocates x's histogram; `res.histc(x, ...)` writes into res. */
    histc(...args: unknown[]): Tensor;
    /** `x.bhistc([nbins[, min[, max]]])` allocates the per-row histograms; `res.bhistc(x, ...)` writes into res. */
    bhistc(...args: unknown[]): Tensor;
  }
}

/** THTensor_(minall) / (maxall): the first NaN wins. */
function extremes(t: Tensor, fn: string): [number, number] {
  argCheck(t.dim() > 0, 1, fn, 'tensor must have one dimension');
  const data = t._storage.data;
  let min = data[t.offset], max = min, nan = false;
  runs1(t, (o, s, len) => {
    for (let i = 0; i < len && !nan; i++, o += s) {
      const v = data[o];
      if (v !== v) nan = true;
      else if (v < min) min = v;
      else if (v > max) max = v;
    }
  });
  return nan ? [NaN, NaN] : [min, max];
}

/** The bins as TH settles them: [min, max] (x's own when min == max, widened by 1 when still equal). */
interface Bins { min: number; max: number; width: number; nbins: number; float: boolean }

function binning(x: Tensor, fn: string, nbins: number, minvalue: number, maxvalue: number): Bins {
  const float = x.kind.key === 'Float';
  const f = float ? Math.fround : (v: number) => v;
  let min = f(minvalue), max = f(maxvalue);
  if (min === max) [min, max] = extremes(x, fn);
  if (min === max) { min = f(min - 1); max = f(max + 1); }
  return { min, max, width: f(max - min), nbins, float };
}

/**
 * Counts `len` values of `data` at `o`, stride `s`, into the histogram at `ho`, stride `hs`:
 * bin `(int)((v-min)/(max-min)*nbins)`, computed in `real` (float arithmetic for FloatTensor).
 */
function count(b: Bins, h: Tensor['_storage']['data'], ho: number, hs: number,
  data: Tensor['_storage']['data'], o: number, s: number, len: number): void {
  const { min, max, width, nbins } = b;
  const last = nbins - 1;
  if (b.float) {
    const fb = Math.fround(nbins);
    for (let i = 0; i < len; i++, o += s) {
      const v = data[o];
      if (v >= min && v <= max) {
        const bin = Math.trunc(Math.fround(Math.fround(Math.fround(v - min) / width) * fb));
        h[ho + (bin < last ? bin : last) * hs] += 1;
      }
    }
  } else {
    for (let i = 0; i < len; i++, o += s) {
      const v = data[o];
      if (v >= min && v <= max) {
        const bin = Math.trunc((v - min) / width * nbins);
        h[ho + (bin < last ? bin : last) * hs] += 1;
      }
    }
  }
}

function readBins(nbins: number, fn: string): number {
  const n = Math.trunc(nbins);
  argCheck(n > 0, 2, fn, 'number of bins must be positive');
  return n;
}

function histc(hist: Tensor, x: Tensor, nbins = 100, minvalue = 0, maxvalue = 0): Tensor {
  checkSameType('histc', hist, x);
  if (!x.kind.isFloat) throw new TorchError(`${x.kind.tensorName} does not implement the torch.histc() function`);
  const n = readBins(nbins, 'histc');
  hist.resize(n).zero();
  const b = binning(x, 'histc', n, minvalue, maxvalue);
  const h = hist._storage.data, ho = hist.offset, hs = hist._stride[0];
  const data = x._storage.data;
  runs1(x, (o, s, len) => count(b, h, ho, hs, data, o, s, len));
  return hist;
}

function bhistc(hist: Tensor, x: Tensor, nbins = 100, minvalue = 0, maxvalue = 0): Tensor {
  checkSameType('bhistc', hist, x);
  if (!x.kind.isFloat) throw new TorchError(`${x.kind.tensorName} does not implement the torch.bhistc() function`);
  argCheck(x.dim() < 3, 2, 'bhistc', `invalid dimension ${x.dim()}, the input must be a 2d tensor`);
  argCheck(x.dim() > 1, 2, 'bhistc', 'invalid dimension 2');
  const n = readBins(nbins, 'bhistc');
  const [rows, cols] = x._size;
  hist.resize(rows, n).zero();
  const b = binning(x, 'bhistc', n, minvalue, maxvalue);
  const h = hist._storage.data, h0 = hist._stride[0], h1 = hist._stride[1];
  const data = x._storage.data, x0 = x._stride[0], x1 = x._stride[1];
  for (let r = 0; r < rows; r++) count(b, h, hist.offset + r * h0, h1, data, x.offset + r * x0, x1, cols);
  return hist;
}

for (const [name, k] of [['histc', histc], ['bhistc', bhistc]] as const) {
  defineResultOp(name, {
    'Tensor': k,
    'Tensor, number': k,
    'Tensor, number, number': k,
    'Tensor, number, number, number': k,
  }, 'input');
}
