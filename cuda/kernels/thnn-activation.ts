/**
 * Device kernels of the THNN activations that are more than one expression: RReLU (in training, slopes
 * drawn on the host by the CPU generator and uploaded) and GatedLinear (the two halves of a dim).
 * Signatures are the CPU kernels'.
 */
import { DECLINE } from '../../lib/dispatch.js';
import { argError } from '../../lib/errors.js';
import type { Generator } from '../../lib/random/Generator.js';
import type { Tensor } from '../../lib/Tensor.js';
import { checkNElement } from '../../nn/thnn/transfer.js';
import { sameDevice } from '../ops/run.js';
import { commit } from './commit.js';
import { ctxOf, launch } from './thnn-build.js';
import { ew, f32, SIGMOID } from './thnn-pointwise.js';

type Result = undefined | typeof DECLINE;

/**
 * RReLU_updateOutput in training: slopes uniform(lower, upper) are drawn from `generator` on the host,
 * one per element in row-major order (cunn draws on the device, so neither stream is the CPU's), and
 * uploaded; noise keeps the slope where x <= 0 and 1 elsewhere. Evaluation mode is elementwise.
 */
export function RReLU_updateOutput(input: Tensor, output: Tensor, noise: Tensor, lower: number, upper: number,
  train: boolean, inplace: boolean, generator: Generator): Result {
  if (!sameDevice(input, output, ...(train ? [noise] : []))) return DECLINE;
  const lo = f32(lower), up = f32(upper);
  if (!train) {
    const slope = f32(f32(lo + up) / 2);
    if (inplace) {
      const r = ew(input, null, 'va <= 0 ? va * x : va', [input], [slope]);
      if (r === undefined) output.set(input);
      return r;
    }
    return ew(output, input, 'va * (va <= 0 ? x : 1)', [input], [slope]);
  }
  const n = input.nElement();
  const draws = new Float32Array(n);
  for (let i = 0; i < n; i++) draws[i] = generator.uniform(lo, up);
  noise.resizeAs(input);
  if (n === 0) { if (inplace) output.set(input); else output.resizeAs(input); return undefined; }
  const ctx = ctxOf(input);
  const r = ctx.upload(draws);
  const hn = launch(ctx, { name: 'rrelu-noise', body: 'return @a[j] <= 0 ? r[j] : 1;', tensors: { a: input }, buffers: { r } }, n);
  const hy = hn && launch(ctx, { name: 'rrelu-out', body: 'return @a[j] <= 0 ? @a[j] * r[j] : @a[j];', tensors: { a: input }, buffers: { r } }, n);
  ctx.free(r, n);
  if (!hn || !hy) { if (hn) ctx.free(hn, n); return DECLINE; }
  commit(noise, hn);
  if (inplace) { commit(input, hy); output.set(input); } else { output.resizeAs(input); commit(output, hy); }
  return undefined;
}

/** RReLU_updateGradInput: gradOutput * noise in training (unless upper - lower <= 1e-6), else the mean slope. */
export function RReLU_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, noise: Tensor, lower: number, upper: number,
  train: boolean, inplace: boolean): Result {
  const lo = f32(lower), up = f32(upper);
  const useNoise = train && f32(up - lo) > 1e-6;
  if (!sameDevice(input, gradOutput, gradInput, ...(useNoise ? [noise] : []))) return DECLINE;
  checkNElement(input, gradOutput, 'input', 'gradOutput');
  const [expr, ops, sc] = useNoise
    ? ['va * vb', [gradOutput, noise], []]
    : ['vb <= 0 ? va * x : va', [gradOutput, input], [f32(f32(lo + up) / 2)]];
  if (!inplace) return ew(gradInput, input, expr, ops, sc);
  const r = ew(gradOutput, null, expr, ops, sc);
  if (r === undefined) gradInput.set(gradOutput);
  return r;
}

/** The halves of input along dim (1-based) with GatedLinearUnit.c's checks. */
function halves(input: Tensor, dim: number, fn: string): [Tensor, Tensor, number] {
  const nd = input._size.length;
  if (!(Number.isInteger(dim) && dim >= 1 && dim <= nd)) throw argError(2, fn, `dimension ${dim} out of range of ${nd}D tensor`);
  const nIn = input._size[dim - 1];
  if (nIn % 2 !== 0) throw argError(2, fn, `Halving dimension must be even. Dim ${dim} is size ${nIn}`);
  const half = nIn / 2;
  return [input.narrow(dim, 1, half), input.narrow(dim, half + 1, half), half];
}

/** GatedLinear_updateOutput: y = a * sigmoid(b) over the halves a, b of `dim`. */
export function GatedLinear_updateOutput(input: Tensor, output: Tensor, dim: number): Result {
  if (!sameDevice(input, output)) return DECLINE;
  const [a, b, half] = halves(input, dim, 'GatedLinear_updateOutput');
  const sizes = input._size.slice();
  sizes[dim - 1] = half;
  output.resize(sizes);
  return ew(output, null, `va * ${SIGMOID('vb')}`, [a, b]);
}

/** GatedLinear_updateGradInput: [gradOutput * s, gradOutput * a * s * (1 - s)] with s = sigmoid(b). */
export function GatedLinear_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, dim: number): Result {
  if (!sameDevice(input, gradOutput, gradInput)) return DECLINE;
  const [a, b, half] = halves(input, dim, 'GatedLinear_updateGradInput');
  if (gradOutput.nElement() !== a.nElement()) return DECLINE;
  gradInput.resizeAs(input);
  const n = input.nElement();
  if (n === 0) return undefined;
  const post = input._size.slice(dim).reduce((x, y) => x * y, 1), D = 2 * half;
  const h = launch(ctxOf(input), {
    name: 'glu-grad', body: `const p = Math.floor(j / (D * post));
 const d = Math.floor(j / post) - p * D;
 const r = j - Math.floor(j / post) * post;
 const dd = d < half ? d : d - half;
 const i = (p * half + dd) * post + r;
 const s = ${SIGMOID('@b[i]')};
 const gv = @g[i];
 return d < half ? gv * s : gv * @a[i] * s * (1 - s);`,
    tensors: { a, b, g: gradOutput }, ints: { D, half, post },
  }, n);
  if (!h) return DECLINE;
  commit(gradInput, h);
  return undefined;
}
