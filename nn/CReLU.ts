/** nn.CReLU(nInputDims[, inplace = false]): ReLU(x) and ReLU(-x) joined along the feature dim (CReLU.lua). */
import type { Tensor } from '../lib/Tensor.js';
import { ConcatTable } from './ConcatTable.js';
import { Identity } from './Identity.js';
import { JoinTable } from './JoinTable.js';
import { MulConstant } from './MulConstant.js';
import { ReLU } from './ReLU.js';
import { Sequential } from './Sequential.js';

/**
 * Concatenated ReLU (Shang et al., 2016): a Sequential of ConcatTable{Identity, MulConstant(-1)},
 * JoinTable(2) and ReLU(inplace), run on the input flattened to one row (or one row per sample when it
 * has `nInputDims + 1` dims). The output has the input's shape with its first non-batch dim doubled:
 * the positive part first, then the negative part. `backward` is `updateGradInput` (no parameters).
 * @example
 * new nn.CReLU(1).forward(torch.Tensor([1, -2])); // 1 0 0 2
 * new nn.CReLU(3).forward(torch.randn(8, 16, 5, 5)); // 8x32x5x5
 */
export class CReLU extends Sequential {
  nInputDims: number;
  inplace: boolean;

  constructor(nInputDims: number, inplace?: boolean) {
    super();
    this.nInputDims = nInputDims;
    this.inplace = inplace ?? false;
    this.add(new ConcatTable().add(new Identity()).add(new MulConstant(-1)));
    this.add(new JoinTable(2));
    this.add(new ReLU(this.inplace));
  }

  private batched(input: Tensor): boolean { return input.dim() === this.nInputDims + 1; }

  override updateOutput(input: Tensor): Tensor {
    const batched = this.batched(input);
    super.updateOutput(batched ? input.view(input.size(1), -1) : input.view(1, -1));
    const osize = input.size().totable();
    osize[batched ? 1 : 0] *= 2;
    this.output.resize(osize);
    return this.output;
  }

  override backward(input: Tensor, gradOutput: Tensor): Tensor { return this.updateGradInput(input, gradOutput); }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    if (this.batched(input)) {
      super.updateGradInput(input.view(input.size(1), -1), gradOutput.view(input.size(1), -1));
    } else {
      super.updateGradInput(input.view(1, -1), gradOutput.view(1, -1));
    }
    this.gradInput.resizeAs(input);
    return this.gradInput;
  }

  override toString(): string { return 'CReLU()'; }
}
