/**
 * cudnn's poolings (Pooling.lua, SpatialMaxPooling.lua, SpatialAveragePooling.lua, Pooling3D.lua,
 * VolumetricMaxPooling.lua, VolumetricAveragePooling.lua): subclasses of the nn poolings with cudnn's
 * constructor `(kW, kH, dW = kW, dH = kH, padW = 0, padH = 0)` (3-D: `kT, kW, kH, dT, dW, dH, padT,
 * padW, padH`) and fields (`iSize`, `ceil_mode`, and `mode` set on forward). Average pooling always
 * counts the padding (cudnn's COUNT_INCLUDE_PADDING).
 */
import { TorchError } from '../../lib/errors.js';
import { LongStorage } from '../../lib/Storage.js';
import type { Tensor } from '../../lib/Tensor.js';
import { SpatialAveragePooling as NNSpatialAveragePooling } from '../../nn/SpatialAveragePooling.js';
import { SpatialMaxPooling as NNSpatialMaxPooling } from '../../nn/SpatialMaxPooling.js';
import { VolumetricAveragePooling as NNVolumetricAveragePooling } from '../../nn/VolumetricAveragePooling.js';
import { VolumetricMaxPooling as NNVolumetricMaxPooling } from '../../nn/VolumetricMaxPooling.js';
import { cudnnName, dropFields, protoDefaults } from './util.js';

/** cudnn.SpatialMaxPooling(kW, kH, dW = kW, dH = kH, padW = 0, padH = 0). */
export class SpatialMaxPooling extends NNSpatialMaxPooling {
  declare iSize: LongStorage;
  declare mode?: string;
  constructor(kW: number, kH: number, dW?: number, dH?: number, padW?: number, padH?: number) {
    super(kW, kH, dW ?? kW, dH ?? kH, padW ?? 0, padH ?? 0);
    this.iSize = new LongStorage(4).fill(0);
    this.ceil_mode = false;
  }
  override updateOutput(input: Tensor): Tensor {
    this.mode = 'CUDNN_POOLING_MAX';
    return super.updateOutput(input);
  }
}

/** cudnn.SpatialAveragePooling(kW, kH, dW = kW, dH = kH, padW = 0, padH = 0). */
export class SpatialAveragePooling extends NNSpatialAveragePooling {
  declare iSize: LongStorage;
  declare mode?: string;
  constructor(kW: number, kH: number, dW?: number, dH?: number, padW?: number, padH?: number) {
    super(kW, kH, dW ?? kW, dH ?? kH, padW ?? 0, padH ?? 0);
    dropFields(this, 'count_include_pad', 'divide');
    this.iSize = new LongStorage(4).fill(0);
    this.ceil_mode = false;
  }
  override updateOutput(input: Tensor): Tensor {
    if (this.divide !== undefined && !this.divide) throw new TorchError('not supported');
    this.count_include_pad = true;
    this.mode = 'CUDNN_POOLING_AVERAGE_COUNT_INCLUDE_PADDING';
    return super.updateOutput(input);
  }
}
protoDefaults(SpatialAveragePooling, { count_include_pad: true, divide: true });

/** cudnn.VolumetricMaxPooling(kT, kW, kH, dT = kT, dW = kW, dH = kH, padT = 0, padW = 0, padH = 0). */
export class VolumetricMaxPooling extends NNVolumetricMaxPooling {
  declare iSize: LongStorage;
  declare mode?: string;
  constructor(kT: number, kW: number, kH: number, dT?: number, dW?: number, dH?: number, padT?: number, padW?: number, padH?: number) {
    super(kT, kW, kH, dT ?? kT, dW ?? kW, dH ?? kH, padT ?? 0, padW ?? 0, padH ?? 0);
    this.iSize = new LongStorage(5).fill(0);
    this.ceil_mode = false;
  }
  override updateOutput(input: Tensor): Tensor {
    this.mode = 'CUDNN_POOLING_MAX';
    return super.updateOutput(input);
  }
}

/** cudnn.VolumetricAveragePooling(kT, kW, kH, dT = kT, dW = kW, dH = kH, padT = 0, padW = 0, padH = 0): pads count in the average. */
export class VolumetricAveragePooling extends NNVolumetricAveragePooling {
  declare iSize: LongStorage;
  declare mode?: string;
  declare ceil_mode: boolean;
  constructor(kT: number, kW: number, kH: number, dT?: number, dW?: number, dH?: number, padT?: number, padW?: number, padH?: number) {
    super(kT, kW, kH, dT ?? kT, dW ?? kW, dH ?? kH);
    this.padT = padT ?? 0;
    this.padW = padW ?? 0;
    this.padH = padH ?? 0;
    this.iSize = new LongStorage(5).fill(0);
    this.ceil_mode = false;
  }
  override updateOutput(input: Tensor): Tensor {
    this.mode = 'CUDNN_POOLING_AVERAGE_COUNT_INCLUDE_PADDING';
    input.THNN.VolumetricAveragePooling_updateOutput(input, this.output, this.kT, this.kW, this.kH,
      this.dT, this.dW, this.dH, this.padT ?? 0, this.padW ?? 0, this.padH ?? 0, this.ceil_mode ?? false, true);
    return this.output;
  }
  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    input.THNN.VolumetricAveragePooling_updateGradInput(input, gradOutput, this.gradInput, this.kT, this.kW, this.kH,
      this.dT, this.dW, this.dH, this.padT ?? 0, this.padW ?? 0, this.padH ?? 0, this.ceil_mode ?? false, true);
    return this.gradInput;
  }
}

cudnnName(SpatialMaxPooling, 'SpatialMaxPooling');
cudnnName(SpatialAveragePooling, 'SpatialAveragePooling');
cudnnName(VolumetricMaxPooling, 'VolumetricMaxPooling');
cudnnName(VolumetricAveragePooling, 'VolumetricAveragePooling');
