/** nn.SpatialLPPooling(nInputPlane, pnorm, kW, kH[, dW = kW, dH = kH]): L_p pooling (SpatialLPPooling.lua). */
import { MulConstant } from './MulConstant.js';
import { Power } from './Power.js';
import { Sequential } from './Sequential.js';
import { SpatialAveragePooling } from './SpatialAveragePooling.js';
import { Sqrt } from './Sqrt.js';
import { Square } from './Square.js';

/**
 * `(sum over each kW x kH window of x^p)^(1/p)`, as Torch builds it: a Sequential of Power(p) (Square for
 * p = 2), SpatialAveragePooling(kW, kH, dW, dH), MulConstant(kW*kH) and Power(1/p) (Sqrt for p = 2).
 * It has no parameters: reset, accGradParameters, accUpdateGradParameters, zeroGradParameters and
 * updateParameters do nothing. As in Torch, `nInputPlane` is not kept, and a non-integer p on
 * negative inputs gives NaN.
 * @example
 * const pool = new nn.SpatialLPPooling(3, 2, 2, 2);
 * pool.forward(torch.randn(3, 8, 8)); // 3 x 4 x 4: the L2 norm of each 2x2 window
 */
export class SpatialLPPooling extends Sequential {
  kW: number;
  kH: number;
  dW: number;
  dH: number;

  constructor(_nInputPlane: number, pnorm: number, kW: number, kH: number, dW?: number, dH?: number) {
    super();
    this.kW = kW;
    this.kH = kH;
    this.dW = dW ?? kW;
    this.dH = dH ?? kH;
    this.add(pnorm === 2 ? new Square() : new Power(pnorm));
    this.add(new SpatialAveragePooling(kW, kH, this.dW, this.dH));
    this.add(new MulConstant(kW * kH));
    this.add(pnorm === 2 ? new Sqrt() : new Power(1 / pnorm));
  }

  override reset(): this { return this; }
  override accGradParameters(): void {}
  override accUpdateGradParameters(): void {}
  override zeroGradParameters(): void {}
  override updateParameters(): void {}
}
