/** torch7ts: Torch7's torch, nn, optim and cutorch/cunn, in TypeScript. */
export { torch, registerClass, registerAlias, LuaTable, LuaFunction, TorchObject } from './lib/index.js';
export { nn, nngraph } from './nn/index.js';
export { optim } from './optim/index.js';
export { cuda } from './cuda/index.js';
