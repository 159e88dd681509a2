/**
 * nn.Jacobian: finite-difference checks of a module's gradients (Jacobian.lua). Inputs are tensors.
 * @example
 * const err = nn.Jacobian.testJacobian(new nn.Linear(5, 3), torch.randn(4, 5));
 * // err < 1e-5
 */
import { newDefault } from '../lib/defaults.js';
import type { Tensor } from '../lib/Tensor.js';
import { torch } from '../lib/index.js';
import type { Module } from './Module.js';

const t = torch as any;

/** A 1-D view of the same storage (as `param.new(param):resize(n)` in the Lua). */
function flatView(x: Tensor): Tensor {
  return x.new(x).resize(x.nElement());
}

/** Fills x with uniform values in [minval, maxval], drawn from torch's RNG as nn does. */
function randomize(x: Tensor, minval: number, maxval: number): void {
  x.copy(t.rand(x.nElement()).mul(maxval - minval).add(minval));
}

/** Jacobian from backpropagation: column i is dInput (or dParam) for a one-hot gradOutput i. */
export function backward(module: Module, input: Tensor, param?: Tensor, dparam?: Tensor): Tensor {
  const target = param ?? input;
  module.forward(input);
  const dout: Tensor = module.output.new().resizeAs(module.output);
  const sdout = flatView(dout);
  const jacobian = newDefault().resize(target.nElement(), dout.nElement()).zero();
  for (let i = 1; i <= sdout.nElement(); i++) {
    dout.zero();
    sdout.put(i, 1);
    module.zeroGradParameters();
    const din = module.updateGradInput(input, dout);
    module.accGradParameters(input, dout);
    (jacobian.select(2, i) as Tensor).copy(param ? dparam! : din);
  }
  return jacobian;
}

/** Jacobian by central differences of `perturbation` (default 1e-6) on each element of param (or input). */
export function forward(module: Module, input: Tensor, param?: Tensor, perturbation = 1e-6): Tensor {
  const target = param ?? input;
  const sin = flatView(target);
  const n = (module.forward(input) as Tensor).nElement();
  const jacobian = newDefault().resize(target.nElement(), n);
  const outa = newDefault().resize(n), outb = newDefault().resize(n);
  for (let i = 1; i <= sin.nElement(); i++) {
    const orig = sin.get(i);
    sin.put(i, orig - perturbation);
    outa.copy(module.forward(input));
    sin.put(i, orig + perturbation);
    outb.copy(module.forward(input));
    sin.put(i, orig);
    (outb as any).add(-1, outa).div(2 * perturbation);
    (jacobian.select(1, i) as Tensor).copy(outb);
  }
  return jacobian;
}

/** Parameters after `accUpdateGradParameters(input, onehot_i, 1)`, one column per output element. */
export function backwardUpdate(module: Module, input: Tensor, param: Tensor): Tensor {
  module.forward(input);
  const dout: Tensor = module.output.new().resizeAs(module.output);
  const sdout = flatView(dout);
  const jacobian = newDefault().resize(param.nElement(), dout.nElement()).zero();
  const params = module.parameters()?.[0] ?? [];
  const orig = params.map((p) => p.clone());
  for (let i = 1; i <= sdout.nElement(); i++) {
    params.forEach((p, j) => p.copy(orig[j]));
    dout.zero();
    sdout.put(i, 1);
    module.updateGradInput(input, dout);
    module.accUpdateGradParameters(input, dout, 1);
    (jacobian.select(2, i) as Tensor).copy(param);
  }
  params.forEach((p, j) => p.copy(orig[j]));
  return jacobian;
}

/** What `backwardUpdate` should give, from central differences. */
export function forwardUpdate(module: Module, input: Tensor, param: Tensor, perturbation = 1e-6): Tensor {
  const jacobian = forward(module, input, param, perturbation);
  const sin = flatView(param);
  for (let i = 1; i <= sin.nElement(); i++) {
    const row = jacobian.select(1, i) as any;
    row.mul(-1).add(sin.get(i));
  }
  return jacobian;
}

const maxAbsDiff = (a: Tensor, b: Tensor): number => {
  let m = 0;
  const bd: number[] = [];
  b.apply((v) => { bd.push(v); });
  let k = 0;
  a.apply((v) => { m = Math.max(m, Math.abs(v - bd[k++])); });
  return m;
};

/** Max abs difference between the finite-difference and backprop Jacobians w.r.t. the input. */
export function testJacobian(module: Module, input: Tensor, minval = -2, maxval = 2, perturbation = 1e-6): number {
  randomize(input, minval, maxval);
  const fprop = forward(module, input, input, perturbation);
  const bprop = backward(module, input);
  return maxAbsDiff(fprop, bprop);
}

/** The same w.r.t. a parameter tensor `param` whose gradient is `dparam`. */
export function testJacobianParameters(module: Module, input: Tensor, param: Tensor, dparam: Tensor,
  minval = -2, maxval = 2, perturbation = 1e-6): number {
  randomize(input, minval, maxval);
  randomize(param, minval, maxval);
  const bprop = backward(module, input, param, dparam);
  const fprop = forward(module, input, param, perturbation);
  return maxAbsDiff(fprop, bprop);
}

/** Checks `accUpdateGradParameters` against finite differences for `param`. */
export function testJacobianUpdateParameters(module: Module, input: Tensor, param: Tensor,
  minval = -2, maxval = 2, perturbation = 1e-6): number {
  randomize(input, minval, maxval);
  randomize(param, minval, maxval);
  const bprop = backwardUpdate(module, input, param);
  const fprop = forwardUpdate(module, input, param, perturbation);
  return maxAbsDiff(fprop, bprop);
}

/**
 * testIO: forward/backward, `clearState()`, a round trip through a copy of the module, and the same
 * forward/backward again; returns the max abs differences `[forward, backward]` (0 when exact).
 * The round trip is a binary `.t7` serialization by default, as nn's testIO writes a DiskFile.
 */
export function testIO(module: Module, input: Tensor, minval = -2, maxval = 2,
  roundTrip: (m: Module) => Module = (m) => t.deserialize(t.serialize(m)) as Module): [number, number] {
  module.forward(input);
  const go: Tensor = module.output.clone();
  randomize(go, minval, maxval);
  module.zeroGradParameters();
  module.updateGradInput(input, go);
  module.accGradParameters(input, go);
  const fo: Tensor = module.output.clone(), bo: Tensor = module.gradInput.clone();
  if (module.clearState() !== module) throw new Error('clearState did not return self');
  const m = roundTrip(module);
  m.forward(input);
  m.zeroGradParameters();
  m.updateGradInput(input, go);
  m.accGradParameters(input, go);
  return [maxAbsDiff(fo, m.output), bo.nElement() === 0 ? 0 : maxAbsDiff(bo, m.gradInput)];
}
