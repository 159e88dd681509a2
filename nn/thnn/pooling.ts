/** CPU THNN kernels of the 'pooling' family (each group in its own nn/thnn/pooling-*.ts file). */
import { poolingAvg } from './pooling-avg.js';
import { poolingMax } from './pooling-max.js';
import { poolingResample } from './pooling-resample.js';

export const pooling = { ...poolingMax, ...poolingAvg, ...poolingResample };
