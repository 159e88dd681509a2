import { expect } from 'chai';
import { cuda } from '../../../cuda/index.js';
import { DEVICE_POINTWISE } from '../../../cuda/ops/pointwise.js';
import { torch, Tensor } from '../../../lib/index.js';
import { flat, nonContiguous, prng, randomTensor } from '../../helpers.js';

const rnd = prng(6001);
const F = (sizes: number[], lo = -2, hi = 2) => randomTensor('Float', sizes, rnd, lo, hi);
const call = (x: unknown, name: string, ...a: unknown[]) => (x as any)[name](...a);
const fn = (name: string) => (torch as any)[name] as (...a: unknown[]) => any;

/** Runs f and asserts it ran on the device: no CPU fallback, nothing read back. */
function onDevice<T>(f: () => T): T {
  cuda.resetFallbacks();
  const before = cuda.traffic().downloads;
  const r = f();
  expect(cuda.fallbacks(), 'CPU fallbacks').to.deep.equal({});
  expect(cuda.traffic().downloads, 'readbacks during the op').to.equal(before);
  return r;
}

/** Device result vs the FloatTensor result: |a - e| <= atol + rtol |e|, NaNs and infinities matching. */
function close(actual: Tensor, expected: Tensor, rtol = 1e-5, atol = 1e-6): void {
  expect(actual).to.be.instanceOf(cuda.CudaTensor);
  expect(actual.size().totable()).to.deep.equal(expected.size().totable());
  const a = flat(actual.float()), e = flat(expected);
  a.forEach((v, i) => {
    if (!Number.isFinite(e[i])) { expect(String(v), `element ${i}`).to.equal(String(e[i])); return; }
    expect(Math.abs(v - e[i]) <= atol + rtol * Math.abs(e[i]), `element ${i}: ${v} vs ${e[i]}`).to.equal(true);
  });
}

const EXACT = new Set(['abs', 'sign', 'neg', 'round', 'ceil', 'floor', 'trunc', 'frac']);
/** Inputs in each function's domain, with the values where GLSL's own math would go wrong. */
function inputFor(name: string): Tensor {
  const extra: Record<string, number[]> = {
    tanh: [50, -50, 1e-4, -0.03, 0, 20], sinh: [1e-4, -0.02, 8], log1p: [1e-6, -3e-5, 0.04, -0.5],
    round: [0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999997, 0], sign: [0, -0], floor: [-0.5, 2], frac: [-1.25, 3],
  };
  const [lo, hi] = ({ log: [0.1, 3], sqrt: [0, 3], rsqrt: [0.1, 3], log1p: [-0.9, 2], acos: [-0.99, 0.99], asin: [-0.99, 0.99],
    tan: [-1.2, 1.2], round: [-6, 6], exp: [-5, 5], cosh: [-5, 5], sinh: [-5, 5], cinv: [0.2, 2] } as Record<string, number[]>)[name] ?? [-3, 3];
  const t = F([4, 5], lo, hi);
  (extra[name] ?? []).forEach((v, i) => t.storage().data[i] = v);
  return t;
}

describe('cuda pointwise TensorMath', function () {
  this.timeout(240000);

  it('registers a device kernel for every unary function, pow, and the arithmetic forms', () => {
    for (const name of ['abs', 'sign', 'neg', 'cinv', 'log', 'log1p', 'exp', 'cos', 'acos', 'cosh', 'sin', 'asin', 'sinh', 'tan',
      'atan', 'tanh', 'sqrt', 'rsqrt', 'sigmoid', 'round', 'ceil', 'floor', 'trunc', 'frac', 'pow', 'atan2', 'add', 'csub', 'mul',
      'div', 'fmod', 'mod', 'remainder', 'cmul', 'cdiv', 'cpow', 'cfmod', 'cmod', 'cremainder', 'cmax', 'cmin', 'clamp',
      'addcmul', 'addcdiv', 'lerp', 'lshift', 'rshift', 'clshift', 'crshift']) expect(DEVICE_POINTWISE, name).to.include(name);
  });

  for (const name of ['abs', 'sign', 'neg', 'cinv', 'log', 'log1p', 'exp', 'cos', 'acos', 'cosh', 'sin', 'asin', 'sinh', 'tan',
    'atan', 'tanh', 'sqrt', 'rsqrt', 'sigmoid', 'round', 'ceil', 'floor', 'trunc', 'frac']) {
    it(`${name} matches the FloatTensor result on the device`, () => {
      const xf = inputFor(name), x = xf.cuda();
      const y = onDevice(() => fn(name)(x));
      const rtol = EXACT.has(name) ? 0 : 2e-5;
      close(y, fn(name)(xf), rtol, EXACT.has(name) ? 0 : rtol * 0.1);
    });
  }

  it('tanh, sinh and log1p keep float32 accuracy near 0, where the GLSL formulas cancel, and tanh saturates', () => {
    const small = new torch.FloatTensor([1e-5, -2e-4, 0.01, 0.049, -0.3]);
    for (const name of ['tanh', 'sinh', 'log1p']) close(onDevice(() => fn(name)(small.cuda())), fn(name)(small), 2e-6, 0);
    const big = new torch.FloatTensor([80, -80, 30, -9]);
    close(onDevice(() => torch.tanh(big.cuda())), torch.tanh(big), 1e-7, 0);
  });

  it('runs in place, on non-contiguous inputs, and into a view of a bigger tensor', () => {
    const af = F([6, 5]), bf = F([6, 5]);
    const a = af.cuda(), b = bf.cuda();
    const at = nonContiguous(a), bt = nonContiguous(b);
    expect(at.isContiguous()).to.equal(false);
    onDevice(() => at.exp());
    close(at, af.clone().exp(), 2e-5, 1e-6);
    const big = new torch.FloatTensor(6, 9).zero().cuda();
    const view = big.narrow(2, 3, 5);
    onDevice(() => torch.cmul(view, at, bt));
    close(view, torch.cmul(af.clone().exp(), bf), 2e-5, 1e-6);
    close(big.narrow(2, 1, 2), new torch.FloatTensor(6, 2).zero(), 0, 0);
    onDevice(() => call(a, 'add', 2, b));
    close(a, af.clone().add(2, bf), 0, 0);
  });

  it('add, csub, mul, div, fmod, remainder, cmax/cmin and the c-forms match the CPU in every form', () => {
    const af = F([3, 7]), bf = F([3, 7], 0.5, 2), a = af.cuda(), b = bf.cuda();
    const cases: [string, unknown[]][] = [
      ['add', [3]], ['add', [0.5, 'b']], ['add', ['b']], ['csub', [3]], ['csub', [0.5, 'b']], ['csub', ['b']],
      ['mul', [-1.5]], ['div', [4]], ['fmod', [0.7]], ['mod', [-0.7]], ['remainder', [0.7]], ['remainder', [-0.7]],
      ['cmul', ['b']], ['cdiv', ['b']], ['cpow', ['b']], ['cfmod', ['b']], ['cmod', ['b']], ['cremainder', ['b']],
      ['cmax', ['b']], ['cmin', ['b']], ['cmax', [0.1]], ['cmin', [0.1]], ['atan2', ['b']],
      ['lshift', [2]], ['rshift', [3]], ['clshift', ['b']], ['crshift', ['b']],
    ];
    for (const [name, args] of cases) {
      const dev = args.map((v) => (v === 'b' ? b : v)), cpu = args.map((v) => (v === 'b' ? bf : v));
      const y = onDevice(() => fn(name)(a, ...dev));
      const exact = ['add', 'csub', 'mul', 'cmul', 'cmax', 'cmin', 'lshift', 'rshift'].includes(name);
      close(y, fn(name)(af, ...cpu), exact ? 0 : 1e-5, exact ? 0 : 1e-5);
    }
  });

  it('pow: TH\'s special exponents, the general power of any sign of base, and number ^ tensor', () => {
    const xf = F([4, 6], -3, 3);
    xf.storage().data.set([0, -2, 2, -0.5, 1, -1]);
    const x = xf.cuda();
    for (const n of [1, 2, 3, 0.5, -0.5, -1, -2, 4, 5, 2.5, -3, 0]) {
      const y = onDevice(() => torch.pow(x, n));
      close(y, torch.pow(xf, n), 1e-5, 1e-6);
    }
    close(onDevice(() => torch.pow(2.5, x)), torch.pow(2.5, xf), 1e-5, 1e-6);
    close(onDevice(() => torch.pow(-2, torch.round(x))), torch.pow(-2, torch.round(xf)), 1e-5, 1e-6);
    close(onDevice(() => torch.cpow(x, torch.round(x))), torch.cpow(xf, torch.round(xf)), 1e-5, 1e-6);
    const y = x.clone();
    onDevice(() => y.pow(2));
    close(y, xf.clone().pow(2), 0, 0);
  });

  it('clamp, addcmul, addcdiv and lerp, with and without value, in place and into a result', () => {
    const xf = F([5, 4]), af = F([5, 4]), bf = F([5, 4], 0.5, 2);
    const x = xf.cuda(), a = af.cuda(), b = bf.cuda();
    close(onDevice(() => torch.clamp(x, -0.5, 0.7)), torch.clamp(xf, -0.5, 0.7), 0, 0);
    close(onDevice(() => torch.addcmul(x, 0.5, a, b)), torch.addcmul(xf, 0.5, af, bf), 1e-6, 1e-6);
    close(onDevice(() => torch.addcdiv(x, a, b)), torch.addcdiv(xf, af, bf), 1e-6, 1e-6);
    close(onDevice(() => torch.lerp(x, a, 0.3)), torch.lerp(xf, af, 0.3), 1e-6, 1e-6);
    const y = x.clone(), yf = xf.clone();
    onDevice(() => y.addcdiv(-2, a, b));
    close(y, yf.addcdiv(-2, af, bf), 1e-6, 1e-6);
    onDevice(() => y.clamp(-1, 1));
    close(y, yf.clamp(-1, 1), 1e-6, 1e-6);
  });

  it('declines mismatched arguments, so the CPU kernel raises Torch\'s error', () => {
    const a = F([3]).cuda(), b = F([4]).cuda();
    expect(() => torch.cmul(a, b)).to.throw('inconsistent tensor size');
    expect(() => torch.add(a, F([3]))).to.throw(/invalid arguments|tensors of one type/);
  });

  it('frees every temporary buffer: reusing results keeps the live device buffer count flat', () => {
    const x = F([8, 8]).cuda(), r = x.new();
    const run = () => { torch.tanh(r, x); r.pow(3).add(1).clamp(0, 2); torch.addcmul(r, r, 0.5, x, x); };
    run();
    const before = cuda.memory();
    for (let i = 0; i < 5; i++) run();
    expect(cuda.memory()).to.deep.equal(before);
  });
});
