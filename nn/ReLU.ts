/** nn.ReLU(inplace = false) = nn.Threshold(0, 0, inplace). */
import { Threshold } from './Threshold.js';

export class ReLU extends Threshold {
  constructor(inplace?: boolean) { super(0, 0, inplace); }
}
