/**
 * The nn kernel interface, with THNN's names (nn/lib/THNN/THNN.h, without the state argument).
 * Modules call `input.THNN.X_updateOutput(...)` as Torch does, so one module serves every backend;
 * a backend that lacks a kernel fails to compile.
 */
import { Tensor } from '../lib/Tensor.js';
import { transfer } from './thnn/transfer.js';

/** Every nn kernel a backend provides. */
export type THNNKernels = typeof transfer;

/** The CPU kernels. */
export const cpuTHNN: THNNKernels = { ...transfer };

declare module '../lib/Tensor.js' {
  interface Tensor {
    /** The nn kernels for this tensor's backend (Torch's `input.THNN`). */
    readonly THNN: THNNKernels;
  }
}
Object.defineProperty(Tensor.prototype, 'THNN', { get: () => cpuTHNN, configurable: true });
