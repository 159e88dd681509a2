import { expect } from 'chai';
import { torch, Tensor } from '../../../lib/index.js';
import { flat, nonContiguous, prng, randomTensor } from '../../helpers.js';

const rnd = prng(20240611);
const T = (type: string, ...args: unknown[]): Tensor => new (torch as any)[`${type}Tensor`](...args);
const op = (name: string) => (torch as any)[name] as (...a: unknown[]) => any;
const call = (x: Tensor, name: string, ...a: unknown[]) => (x as any)[name](...a);
const ARR: Record<string, new (xs: number[]) => ArrayLike<number>> = {
  Byte: Uint8Array, Char: Int8Array, Short: Int16Array, Int: Int32Array, Float: Float32Array, Double: Float64Array,
};
/** C's conversion to the element type (modular for integers, float32 rounding for Float). */
const cast = (type: string, x: number) => (type === 'Long' ? Math.trunc(x) : new ARR[type]([x])[0]);
const INTS = ['Byte', 'Char', 'Short', 'Int', 'Long'];
const sizesOf = (t: Tensor) => t.size().totable();

/** A random tensor; integer types get integers in [lo, hi) (Byte: [0, hi)); `noZero` replaces zeros by 1. */
function gen(type: string, sizes: number[], lo = -3, hi = 3, noZero = false): Tensor {
  const t = randomTensor(type, sizes, rnd, type === 'Byte' ? Math.max(lo, 0) : lo, hi);
  if (noZero) t.apply((v) => (v === 0 ? 1 : v));
  return t;
}

/** The same values in a contiguous view that starts 2 elements into its storage. */
const withOffset = (t: Tensor): Tensor => t.new(t.nElement() + 2).zero().narrow(1, 3, t.nElement()).view(t.size()).copy(t);

/** Element-wise equality (integers) or closeness (Double 1e-12, Float 1e-6), NaNs matching. */
function expectValues(actual: Tensor, expected: number[], type: string, what: string): void {
  const got = flat(actual), tol = type === 'Double' ? 1e-12 : type === 'Float' ? 1e-6 : 0;
  expect(got.length, `${what}: number of elements`).to.equal(expected.length);
  got.forEach((g, i) => {
    const e = expected[i];
    if (Number.isNaN(e)) expect(Number.isNaN(g), `${what}[${i}] should be NaN, is ${g}`).to.equal(true);
    else if (!Number.isFinite(e) || tol === 0) expect(g, `${what}[${i}]`).to.equal(e);
    else expect(Math.abs(g - e) <= tol * (1 + Math.abs(e)), `${what}[${i}]: ${g} vs ${e}`).to.equal(true);
  });
}

/** Expected result of a pointwise op: `f` per element (on the operands' row-major values), cast to the type. */
const expectedOf = (type: string, f: (...x: number[]) => number, ...ts: Tensor[]) => {
  const cols = ts.map(flat);
  return cols[0].map((_, i) => cast(type, f(...cols.map((c) => c[i]))));
};

/**
 * Every form of a pointwise op on `args` (tensors and numbers, in Torch's order after the result):
 * `torch.f(args)`, `torch.f(res, args)`, `y.f(args)`, `x.f(args minus the operand at selfIndex)` (x is
 * a copy of that operand), non-contiguous operands and result, and zero-stride (expanded) operands.
 * `ref` gets the operands' elements and the numbers; its result is cast to the type.
 */
function checkForms(name: string, type: string, args: (Tensor | number)[], ref: (...x: number[]) => number, selfIndex = 0): void {
  const tensors = args.filter((a): a is Tensor => a instanceof Tensor), first = tensors[0];
  const expected = (as: (Tensor | number)[]) => {
    const cols = as.map((a) => (a instanceof Tensor ? flat(a) : null));
    return flat(first).map((_, i) => cast(type, ref(...as.map((a, k) => (a instanceof Tensor ? cols[k]![i] : a)))));
  };
  const exp = expected(args), before = tensors.map(flat);
  const r1 = op(name)(...args);
  expect(r1.type(), `torch.${name} result type`).to.equal(first.type());
  expect(sizesOf(r1)).to.deep.equal(sizesOf(first));
  expectValues(r1, exp, type, `torch.${name}(...)`);
  tensors.forEach((t, i) => expect(flat(t), 'operands untouched').to.deep.equal(before[i]));
  const res = T(type, 5);
  expect(op(name)(res, ...args)).to.equal(res);
  expectValues(res, exp, type, `torch.${name}(res, ...)`);
  const y = T(type, 2, 2);
  expect(call(y, name, ...args)).to.equal(y);
  expect(sizesOf(y)).to.deep.equal(sizesOf(first));
  expectValues(y, exp, type, `y.${name}(...)`);
  if (selfIndex >= 0) {
    const x = (args[selfIndex] as Tensor).clone();
    expect(call(x, name, ...args.filter((_, i) => i !== selfIndex))).to.equal(x);
    expectValues(x, exp, type, `x.${name}(...) in place`);
  }
  const nc = args.map((a) => (a instanceof Tensor ? nonContiguous(a) : a));
  const ncRes = nonContiguous(first.clone().zero());
  op(name)(ncRes, ...nc);
  expectValues(ncRes, exp, type, `non-contiguous ${name}`);
  const off = args.map((a) => (a instanceof Tensor ? withOffset(a) : a)), offRes = withOffset(first);
  expect(op(name)(offRes, ...off)).to.equal(offRes);
  expectValues(offRes, exp, type, `contiguous views at an offset, ${name}`);
  const ex = args.map((a) => (a instanceof Tensor && a.dim() === 2 ? a.narrow(2, 1, 1).expand(a.size(1), a.size(2)) : a));
  expectValues(op(name)(...ex), expected(ex), type, `expanded ${name}`);
}

/** checkForms for a one-tensor op. */
const checkUnary = (name: string, type: string, ref: (x: number) => number, lo: number, hi: number) =>
  checkForms(name, type, [gen(type, [3, 4], lo, hi)], ref);

const UNARY: [string, (x: number) => number, number, number][] = [
  ['neg', (x) => -x, -3, 3], ['cinv', (x) => 1 / x, 0.2, 3],
  ['log', Math.log, 0.1, 3], ['log1p', Math.log1p, -0.9, 3], ['exp', Math.exp, -3, 3],
  ['cos', Math.cos, -3, 3], ['acos', Math.acos, -1, 1], ['cosh', Math.cosh, -3, 3],
  ['sin', Math.sin, -3, 3], ['asin', Math.asin, -1, 1], ['sinh', Math.sinh, -3, 3],
  ['tan', Math.tan, -1.5, 1.5], ['atan', Math.atan, -3, 3], ['tanh', Math.tanh, -3, 3],
  ['sqrt', Math.sqrt, 0, 3], ['rsqrt', (x) => 1 / Math.sqrt(x), 0.1, 3], ['sigmoid', (x) => 1 / (1 + Math.exp(-x)), -5, 5],
  ['round', (x) => Math.sign(x) * Math.floor(Math.abs(x) + 0.5), -5, 5], ['ceil', Math.ceil, -5, 5],
  ['floor', Math.floor, -5, 5], ['trunc', Math.trunc, -5, 5], ['frac', (x) => x - Math.trunc(x), -5, 5],
];
const sign = (x: number) => (x > 0 ? 1 : x < 0 ? -1 : 0);

describe('unary pointwise math', () => {
  for (const [name, ref, lo, hi] of UNARY) {
    it(`${name}: every form on Double and Float; an error on integer types; plain numbers`, () => {
      for (const type of ['Double', 'Float']) checkUnary(name, type, ref, lo, hi);
      for (const type of ['Int', 'Long', 'Byte']) {
        expect(() => op(name)(gen(type, [2])), type).to.throw(`torch.${type}Tensor does not implement the torch.${name}() function`);
      }
      if (!['neg', 'cinv'].includes(name)) expect(op(name)(0.3)).to.be.closeTo(ref(0.3), 1e-15);
    });
  }

  it('abs and sign work on every type (sign of a ByteTensor is 0 or 1)', () => {
    for (const type of ['Double', 'Float', ...INTS]) {
      checkUnary('abs', type, Math.abs, -9, 9);
      checkUnary('sign', type, sign, -9, 9);
    }
    expect(torch.abs(-2.5)).to.equal(2.5);
  });

  it('round halves away from zero (C round); sign(NaN) is 0; frac keeps the sign', () => {
    const x = T('Double', [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 0.49999999999999994]);
    expect(torch.round(x).totable()).to.deep.equal([-3, -2, -1, 1, 2, 3, 0]);
    expect(torch.round(-2.5)).to.equal(-3);
    expect(torch.sign(T('Float', [NaN, -0.1, 0])).totable()).to.deep.equal([0, -1, 0]);
    expect(torch.frac(T('Double', [-1.25, 2.5])).totable()).to.deep.equal([-0.25, 0.5]);
  });

  it('Float results are rounded to float32', () => {
    const x = T('Float', [0.1, 0.7]);
    const r = torch.exp(x);
    expect(r.get(1)).to.equal(Math.fround(Math.exp(Math.fround(0.1))));
    expect(r.get(2)).to.equal(Math.fround(Math.exp(Math.fround(0.7))));
  });

  it('number forms follow the default tensor type', () => {
    torch.setdefaulttensortype('torch.FloatTensor');
    try {
      expect(torch.exp(0.1)).to.equal(Math.fround(Math.exp(Math.fround(0.1))));
    } finally {
      torch.setdefaulttensortype('torch.DoubleTensor');
    }
    expect(torch.exp(0.1)).to.equal(Math.exp(0.1));
  });
});

const BITS: Record<string, number> = { Byte: 8, Char: 8, Short: 16, Int: 32, Long: 64 };
/** Wraps a BigInt to the integer type's width (two's complement; Byte unsigned). */
const wrapBig = (type: string, x: bigint) => Number(type === 'Byte' ? BigInt.asUintN(8, x) : BigInt.asIntN(BITS[type], x));
const isInt = (type: string) => INTS.includes(type);
/** C's `/`: truncating on integers. */
const cDiv = (type: string) => (a: number, b: number) => (isInt(type) ? Math.trunc(a / b) : a / b);
/** Torch's remainder: the sign of the divisor; float division for FloatTensor; NaN for a float 0 divisor. */
const cRem = (type: string) => (a: number, b: number) => {
  if (isInt(type)) { const r = a % b; return r !== 0 && (r < 0) !== (b < 0) ? r + b : r; }
  return b === 0 ? NaN : a - b * Math.floor(type === 'Float' ? Math.fround(a / b) : a / b);
};
const shl = (type: string) => (a: number, n: number) => (isInt(type) ? wrapBig(type, BigInt(a) << BigInt(n)) : a * 2 ** n);
const shr = (type: string) => (a: number, n: number) =>
  (isInt(type) ? wrapBig(type, BigInt.asUintN(BITS[type], BigInt(a)) >> BigInt(n)) : a / 2 ** n);
const bit = (f: (x: bigint, y: bigint) => bigint) => (type: string) => (a: number, b: number) => wrapBig(type, f(BigInt(a), BigInt(b)));
const ALL = ['Double', 'Float', ...INTS];

/** name, reference (per type, on the cast scalar), scalars to try, types. */
const SCALAR: [string, (type: string) => (a: number, v: number) => number, number[], string[]][] = [
  ['add', () => (a, v) => a + v, [2.7, -1.5], ALL],
  ['csub', () => (a, v) => a - v, [2.7, -1.5], ALL],
  ['mul', () => (a, v) => a * v, [2.7, -3], ALL],
  ['div', cDiv, [2.5, -3], ALL],
  ['fmod', () => (a, v) => a % v, [2.5, -3], ALL],
  ['mod', () => (a, v) => a % v, [2.5, -3], ALL],
  ['remainder', cRem, [2.5, -3], ALL],
  ['cmax', () => (a, v) => (a > v ? a : v), [0.5, -1], ALL],
  ['cmin', () => (a, v) => (a < v ? a : v), [0.5, -1], ALL],
  ['lshift', shl, [1, 3], ALL],
  ['rshift', shr, [1, 3], ALL],
  ['bitand', bit((x, y) => x & y), [6, -3], INTS],
  ['bitor', bit((x, y) => x | y), [6, -3], INTS],
  ['bitxor', bit((x, y) => x ^ y), [6, -3], INTS],
];

describe('pointwise ops with a scalar', () => {
  for (const [name, ref, values, types] of SCALAR) {
    it(`${name}: every form, ${types.length} types, the scalar cast to the element type`, () => {
      for (const type of types) {
        for (const v of values) {
          const f = ref(type), cv = cast(type, v);
          checkForms(name, type, [gen(type, [3, 4], -100, 100), v], (a, w) => f(a, cast(type, w)));
          // The method with the operand omitted: x.f(v) is x = f(x, v).
          const x = gen(type, [2, 3], -100, 100), exp = flat(x).map((a) => cast(type, f(a, cv)));
          expect(call(x, name, v)).to.equal(x);
          expectValues(x, exp, type, `x.${name}(${v})`);
        }
      }
    });
  }

  it('bit operations are an error on float tensors', () => {
    for (const name of ['bitand', 'bitor', 'bitxor']) {
      expect(() => op(name)(gen('Double', [2]), 1)).to.throw(`${name} is only supported for integer type tensors`);
      expect(() => op(`c${name}`)(gen('Float', [2]), gen('Float', [2]))).to.throw(`c${name} is only supported for integer type tensors`);
    }
  });
});

/** name, reference per type, types, operand b's range [lo, hi), b must not be 0, a's range. */
const TENSOR: [string, (type: string) => (a: number, b: number) => number, string[], [number, number], boolean, [number, number]?][] = [
  ['cmul', () => (a, b) => a * b, ALL, [-50, 50], false],
  ['cdiv', cDiv, ALL, [-50, 50], true],
  ['cpow', (type) => (isInt(type) ? (a, b) => Math.trunc(a ** b) : Math.pow), ALL, [0, 3], false, [0.1, 4]],
  ['cfmod', () => (a, b) => a % b, ALL, [-7, 7], true],
  ['cmod', () => (a, b) => a % b, ALL, [-7, 7], true],
  ['cremainder', cRem, ALL, [-7, 7], true],
  ['cmax', () => (a, b) => (a > b ? a : b), ALL, [-50, 50], false],
  ['cmin', () => (a, b) => (a < b ? a : b), ALL, [-50, 50], false],
  ['clshift', (type) => (isInt(type) ? shl(type) : (a, b) => a * 2 ** b), ALL, [0, 4], false],
  ['crshift', (type) => (isInt(type) ? shr(type) : (a, b) => a / 2 ** b), ALL, [0, 4], false],
  ['cbitand', bit((x, y) => x & y), INTS, [-100, 100], false],
  ['cbitor', bit((x, y) => x | y), INTS, [-100, 100], false],
  ['cbitxor', bit((x, y) => x ^ y), INTS, [-100, 100], false],
  ['atan2', () => Math.atan2, ['Double', 'Float'], [-3, 3], false],
  ['add', () => (a, b) => a + b, ALL, [-50, 50], false],
  ['csub', () => (a, b) => a - b, ALL, [-50, 50], false],
];

describe('element-wise ops of two tensors', () => {
  for (const [name, ref, types, [lo, hi], noZero, aRange] of TENSOR) {
    it(`${name}: every form on ${types.join(', ')}`, () => {
      for (const type of types) {
        const a = gen(type, [3, 4], aRange?.[0] ?? -50, aRange?.[1] ?? 50), b = gen(type, [3, 4], lo, hi, noZero);
        checkForms(name, type, [a, b], ref(type));
      }
    });
  }

  it('operands need the same number of elements, not the same shape; the result is shaped like the first', () => {
    const a = gen('Double', [3, 4]), b = gen('Double', [2, 6]);
    const r = torch.cmul(a, b);
    expect(sizesOf(r)).to.deep.equal([3, 4]);
    expectValues(r, flat(a).map((x, i) => x * flat(b)[i]), 'Double', 'cmul 3x4 by 2x6');
    expect(() => torch.cmul(a, gen('Double', [5]))).to.throw(/inconsistent tensor size/);
    expect(() => a.clone().add(gen('Double', [11]))).to.throw(/inconsistent tensor size/);
    expect(() => torch.add(gen('Double', [2]), 2, gen('Double', [3]))).to.throw(/inconsistent tensor size/);
  });

  it('all tensors of a call must have one type', () => {
    expect(() => torch.cmul(gen('Double', [2]), gen('Float', [2]))).to.throw(/invalid arguments to 'cmul'/);
    expect(() => torch.add(gen('Float', [2]), gen('Double', [2]), 1)).to.throw(/invalid arguments to 'add'/);
    expect(() => torch.log(gen('Float', [2]), gen('Double', [2]))).to.throw(/invalid arguments to 'log'/);
    expect(() => gen('Int', [2]).cmul(gen('Long', [2]))).to.throw(/invalid arguments to 'cmul'/);
    expect(() => torch.add(gen('Double', [2]), 'x')).to.throw(/invalid arguments to 'add'/);
  });
});

describe('add/csub with a value, addcmul, addcdiv, lerp, clamp, pow', () => {
  it('add(t1, value, t2) and csub(t1, value, t2): every form, every type', () => {
    for (const type of ALL) {
      const a = gen(type, [3, 4], -50, 50), b = gen(type, [3, 4], -50, 50);
      checkForms('add', type, [a, 2.5, b], (x, v, y) => x + cast(type, v) * y);
      checkForms('csub', type, [a, 2.5, b], (x, v, y) => x - cast(type, v) * y);
      const x = a.clone();
      expect(x.add(-2, b)).to.equal(x);
      expectValues(x, expectedOf(type, (p, q) => p - 2 * q, a, b), type, 'x.add(-2, y)');
    }
  });

  it('addcmul / addcdiv with and without the value, every form', () => {
    for (const type of ALL) {
      const x = gen(type, [3, 4], -50, 50), t1 = gen(type, [3, 4], -9, 9), t2 = gen(type, [3, 4], -9, 9, true);
      checkForms('addcmul', type, [x, 0.5, t1, t2], (p, v, q, r) => p + cast(type, v) * q * r);
      checkForms('addcmul', type, [x, t1, t2], (p, q, r) => p + q * r);
      const div = (p: number, v: number, q: number, r: number) => p + (isInt(type) ? Math.trunc((v * q) / r) : (v * q) / r);
      checkForms('addcdiv', type, [x, 2.5, t1, t2], (p, v, q, r) => div(p, cast(type, v), q, r));
      checkForms('addcdiv', type, [x, t1, t2], (p, q, r) => div(p, 1, q, r));
    }
    const x = gen('Double', [4]), before = flat(x);
    expect(() => torch.addcmul(x, 2, gen('Double', [4]), gen('Double', [5]))).to.throw(/inconsistent tensor size/);
    expect(flat(x), 'nothing written on error').to.deep.equal(before);
  });

  it('lerp(a, b, w): every form; float/double only; sizes must match; numbers', () => {
    for (const type of ['Double', 'Float']) {
      checkForms('lerp', type, [gen(type, [3, 4]), gen(type, [3, 4]), 0.3], (a, b, w) => a + cast(type, w) * (b - a));
    }
    expect(() => torch.lerp(gen('Double', [3]), gen('Double', [4]), 0.5)).to.throw("bad argument #2 to 'lerp' (sizes do not match)");
    expect(() => torch.lerp(gen('Int', [3]), gen('Int', [3]), 0.5)).to.throw('torch.IntTensor does not implement the torch.lerp() function');
    expect(torch.lerp(1, 3, 0.25)).to.equal(1.5);
  });

  it('clamp(t, min, max): every form, every type', () => {
    for (const type of ALL) {
      checkForms('clamp', type, [gen(type, [3, 4], -50, 50), -10.5, 20.5], (a, lo, hi) => {
        const l = cast(type, lo), h = cast(type, hi);
        return a < l ? l : a > h ? h : a;
      });
    }
  });

  it('pow(t, n) (special exponents too), pow(n, t), numbers; x.pow(n) is x^n', () => {
    for (const type of ['Double', 'Float']) {
      for (const n of [1, 2, 3, 0.5, -0.5, -1, -2, 1.7, 0, -3]) {
        checkForms('pow', type, [gen(type, [3, 4], 0.1, 3), n], (x, m) => Math.pow(x, cast(type, m)));
      }
      checkForms('pow', type, [2.5, gen(type, [3, 4], -2, 2)], (m, x) => Math.pow(cast(type, m), x), -1);
      const x = gen(type, [3], 0.5, 2), c = x.clone();
      expectValues(x.pow(3), flat(c).map((v) => cast(type, v ** 3)), type, 'x.pow(3)');
    }
    expect(torch.pow(2, 10)).to.equal(1024);
    expect(() => torch.pow(gen('Int', [2]), 2)).to.throw('torch.IntTensor does not implement the torch.pow() function');
  });
});

describe('C semantics of integer and float tensors', () => {
  it('integer division truncates; fmod keeps the dividend sign, remainder the divisor sign', () => {
    for (const type of ['Int', 'Long', 'Short', 'Char']) {
      const x = T(type, [7, -7, 6, -6]);
      expect(torch.div(x, 2).totable(), type).to.deep.equal([3, -3, 3, -3]);
      expect(torch.cdiv(x, T(type, [-2, 2, 4, 4])).totable()).to.deep.equal([-3, -3, 1, -1]);
      expect(torch.fmod(x, 3).totable()).to.deep.equal([1, -1, 0, 0]);
      expect(torch.remainder(x, 3).totable()).to.deep.equal([1, 2, 0, 0]);
      expect(torch.remainder(x, -3).totable()).to.deep.equal([-2, -1, 0, 0]);
    }
    const d = T('Double', [7, -7, 5.5]);
    expect(torch.remainder(d, 3).totable()).to.deep.equal([1, 2, 2.5]);
    expect(torch.fmod(d, -3).totable()).to.deep.equal([1, -1, 2.5]);
    expect(flat(torch.remainder(d, 0)).every(Number.isNaN)).to.equal(true);
    expect(flat(torch.fmod(d, 0)).every(Number.isNaN)).to.equal(true);
    expect(torch.div(d, 0).totable()).to.deep.equal([Infinity, -Infinity, Infinity]);
  });

  it('integer division by zero is an error (C would crash)', () => {
    const x = T('Int', [1, 2]), z = T('Int', [1, 0]);
    for (const f of [() => torch.div(x, 0), () => torch.div(x, 0.5), () => torch.fmod(x, 0), () => torch.remainder(x, 0),
      () => torch.cdiv(x, z), () => torch.cfmod(x, z), () => torch.cremainder(x, z), () => torch.addcdiv(x, x, z)]) {
      expect(f).to.throw('division by zero');
    }
  });

  it('integer results wrap as C stores them; LongTensor holds 64-bit values for bit ops', () => {
    expect(torch.add(T('Byte', [250, 3]), 10).totable()).to.deep.equal([4, 13]);
    expect(torch.csub(T('Byte', [5]), 10).totable()).to.deep.equal([251]);
    expect(torch.add(T('Byte', [5]), 0.7).totable(), 'the value is cast to unsigned char first').to.deep.equal([5]);
    expect(torch.mul(T('Int', [65536, 46341]), 65536).totable()).to.deep.equal([0, Math.imul(46341, 65536)]);
    expect(torch.cmul(T('Int', [46341]), T('Int', [46341])).totable()).to.deep.equal([Math.imul(46341, 46341)]);
    expect(torch.lshift(T('Long', [1, -1]), 40).totable()).to.deep.equal([2 ** 40, -(2 ** 40)]);
    expect(torch.bitand(T('Long', [2 ** 40 + 5]), 7).totable()).to.deep.equal([5]);
    expect(torch.bitor(T('Long', [2 ** 40]), 1).totable()).to.deep.equal([2 ** 40 + 1]);
    expect(torch.rshift(T('Int', [-8]), 1).totable(), 'logical shift of the unsigned value').to.deep.equal([2147483644]);
    expect(torch.rshift(T('Char', [-8]), 1).totable()).to.deep.equal([124]);
    expect(torch.lshift(T('Double', [3]), 2).totable(), 'float lshift multiplies by 2^n').to.deep.equal([12]);
    expect(Object.is(torch.mul(T('Long', [0]), -3).get(1), 0), 'no -0 in a LongTensor').to.equal(true);
  });

  it('FloatTensor arithmetic is float32: the scalar is cast to float and results rounded', () => {
    expect(torch.mul(T('Float', [9]), 0.1).get(1)).to.equal(0.9000000357627869);
    expect(torch.remainder(T('Float', [0.5]), 0.1).get(1), 'float division inside floor').to.equal(Math.fround(-7.450580596923828e-9));
    expect(torch.remainder(T('Double', [0.5]), 0.1).get(1), 'double division: 0.5 / 0.1 is 5').to.equal(0);
    expect(torch.remainder(T('Float', [0.7]), 0.1).get(1)).to.equal(Math.fround(-2.2351741790771484e-8));
    expect(torch.add(T('Float', [0.1]), 0.2).get(1)).to.equal(Math.fround(Math.fround(0.1) + Math.fround(0.2)));
  });

  it('compound FloatTensor expressions round every step to float, as C float arithmetic does', () => {
    expect(torch.add(T('Float', [15 / 7]), 0.3, T('Float', [15 / 13])).get(1), 'a + (float)(v * b)').to.equal(2.489010810852051);
    expect(torch.sigmoid(T('Float', [1 / 97 - 5])).get(1), '1 / (1 + expf(-x))').to.equal(0.006761737167835236);
    expect(torch.lerp(T('Float', [1 / 7]), T('Float', [1 / 3 + 1]), 0.3).get(1)).to.equal(0.5);
  });

  it('IntTensor products wrap modulo 2^32 even beyond 2^53', () => {
    expect(torch.mul(T('Int', [2147483647]), 2147483645).totable()).to.deep.equal([3]);
    expect(torch.cmul(T('Int', [2147483647]), T('Int', [2147483645])).totable()).to.deep.equal([3]);
    expect(torch.addcmul(T('Int', [1]), 2147483647, T('Int', [2147483645]), T('Int', [1])).totable()).to.deep.equal([4]);
  });

  it('cmax/cmin follow C\'s ternary with NaN; cpow has C pow\'s special cases', () => {
    const a = T('Double', [NaN, 1]), b = T('Double', [1, NaN]);
    expect(torch.cmax(a, b).totable()).to.deep.equal([1, NaN]);
    expect(torch.cmin(a, b).totable()).to.deep.equal([1, NaN]);
    expect(torch.cmax(a, 0).totable()).to.deep.equal([0, 1]);
    expect(torch.cpow(T('Double', [1, -1, NaN]), T('Double', [NaN, Infinity, 0])).totable()).to.deep.equal([1, 1, 1]);
    expect(torch.pow(T('Double', [1]), NaN).totable()).to.deep.equal([1]);
  });

  it('in place with aliased operands and results of another shape', () => {
    const x = T('Double', [[1, 2], [3, 4]]);
    expect(x.add(x).totable()).to.deep.equal([[2, 4], [6, 8]]);
    expect(x.cmul(x).totable()).to.deep.equal([[4, 16], [36, 64]]);
    const r = T('Double', 4, 1);
    torch.add(r, x.t(), 1);
    expect(r.totable()).to.deep.equal([[5, 37], [17, 65]]);
  });
});
