/** Helpers for the nngraph specs: comparisons of (nested) activities. */
import { expect } from 'chai';
import { Tensor } from '../../../lib/index.js';
import { expectClose } from '../../helpers.js';

/** Asserts two tensors or nested arrays of tensors have the same structure and values (within tol). */
export function expectSame(a: any, b: any, tol = 1e-12, path = 'value'): void {
  if (Array.isArray(b)) {
    expect(Array.isArray(a), `${path} should be a table`).to.equal(true);
    expect(a.length, `${path} length`).to.equal(b.length);
    b.forEach((x: any, i: number) => expectSame(a[i], x, tol, `${path}[${i + 1}]`));
    return;
  }
  expect(a, path).to.be.instanceOf(Tensor);
  expect(a.size().totable(), `${path} size`).to.deep.equal(b.size().totable());
  expectClose(a, b, tol);
}

/** forward + backward of a gModule and an equivalent container (built from clones) agree, gradients of each module pair too. */
export function expectEquivalent(g: any, c: any, input: any, gradOutput: any, pairs: [any, any][], tol = 1e-12): void {
  g.zeroGradParameters();
  c.zeroGradParameters();
  expectSame(g.forward(input), c.forward(input), tol, 'output');
  expectSame(g.backward(input, gradOutput), c.backward(input, gradOutput), tol, 'gradInput');
  for (const [a, b] of pairs) {
    if (a.gradWeight) expectClose(a.gradWeight, b.gradWeight, tol);
    if (a.gradBias) expectClose(a.gradBias, b.gradBias, tol);
  }
}
