/** nn.ReLU(inplace = false) = nn.Threshold(0, 0, inplace) (ReLU.lua). */
import { Threshold } from './Threshold.js';

/**
 * Rectified linear unit: y = x > 0 ? x : 0.
 * @example
 * new nn.ReLU().forward(torch.randn(4, 6));
 * new nn.ReLU(true); // overwrites its input
 */
export class ReLU extends Threshold {
  constructor(inplace?: boolean) { super(0, 0, inplace); }
}
