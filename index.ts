/** torch7ts: Torch7's torch, nn, optim and cutorch/cunn, in TypeScript. */
export { torch } from './lib/index.js';
