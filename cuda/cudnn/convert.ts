/**
 * cudnn.convert(net, dst[, exclusionFn]) (convert.lua): swaps every module of `net` that has both an
 * nn and a cudnn class to `dst`'s class, in place, keeping every field (parameters, buffers, state).
 */
import { TorchError } from '../../lib/errors.js';
import { Module } from '../../nn/Module.js';
import { nn } from '../../nn/index.js';
import { cudnnClasses } from './classes.js';

/** The modules convert.lua converts (both ways), by class name. */
export const CONVERTIBLE = [
  'BatchNormalization', 'SpatialBatchNormalization', 'SpatialConvolution', 'SpatialCrossMapLRN',
  'SpatialFullConvolution', 'SpatialMaxPooling', 'SpatialAveragePooling', 'ReLU', 'Tanh', 'Sigmoid',
  'SoftMax', 'LogSoftMax', 'VolumetricBatchNormalization', 'VolumetricConvolution', 'VolumetricFullConvolution',
  'VolumetricMaxPooling', 'VolumetricAveragePooling',
] as const;

type Classes = Record<string, (new (...a: any[]) => Module) | undefined>;

/**
 * Converts `net` to `dst` (`nn` or `cudnn`) in place and returns it; a module for which
 * `exclusionFn(module)` is true is kept. nn.SpatialConvolutionMM becomes dst's SpatialConvolution.
 * nn.gModule is not converted (a warning, as in cudnn.torch), though its children are.
 * @example
 * const net = nn.Sequential().add(new nn.SpatialConvolution(3, 8, 3, 3)).add(new nn.ReLU());
 * cudnn.convert(net, cudnn);          // cudnn.SpatialConvolution, cudnn.ReLU
 * cudnn.convert(net, nn);             // back to nn
 */
export function convert(cudnnNs: object, net: Module, dst: object, exclusionFn?: (m: Module) => boolean): Module {
  if (!(net instanceof Module)) throw new TorchError("bad argument #1 to 'convert' (nn.Module expected)");
  if (dst !== nn && dst !== cudnnNs) throw new TorchError("bad argument #2 to 'convert' (nn or cudnn expected)");
  if (exclusionFn !== undefined && typeof exclusionFn !== 'function') {
    throw new TorchError("bad argument #3 to 'convert' (function expected)");
  }
  const toNN = dst === nn;
  const srcPrefix = toNN ? 'cudnn.' : 'nn.';
  const dstClasses = (toNN ? nn : cudnnClasses) as unknown as Classes;
  const srcClasses = (toNN ? cudnnClasses : nn) as unknown as Classes;

  const swap = (x: Module, name: string): Module => {
    const Dst = dstClasses[name];
    if (!Dst) return x;
    // a fresh ReLU for its defaults ("because parameters"), else an empty instance; then every field of x
    const y = (name === 'ReLU' ? new Dst() : Object.create(Dst.prototype)) as Record<string, unknown>;
    for (const k of Object.keys(x)) y[k] = (x as unknown as Record<string, unknown>)[k];
    if (toNN && name === 'SpatialAveragePooling') {
      y.divide = true;
      // convert.lua compares `v.mode` of the class-name string (always nil), so this is always false
      y.count_include_pad = false;
    }
    return y as unknown as Module;
  };

  return net.replace((x) => {
    const t = x.__typename;
    if (t === 'nn.gModule') {
      console.warn('Warning: cudnn.convert does not work with nngraph yet. Ignoring nn.gModule');
      return x;
    }
    if (exclusionFn && exclusionFn(x)) return x;
    if (t === 'nn.SpatialConvolutionMM') return swap(x, 'SpatialConvolution');
    for (const v of CONVERTIBLE) if (t === srcPrefix + v && srcClasses[v]) return swap(x, v);
    return x;
  });
}
