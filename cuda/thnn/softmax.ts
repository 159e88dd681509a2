/**
 * Device THNN kernels of SoftMax and LogSoftMax (cunn's SoftMax.cu / LogSoftMax.cu) over the dim
 * SoftMax.c picks from nDimension: 1-D [dim], 2-D [nframe x dim], 3-D [dim x H x W], 4-D
 * [nframe x dim x H x W]. Two kernels each: one thread per normalised vector computes its statistic
 * (max and sum of exp forward, the sum the gradient needs backward), then one thread per element.
 */
import { DECLINE } from '../../lib/dispatch.js';
import { argError, TorchError } from '../../lib/errors.js';
import type { Tensor } from '../../lib/Tensor.js';
import { checkShape } from '../../nn/thnn/transfer.js';
import type { Handle } from '../context.js';
import type { CudaStorage } from '../CudaStorage.js';
import { commit } from '../kernels/commit.js';
import { ctxOf, launch } from '../kernels/thnn-build.js';
import { sameDevice } from '../ops/run.js';
import { registerTHNN } from './index.js';

type Sizes = [number, number, number, number];

/** [nframe, dim, H, W] of a softmax input, or SoftMax.c's error. */
function softmaxSizes(t: Tensor, fn: string, forward: boolean): Sizes {
  const s = t._size;
  switch (s.length) {
    case 1: return [1, s[0], 1, 1];
    case 2: return [s[0], s[1], 1, 1];
    case 3: return [1, s[0], s[1], s[2]];
    case 4: return [s[0], s[1], s[2], s[3]];
    default:
      if (forward) throw argError(2, fn, '1D, 2D, 3D or 4D tensor expected');
      throw new TorchError('1D, 2D, 3D or 4D tensor expected');
  }
}

/** The strides matching softmaxSizes: [frame, dim, H, W] (0 where the dim does not exist). */
function softmaxStrides(t: Tensor): Sizes {
  const s = t._stride;
  switch (s.length) {
    case 1: return [0, s[0], 0, 0];
    case 2: return [s[0], s[1], 0, 0];
    case 3: return [0, s[0], s[1], s[2]];
    default: return [s[0], s[1], s[2], s[3]];
  }
}

/** Addressing of vector `r` (0-based, THNN's order) of tensor `x`: its first element is `xb`, its stride `xD`. */
const ROW = (x: string): string => `const ${x}b = ${x}o + Math.floor(r / HW) * ${x}F + Math.floor((r % HW) / W) * ${x}H + (r % W) * ${x}W;`;

/** The raw buffer, offset and softmax strides of `t` as kernel arguments named x, xo, xF, xD, xH, xW. */
function rowArgs(x: string, t: Tensor): { buffers: Record<string, Handle>; ints: Record<string, number> } {
  const [F, D, H, W] = softmaxStrides(t);
  return { buffers: { [x]: (t._storage as CudaStorage).deviceBuffer() }, ints: { [`${x}o`]: t.offset, [`${x}F`]: F, [`${x}D`]: D, [`${x}H`]: H, [`${x}W`]: W } };
}

/**
 * K floats per vector (all vectors' first, then all second ...): `stat` is the body that returns
 * statistic `k` of vector `r`, reading `x`/`y` rows through xb/yb and xD/yD.
 */
function rowStat(name: string, stat: string, sizes: Sizes, ts: Record<string, Tensor>, K = 1): Handle | undefined {
  const [nframe, dim, H, W] = sizes;
  const rows = nframe * H * W;
  const buffers: Record<string, Handle> = {}, ints: Record<string, number> = { HW: H * W, W, dim, rows };
  let pre = 'const r = j % rows;\n const k = Math.floor(j / rows);\n ';
  for (const [x, t] of Object.entries(ts)) {
    const a = rowArgs(x, t);
    Object.assign(buffers, a.buffers); Object.assign(ints, a.ints);
    pre += `${ROW(x)}\n `;
  }
  return launch(ctxOf(Object.values(ts)[0]), { name, body: pre + stat, buffers, ints }, K * rows);
}

/** res[e] = expr of the statistics `s`, `s2` of e's vector and operands @a, @b at e; res resized as `like`. */
function perElement(name: string, res: Tensor, like: Tensor, sizes: Sizes, stat: Handle, K: number, expr: string, ops: Record<string, Tensor>): void {
  const [, dim, H, W] = sizes;
  res.resizeAs(like);
  const n = like.nElement();
  const ctx = ctxOf(like);
  const rows = sizes[0] * H * W;
  const h = launch(ctx, {
    name, body: `const r = Math.floor(j / (dim * HW)) * HW + (j % HW);\n const s = st[r];\n const s2 = st[r + rows * (K - 1)];\n return ${expr};`,
    tensors: ops, buffers: { st: stat }, ints: { dim, HW: H * W, rows, K },
  }, n);
  ctx.free(stat, K * rows);
  if (!h) throw new TorchError('softmax: a result view has more than 4 dims');
  commit(res, h);
}

/** Statistic 0: the max of the vector; statistic 1: the sum of exp(x - max). */
// (each loop has its own variable: gpu.js declares loop variables once per GLSL scope)
const MAX_SUMEXP = `let m = x[xb];
 for (let d = 1; d < dim; d++) { m = Math.max(m, x[xb + d * xD]); }
 if (k < 1) { return m; }
 let s = 0;
 for (let e = 0; e < dim; e++) { s += Math.exp(x[xb + e * xD] - m); }
 return s;`;

function forward(log: boolean) {
  return (input: Tensor, output: Tensor): undefined | typeof DECLINE => {
    if (!sameDevice(input, output)) return DECLINE;
    const sizes = softmaxSizes(input, log ? 'LogSoftMax_updateOutput' : 'SoftMax_updateOutput', true);
    if (input.nElement() === 0) { output.resizeAs(input); return undefined; }
    const stat = rowStat('softmax-stats', MAX_SUMEXP, sizes, { x: input }, 2);
    if (!stat) return DECLINE;
    perElement('softmax-out', output, input, sizes, stat, 2, log ? '(@a[j] - s) - Math.log(s2)' : 'Math.exp(@a[j] - s) / s2', { a: input });
    return undefined;
  };
}

function backward(log: boolean) {
  return (input: Tensor, gradOutput: Tensor, gradInput: Tensor, output: Tensor): undefined | typeof DECLINE => {
    if (!sameDevice(gradOutput, gradInput, output, ...(input ? [input] : []))) return DECLINE;
    checkShape(input, gradOutput, 'input', 'gradOutput');
    const sizes = softmaxSizes(output, log ? 'LogSoftMax_updateGradInput' : 'SoftMax_updateGradInput', false);
    checkShape(output, gradOutput, 'output', 'gradOutput');
    if (output.nElement() === 0) { gradInput.resizeAs(output); return undefined; }
    // SoftMax: gi = o (g - sum g o); LogSoftMax: gi = g - exp(o) sum g
    const sum = log ? 'x[xb + d * xD]' : 'x[xb + d * xD] * y[yb + d * yD]';
    const stat = rowStat(log ? 'logsoftmax-gsum' : 'softmax-gsum', `let s = 0;\n for (let d = 0; d < dim; d++) { s += ${sum}; }\n return s;`,
      sizes, log ? { x: gradOutput } : { x: gradOutput, y: output });
    if (!stat) return DECLINE;
    perElement('softmax-grad', gradInput, output, sizes, stat, 1, log ? '@a[j] - Math.exp(@b[j]) * s' : '@b[j] * (@a[j] - s)',
      { a: gradOutput, b: output });
    return undefined;
  };
}

registerTHNN('SoftMax_updateOutput', forward(false));
registerTHNN('LogSoftMax_updateOutput', forward(true));
registerTHNN('SoftMax_updateGradInput', backward(false));
registerTHNN('LogSoftMax_updateGradInput', backward(true));
