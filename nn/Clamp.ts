/** nn.Clamp(min_value, max_value): y = min(max(x, min_value), max_value) (Clamp.lua). */
import { HardTanh } from './HardTanh.js';

/**
 * HardTanh with its bounds given: clips to [min_value, max_value]; the gradient passes only strictly
 * inside. Defaults are HardTanh's (-1, 1).
 * @example
 * new nn.Clamp(-0.5, 2).forward(torch.randn(4, 6));
 */
export class Clamp extends HardTanh {
  constructor(min_value?: number, max_value?: number) {
    super(min_value, max_value);
  }
}
