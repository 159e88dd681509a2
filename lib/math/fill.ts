/** Constructors that fill: zeros, ones. (Family file pattern: kernels + defineOp/defineResultOp.) */
import { newDefault } from '../defaults.js';
import { defineOp, type TorchFunction } from '../dispatch.js';
import { readSizes, type Tensor } from '../Tensor.js';

declare module '../dispatch.js' {
  interface TorchOps {
    /** `torch.zeros([res,] sizes...)`: a tensor of zeros (default type, or the type of res). */
    zeros: TorchFunction;
    /** `torch.ones([res,] sizes...)`: a tensor of ones. */
    ones: TorchFunction;
  }
}
declare module '../Tensor.js' {
  interface Tensor {
    /** `x.zeros(sizes...)`: resizes x and fills it with 0. */
    zeros(...sizes: unknown[]): this;
    /** `x.ones(sizes...)`: resizes x and fills it with 1. */
    ones(...sizes: unknown[]): this;
  }
}

function filled(value: number, name: string) {
  const kernel = (res: Tensor, sizes: unknown[]) => res.resize(readSizes(sizes, name)).fill(value);
  const fn = defineOp(name, {
    'Tensor, ...number': (res: Tensor, ...s: number[]) => kernel(res, s),
    'Tensor, LongStorage': (res: Tensor, s: unknown) => kernel(res, [s]),
    '...number': (...s: number[]) => kernel(newDefault(), s),
    'LongStorage | Array': (s: unknown) => kernel(newDefault(), [s]),
  }, 'input');
  return fn;
}
filled(0, 'zeros');
filled(1, 'ones');
