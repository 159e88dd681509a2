/**
 * Device PReLU kernels (cunn's PReLU.cu): a slope per plane (or one), and the slopes' gradient summed
 * per plane on the device. Signatures are the CPU kernels'.
 */
import { DECLINE } from '../../lib/dispatch.js';
import { argError, TorchError } from '../../lib/errors.js';
import type { Tensor } from '../../lib/Tensor.js';
import { checkNElement } from '../../nn/thnn/transfer.js';
import { sameDevice } from '../ops/run.js';
import { commit } from './commit.js';
import { ctxOf, launch } from './thnn-build.js';
import { f32 } from './thnn-pointwise.js';
import { sums } from './thnn-reduce.js';

type Result = undefined | typeof DECLINE;

/** [ks, planes] of PReLU: one slope (nOutputPlane 0) or PReLU.c's planes of ks elements. */
function preluPlanes(input: Tensor, nOutputPlane: number): [number, number] {
  if (nOutputPlane === 0) return [Math.max(1, input.nElement()), 1];
  const nd = input._size.length;
  const planes = input._size[nd > 1 ? 1 : 0];
  if (planes !== nOutputPlane) throw new TorchError(`Wrong number of input planes. Expected ${nOutputPlane} but got ${planes ?? 0}.`);
  let ks = 1;
  for (let d = 2; d < nd; d++) ks *= input._size[d];
  return [ks, nOutputPlane];
}

/** The plane of row-major element j: `p`. */
const PLANE = 'const p = Math.floor(j / ks) % np;';

function preluMap(res: Tensor, input: Tensor, other: Tensor, weight: Tensor, nOutputPlane: number, name: string): Result {
  const [ks, np] = preluPlanes(input, nOutputPlane);
  res.resizeAs(input);
  const n = input.nElement();
  if (n === 0) return undefined;
  const h = launch(ctxOf(input), {
    name, body: `${PLANE}\n const x = @a[j];\n const v = @b[j];\n return x > 0 ? v : @w[p] * v;`,
    tensors: { a: input, b: other, w: weight }, ints: { ks, np },
  }, n);
  if (!h) return DECLINE;
  commit(res, h);
  return undefined;
}

/** PReLU_updateOutput: y = x > 0 ? x : w[plane] x. */
export function PReLU_updateOutput(input: Tensor, output: Tensor, weight: Tensor, nOutputPlane: number): Result {
  if (!sameDevice(input, output, weight)) return DECLINE;
  return preluMap(output, input, input, weight, nOutputPlane, 'prelu');
}

/** PReLU_updateGradInput: gradInput = x > 0 ? gradOutput : w[plane] gradOutput. */
export function PReLU_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, weight: Tensor, nOutputPlane: number): Result {
  if (!sameDevice(input, gradOutput, gradInput, weight)) return DECLINE;
  checkNElement(input, gradOutput, 'input', 'gradOutput');
  return preluMap(gradInput, input, gradOutput, weight, nOutputPlane, 'prelu');
}

/** PReLU_accGradParameters: gradWeight[plane] += scale * sum over x <= 0 of gradOutput x. */
export function PReLU_accGradParameters(input: Tensor, gradOutput: Tensor, _gradInput: Tensor, _weight: Tensor, gradWeight: Tensor,
  _buf: Tensor, _buf2: Tensor, nOutputPlane: number, scale: number): Result {
  if (!sameDevice(input, gradOutput, gradWeight)) return DECLINE;
  checkNElement(input, gradOutput, 'input', 'gradOutput');
  if (nOutputPlane > 0 && !gradWeight.isContiguous()) throw argError(6, 'PReLU_accGradParameters', 'gradWeight needs to be contiguous');
  const [ks, np] = preluPlanes(input, nOutputPlane);
  const n = input.nElement();
  if (gradWeight._size.length !== 1 || gradWeight._size[0] < np) return DECLINE;
  const ctx = ctxOf(input);
  const perPlane = Math.floor(n / (np * ks)) * ks;
  const s = sums(ctx, {
    name: 'prelu-acc', pre: 'const e = Math.floor(i / ks) * np * ks + q * ks + i % ks;\n const x = @a[e];',
    term: 'x <= 0 ? x * @b[e] : 0', tensors: { a: input, b: gradOutput }, ints: { ks, np },
  }, n === 0 ? 0 : perPlane, np, f32(scale));
  if (!s) return DECLINE;
  const gw = gradWeight.narrow(1, 1, np);
  const h = launch(ctx, { name: 'acc', body: 'return @g[j] + s[j];', tensors: { g: gw }, buffers: { s } }, np);
  ctx.free(s, np);
  if (!h) return DECLINE;
  commit(gw, h);
  return undefined;
}
