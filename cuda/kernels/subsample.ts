/**
 * Device kernels of SpatialSubSampling / TemporalSubSampling (per-plane weighted window sums) and
 * SpatialConvolutionMap (a convolution through a connection table), over 5 logical dims (batch, plane,
 * t, y, x), one thread per result element:
 * - `subOutput`: r[b,c,t,y,x] = bias[c] + w[c] * sum of the kH x kW window at (y*dH, x*dW);
 * - `subGrad`: r[b,c,t,y,x] = w[c] * sum of gradOutput over the windows holding (y, x);
 * - `subWeight`: r[c] = old[c] + scale * sum_{b,y,x} gradOutput[b,c,y,x] * (window sum), r contiguous;
 * - `mapOutput` / `mapGrad` / `mapWeight`: the same with connTable rows k (1-based [in, out] floats,
 *   read through strides cs0, cs1) and one kH x kW kernel per row, read through strides ws0, ws3, ws4.
 */
import { KernelSource, RESULT_PARAMS, coords, ints, readParams, type ArgType } from './conv-launch.js';

const WIN = ints('kH', 'kW', 'dH', 'dW');
const PLANE_W: Record<string, ArgType> = { w: 'Array', ...ints('wo', 'ws') };

/** Loops `body` over the outputs (oy, oz) whose window holds input (y, z), with (ky, kx) its tap. */
const windowsOf = (body: string): string => `const y0 = Math.max(0, Math.ceil((y - kH + 1) / dH));
  const x0 = Math.max(0, Math.ceil((z - kW + 1) / dW));
  const ny = Math.min(oH, Math.floor(y / dH) + 1) - y0;
  const nx = Math.min(oW, Math.floor(z / dW) + 1) - x0;
  for (let a = 0; a < ny; a++) {
    const oy = y0 + a;
    const ky = y - oy * dH;
    for (let e = 0; e < nx; e++) {
      const oz = x0 + e;
      const kx = z - oz * dW;
      ${body}
    }
  }`;

export const subOutput = new KernelSource('sub:output', {
  ...readParams('x'), ...PLANE_W, bias: 'Array', ...ints('biaso', 'biass'), ...WIN, ...RESULT_PARAMS,
}, `${coords(['b', 'c', 't', 'oy', 'oz'])}
  let s = 0;
  for (let ky = 0; ky < kH; ky++) {
    for (let kx = 0; kx < kW; kx++) { s += x[xo + b * xs0 + c * xs1 + t * xs2 + (oy * dH + ky) * xs3 + (oz * dW + kx) * xs4]; }
  }
  return bias[biaso + c * biass] + w[wo + c * ws] * s;`);

export const subGrad = new KernelSource('sub:grad', {
  ...readParams('g'), ...PLANE_W, ...WIN, ...ints('oH', 'oW'), ...RESULT_PARAMS,
}, `${coords(['b', 'c', 't', 'y', 'z'])}
  let s = 0;
  ${windowsOf('s += g[go + b * gs0 + c * gs1 + t * gs2 + oy * gs3 + oz * gs4];')}
  return w[wo + c * ws] * s;`);

export const subWeight = new KernelSource('sub:weight', {
  ...readParams('g'), ...readParams('x'), old: 'Array', ...ints('oldo', 'olds', 'nB', 'oH', 'oW'), ...WIN, scale: 'Float',
}, `let s = 0;
  for (let b = 0; b < nB; b++) {
    for (let oy = 0; oy < oH; oy++) {
      for (let oz = 0; oz < oW; oz++) {
        let ws = 0;
        for (let ky = 0; ky < kH; ky++) {
          for (let kx = 0; kx < kW; kx++) { ws += x[xo + b * xs0 + i * xs1 + (oy * dH + ky) * xs3 + (oz * dW + kx) * xs4]; }
        }
        s += g[go + b * gs0 + i * gs1 + oy * gs3 + oz * gs4] * ws;
      }
    }
  }
  return old[oldo + i * olds] + scale * s;`);

const CONN: Record<string, ArgType> = { conn: 'Array', ...ints('co', 'cs0', 'cs1', 'nK') };
const KERNELS: Record<string, ArgType> = { w: 'Array', ...ints('wo', 'ws0', 'ws3', 'ws4') };

export const mapOutput = new KernelSource('map:output', {
  ...readParams('x'), ...KERNELS, ...CONN, bias: 'Array', ...ints('biaso', 'biass'), ...WIN, ...RESULT_PARAMS,
}, `${coords(['b', 'p', 't', 'oy', 'oz'])}
  let s = bias[biaso + p * biass];
  for (let k = 0; k < nK; k++) {
    if (conn[co + k * cs0 + cs1] - 1 === p) {
      const ip = conn[co + k * cs0] - 1;
      for (let ky = 0; ky < kH; ky++) {
        for (let kx = 0; kx < kW; kx++) {
          s += x[xo + b * xs0 + ip * xs1 + (oy * dH + ky) * xs3 + (oz * dW + kx) * xs4] * w[wo + k * ws0 + ky * ws3 + kx * ws4];
        }
      }
    }
  }
  return s;`);

export const mapGrad = new KernelSource('map:grad', {
  ...readParams('g'), ...KERNELS, ...CONN, ...WIN, ...ints('oH', 'oW'), ...RESULT_PARAMS,
}, `${coords(['b', 'c', 't', 'y', 'z'])}
  let s = 0;
  for (let k = 0; k < nK; k++) {
    if (conn[co + k * cs0] - 1 === c) {
      const op = conn[co + k * cs0 + cs1] - 1;
      ${windowsOf('s += g[go + b * gs0 + op * gs1 + oy * gs3 + oz * gs4] * w[wo + k * ws0 + ky * ws3 + kx * ws4];')}
    }
  }
  return s;`);

/** r (contiguous nK x kH x kW) = old + scale * sum_{b,oy,oz} gradOutput[b, out(k)] * input[b, in(k), window tap]. */
export const mapWeight = new KernelSource('map:weight', {
  ...readParams('g'), ...readParams('x'), ...CONN, old: 'Array', ...ints('oldo', 'nB', 'oH', 'oW'), ...WIN, scale: 'Float',
}, `const k = Math.floor(i / (kH * kW));
  const r = i - k * kH * kW;
  const ky = Math.floor(r / kW);
  const kx = r - ky * kW;
  const ip = conn[co + k * cs0] - 1;
  const op = conn[co + k * cs0 + cs1] - 1;
  let s = 0;
  for (let b = 0; b < nB; b++) {
    for (let oy = 0; oy < oH; oy++) {
      for (let oz = 0; oz < oW; oz++) {
        s += g[go + b * gs0 + op * gs1 + oy * gs3 + oz * gs4] * x[xo + b * xs0 + ip * xs1 + (oy * dH + ky) * xs3 + (oz * dW + kx) * xs4];
      }
    }
  }
  return old[oldo + i] + scale * s;`);
