/**
 * TemporalConvolution on the device: frames (nFrames x frameSize, or a batch of them) seen as images
 * of frameSize planes along x, and the weight outputFrameSize x (kW*inputFrameSize) as (o, c, kw) with
 * kw outer; the direct kernels do the rest.
 */
import { DECLINE } from '../../lib/dispatch.js';
import type { Tensor } from '../../lib/Tensor.js';
import { resizeResult, view5 } from './conv-launch.js';
import { runChannelSum, runGather, runTransposed, runWeightGrad, type ConvGeometry } from './conv-run.js';
import { geometry, onDevice } from './conv-shape.js';

/** (b, c, x) groups of frames: (N x) nFrames x frameSize. */
const frames = (dim: number): number[][] => (dim === 3 ? [[0], [4], [1]] : [[4], [1]]);

interface TShape { nb: number; nIF: number; nOF: number; inSize: number; outSize: number; g: ConvGeometry; groups: number[][]; wPacked: Record<number, number> }

/** The shapes, or undefined where the CPU kernel raises (or would read out of range). */
function tshape(input: Tensor, w: Tensor, kW: number, dW: number): TShape | undefined {
  const g = geometry([1, 1, kW], [1, 1, dW], [0, 0, 0], [1, 1, 1]);
  if (!g || (input.dim() !== 2 && input.dim() !== 3) || w.dim() !== 2) return undefined;
  const s = input.dim() === 3 ? 1 : 0, nIF = input._size[s], inSize = input._size[s + 1];
  if (nIF < kW || w._size[1] !== kW * inSize) return undefined;
  return {
    nb: s ? input._size[0] : 1, nIF, nOF: Math.trunc((nIF - kW) / dW) + 1, inSize, outSize: w._size[0], g,
    groups: frames(input.dim()), wPacked: { 4: kW, 1: inSize },
  };
}

const out = (input: Tensor, t: TShape, planes: number, n: number): number[] => (input.dim() === 3 ? [t.nb, n, planes] : [n, planes]);

/** TemporalConvolution_updateOutput. */
export function temporalOutput(input: Tensor, output: Tensor, w: Tensor, bias: Tensor, kW: number, dW: number,
  inputFrameSize: number, outputFrameSize: number): void | typeof DECLINE {
  const t = onDevice(input, output, w, bias) && bias && w.isContiguous() && bias.isContiguous() ? tshape(input, w, kW, dW) : undefined;
  if (!t || t.inSize !== inputFrameSize || t.outSize !== outputFrameSize || bias.nElement() !== t.outSize) return DECLINE;
  resizeResult(output, out(input, t, t.outSize, t.nOF));
  runGather(output, t.groups, { src: view5(input, t.groups), channels: t.inSize, sizes: [1, 1, t.nIF],
    weight: view5(w, [[0], [4, 1]], t.wPacked), resDim: 0 }, bias, t.g);
}

/** TemporalConvolution_updateGradInput. */
export function temporalGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, w: Tensor, kW: number, dW: number): void | typeof DECLINE {
  const t = onDevice(input, gradOutput, gradInput, w) && w.isContiguous() ? tshape(input, w, kW, dW) : undefined;
  if (!t || !gradOutput.isSize(out(input, t, t.outSize, t.nOF))) return DECLINE;
  resizeResult(gradInput, input._size);
  runTransposed(gradInput, t.groups, { src: view5(gradOutput, t.groups), channels: t.outSize, sizes: [1, 1, t.nOF],
    weight: view5(w, [[0], [4, 1]], t.wPacked), resDim: 1 }, null, t.g);
}

/** TemporalConvolution_accGradParameters. */
export function temporalAcc(input: Tensor, gradOutput: Tensor, gradWeight: Tensor, gradBias: Tensor, kW: number, dW: number,
  scale: number): void | typeof DECLINE {
  const t = onDevice(input, gradOutput, gradWeight, gradBias) && gradBias ? tshape(input, gradWeight, kW, dW) : undefined;
  if (!t || !gradOutput.isSize(out(input, t, t.outSize, t.nOF)) || gradBias.dim() !== 1 || gradBias.nElement() !== t.outSize) return DECLINE;
  const go = view5(gradOutput, t.groups);
  runWeightGrad(gradWeight, [[0], [4, 1]], t.wPacked, go, t.nb, [1, 1, t.nOF], view5(input, t.groups), [1, 1, t.nIF], scale, t.g);
  runChannelSum(gradBias, go, t.nb, [1, 1, t.nOF], scale);
}
