/**
 * The `cudnn` package (soumith/cudnn.torch's place): its module classes that have an nn counterpart,
 * as subclasses of the nn modules (so they run on every backend: Float, Double and CudaTensor),
 * registered for torch.load / torch.save under their `cudnn.*` names, and `cudnn.convert`.
 */
import { registerClass } from '../../lib/File/registry.js';
import type { Module } from '../../nn/Module.js';
import { cudnnClasses } from './classes.js';
import { convert as convertImpl, CONVERTIBLE } from './convert.js';

/** cudnn.torch's namespace: `new cudnn.SpatialConvolution(...)`, `cudnn.convert(net, nn)`. */
export const cudnn = {
  ...cudnnClasses,
  /**
   * Converts `net`'s modules to `dst` (`nn` or `cudnn`) in place; `exclusionFn(m)` true keeps `m`.
   * @example
   * cudnn.convert(net, nn); // every cudnn layer becomes its nn class, parameters kept
   */
  convert(net: Module, dst: object, exclusionFn?: (m: Module) => boolean): Module {
    return convertImpl(cudnn, net, dst, exclusionFn);
  },
  /** The class names `convert` swaps (convert.lua's layer_list). */
  CONVERTIBLE,
};

for (const [name, cls] of Object.entries(cudnnClasses)) registerClass(`cudnn.${name}`, cls);
