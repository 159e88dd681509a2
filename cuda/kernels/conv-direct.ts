/**
 * Direct convolution kernels over 5 logical dims (batch, channel, t, y, x), one thread per result
 * element, no unfolded buffers. With d the stride, p the padding and l the dilation of each axis:
 * - `gather`: r[b,o,t,y,x] = bias[o] + sum_{c,k} w[o,c,k] * x[b,c, t*dT - pT + kt*lT, ...]
 *   (a convolution's output; a full convolution's gradInput);
 * - `transposed`: r[b,c,t,y,x] = bias[c] + sum_{o,k: t = u*dT - pT + kt*lT} w[o,c,k] * g[b,o,u,...]
 *   (a convolution's gradInput; a full convolution's output);
 * - `weightGrad`: r[p,q,k] = old[p,q,k] + scale * sum_{b,t,y,x} a[b,p,t,y,x] * x[b,q, t*dT - pT + kt*lT, ...]
 *   (the weight gradient of both).
 * The weight is read through `wo + o*wr + c*wl + kt*wt + kh*wh + kw*ww`: wr is the stride of the
 * result's channel, wl of the channel summed over.
 */
import { KernelSource, RESULT_PARAMS, coords, ints, readParams, transposedTaps, type ArgType } from './conv-launch.js';

const GEOMETRY = ints('dT', 'dH', 'dW', 'pT', 'pH', 'pW', 'lT', 'lH', 'lW');
const WEIGHT: Record<string, ArgType> = { w: 'Array', ...ints('wo', 'wr', 'wl', 'wt', 'wh', 'ww') };
const BIAS: Record<string, ArgType> = { bias: 'Array', ...ints('bo', 'bs', 'hasBias') };
/** The weight element of result channel `r` and summed channel `l`. */
const wAt = (r: string, l: string): string => `w[wo + ${r} * wr + ${l} * wl + kt * wt + kh * wh + kw * ww]`;

/** The gather form: the source x has nL channels of iT x iH x iW. */
export const gather = new KernelSource('conv:gather', {
  ...readParams('x'), ...WEIGHT, ...BIAS, ...ints('nL', 'iT', 'iH', 'iW', 'kT', 'kH', 'kW'), ...GEOMETRY, ...RESULT_PARAMS,
}, `${coords(['b', 'o', 't', 'y', 'z'])}
  let s = 0;
  for (let c = 0; c < nL; c++) {
    for (let kt = 0; kt < kT; kt++) {
      const it = t * dT - pT + kt * lT;
      if (it >= 0 && it < iT) {
        for (let kh = 0; kh < kH; kh++) {
          const iy = y * dH - pH + kh * lH;
          if (iy >= 0 && iy < iH) {
            for (let kw = 0; kw < kW; kw++) {
              const ix = z * dW - pW + kw * lW;
              if (ix >= 0 && ix < iW) {
                s += ${wAt('o', 'c')} * x[xo + b * xs0 + c * xs1 + it * xs2 + iy * xs3 + ix * xs4];
              }
            }
          }
        }
      }
    }
  }
  if (hasBias > 0) { s += bias[bo + o * bs]; }
  return s;`);

/** The transposed form: the source g has nL channels of gT x gH x gW; the result channel is c. */
export const transposed = new KernelSource('conv:transposed', {
  ...readParams('g'), ...WEIGHT, ...BIAS, ...ints('nL', 'gT', 'gH', 'gW', 'kT', 'kH', 'kW'), ...GEOMETRY, ...RESULT_PARAMS,
}, `${coords(['b', 'c', 't', 'y', 'z'])}
  let s = 0;
  for (let o = 0; o < nL; o++) {
    ${transposedTaps(`s += ${wAt('c', 'o')} * g[go + b * gs0 + o * gs1 + ut * gs2 + uy * gs3 + ux * gs4];`)}
  }
  if (hasBias > 0) { s += bias[bo + c * bs]; }
  return s;`);

/**
 * The weight gradient: a (nB batches, aT x aH x aW positions) against x (of xT x xH x xW), added with
 * `scale` to the old gradient (read through its strides os0..os4 in (p, q, kt, kh, kw) order).
 */
export const weightGrad = new KernelSource('conv:weightGrad', {
  ...readParams('a'), ...readParams('x'), ...readParams('old'), scale: 'Float',
  ...ints('nB', 'aT', 'aH', 'aW', 'xT', 'xH', 'xW'), ...GEOMETRY, ...RESULT_PARAMS,
}, `${coords(['p', 'q', 'kt', 'kh', 'kw'])}
  let s = 0;
  for (let b = 0; b < nB; b++) {
    for (let t = 0; t < aT; t++) {
      const it = t * dT - pT + kt * lT;
      if (it >= 0 && it < xT) {
        for (let y = 0; y < aH; y++) {
          const iy = y * dH - pH + kh * lH;
          if (iy >= 0 && iy < xH) {
            for (let z = 0; z < aW; z++) {
              const ix = z * dW - pW + kw * lW;
              if (ix >= 0 && ix < xW) {
                s += a[ao + b * as0 + p * as1 + t * as2 + y * as3 + z * as4] * x[xo + b * xs0 + q * xs1 + it * xs2 + iy * xs3 + ix * xs4];
              }
            }
          }
        }
      }
    }
  }
  return old[oldo + p * olds0 + q * olds1 + kt * olds2 + kh * olds3 + kw * olds4] + scale * s;`);

/**
 * Per-channel sums of a (nB x aC x aT x aH x aW) added with `scale` to an old vector (a bias
 * gradient): r[c] = old[c] + scale * sum_{b,t,y,x} a[b,c,t,y,x].
 */
export const channelSum = new KernelSource('conv:channelSum', {
  ...readParams('a'), old: 'Array', ...ints('oldo', 'olds', 'nB', 'aT', 'aH', 'aW'), scale: 'Float',
}, `let s = 0;
  for (let b = 0; b < nB; b++) {
    for (let t = 0; t < aT; t++) {
      for (let y = 0; y < aH; y++) {
        for (let z = 0; z < aW; z++) { s += a[ao + b * as0 + i * as1 + t * as2 + y * as3 + z * as4]; }
      }
    }
  }
  return old[oldo + i * olds] + scale * s;`);
