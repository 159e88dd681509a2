/**
 * Max pooling on the device over 5 logical dims (batch, plane, t, y, x), windows of kT x kH x kW with
 * stride d, padding p and dilation l. Three kernels per way of saving the argmax, as the CPU kernels
 * save it in `indices`:
 * - 'plane' (SpatialMaxPooling): the 1-based offset inside the input plane, 0 when nothing was found;
 * - 'window' (TemporalMaxPooling): the 0-based frame inside the window along x, -1 when none;
 * - 'packed' (VolumetricMaxPooling): the (t, y, x) offsets from the window's start in bytes 0..2, 255
 *   each when none (exact in float32: below 2^24).
 * `index` finds each window's first maximum (NaN never wins, as THNN's `val > maxval`); `value` reads it
 * back through the saved index; `grad` gives each input element the gradOutputs of the windows whose
 * saved index points at it, in output order.
 */
import { KernelSource, RESULT_PARAMS, coords, ints, readParams } from './conv-launch.js';

/** How the argmax is saved. */
export type Encoding = 'plane' | 'window' | 'packed';

const WINDOW = ints('iT', 'iH', 'iW', 'kT', 'kH', 'kW', 'dT', 'dH', 'dW', 'pT', 'pH', 'pW', 'lT', 'lH', 'lW');

const ENCODE: Record<Encoding, string> = {
  plane: 'if (bt < 0) { return 0; }\n  return (bt * iH + by) * iW + bx + 1;',
  window: 'return bk;',
  packed: 'if (bt < 0) { return 16777215; }\n  return (bt - (ot * dT - pT)) + (by - (oy * dH - pH)) * 256 + (bx - (oz * dW - pW)) * 65536;',
};

/** Source setting (jt, jy, jx) to the input element saved index `v` of output (ot, oy, oz) points at, and `found`. */
const DECODE: Record<Encoding, string> = {
  plane: `const found = v > 0 ? 1 : 0;
  const r = v - 1;
  const jx = r % iW;
  const jy = Math.floor(r / iW) % iH;
  const jt = Math.floor(r / (iW * iH));`,
  window: `const found = v >= 0 ? 1 : 0;
  const jt = ot * dT - pT;
  const jy = oy * dH - pH;
  const jx = oz * dW - pW + v * lW;`,
  packed: `const mt = v % 256;
  const found = mt !== 255 ? 1 : 0;
  const jt = ot * dT - pT + mt;
  const jy = oy * dH - pH + Math.floor(v / 256) % 256;
  const jx = oz * dW - pW + Math.floor(v / 65536);`,
};

const index = (enc: Encoding): KernelSource => new KernelSource(`pool:maxIndex:${enc}`, {
  ...readParams('x'), ...WINDOW, ninf: 'Float', ...RESULT_PARAMS,
}, `${coords(['b', 'c', 'ot', 'oy', 'oz'])}
  let best = ninf;
  let bt = -1;
  let by = -1;
  let bx = -1;
  let bk = -1;
  for (let kt = 0; kt < kT; kt++) {
    const it = ot * dT - pT + kt * lT;
    if (it >= 0 && it < iT) {
      for (let kh = 0; kh < kH; kh++) {
        const iy = oy * dH - pH + kh * lH;
        if (iy >= 0 && iy < iH) {
          for (let kw = 0; kw < kW; kw++) {
            const ix = oz * dW - pW + kw * lW;
            if (ix >= 0 && ix < iW) {
              const v = x[xo + b * xs0 + c * xs1 + it * xs2 + iy * xs3 + ix * xs4];
              if (v > best) { best = v; bt = it; by = iy; bx = ix; bk = kw; }
            }
          }
        }
      }
    }
  }
  ${ENCODE[enc]}`);

const value = (enc: Encoding): KernelSource => new KernelSource(`pool:maxValue:${enc}`, {
  ...readParams('x'), ...readParams('ind'), ...WINDOW, ninf: 'Float', ...RESULT_PARAMS,
}, `${coords(['b', 'c', 'ot', 'oy', 'oz'])}
  const v = ind[indo + b * inds0 + c * inds1 + ot * inds2 + oy * inds3 + oz * inds4];
  ${DECODE[enc]}
  if (found === 0) { return ninf; }
  return x[xo + b * xs0 + c * xs1 + jt * xs2 + jy * xs3 + jx * xs4];`);

/** The first output along an axis whose window may hold input position `i` (clipped at 0). */
const first = (i: string, p: string, k: string, l: string, d: string): string => `Math.max(0, Math.ceil((${i} + ${p} - (${k} - 1) * ${l}) / ${d}))`;
/** One past the last output along an axis whose window may hold `i` (clipped at the output size). */
const last = (i: string, p: string, d: string, o: string): string => `Math.min(${o}, Math.floor((${i} + ${p}) / ${d}) + 1)`;

const grad = (enc: Encoding): KernelSource => new KernelSource(`pool:maxGrad:${enc}`, {
  ...readParams('g'), ...readParams('ind'), ...WINDOW, ...ints('oT', 'oH', 'oW'), ...RESULT_PARAMS,
}, `${coords(['b', 'c', 'it', 'iy', 'ix'])}
  const t0 = ${first('it', 'pT', 'kT', 'lT', 'dT')};
  const y0 = ${first('iy', 'pH', 'kH', 'lH', 'dH')};
  const x0 = ${first('ix', 'pW', 'kW', 'lW', 'dW')};
  const nt = ${last('it', 'pT', 'dT', 'oT')} - t0;
  const ny = ${last('iy', 'pH', 'dH', 'oH')} - y0;
  const nx = ${last('ix', 'pW', 'dW', 'oW')} - x0;
  let s = 0;
  for (let at = 0; at < nt; at++) {
    const ot = t0 + at;
    for (let ay = 0; ay < ny; ay++) {
      const oy = y0 + ay;
      for (let ax = 0; ax < nx; ax++) {
        const oz = x0 + ax;
        const v = ind[indo + b * inds0 + c * inds1 + ot * inds2 + oy * inds3 + oz * inds4];
        ${DECODE[enc].replace(/\n {2}/g, '\n        ')}
        if (found === 1 && jt === it && jy === iy && jx === ix) {
          s += g[go + b * gs0 + c * gs1 + ot * gs2 + oy * gs3 + oz * gs4];
        }
      }
    }
  }
  return s;`);

const cache = new Map<string, KernelSource>();
const get = (kind: string, enc: Encoding, make: (e: Encoding) => KernelSource): KernelSource => {
  const key = `${kind}:${enc}`;
  let k = cache.get(key);
  if (!k) cache.set(key, (k = make(enc)));
  return k;
};

/** The argmax kernel of an encoding. */
export const maxIndex = (enc: Encoding): KernelSource => get('index', enc, index);
/** The max value kernel (reads the saved index) of an encoding. */
export const maxValue = (enc: Encoding): KernelSource => get('value', enc, value);
/** The gradient kernel of an encoding. */
export const maxGrad = (enc: Encoding): KernelSource => get('grad', enc, grad);
