/**
 * BatchNormalization on the device, over an input seen as (batch, feature, t, y, x): per-feature
 * reductions (one thread per feature looping over its batch x spatial elements), per-feature updates
 * (statistics, running averages, parameter gradients) and the elementwise passes. Per-feature vectors
 * are read as `v[vo + f * vs]`; an absent one has its flag at 0.
 */
import { KernelSource, RESULT_PARAMS, coords, ints, readParams, type ArgType } from './conv-launch.js';

/** The parameters of a per-feature vector `v`. */
export const vecParams = (v: string): Record<string, ArgType> => ({ [v]: 'Array', [`${v}o`]: 'Integer', [`${v}s`]: 'Integer' });
const at = (v: string, f = 'f'): string => `${v}[${v}o + ${f} * ${v}s]`;

/**
 * mode 0: sum x; 1: sum (x - m)^2; 2: sum g; 3: sum (x - m) * g; each divided by `div`. One thread per
 * feature, over nB x nT x nH x nW elements.
 */
export const reduce = new KernelSource('norm:reduce', {
  ...readParams('x'), ...readParams('g'), ...vecParams('m'), ...ints('nB', 'nT', 'nH', 'nW', 'mode'), div: 'Float',
}, `const mean = ${at('m', 'i')};
  let s = 0;
  for (let b = 0; b < nB; b++) {
    for (let t = 0; t < nT; t++) {
      for (let y = 0; y < nH; y++) {
        for (let z = 0; z < nW; z++) {
          const v = x[xo + b * xs0 + i * xs1 + t * xs2 + y * xs3 + z * xs4];
          const d = v - mean;
          if (mode === 0) { s += v; }
          if (mode === 1) { s += d * d; }
          if (mode === 2 || mode === 3) {
            const gv = g[go + b * gs0 + i * gs1 + t * gs2 + y * gs3 + z * gs4];
            if (mode === 2) { s += gv; } else { s += d * gv; }
          }
        }
      }
    }
  }
  return s / div;`);

/**
 * Per-feature updates from vectors p, q, r: mode 0: invstd = 1/sqrt(p/n + eps) (0 when p and eps are
 * 0); 1: momentum * p + (1 - momentum) * q (running mean); 2: momentum * p/(n-1) + (1 - momentum) * q
 * (running variance); 3: q + scale * p * r (gradWeight); 4: q + scale * p (gradBias); 5: q + scale * p
 * / sqrt(r + eps) (gradWeight in evaluation).
 */
export const update = new KernelSource('norm:update', {
  ...vecParams('p'), ...vecParams('q'), ...vecParams('r'), mode: 'Integer', n: 'Float', eps: 'Float', momentum: 'Float', scale: 'Float',
}, `const f = i;
  const pv = ${at('p')};
  const qv = ${at('q')};
  const rv = ${at('r')};
  if (mode === 0) {
    if (pv === 0 && eps === 0) { return 0; }
    return 1 / Math.sqrt(pv / n + eps);
  }
  if (mode === 1) { return momentum * pv + (1 - momentum) * qv; }
  if (mode === 2) { return momentum * (pv / (n - 1)) + (1 - momentum) * qv; }
  if (mode === 3) { return qv + scale * pv * rv; }
  if (mode === 4) { return qv + scale * pv; }
  return qv + scale * pv * (1 / Math.sqrt(rv + eps));`);

/** The invstd of feature f: saved (train) or from the running variance (evaluation). */
const INVSTD = `let invstd = ${at('v')};
  if (train === 0) { invstd = 1 / Math.sqrt(invstd + eps); }`;

/** output = ((x - mean) * invstd) * weight + bias, elementwise. */
export const output = new KernelSource('norm:output', {
  ...readParams('x'), ...vecParams('m'), ...vecParams('v'), ...vecParams('w'), ...vecParams('bb'),
  ...ints('train', 'hasW', 'hasB'), eps: 'Float', ...RESULT_PARAMS,
}, `${coords(['b', 'f', 't', 'y', 'z'])}
  ${INVSTD}
  let r = (x[xo + b * xs0 + f * xs1 + t * xs2 + y * xs3 + z * xs4] - ${at('m')}) * invstd;
  if (hasW > 0) { r = r * ${at('w')}; }
  if (hasB > 0) { r = r + ${at('bb')}; }
  return r;`);

/**
 * gradInput, elementwise: train: (g - sum/n - (x - mean) * k) * invstd * weight with k = dotp * invstd^2
 * / n; evaluation: g * invstd * weight.
 */
export const gradInput = new KernelSource('norm:gradInput', {
  ...readParams('x'), ...readParams('g'), ...vecParams('m'), ...vecParams('v'), ...vecParams('w'), ...vecParams('su'), ...vecParams('dp'),
  ...ints('train', 'hasW'), n: 'Float', eps: 'Float', ...RESULT_PARAMS,
}, `${coords(['b', 'f', 't', 'y', 'z'])}
  ${INVSTD}
  let wf = 1;
  if (hasW > 0) { wf = ${at('w')}; }
  const gv = g[go + b * gs0 + f * gs1 + t * gs2 + y * gs3 + z * gs4];
  if (train === 0) { return gv * invstd * wf; }
  const k = ${at('dp')} * invstd * invstd / n;
  const xv = x[xo + b * xs0 + f * xs1 + t * xs2 + y * xs3 + z * xs4];
  return (gv - ${at('su')} / n - (xv - ${at('m')}) * k) * invstd * wf;`);
