/**
 * Padding and upsampling on the device over 5 logical dims (batch, plane, t, y, x); planes are (y, x).
 * Along an axis padded by `pa` before, output j reads input m(j - pa): reflection m(p) = |p| mirrored at
 * both ends, replication m(p) = p clamped. Gradients gather, each input element summing the outputs
 * that read it in output order (the order of the CPU kernels' additions).
 */
import { KernelSource, RESULT_PARAMS, coords, ints, readParams, type ArgType } from './conv-launch.js';

/** `cond ? a : b` as arithmetic (GLSL has no ternary over an int and a float; the values are small integers). */
const sel = (cond: string, a: string, b: string): string => `(${b} + (${cond} ? 1 : 0) * ((${a}) - (${b})))`;

/** Padding modes. */
export type PadMode = 'reflect' | 'replicate';

const MAP: Record<PadMode, (p: string, n: string) => string> = {
  reflect: (p, n) => `(${p} < 0 ? -${p} : (${p} < ${n} ? ${p} : 2 * (${n} - 1) - ${p}))`,
  replicate: (p, n) => `Math.min(Math.max(${p}, 0), ${n} - 1)`,
};

const PAD = { ...ints('iH', 'iW', 'oH', 'oW', 'pT', 'pL'), ...RESULT_PARAMS };

const padOutput = (mode: PadMode): KernelSource => new KernelSource(`pool:pad:${mode}`, { ...readParams('x'), ...PAD },
  `${coords(['b', 'c', 't', 'oy', 'oz'])}
  const py = oy - pT;
  const pz = oz - pL;
  return x[xo + b * xs0 + c * xs1 + t * xs2 + ${MAP[mode]('py', 'iH')} * xs3 + ${MAP[mode]('pz', 'iW')} * xs4];`);

/**
 * The padded positions p (output j = p + pa, inside [-pa, n + pb)) reading input i, ascending: for
 * reflection up to three (-i, i, 2(n-1) - i), for replication a run (the whole padding at each end).
 * Declares `<v>a`, `<v>n` (run start, length; reflection: 3 candidates) and a validity test.
 */
function candidates(mode: PadMode, v: string, i: string, n: string, lo: string, hi: string): { decl: string; at: (k: string) => string; ok: (k: string, p: string) => string } {
  if (mode === 'replicate') {
    return {
      decl: `const ${v}a = Math.max(${sel(`${i} === 0`, lo, i)}, ${lo});
  const ${v}n = Math.min(${sel(`${i} === ${n} - 1`, `${hi} - 1`, i)}, ${hi} - 1) - ${v}a + 1;`,
      at: (k) => `${v}a + ${k}`,
      ok: (_k, p) => `${p} >= ${lo}`,
    };
  }
  return {
    decl: `const ${v}n = 3;`,
    at: (k) => `(${k} === 0 ? -${i} : (${k} === 1 ? ${i} : 2 * (${n} - 1) - ${i}))`,
    ok: (k, p) => `${p} >= ${lo} && ${p} < ${hi} && (${k} === 1 || (${k} === 0 && ${i} > 0) || (${k} === 2 && ${i} < ${n} - 1))`,
  };
}

const padGrad = (mode: PadMode): KernelSource => {
  const r = candidates(mode, 'r', 'y', 'iH', '-pT', 'oH - pT'), q = candidates(mode, 'q', 'z', 'iW', '-pL', 'oW - pL');
  return new KernelSource(`pool:padGrad:${mode}`, { ...readParams('g'), ...PAD }, `${coords(['b', 'c', 't', 'y', 'z'])}
  ${r.decl}
  ${q.decl}
  let s = 0;
  for (let a = 0; a < rn; a++) {
    const pr = ${r.at('a')};
    if (${r.ok('a', 'pr')}) {
      for (let e = 0; e < qn; e++) {
        const pq = ${q.at('e')};
        if (${q.ok('e', 'pq')}) { s += g[go + b * gs0 + c * gs1 + t * gs2 + (pr + pT) * gs3 + (pq + pL) * gs4]; }
      }
    }
  }
  return s;`);
};

const pads = new Map<string, KernelSource>();
/** The padding kernel of a mode: `output` or `grad`. */
export function padKernel(mode: PadMode, pass: 'output' | 'grad'): KernelSource {
  const key = `${mode}:${pass}`;
  let k = pads.get(key);
  if (!k) pads.set(key, (k = pass === 'output' ? padOutput(mode) : padGrad(mode)));
  return k;
}

/** Nearest: output (y, x) reads input (floor(y / s), floor(x / s)). */
export const nearestOutput = new KernelSource('pool:nearest', { ...readParams('x'), scale: 'Integer', ...RESULT_PARAMS },
  `${coords(['b', 'c', 't', 'oy', 'oz'])}
  return x[xo + b * xs0 + c * xs1 + t * xs2 + Math.floor(oy / scale) * xs3 + Math.floor(oz / scale) * xs4];`);

/** Nearest's gradient: the sum of the scale x scale block (rows outer). */
export const nearestGrad = new KernelSource('pool:nearestGrad', { ...readParams('g'), scale: 'Integer', ...RESULT_PARAMS },
  `${coords(['b', 'c', 't', 'y', 'z'])}
  let s = 0;
  for (let a = 0; a < scale; a++) {
    for (let e = 0; e < scale; e++) { s += g[go + b * gs0 + c * gs1 + t * gs2 + (y * scale + a) * gs3 + (z * scale + e) * gs4]; }
  }
  return s;`);

/** Source declaring, for output `o` along an axis of ratio `r`: input `<v>1`, step `<v>p` (0 at the end), weights `<v>l0`, `<v>l1`. */
const lerp = (v: string, o: string, r: string, n: string): string => `const ${v}r = ${r} * ${o};
  const ${v}1 = Math.floor(${v}r);
  const ${v}p = ${v}1 < ${n} - 1 ? 1 : 0;
  const ${v}l1 = ${v}r - ${v}1;
  const ${v}l0 = 1 - ${v}l1;`;

const BILINEAR = { ...ints('iH', 'iW', 'oH', 'oW'), rh: 'Float' as ArgType, rw: 'Float' as ArgType, ...RESULT_PARAMS };

/** Bilinear interpolation with aligned corners; rh, rw: THNN's float ratios (in - 1) / (out - 1), 0 for one output. */
export const bilinearOutput = new KernelSource('pool:bilinear', { ...readParams('x'), ...BILINEAR }, `${coords(['b', 'c', 't', 'oy', 'oz'])}
  ${lerp('h', 'oy', 'rh', 'iH')}
  ${lerp('w', 'oz', 'rw', 'iW')}
  const base = xo + b * xs0 + c * xs1 + t * xs2 + h1 * xs3 + w1 * xs4;
  const dy = hp * xs3;
  const dx = wp * xs4;
  return hl0 * (wl0 * x[base] + wl1 * x[base + dx]) + hl1 * (wl0 * x[base + dy] + wl1 * x[base + dy + dx]);`);

/** The outputs along an axis that may read input `i`: a run around i / r (all of them when r is 0). */
const around = (v: string, i: string, r: string, o: string): string => `const ${v}a = ${sel(`${r} > 0`, `Math.max(0, Math.floor((${i} - 1) / ${r}) - 1)`, '0')};
  const ${v}n = ${sel(`${r} > 0`, `Math.min(${o} - 1, Math.ceil((${i} + 1) / ${r}) + 1)`, `${o} - 1`)} - ${v}a + 1;`;

export const bilinearGrad = new KernelSource('pool:bilinearGrad', { ...readParams('g'), ...BILINEAR }, `${coords(['b', 'c', 't', 'y', 'z'])}
  ${around('A', 'y', 'rh', 'oH')}
  ${around('B', 'z', 'rw', 'oW')}
  let s = 0;
  for (let a = 0; a < An; a++) {
    const oy = Aa + a;
    ${lerp('h', 'oy', 'rh', 'iH').replace(/\n {2}/g, '\n    ')}
    if (h1 === y || h1 + hp === y) {
      for (let e = 0; e < Bn; e++) {
        const oz = Ba + e;
        ${lerp('w', 'oz', 'rw', 'iW').replace(/\n {2}/g, '\n        ')}
        const v = g[go + b * gs0 + c * gs1 + t * gs2 + oy * gs3 + oz * gs4];
        if (h1 === y && w1 === z) { s += hl0 * wl0 * v; }
        if (h1 === y && w1 + wp === z) { s += hl0 * wl1 * v; }
        if (h1 + hp === y && w1 === z) { s += hl1 * wl0 * v; }
        if (h1 + hp === y && w1 + wp === z) { s += hl1 * wl1 * v; }
      }
    }
  }
  return s;`);
