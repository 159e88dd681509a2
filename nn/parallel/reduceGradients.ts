/**
 * cunn's gradient reduction (replica 1's gradients += every other replica's, whose own are then
 * zeroed) cut into parts that threads run at once. Part `p` of `parts` covers the p-th slice
 * (`sliceRange`) of each gradient's elements, so parts touch disjoint memory; within a part the
 * replicas are added in order, so the result is bit for bit that of the whole serial sum.
 */
import type { Tensor } from '../../lib/Tensor.js';
import { sliceRange } from './sliceRange.js';

/** Elements `[start, start + size)` (start 1-based) of a contiguous tensor, as a 1-D view. */
const span = (t: Tensor, start: number, size: number): Tensor => t.new().set(t.storage(), t.storageOffset() + start - 1, [size]);

/**
 * Part `part` (1-based) of `parts` of the reduction of `grads` (per replica, the same list of
 * gradient tensors; replica 1's first): `grads[0][j] += grads[r][j]` for r = 2.., then `grads[r][j]`
 * zeroed. A gradient that is not contiguous in every replica goes whole to part 1.
 * @example
 * reduceGradients([[g1], [g2]], 1, 2); // first half of g1 += first half of g2; that half of g2 = 0
 */
export function reduceGradients(grads: Tensor[][], part: number, parts: number): void {
  const [base, ...others] = grads;
  base.forEach((b, j) => {
    const n = b.nElement();
    const split = b.isContiguous() && others.every((g) => g[j].isContiguous() && g[j].nElement() === n);
    if (!split) {
      if (part === 1) for (const g of others) { b.add(g[j]); g[j].zero(); }
      return;
    }
    const [start, size] = sliceRange(n, part, parts);
    if (size === 0) return;
    const into = span(b, start, size);
    for (const g of others) {
      const from = span(g[j], start, size);
      into.add(from);
      from.zero();
    }
  });
}
