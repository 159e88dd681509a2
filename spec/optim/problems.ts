/** Test objectives for the optim specs: optim/test's rosenbrock.lua and l2.lua, and a quadratic. */
import { torch, Tensor } from '../../lib/index.js';
import type { FEval } from '../../optim/types.js';

/** f(x) = Σ 100·(x_{i+1} − x_i²)² + (1 − x_i)², minimum 0 at (1, …, 1), and its gradient (rosenbrock.lua). */
export const rosenbrock: FEval = (x) => {
  const d = x.size(1);
  let f = 0;
  const g = x.new(d).zero();
  for (let i = 1; i < d; i++) {
    const xi = x.get(i), xn = x.get(i + 1);
    f += 100 * (xn - xi * xi) ** 2 + (1 - xi) ** 2;
    g.put(i, g.get(i) - 400 * xi * (xn - xi * xi) - 2 * (1 - xi));
    g.put(i + 1, g.get(i + 1) + 200 * (xn - xi * xi));
  }
  return [f, g];
};

/** f(x) = Σ x_i², gradient 2x (l2.lua). */
export const l2: FEval = (x) => [x.dot(x), x.clone().mul(2)];

/** ½ xᵀ diag(h) x − bᵀx with a reused gradient buffer (like a module's gradParams). */
export function quadratic(h: number[], b: number[]): { feval: FEval; grad: Tensor; xstar: number[] } {
  const H = new torch.DoubleTensor(h), B = new torch.DoubleTensor(b);
  const grad = new torch.DoubleTensor(h.length);
  const feval: FEval = (x) => {
    grad.copy(x).cmul(H).add(-1, B);
    return [0.5 * x.clone().cmul(x).dot(H) - B.dot(x), grad];
  };
  return { feval, grad, xstar: b.map((bi, i) => bi / h[i]) };
}

/** The values of a tensor as a plain array. */
export const values = (t: Tensor): number[] => t.clone().view(-1).totable() as number[];
