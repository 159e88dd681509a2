/** CPU THNN kernels of the pointwise transfer functions (THNN's generic/Tanh.c, Sigmoid.c, Threshold.c). */
import type { Tensor } from '../../lib/Tensor.js';
import { map1, map2 } from './loops.js';

export const transfer = {
  Tanh_updateOutput(input: Tensor, output: Tensor): void {
    output.resizeAs(input);
    map1(output, input, Math.tanh);
  },
  Tanh_updateGradInput(gradOutput: Tensor, gradInput: Tensor, output: Tensor): void {
    gradInput.resizeAs(output);
    map2(gradInput, gradOutput, output, (g, y) => g * (1 - y * y));
  },
  Sigmoid_updateOutput(input: Tensor, output: Tensor): void {
    output.resizeAs(input);
    map1(output, input, (x) => 1 / (1 + Math.exp(-x)));
  },
  Sigmoid_updateGradInput(gradOutput: Tensor, gradInput: Tensor, output: Tensor): void {
    gradInput.resizeAs(output);
    map2(gradInput, gradOutput, output, (g, y) => g * (1 - y) * y);
  },
  Threshold_updateOutput(input: Tensor, output: Tensor, threshold: number, val: number, inplace: boolean): void {
    if (inplace) {
      map1(input, input, (x) => (x <= threshold ? val : x));
      output.set(input);
    } else {
      output.resizeAs(input);
      map1(output, input, (x) => (x > threshold ? x : val));
    }
  },
  Threshold_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, threshold: number, _val: number, inplace: boolean): void {
    if (inplace) {
      map2(gradOutput, gradOutput, input, (g, x) => (x <= threshold ? 0 : g));
      gradInput.set(gradOutput);
    } else {
      gradInput.resizeAs(input);
      map2(gradInput, gradOutput, input, (g, x) => (x > threshold ? g : 0));
    }
  },
};
