/**
 * im2col / col2im on the device (THNN's unfolded_copy / unfolded_acc, with dilation and a t axis), for
 * the GEMM path of the convolutions. The columns of image b are a (C*kT*kH*kW) x (gT*gH*gW) matrix,
 * rows (c, kt, kh, kw), columns the positions u of the grid the kernel slides over; the columns of
 * every image are stacked: element (b, row, u) at (b * K + row) * Ng + u. Grid position u and kernel
 * offset k read image position u * d - p + k * l (zero outside the image).
 */
import { KernelSource, RESULT_PARAMS, coords, ints, readParams, transposedTaps } from './conv-launch.js';

const GEOMETRY = ints('kT', 'kH', 'kW', 'dT', 'dH', 'dW', 'pT', 'pH', 'pW', 'lT', 'lH', 'lW');

/** The columns of the images x (sizes iT x iH x iW) over a gT x gH x gW grid; one thread per element. */
export const im2col = new KernelSource('conv:im2col', {
  ...readParams('x'), ...ints('K', 'Ng', 'iT', 'iH', 'iW', 'gT', 'gH', 'gW'), ...GEOMETRY,
}, `const u = i % Ng;
  const row = Math.floor(i / Ng) % K;
  const b = Math.floor(i / (Ng * K));
  const kw = row % kW;
  const kh = Math.floor(row / kW) % kH;
  const kt = Math.floor(row / (kW * kH)) % kT;
  const c = Math.floor(row / (kW * kH * kT));
  const ux = u % gW;
  const uy = Math.floor(u / gW) % gH;
  const ut = Math.floor(u / (gW * gH));
  const it = ut * dT - pT + kt * lT;
  const iy = uy * dH - pH + kh * lH;
  const ix = ux * dW - pW + kw * lW;
  if (it < 0 || it >= iT || iy < 0 || iy >= iH || ix < 0 || ix >= iW) { return 0; }
  return x[xo + b * xs0 + c * xs1 + it * xs2 + iy * xs3 + ix * xs4];`);

/**
 * The image (b, c, t, y, x) back from its columns (a gT x gH x gW grid), summing every (kernel offset,
 * grid position) that reads it, plus bias[c] when hasBias: THNN's col2im as a gather.
 */
export const col2im = new KernelSource('conv:col2im', {
  cols: 'Array', ...ints('K', 'Ng', 'gT', 'gH', 'gW'), ...GEOMETRY,
  bias: 'Array', ...ints('bo', 'bs', 'hasBias'), ...RESULT_PARAMS,
}, `${coords(['b', 'c', 't', 'y', 'z'])}
  let s = 0;
  ${transposedTaps('s += cols[(b * K + ((c * kT + kt) * kH + kh) * kW + kw) * Ng + (ut * gH + uy) * gW + ux];')}
  if (hasBias > 0) { s += bias[bo + c * bs]; }
  return s;`);
