/**
 * The device convolutions as THNN calls them: a convolution (weight nOut x nIn x k) and a full one
 * (weight nIn x nOut x k), with their parameter gradients. Two paths: im2col + the device GEMM
 * (conv-gemm.ts; the default where the GEMM is the vec4-packed GL one) and the direct kernels
 * (conv-direct.ts: a convolution's output by the gather kernel, its gradInput by the transposed one, a
 * full convolution the other way round; the default elsewhere, and for columns too big to index).
 * Each returns DECLINE where the CPU kernel raises.
 */
import { DECLINE } from '../../lib/dispatch.js';
import type { Tensor } from '../../lib/Tensor.js';
import { deviceOf, resizeResult, view5 } from './conv-launch.js';
import { convGemm, fullGemm, gemmFits } from './conv-gemm.js';
import { runChannelSum, runGather, runTransposed, runWeightGrad, type ConvGeometry } from './conv-run.js';
import { tiledMode } from './gemm.js';
import { biasOk, fits, fullOut, groups, image, onDevice, shape, sizes, weightShape, type Opt, type OutSize, type Shape, type WeightShape } from './conv-shape.js';

type Result = void | typeof DECLINE;

/** A family's three passes; `adj` only for full convolutions. */
export interface ConvFamily {
  output(input: Tensor, output: Tensor, w: Tensor, bias: Opt, g: ConvGeometry | undefined, adj?: number[]): Result;
  gradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, w: Tensor, g: ConvGeometry | undefined, adj?: number[]): Result;
  acc(input: Tensor, gradOutput: Tensor, gradWeight: Tensor, gradBias: Opt, g: ConvGeometry | undefined, scale: number, adj?: number[]): Result;
}

interface Setup { s: Shape; w: WeightShape; g: ConvGeometry }

/** Which path the convolutions take: 'auto' (GEMM on GL, direct elsewhere), or one of them forced. */
export const convPath: { mode: 'auto' | 'direct' | 'gemm' } = { mode: 'auto' };

const useGemm = (t: Tensor, c: Setup): boolean =>
  (convPath.mode === 'gemm' || (convPath.mode === 'auto' && tiledMode(deviceOf(t)))) && gemmFits(c.s, c.g);

/**
 * A family: `full` for transposed convolutions; `flat` accepts 2-D weights; `contiguousGrads` refuses
 * non-contiguous gradWeight/gradBias, as the CPU kernel does.
 */
export function convFamily(vol: boolean, out: OutSize, opts: { full?: boolean; flat?: boolean; contiguousGrads?: boolean } = {}): ConvFamily {
  const full = opts.full ?? false;
  const setup = (input: Tensor, w: Tensor, g: ConvGeometry | undefined, adj = [0, 0, 0]): Setup | undefined => {
    const ws = g && weightShape(w, g.k, vol, opts.flat ?? true);
    if (!ws || !g) return undefined;
    if (full && !adj.every((a, j) => a < g.d[j] || a < g.l[j])) return undefined;
    const s = full ? shape(input, ws.a, ws.b, g, vol, fullOut, adj) : shape(input, ws.b, ws.a, g, vol, out);
    return s && { s, w: ws, g };
  };
  const wview = (w: Tensor, c: Setup) => view5(w, c.w.groups, c.w.packed);
  return {
    output(input, output, w, bias, g, adj) {
      const c = onDevice(input, output, w, bias) ? setup(input, w, g, adj) : undefined;
      if (!c || !biasOk(bias, c.s.nOut)) return DECLINE;
      if (useGemm(input, c)) { (full ? fullGemm : convGemm).output(input, output, w, c.w, bias, c.s, c.g); return; }
      resizeResult(output, sizes(c.s, c.s.nOut, c.s.oS));
      const o = { src: image(input, c.s), channels: c.s.nIn, sizes: c.s.iS, weight: wview(w, c), resDim: (full ? 1 : 0) as 0 | 1 };
      (full ? runTransposed : runGather)(output, groups(c.s), o, bias, c.g);
    },
    gradInput(input, gradOutput, gradInput, w, g, adj) {
      const c = onDevice(input, gradOutput, gradInput, w) ? setup(input, w, g, adj) : undefined;
      if (!c || !fits(gradOutput, c.s, c.s.nOut, c.s.oS)) return DECLINE;
      if (useGemm(input, c)) { (full ? fullGemm : convGemm).gradInput(input, gradOutput, gradInput, w, c.w, c.s, c.g); return; }
      resizeResult(gradInput, input._size);
      const o = { src: image(gradOutput, c.s), channels: c.s.nOut, sizes: c.s.oS, weight: wview(w, c), resDim: (full ? 0 : 1) as 0 | 1 };
      (full ? runGather : runTransposed)(gradInput, groups(c.s), o, null, c.g);
    },
    acc(input, gradOutput, gradWeight, gradBias, g, scale, adj) {
      const c = onDevice(input, gradOutput, gradWeight, gradBias) ? setup(input, gradWeight, g, adj) : undefined;
      if (!c || !fits(gradOutput, c.s, c.s.nOut, c.s.oS) || !biasOk(gradBias, c.s.nOut)) return DECLINE;
      if (opts.contiguousGrads && (!gradWeight.isContiguous() || (gradBias && !gradBias.isContiguous()))) return DECLINE;
      const x = image(input, c.s), go = image(gradOutput, c.s);
      // gradWeight[p, q, k]: p runs over the weight's first dim (nOut, or nIn for a full convolution)
      if (useGemm(input, c) && gradWeight.isContiguous()) (full ? fullGemm : convGemm).gradWeight(input, gradOutput, gradWeight, c.s, c.g, scale);
      else if (full) runWeightGrad(gradWeight, c.w.groups, c.w.packed, x, c.s.nb, c.s.iS, go, c.s.oS, scale, c.g);
      else runWeightGrad(gradWeight, c.w.groups, c.w.packed, go, c.s.nb, c.s.oS, x, c.s.iS, scale, c.g);
      if (gradBias) runChannelSum(gradBias, go, c.s.nb, c.s.oS, scale);
    },
  };
}
