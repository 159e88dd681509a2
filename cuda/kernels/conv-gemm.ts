/**
 * The GEMM path of the device convolutions (THNN's own scheme, on every image of the batch at once):
 * im2col into stacked columns, then the device GEMM (cuda/kernels/gemm.ts, vec4-packed on GL) with the
 * weight, and col2im where the result is an image. A convolution's output is W @ cols(input) (+ bias),
 * its gradInput col2im(W' @ gradOutput), its gradWeight the sum over images of gradOutput @ cols'; a
 * full convolution's output is col2im(W' @ input) (+ bias), its gradInput W @ cols(gradOutput), its
 * gradWeight the sum of input @ cols(gradOutput)'. Temporaries are freed before returning.
 */
import type { Tensor } from '../../lib/Tensor.js';
import { MAX_ELEMENTS, type Handle } from '../context.js';
import { commit } from './commit.js';
import { deviceOf, layout5, readArgs, resizeResult, resultArgs, view5, type View5 } from './conv-launch.js';
import type { ConvGeometry } from './conv-run.js';
import { groups, image, sizes, type Opt, type Shape, type WeightShape } from './conv-shape.js';
import { col2im, im2col } from './conv-unfold.js';
import { gemm, type MatOperand } from './gemm.js';

/** A matrix operand and what frees its temporary copy (if one was needed). */
interface Mat { m: MatOperand; release: () => void }

/** The stride that walks logical dims from..4 as one flattened index, or undefined when they do not share one. */
function flatStride(v: View5, from: number): number | undefined {
  let base: number | undefined, next = 0;
  for (let d = 4; d >= from; d--) {
    if (v.n[d] === 1) continue;
    if (base === undefined) base = v.s[d];
    else if (v.s[d] !== next) return undefined;
    next = v.s[d] * v.n[d];
  }
  return base ?? 1;
}

/** t seen through `view` as rows (logical dim `row`) x the flattened logical dims from..4, batch along dim 0. */
function matrix(t: Tensor, view: (t: Tensor) => View5, row: number, from: number): Mat {
  let v = view(t), s1 = flatStride(v, from), copy: Tensor | undefined;
  if (s1 === undefined) { copy = t.clone(); v = view(copy); s1 = flatStride(v, from)!; }
  return { m: { buf: v.buf, off: v.off, s0: v.s[row], s1, sb: v.s[0] }, release: () => { copy?.set(); } };
}

const imageMatrix = (t: Tensor, s: Shape): Mat => matrix(t, (x) => image(x, s), 1, 2);
const weightMatrix = (w: Tensor, ws: WeightShape): Mat => {
  const m = matrix(w, (x) => view5(x, ws.groups, ws.packed), 0, 1);
  return { m: { ...m.m, sb: 0 }, release: m.release };
};
const transpose = (m: MatOperand): MatOperand => ({ ...m, s0: m.s1, s1: m.s0 });
/** Stacked columns (rows x n per image) as the B operand, or transposed. */
const colsOperand = (h: Handle, rows: number, n: number, transposed = false): MatOperand =>
  (transposed ? { buf: h, off: 0, s0: 1, s1: n, sb: rows * n } : { buf: h, off: 0, s0: n, s1: 1, sb: rows * n });

const prod = (a: number[]): number => a.reduce((x, y) => x * y, 1);
const kernelSize = (g: ConvGeometry): number => g.k[0] * g.k[1] * g.k[2];

/** True when the columns and products of this convolution fit the device's exact indexing. */
export function gemmFits(s: Shape, g: ConvGeometry): boolean {
  const k = kernelSize(g), n = s.nb * Math.max(s.nIn, s.nOut) * k * Math.max(prod(s.iS), prod(s.oS));
  return n <= MAX_ELEMENTS / 2;
}

function geometryArgs(g: ConvGeometry): Record<string, number> {
  const [kT, kH, kW] = g.k, [dT, dH, dW] = g.d, [pT, pH, pW] = g.p, [lT, lH, lW] = g.l;
  return { kT, kH, kW, dT, dH, dW, pT, pH, pW, lT, lH, lW };
}

/** Stacked columns of image x (planes of `iS`) over the grid `gS`. */
function unfold(x: View5, planes: number, iS: number[], gS: number[], nb: number, g: ConvGeometry, like: Tensor): { h: Handle; n: number } {
  const K = planes * kernelSize(g), Ng = prod(gS), n = nb * K * Ng;
  const [iT, iH, iW] = iS, [gT, gH, gW] = gS;
  return { h: im2col.run(deviceOf(like), n, { ...readArgs('x', x), K, Ng, iT, iH, iW, gT, gH, gW, ...geometryArgs(g) }), n };
}

/** res (an image of `planes` planes, already sized) = col2im of stacked columns over the grid `gS`, plus bias. */
function fold(res: Tensor, s: Shape, h: Handle, planes: number, gS: number[], bias: Opt, g: ConvGeometry): void {
  const [gT, gH, gW] = gS, b = bias ? view5(bias, [[1]]) : undefined;
  col2im.into(res, {
    cols: h, K: planes * kernelSize(g), Ng: prod(gS), gT, gH, gW, ...geometryArgs(g),
    bias: b ? b.buf : h, bo: b ? b.off : 0, bs: b ? b.s[1] : 0, hasBias: b ? 1 : 0, ...resultArgs(layout5(res, groups(s))),
  });
}

/** bias as the beta * t term of an output nb x nOut x N: a view with zero strides (release with set()). */
const biasTerm = (bias: Tensor, s: Shape, n: number): Tensor =>
  bias.new().set(bias.storage(), bias.storageOffset(), [s.nb, s.nOut, n], [0, bias._stride[0], 0]);

/** The passes of a convolution (weight nOut x nIn x k) on the GEMM path. */
export const convGemm = {
  output(input: Tensor, output: Tensor, w: Tensor, ws: WeightShape, bias: Opt, s: Shape, g: ConvGeometry): void {
    const ctx = deviceOf(input), K = s.nIn * kernelSize(g), N = prod(s.oS);
    const cols = unfold(image(input, s), s.nIn, s.iS, s.oS, s.nb, g, input);
    const W = weightMatrix(w, ws), t = bias ? biasTerm(bias, s, N) : undefined;
    const h = gemm(ctx, { nb: s.nb, m: s.nOut, n: N, k: K, fold: 1, a: W.m, b: colsOperand(cols.h, K, N), alpha: 1, beta: t ? 1 : 0, t });
    ctx.free(cols.h, cols.n);
    W.release();
    t?.set();
    commit(resizeResult(output, sizes(s, s.nOut, s.oS)), h);
  },
  gradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, w: Tensor, ws: WeightShape, s: Shape, g: ConvGeometry): void {
    const ctx = deviceOf(input), K = s.nIn * kernelSize(g), N = prod(s.oS);
    const W = weightMatrix(w, ws), G = imageMatrix(gradOutput, s);
    const cols = gemm(ctx, { nb: s.nb, m: K, n: N, k: s.nOut, fold: 1, a: transpose(W.m), b: G.m, alpha: 1, beta: 0 });
    W.release();
    G.release();
    fold(resizeResult(gradInput, input._size), s, cols, s.nIn, s.oS, null, g);
    ctx.free(cols, s.nb * K * N);
  },
  gradWeight(input: Tensor, gradOutput: Tensor, gradWeight: Tensor, s: Shape, g: ConvGeometry, scale: number): void {
    const ctx = deviceOf(input), K = s.nIn * kernelSize(g), N = prod(s.oS);
    const cols = unfold(image(input, s), s.nIn, s.iS, s.oS, s.nb, g, input);
    const G = imageMatrix(gradOutput, s);
    const h = gemm(ctx, { nb: 1, m: s.nOut, n: K, k: N, fold: s.nb, a: G.m, b: colsOperand(cols.h, K, N, true), alpha: scale, beta: 1, t: gradWeight });
    ctx.free(cols.h, cols.n);
    G.release();
    commit(gradWeight, h);
  },
};

/** The passes of a full (transposed) convolution (weight nIn x nOut x k) on the GEMM path. */
export const fullGemm = {
  output(input: Tensor, output: Tensor, w: Tensor, ws: WeightShape, bias: Opt, s: Shape, g: ConvGeometry): void {
    const ctx = deviceOf(input), M = s.nOut * kernelSize(g), N = prod(s.iS);
    const W = weightMatrix(w, ws), X = imageMatrix(input, s);
    const cols = gemm(ctx, { nb: s.nb, m: M, n: N, k: s.nIn, fold: 1, a: transpose(W.m), b: X.m, alpha: 1, beta: 0 });
    W.release();
    X.release();
    fold(resizeResult(output, sizes(s, s.nOut, s.oS)), s, cols, s.nOut, s.iS, bias, g);
    ctx.free(cols, s.nb * M * N);
  },
  gradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, w: Tensor, ws: WeightShape, s: Shape, g: ConvGeometry): void {
    const ctx = deviceOf(input), M = s.nOut * kernelSize(g), N = prod(s.iS);
    const cols = unfold(image(gradOutput, s), s.nOut, s.oS, s.iS, s.nb, g, input);
    const W = weightMatrix(w, ws);
    const h = gemm(ctx, { nb: s.nb, m: s.nIn, n: N, k: M, fold: 1, a: W.m, b: colsOperand(cols.h, M, N), alpha: 1, beta: 0 });
    ctx.free(cols.h, cols.n);
    W.release();
    commit(resizeResult(gradInput, input._size), h);
  },
  gradWeight(input: Tensor, gradOutput: Tensor, gradWeight: Tensor, s: Shape, g: ConvGeometry, scale: number): void {
    const ctx = deviceOf(input), M = s.nOut * kernelSize(g), N = prod(s.iS);
    const cols = unfold(image(gradOutput, s), s.nOut, s.oS, s.iS, s.nb, g, input);
    const X = imageMatrix(input, s);
    const h = gemm(ctx, { nb: 1, m: s.nIn, n: M, k: N, fold: s.nb, a: X.m, b: colsOperand(cols.h, M, N, true), alpha: scale, beta: 1, t: gradWeight });
    ctx.free(cols.h, cols.n);
    X.release();
    commit(gradWeight, h);
  },
};
