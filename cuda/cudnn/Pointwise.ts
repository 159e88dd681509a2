/**
 * cudnn's pointwise activations (Pointwise.lua, ReLU.lua, Tanh.lua, Sigmoid.lua, ClippedReLU.lua):
 * subclasses of nn.Tanh / nn.Sigmoid / nn.ReLU / nn.HardTanh with cudnn's `inplace` argument and
 * fields (`inplace`, and `mode`, `nElem` set on forward).
 */
import { TorchError } from '../../lib/errors.js';
import type { Tensor } from '../../lib/Tensor.js';
import { HardTanh } from '../../nn/HardTanh.js';
import { ReLU as NNReLU } from '../../nn/ReLU.js';
import { Sigmoid as NNSigmoid } from '../../nn/Sigmoid.js';
import { Tanh as NNTanh } from '../../nn/Tanh.js';
import { cudnnName, dropFields, hiddenBuffer, protoDefaults } from './util.js';

type Pointwise = NNTanh & { inplace: boolean; mode?: string; nElem?: number };

/** Forward of an output-based activation, in place when `inplace` (the output then is the input, as cudnn's `output:set(input)`). */
function forward(m: Pointwise, mode: string, input: Tensor, compute: (input: Tensor) => Tensor): Tensor {
  m.mode ??= mode;
  m.nElem = input.nElement();
  if (!m.inplace) return compute(input);
  m.output = hiddenBuffer(m, '_pointwiseOutput', input);
  compute(input);
  input.copy(m.output);
  m.output = input;
  return input;
}

/** Backward of an output-based activation; in place, the gradient is written into gradOutput. */
function backward(m: Pointwise, gradOutput: Tensor, compute: () => Tensor): Tensor {
  if (!m.inplace) return compute();
  m.gradInput = hiddenBuffer(m, '_pointwiseGradInput', gradOutput);
  compute();
  gradOutput.copy(m.gradInput);
  m.gradInput = gradOutput;
  return gradOutput;
}

/** cudnn.Tanh(inplace = false). */
export class Tanh extends NNTanh {
  declare inplace: boolean;
  declare mode?: string;
  declare nElem?: number;
  constructor(inplace?: boolean) { super(); this.inplace = inplace ?? false; }
  override updateOutput(input: Tensor): Tensor {
    return forward(this, 'CUDNN_ACTIVATION_TANH', input, (x) => super.updateOutput(x));
  }
  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    return backward(this, gradOutput, () => super.updateGradInput(input, gradOutput));
  }
}

/** cudnn.Sigmoid(inplace = false). */
export class Sigmoid extends NNSigmoid {
  declare inplace: boolean;
  declare mode?: string;
  declare nElem?: number;
  constructor(inplace?: boolean) { super(); this.inplace = inplace ?? false; }
  override updateOutput(input: Tensor): Tensor {
    return forward(this as unknown as Pointwise, 'CUDNN_ACTIVATION_SIGMOID', input, (x) => super.updateOutput(x));
  }
  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    return backward(this as unknown as Pointwise, gradOutput, () => super.updateGradInput(input, gradOutput));
  }
}

/**
 * cudnn.ReLU(inplace = false): an nn.ReLU whose `threshold` and `val` (0, 0) are defaults, not
 * fields, since cudnn's ReLU has none; nn.ReLU's own in-place path serves `inplace`.
 */
export class ReLU extends NNReLU {
  declare mode?: string;
  declare nElem?: number;
  constructor(inplace?: boolean) {
    super(inplace ?? false);
    dropFields(this, 'threshold', 'val');
  }
  override updateOutput(input: Tensor): Tensor {
    this.mode ??= 'CUDNN_ACTIVATION_RELU';
    this.nElem = input.nElement();
    return super.updateOutput(input);
  }
}
protoDefaults(ReLU, { threshold: 0, val: 0 });

/** cudnn.ClippedReLU(ceiling, inplace = false): y = min(max(x, 0), ceiling), an nn.HardTanh(0, ceiling). */
export class ClippedReLU extends HardTanh {
  declare ceiling: number;
  declare nElem?: number;
  constructor(ceiling: number, inplace?: boolean) {
    if (ceiling === undefined || ceiling === null) throw new TorchError('No ceiling was given to ClippedReLU');
    super(0, ceiling, inplace ?? false);
    dropFields(this, 'min_val', 'max_val');
    this.ceiling = ceiling;
  }
  override updateOutput(input: Tensor): Tensor {
    this.nElem = input.nElement();
    return super.updateOutput(input);
  }
}
protoDefaults(ClippedReLU, { min_val: 0, mode: 'CUDNN_ACTIVATION_CLIPPED_RELU' });
Object.defineProperty(ClippedReLU.prototype, 'max_val', {
  get(this: ClippedReLU) { return this.ceiling; },
  set(this: ClippedReLU, v: number) { Object.defineProperty(this, 'max_val', { value: v, writable: true, enumerable: true, configurable: true }); },
  configurable: true,
});

cudnnName(Tanh, 'Tanh');
cudnnName(Sigmoid, 'Sigmoid');
cudnnName(ReLU, 'ReLU');
cudnnName(ClippedReLU, 'ClippedReLU');
