/**
 * The documented CPU fallbacks of the cuda package: every TensorMath op or THNN kernel that still runs
 * on the host (through CudaStorage's host copy) when the Torch7 fixture suite (every nn module and
 * criterion case) and the MLP/LeNet training run on CudaTensor. spec/cuda/fallbacks.spec.ts runs those
 * workloads and asserts that `cuda.fallbacks()` names exactly these.
 *
 * To regenerate after kernels land (the spec prints the list to paste here, keeping the reasons of the
 * entries that stay and marking new ones):
 *
 *     npx tsc -p tsconfig.json && TORCH7TS_CUDA_QUIET=1 TORCH7TS_PRINT_FALLBACKS=1 xvfb-run -a npx mocha dist/spec/cuda/fallbacks.spec.js
 *
 * (`TORCH7TS_GPU=webasm` instead of `xvfb-run -a` checks the host-array backend; both must agree.)
 */

/** One op that runs on the CPU: its name as `cuda.fallbacks()` reports it, and why. */
export interface Fallback {
  /** A TensorMath op (`addmm`) or a THNN kernel (`THNN.SpatialMaxPooling_updateOutput`). */
  readonly name: string;
  /** One line: why there is no device path for these arguments. */
  readonly reason: string;
}

/** The fallbacks of the parity suite and training, sorted by name. */
export const FALLBACKS: readonly Fallback[] = [];
