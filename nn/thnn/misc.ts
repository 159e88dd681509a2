/**
 * CPU THNN kernels of the elementwise math layers nn.Abs, nn.Square and nn.Sqrt (THNN's generic/Abs.c,
 * Square.c, Sqrt.c). Signatures are THNN.h's without the state argument.
 */
import type { Tensor } from '../../lib/Tensor.js';
import { apply2, apply3, checkNElement, checkShape } from './transfer.js';

export const misc = {
  /** output = |input|. */
  Abs_updateOutput(input: Tensor, output: Tensor): void {
    output.resizeAs(input);
    apply2(output, input, Math.abs);
  },
  /** gradInput = gradOutput * (input >= 0 ? 1 : -1). */
  Abs_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor): void {
    checkNElement(input, gradOutput, 'input', 'gradOutput');
    gradInput.resizeAs(input);
    apply3(gradInput, gradOutput, input, (g, x) => (x >= 0 ? g : -g));
  },
  /** output = input * input. */
  Square_updateOutput(input: Tensor, output: Tensor): void {
    output.resizeAs(input);
    apply2(output, input, (x) => x * x);
  },
  /** gradInput = 2 * gradOutput * input. */
  Square_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor): void {
    checkShape(input, gradOutput, 'input', 'gradOutput');
    gradInput.resizeAs(input);
    apply3(gradInput, gradOutput, input, (g, x) => 2 * g * x);
  },
  /** output = sqrt(input); `eps` is accepted and unused, as in THNN. */
  Sqrt_updateOutput(input: Tensor, output: Tensor, _eps: number): void {
    output.resizeAs(input);
    apply2(output, input, Math.sqrt);
  },
  /** gradInput = output == 0 ? 0 : 0.5 * gradOutput / output. */
  Sqrt_updateGradInput(input: Tensor, gradOutput: Tensor, gradInput: Tensor, output: Tensor): void {
    checkShape(output, gradOutput, 'output', 'gradOutput');
    gradInput.resizeAs(input);
    const f32 = gradInput._storage.data instanceof Float32Array;
    apply3(gradInput, gradOutput, output, f32
      ? (g, y) => (y === 0 ? 0 : 0.5 * Math.fround(g / y))
      : (g, y) => (y === 0 ? 0 : 0.5 * (g / y)));
  },
};

