/** Helpers for the simple-layer specs: gradient checks by central differences, tables of tensors, float runs. */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import type { Module } from '../../nn/Module.js';
import { expectClose, flat } from '../helpers.js';

export const T = torch as any;

/** A tensor or a table of tensors. */
export type Act = Tensor | Tensor[];

const list = (x: Act): Tensor[] => (Array.isArray(x) ? x : [x]);

/** Deep clone of a tensor or a table. */
export function cloneAct(x: Act): Act {
  return Array.isArray(x) ? x.map((t) => t.clone()) : x.clone();
}

/** Converts a tensor or a table to `type`. */
export function typeAct(x: Act, type: string): Act {
  return Array.isArray(x) ? x.map((t) => t.type(type)) : x.type(type);
}

/** sum(output .* go) after a forward pass. */
function loss(m: Module, input: Act, go: Tensor): number {
  const out = m.forward(input) as Tensor;
  let s = 0;
  const o = flat(out), g = flat(go);
  for (let i = 0; i < o.length; i++) s += o[i] * g[i];
  return s;
}

/**
 * Checks gradInput and the parameter gradients of `m` at `input` against central differences of
 * L = sum(output .* go) for a random go; returns the largest error found (and asserts it is below tol).
 */
export function checkGradients(m: Module, input: Act, tol = 1e-5, eps = 1e-6): number {
  const out = m.forward(input) as Tensor;
  const go = torch.randn(...out.shape);
  m.zeroGradParameters();
  const gi = list(m.backward(input, go) as Act).map((t) => t.clone());
  const [params, grads] = m.parameters() ?? [[], []];
  const gradCopies = grads.map((g) => g.clone());
  let worst = 0;
  const probe = (x: Tensor, analytic: Tensor, what: string) => {
    const a = flat(analytic);
    const n = x.nElement();
    expect(a.length, `${what} size`).to.equal(n);
    const xs = x.new(x).resize(n); // a 1-D view when contiguous
    const contiguous = x.isContiguous();
    for (let i = 1; i <= n; i++) {
      const at = (v: number) => { if (contiguous) xs.put(i, v); else throw new Error('probe needs contiguous tensors'); };
      const orig = xs.get(i);
      at(orig + eps);
      const lp = loss(m, input, go);
      at(orig - eps);
      const lm = loss(m, input, go);
      at(orig);
      const numeric = (lp - lm) / (2 * eps);
      const err = Math.abs(numeric - a[i - 1]);
      worst = Math.max(worst, err);
      expect(err, `${what}[${i}]: numeric ${numeric} vs analytic ${a[i - 1]}`).to.be.below(tol);
    }
  };
  list(input).forEach((x, k) => probe(x, gi[k], `gradInput[${k + 1}]`));
  params.forEach((p, k) => probe(p, gradCopies[k], `gradParameter[${k + 1}]`));
  return worst;
}

/** Runs forward/backward in double and in float (module and input converted) and compares the results at 1e-5. */
export function checkFloat(build: () => Module, input: Act): void {
  const md = build();
  const mf = build();
  mf.float();
  for (const p of mf.parameters()?.[0] ?? []) expect(p.type()).to.equal('torch.FloatTensor');
  const pd = md.parameters()?.[0] ?? [], pf = mf.parameters()?.[0] ?? [];
  pd.forEach((p, i) => pf[i].copy(p));
  const od = (md.forward(input) as Tensor).clone();
  const inF = typeAct(input, 'torch.FloatTensor');
  const of = mf.forward(inF) as Tensor;
  expect(of.type()).to.equal('torch.FloatTensor');
  expectClose(of, od, 1e-5);
  const go = torch.randn(...od.shape);
  md.zeroGradParameters();
  mf.zeroGradParameters();
  const gd = list(md.backward(input, go) as Act).map((t) => t.clone());
  const gf = list(mf.backward(inF, go.float()) as Act);
  gd.forEach((g, i) => { expect(gf[i].type()).to.equal('torch.FloatTensor'); expectClose(gf[i], g, 1e-5); });
  const gpd = md.parameters()?.[1] ?? [], gpf = mf.parameters()?.[1] ?? [];
  gpd.forEach((g, i) => expectClose(gpf[i], g, 1e-5));
}

/** Asserts `fn` throws a TorchError whose message contains `msg`. */
export function expectTorchError(fn: () => unknown, msg: string): void {
  let err: unknown;
  try { fn(); } catch (e) { err = e; }
  expect(err, `expected an error containing "${msg}"`).to.be.instanceOf(torch.TorchError);
  expect((err as Error).message).to.contain(msg);
}

/** Checks accUpdateGradParameters: params move by -lr times the gradients of a separate backward. */
export function checkAccUpdate(build: () => Module, input: Act, lr = 0.1): void {
  T.manualSeed(7);
  const a = build();
  T.manualSeed(7);
  const b = build();
  const out = a.forward(input) as Tensor;
  const go = torch.randn(...out.shape);
  a.zeroGradParameters();
  a.backward(input, go);
  const [pa, ga] = a.parameters()!;
  const expected = pa.map((p, i) => p.clone().add(-lr, ga[i]));
  b.forward(input);
  b.backwardUpdate(input, go, lr);
  b.parameters()![0].forEach((p, i) => expectClose(p, expected[i], 1e-12));
}

/** A reference in plain JS: the elements of a tensor as nested arrays. */
export const tab = (t: Tensor): any => t.totable();
