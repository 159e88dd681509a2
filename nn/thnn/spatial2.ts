/** CPU THNN kernels of the 'spatial2' family (nn/thnn/spatial2-pool.ts and spatial2-conv.ts). */
import { spatial2Conv } from './spatial2-conv.js';
import { spatial2Pool } from './spatial2-pool.js';

export const spatial2 = { ...spatial2Pool, ...spatial2Conv };
