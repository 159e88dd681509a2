/** nn.LayerNormalization(nOutput, bias = 0, eps = 1e-10, affine = true): per-sample normalisation, a Sequential (LayerNormalization.lua). */
import { Add } from './Add.js';
import { CMul } from './CMul.js';
import { ConcatTable } from './ConcatTable.js';
import { CSubTable } from './CSubTable.js';
import { Identity } from './Identity.js';
import { Mean } from './Mean.js';
import { MulConstant } from './MulConstant.js';
import { Normalize } from './Normalize.js';
import { Replicate } from './Replicate.js';
import { Sequential } from './Sequential.js';

/**
 * Layer normalisation (Ba et al. 2016) of each sample of `nOutput` features (a vector, or a batch of
 * them): `y = gain · sqrt(nOutput) · (x − mean) / ‖x − mean‖₂ + bias`, the norm with Normalize's `eps`.
 * Built as torch/nn builds it, a Sequential of
 * `ConcatTable(Identity, Sequential(Mean(1,1), Replicate(nOutput,1,1)))`, `CSubTable`, `Normalize(2, eps)`,
 * `MulConstant(sqrt(nOutput))` and, when `affine`, `CMul(nOutput)` (gain, filled with 1) and
 * `Add(nOutput)` (bias, filled with `bias`). The Add is built before the CMul (each draws its reset).
 * @example
 * const ln = new nn.LayerNormalization(4);
 * ln.forward(torch.Tensor([[1, 2, 3, 4]])); // zero mean, norm 2 (= sqrt(4)) per row
 */
export class LayerNormalization extends Sequential {
  constructor(nOutput: number, bias?: number, eps?: number, affine?: boolean) {
    super();
    const e = eps ?? 1e-10;
    const withAffine = affine === undefined ? true : affine;
    const b = bias ?? 0;
    this.add(new ConcatTable()
      .add(new Identity())
      .add(new Sequential()
        .add(new Mean(1, 1))
        .add(new Replicate(nOutput, 1, 1))))
      .add(new CSubTable())
      .add(new Normalize(2, e))
      .add(new MulConstant(Math.sqrt(nOutput)));
    if (withAffine) {
      const biasTransform = new Add(nOutput, false);
      biasTransform.bias!.fill(b);
      const gainTransform = new CMul(nOutput);
      gainTransform.weight!.fill(1);
      this.add(gainTransform);
      this.add(biasTransform);
    }
  }
}
