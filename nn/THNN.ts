/**
 * The nn kernel interface, with THNN's names (nn/lib/THNN/THNN.h, without the state argument).
 * Modules call `input.THNN.X_updateOutput(...)` as Torch does, so one module serves every backend;
 * a backend that lacks a kernel fails to compile. Each family of kernels lives in nn/thnn/<family>.ts.
 */
import { Tensor } from '../lib/Tensor.js';
import { transfer } from './thnn/transfer.js';
import { activation } from './thnn/activation.js';
import { simple } from './thnn/simple.js';
import { conv } from './thnn/conv.js';
import { pooling } from './thnn/pooling.js';
import { normalization } from './thnn/normalization.js';
import { criterion } from './thnn/criterion.js';
import { lookup } from './thnn/lookup.js';
import { misc } from './thnn/misc.js';
import { volumetric2 } from './thnn/volumetric2.js';
import { spatial2 } from './thnn/spatial2.js';
import { sparse } from './thnn/sparse.js';
import { indexlinear } from './thnn/indexlinear.js';
import { volumetric3 } from './thnn/volumetric3.js';
import { volumetric4 } from './thnn/volumetric4.js';

/** Every nn kernel a backend provides. */
export type THNNKernels = typeof transfer & typeof activation & typeof simple & typeof conv & typeof pooling & typeof normalization & typeof criterion & typeof lookup & typeof misc & typeof volumetric2 & typeof spatial2 & typeof sparse & typeof indexlinear & typeof volumetric3 & typeof volumetric4;

/** The CPU kernels. */
export const cpuTHNN: THNNKernels = { ...transfer, ...activation, ...simple, ...conv, ...pooling, ...normalization, ...criterion, ...lookup, ...misc, ...volumetric2, ...spatial2, ...sparse, ...indexlinear, ...volumetric3, ...volumetric4 };

declare module '../lib/Tensor.js' {
  interface Tensor {
    /** The nn kernels for this tensor's backend (Torch's `input.THNN`). */
    readonly THNN: THNNKernels;
  }
}
Object.defineProperty(Tensor.prototype, 'THNN', { get: () => cpuTHNN, configurable: true });
