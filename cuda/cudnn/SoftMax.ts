/**
 * cudnn's softmaxes (SpatialSoftMax.lua, SoftMax.lua, LogSoftMax.lua, SpatialLogSoftMax.lua), with
 * cudnn's `fast` argument and fields (`algorithm`, and `mode` set as cudnn sets it).
 *
 * cudnn.SpatialSoftMax / SpatialLogSoftMax (CHANNEL mode) normalize over the feature dim of 1-4D
 * input, exactly as nn.SoftMax / nn.LogSoftMax. cudnn.SoftMax / LogSoftMax (INSTANCE mode) normalize
 * over everything but the batch dim: the same as nn's for 1-D and 2-D input; for 3-D input over all
 * elements, for 4-D input over each sample's C*H*W.
 */
import type { Tensor } from '../../lib/Tensor.js';
import { LogSoftMax as NNLogSoftMax } from '../../nn/LogSoftMax.js';
import { SoftMax as NNSoftMax } from '../../nn/SoftMax.js';
import { SpatialLogSoftMax as NNSpatialLogSoftMax } from '../../nn/SpatialLogSoftMax.js';
import { SpatialSoftMax as NNSpatialSoftMax } from '../../nn/SpatialSoftMax.js';
import { cudnnName } from './util.js';

const algorithmOf = (fast?: boolean) => (fast ? 'CUDNN_SOFTMAX_FAST' : 'CUDNN_SOFTMAX_ACCURATE');

/** The input as cudnn's INSTANCE mode sees it: 3-D as one row, 4-D as one row per sample (else unchanged). */
function instanceView(t: Tensor): Tensor {
  if (t.dim() === 3) return t.contiguous().view(t.nElement());
  if (t.dim() === 4) return t.contiguous().view(t.size(1), t.nElement() / t.size(1));
  return t;
}

type NNSoft = { output: Tensor; gradInput: Tensor };

function instanceForward(m: NNSoft, input: Tensor, compute: (x: Tensor) => Tensor): Tensor {
  const v = instanceView(input);
  if (v === input) return compute(input);
  compute(v);
  m.output = m.output.view(input.size());
  return m.output;
}

function instanceBackward(m: NNSoft, input: Tensor, gradOutput: Tensor, compute: (x: Tensor, g: Tensor) => Tensor): Tensor {
  const v = instanceView(input);
  if (v === input) return compute(input, gradOutput);
  const out = m.output;
  m.output = out.view(v.size());
  compute(v, instanceView(gradOutput));
  m.output = out;
  m.gradInput = m.gradInput.view(input.size());
  return m.gradInput;
}

/** cudnn.SpatialSoftMax(fast = false): softmax over the feature dim (nn.SpatialSoftMax). */
export class SpatialSoftMax extends NNSpatialSoftMax {
  declare algorithm: string;
  declare mode?: string;
  constructor(fast?: boolean) { super(); this.algorithm = algorithmOf(fast); }
  override updateOutput(input: Tensor): Tensor {
    this.mode ??= 'CUDNN_SOFTMAX_MODE_CHANNEL';
    return super.updateOutput(input);
  }
}

/** cudnn.SpatialLogSoftMax(fast = false): log-softmax over the feature dim (nn.SpatialLogSoftMax). */
export class SpatialLogSoftMax extends NNSpatialLogSoftMax {
  declare algorithm: string;
  declare mode: string;
  constructor(_fast?: boolean) {
    super();
    this.mode = 'CUDNN_SOFTMAX_MODE_CHANNEL';
    this.algorithm = 'CUDNN_SOFTMAX_LOG';
  }
}

/** cudnn.SoftMax(fast = false): softmax over each sample (nn.SoftMax for 1-D / 2-D input). */
export class SoftMax extends NNSoftMax {
  declare algorithm: string;
  declare mode?: string;
  constructor(fast?: boolean) { super(); this.algorithm = algorithmOf(fast); }
  override updateOutput(input: Tensor): Tensor {
    this.mode = 'CUDNN_SOFTMAX_MODE_INSTANCE';
    return instanceForward(this, input, (x) => super.updateOutput(x));
  }
  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    return instanceBackward(this, input, gradOutput, (x, g) => super.updateGradInput(x, g));
  }
}

/** cudnn.LogSoftMax(fast = false): log-softmax over each sample (nn.LogSoftMax for 1-D / 2-D input). */
export class LogSoftMax extends NNLogSoftMax {
  declare algorithm: string;
  declare mode?: string;
  constructor(fast?: boolean) { super(); this.algorithm = algorithmOf(fast); }
  override updateOutput(input: Tensor): Tensor {
    this.mode = 'CUDNN_SOFTMAX_MODE_INSTANCE';
    this.algorithm = 'CUDNN_SOFTMAX_LOG';
    return instanceForward(this, input, (x) => super.updateOutput(x));
  }
  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    return instanceBackward(this, input, gradOutput, (x, g) => super.updateGradInput(x, g));
  }
}

cudnnName(SpatialSoftMax, 'SpatialSoftMax');
cudnnName(SpatialLogSoftMax, 'SpatialLogSoftMax');
cudnnName(SoftMax, 'SoftMax');
cudnnName(LogSoftMax, 'LogSoftMax');
