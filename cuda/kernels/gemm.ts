/**
 * The device GEMM: C[b] = alpha * Σ_f A[b,f] @ B[b,f] (+ beta * T), for addmm, addmv, addr, addbmm and
 * baddbmm. On GL the operands are packed to vec4 along K (an ArrayTexture(4) made by a packing kernel
 * that reads each operand through its strides, so transposed views cost no copy), each thread computes
 * 4 adjacent outputs from vec4 dot products, and a last kernel unpacks them into row-major order while
 * adding beta * T. Elsewhere (webasm/cpu, webgpu, K < 4) one naive kernel does it all.
 */
import type { DeviceContext, Handle } from '../context.js';
import { gemmNaive } from './gemmNaive.js';
import { tiledMode, type GemmSpec } from './gemmSpec.js';
import { gemmTiled } from './gemmTiled.js';

export { tiledMode, type GemmSpec, type MatOperand } from './gemmSpec.js';

/** How many products ran each way (specs assert the GL path is the tiled one). */
export const gemmStats = { tiled: 0, naive: 0 };

/**
 * Runs the product and returns a new buffer of nb*m*n floats in row-major (batch, row, col) order;
 * `tiled` chooses the packed path (default: on GL when K >= 4; forced on webasm/cpu, as benchmarks do,
 * gpu.js runs its vec4 kernels on its JS cpu backend).
 * @example
 * const h = gemm(ctx, { nb: 1, m, n, k, fold: 1, a, b, alpha: 1, beta: 0 }); // C = A B
 */
export function gemm(ctx: DeviceContext, g: GemmSpec, tiled = tiledMode(ctx) && g.k * g.fold >= 4): Handle {
  if (tiled) { gemmStats.tiled++; return gemmTiled(ctx, g); }
  gemmStats.naive++;
  return gemmNaive(ctx, g);
}
