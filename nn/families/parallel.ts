/** nn classes of the 'parallel' family (cunn's DataParallelTable, nn.GPU, fbcunn's ModelParallel); nn/index.ts spreads this object into the nn namespace. */
import { AbstractParallel } from '../AbstractParallel.js';
import { DataParallelTable } from '../DataParallelTable.js';
import { GPU } from '../GPU.js';
import { ModelParallel } from '../ModelParallel.js';
import { registerParallelT7 } from '../parallel/t7.js';

registerParallelT7(DataParallelTable, GPU);

export const parallelClasses = { DataParallelTable, GPU, ModelParallel, AbstractParallel };
