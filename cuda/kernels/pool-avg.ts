/**
 * Average and adaptive pooling on the device over 5 logical dims (batch, plane, t, y, x); planes are
 * (y, x). Gradients gather: each input element sums the contributions of the windows holding it, in
 * output order, as the CPU kernels add them.
 * - `avgOutput` / `avgGrad`: SpatialAveragePooling (divisor: the window clipped to the padded image when
 *   padding counts, else to the image);
 * - `adaptiveAvgOutput` / `adaptiveAvgGrad`: windows [floor(i*n/o), ceil((i+1)*n/o)) in exact integers
 *   (THNN's START_IND/END_IND);
 * - `adaptiveMax` / `adaptiveMaxGrad`: windows from a table (rows' starts, rows' ends, columns' starts,
 *   columns' ends) the host computes with THNN's float formula; indices hold the 1-based row (t = 0)
 *   and column (t = 1) of the maximum inside its window.
 */
import { KernelSource, RESULT_PARAMS, coords, ints, readParams } from './conv-launch.js';


/** Source declaring the window of output (oy, oz): hs..he x ws..we clipped, and its divisor `div`. */
const AVG_WINDOW = `let hs = oy * dH - pH;
    let ws = oz * dW - pW;
    let he = Math.min(hs + kH, iH + pH);
    let we = Math.min(ws + kW, iW + pW);
    const pool = (he - hs) * (we - ws);
    hs = Math.max(hs, 0);
    ws = Math.max(ws, 0);
    he = Math.min(he, iH);
    we = Math.min(we, iW);
    let div = (he - hs) * (we - ws);
    if (countPad > 0) { div = pool; }`;

const AVG = { ...ints('iH', 'iW', 'kH', 'kW', 'dH', 'dW', 'pH', 'pW', 'countPad'), ...RESULT_PARAMS };

export const avgOutput = new KernelSource('pool:avgOutput', { ...readParams('x'), ...AVG }, `${coords(['b', 'c', 't', 'oy', 'oz'])}
  ${AVG_WINDOW}
  let s = 0;
  for (let a = 0; a < he - hs; a++) {
    for (let e = 0; e < we - ws; e++) { s += x[xo + b * xs0 + c * xs1 + t * xs2 + (hs + a) * xs3 + (ws + e) * xs4]; }
  }
  return s / div;`);

export const avgGrad = new KernelSource('pool:avgGrad', { ...readParams('g'), ...AVG, ...ints('oH', 'oW') }, `${coords(['b', 'c', 't', 'y', 'z'])}
  const y0 = Math.max(0, Math.ceil((y + pH - kH + 1) / dH));
  const x0 = Math.max(0, Math.ceil((z + pW - kW + 1) / dW));
  const ny = Math.min(oH, Math.floor((y + pH) / dH) + 1) - y0;
  const nx = Math.min(oW, Math.floor((z + pW) / dW) + 1) - x0;
  let s = 0;
  for (let a = 0; a < ny; a++) {
    const oy = y0 + a;
    for (let e = 0; e < nx; e++) {
      const oz = x0 + e;
      ${AVG_WINDOW.replace(/\n {4}/g, '\n      ')}
      s += g[go + b * gs0 + c * gs1 + t * gs2 + oy * gs3 + oz * gs4] / div;
    }
  }
  return s;`);

const ADAPTIVE = { ...ints('iH', 'iW', 'oH', 'oW'), ...RESULT_PARAMS };

export const adaptiveAvgOutput = new KernelSource('pool:adaptiveAvgOutput', { ...readParams('x'), ...ADAPTIVE }, `${coords(['b', 'c', 't', 'oy', 'oz'])}
  const y0 = Math.floor((oy * iH) / oH);
  const x0 = Math.floor((oz * iW) / oW);
  const kh = Math.ceil(((oy + 1) * iH) / oH) - y0;
  const kw = Math.ceil(((oz + 1) * iW) / oW) - x0;
  let s = 0;
  for (let a = 0; a < kh; a++) {
    for (let e = 0; e < kw; e++) { s += x[xo + b * xs0 + c * xs1 + t * xs2 + (y0 + a) * xs3 + (x0 + e) * xs4]; }
  }
  return s / kw / kh;`);

export const adaptiveAvgGrad = new KernelSource('pool:adaptiveAvgGrad', { ...readParams('g'), ...ADAPTIVE }, `${coords(['b', 'c', 't', 'y', 'z'])}
  const i0 = Math.max(0, Math.floor(((y - 1) * oH) / iH));
  const j0 = Math.max(0, Math.floor(((z - 1) * oW) / iW));
  const ni = Math.min(oH, Math.ceil(((y + 2) * oH) / iH)) - i0;
  const nj = Math.min(oW, Math.ceil(((z + 2) * oW) / iW)) - j0;
  let s = 0;
  for (let a = 0; a < ni; a++) {
    const i1 = i0 + a;
    const ys = Math.floor((i1 * iH) / oH);
    const ye = Math.ceil(((i1 + 1) * iH) / oH);
    if (y >= ys && y < ye) {
      for (let e = 0; e < nj; e++) {
        const j1 = j0 + e;
        const xs = Math.floor((j1 * iW) / oW);
        const xe = Math.ceil(((j1 + 1) * iW) / oW);
        if (z >= xs && z < xe) { s += g[go + b * gs0 + c * gs1 + t * gs2 + i1 * gs3 + j1 * gs4] / (xe - xs) / (ye - ys); }
      }
    }
  }
  return s;`);

/** The adaptive max of output (oy, oz): `mi` the 0-based offset of the first maximum in its window (-1: none). */
const ADAPTIVE_MAX = `const y0 = tab[oy];
  const kh = tab[oH + oy] - y0;
  const x0 = tab[2 * oH + oz];
  const kw = tab[2 * oH + oW + oz] - x0;
  let best = -3.4028234663852886e38;
  let mi = -1;
  for (let a = 0; a < kh; a++) {
    for (let e = 0; e < kw; e++) {
      const v = x[xo + b * xs0 + c * xs1 + (y0 + a) * xs3 + (x0 + e) * xs4];
      if (v > best) { best = v; mi = a * kw + e; }
    }
  }`;

/** mode 0: the maximum; 1: the index tensor (t = 0 the 1-based row, t = 1 the column; THNN's values when none). */
export const adaptiveMax = new KernelSource('pool:adaptiveMax', { ...readParams('x'), tab: 'Array', ...ADAPTIVE, mode: 'Integer' },
  `${coords(['b', 'c', 't', 'oy', 'oz'])}
  ${ADAPTIVE_MAX}
  if (mode === 0) { return best; }
  if (mi < 0) {
    if (t === 0) { return kw === 1 ? 0 : 1; }
    return kw === 1 ? 1 : 0;
  }
  if (t === 0) { return Math.floor(mi / kw) + 1; }
  return mi % kw + 1;`);

/** gradInput: the gradOutputs of the windows whose saved (row, column) is this element. */
export const adaptiveMaxGrad = new KernelSource('pool:adaptiveMaxGrad', { ...readParams('g'), ...readParams('ind'), tab: 'Array', ...ADAPTIVE },
  `${coords(['b', 'c', 't', 'y', 'z'])}
  const i0 = Math.max(0, Math.floor(((y - 1) * oH) / iH));
  const j0 = Math.max(0, Math.floor(((z - 1) * oW) / iW));
  const ni = Math.min(oH, Math.ceil(((y + 2) * oH) / iH)) - i0;
  const nj = Math.min(oW, Math.ceil(((z + 2) * oW) / iW)) - j0;
  let s = 0;
  for (let a = 0; a < ni; a++) {
    const i1 = i0 + a;
    const ys = tab[i1];
    for (let e = 0; e < nj; e++) {
      const j1 = j0 + e;
      const at = b * inds0 + c * inds1 + i1 * inds3 + j1 * inds4;
      const row = ind[indo + at] - 1 + ys;
      const col = ind[indo + inds2 + at] - 1 + tab[2 * oH + j1];
      if (row === y && col === z) { s += g[go + b * gs0 + c * gs1 + i1 * gs3 + j1 * gs4]; }
    }
  }
  return s;`);
