/**
 * Shapes of the device convolutions: output sizes as each CPU kernel computes them, the logical views
 * of images and weights, and the argument checks (a failed check makes the device kernel DECLINE, so
 * that the CPU kernel raises Torch's error).
 */
import type { Tensor } from '../../lib/Tensor.js';
import { sameDevice } from '../ops/run.js';
import { view5, type View5 } from './conv-launch.js';
import { imageGroups, type ConvGeometry } from './conv-run.js';

/** An optional tensor argument. */
export type Opt = Tensor | null | undefined;

/** True when every present tensor is a CudaTensor on one device. */
export const onDevice = (...ts: Opt[]): boolean => sameDevice(...ts.filter((t) => t));

/** The shapes of one convolution: batch, planes, and sizes along (t, y, x) of its input and output. */
export interface Shape { batch: boolean; nb: number; nIn: number; nOut: number; iS: number[]; oS: number[]; vol: boolean }

/** Output size along an axis: of a convolution (floor or trunc, as the CPU kernel), or of a full one. */
export type OutSize = (n: number, k: number, d: number, p: number, l: number, adj: number) => number;
export const floorOut: OutSize = (n, k, d, p, l) => Math.floor((n + 2 * p - (l * (k - 1) + 1)) / d) + 1;
export const truncOut: OutSize = (n, k, d, p, l) => Math.trunc((n + 2 * p - (l * (k - 1) + 1)) / d) + 1;
export const fullOut: OutSize = (n, k, d, p, l, adj) => (n - 1) * d - 2 * p + (l * (k - 1) + 1) + adj;

/** The geometry, or undefined when a kernel size, stride or dilation is not positive. */
export const geometry = (k: number[], d: number[], p: number[], l: number[]): ConvGeometry | undefined =>
  [...k, ...d, ...l].every((v) => Number.isInteger(v) && v > 0) ? { k, d, p, l } : undefined;

/** A 2-D geometry in THNN's argument order. */
export const g2 = (kW: number, kH: number, dW: number, dH: number, padW: number, padH: number, dilW = 1, dilH = 1): ConvGeometry | undefined =>
  geometry([1, kH, kW], [1, dH, dW], [0, padH, padW], [1, dilH, dilW]);

/** The shapes, or undefined where the CPU kernel raises an error. */
export function shape(input: Tensor, nIn: number, nOut: number, g: ConvGeometry | undefined, vol: boolean, out: OutSize, adj = [0, 0, 0]): Shape | undefined {
  const base = vol ? 4 : 3;
  if (!g || (input.dim() !== base && input.dim() !== base + 1)) return undefined;
  const batch = input.dim() === base + 1, f = batch ? 1 : 0;
  if (input._size[f] !== nIn) return undefined;
  const iS = vol ? input._size.slice(f + 1, f + 4) : [1, ...input._size.slice(f + 1, f + 3)];
  const oS = iS.map((n, a) => out(n, g.k[a], g.d[a], g.p[a], g.l[a], adj[a]));
  if (oS.some((n) => n < 1)) return undefined;
  return { batch, nb: batch ? input._size[0] : 1, nIn, nOut, iS, oS, vol };
}

/** The sizes of a tensor of `planes` planes of (t, y, x) sizes `sp`, in the input's layout. */
export const sizes = (s: Shape, planes: number, sp: number[]): number[] => [...(s.batch ? [s.nb] : []), planes, ...(s.vol ? sp : sp.slice(1))];

/** The logical groups of the images of this convolution. */
export const groups = (s: Shape): number[][] => imageGroups(s.batch ? (s.vol ? 5 : 4) : (s.vol ? 4 : 3), s.vol);

/** The logical view of an image of this convolution. */
export const image = (t: Tensor, s: Shape): View5 => view5(t, groups(s));

/** t has the given planes and (t, y, x) sizes in the input's layout. */
export const fits = (t: Tensor, s: Shape, planes: number, sp: number[]): boolean => t.isSize(sizes(s, planes, sp));

/** A weight seen as (a, b, kt, kh, kw): its groups, the packed sizes, A and B. */
export interface WeightShape { groups: number[][]; packed: Record<number, number>; a: number; b: number }

/**
 * A weight A x B x k (or, where `flat`, 2-D A x (B*k)) seen as (a, b, kt, kh, kw); undefined when it has
 * another shape.
 */
export function weightShape(w: Tensor, k: number[], vol: boolean, flat = true): WeightShape | undefined {
  const kn = k[0] * k[1] * k[2], a = w._size[0];
  if (w.dim() === 2 && flat) {
    const b = w._size[1] / kn;
    if (!Number.isInteger(b)) return undefined;
    return { groups: [[0], vol ? [1, 2, 3, 4] : [1, 3, 4]], packed: { 1: b, 2: k[0], 3: k[1], 4: k[2] }, a, b };
  }
  const kd = vol ? k : k.slice(1);
  if (w.dim() !== 2 + kd.length || kd.some((n, j) => w._size[2 + j] !== n)) return undefined;
  return { groups: vol ? [[0], [1], [2], [3], [4]] : [[0], [1], [3], [4]], packed: {}, a, b: w._size[1] };
}

/** The bias (if any) is a vector of n. */
export const biasOk = (bias: Opt, n: number): boolean => !bias || (bias.dim() === 1 && bias._size[0] === n);
