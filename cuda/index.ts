/** The `cuda` package (cutorch + cunn's place). Today: backend detection; CudaTensor comes next (issue 6). */
import { backend } from './backend.js';

/** cutorch/cunn's place in torch7ts. */
export const cuda = { backend };
export type { BackendReport } from './backend.js';
