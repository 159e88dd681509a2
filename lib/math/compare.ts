/**
 * Comparisons (TensorMath.lua's lt gt le ge eq ne): element-wise 0/1 against a number or a tensor,
 * into a new ByteTensor, or into `res` (a ByteTensor, or a tensor of the operand's type). The method
 * form is the functional one: `x.lt(0.5)` returns a new ByteTensor, `mask.lt(a, b)` fills mask.
 * Also `all` and `any` on ByteTensors and `equal(a, b)` (same size and values).
 */
import { checkSameType, defineOp, type TorchFunction } from '../dispatch.js';
import { argError } from '../errors.js';
import { runs1, runs2 } from '../apply.js';
import { ByteTensor, type Tensor } from '../Tensor.js';
import { byType, castScalar, Pointwise } from './kernels.js';

type Cmp = 'lt' | 'le' | 'gt' | 'ge' | 'eq' | 'ne';

declare module '../dispatch.js' {
  interface TorchOps {
    /** `torch.lt([res,] a, b)`: 1 where a < b (b a tensor or a number), else 0; a new ByteTensor unless res is given. @example torch.lt(x, 0.5) */
    lt: TorchFunction;
    /** `torch.le([res,] a, b)`: 1 where a <= b. */
    le: TorchFunction;
    /** `torch.gt([res,] a, b)`: 1 where a > b. */
    gt: TorchFunction;
    /** `torch.ge([res,] a, b)`: 1 where a >= b. */
    ge: TorchFunction;
    /** `torch.eq([res,] a, b)`: 1 where a == b. */
    eq: TorchFunction;
    /** `torch.ne([res,] a, b)`: 1 where a ~= b. */
    ne: TorchFunction;
    /** `torch.all(mask)`: true when every element of a ByteTensor is non-zero. */
    all: TorchFunction;
    /** `torch.any(mask)`: true when some element of a ByteTensor is non-zero. */
    any: TorchFunction;
    /** `torch.equal(a, b)`: true when a and b have the same size and the same values. @example torch.equal(x, x.clone()) // true */
    equal: TorchFunction;
  }
}
declare module '../Tensor.js' {
  interface Tensor {
    /** `x.lt(b)`: a new ByteTensor, 1 where x < b; `res.lt(a, b)`: fills res (a ByteTensor or of a's type). */
    lt(b: Tensor | number): ByteTensor;
    lt(a: Tensor, b: Tensor | number): this;
    /** `x.le(b)` / `res.le(a, b)`: see lt. */
    le(b: Tensor | number): ByteTensor;
    le(a: Tensor, b: Tensor | number): this;
    /** `x.gt(b)` / `res.gt(a, b)`: see lt. */
    gt(b: Tensor | number): ByteTensor;
    gt(a: Tensor, b: Tensor | number): this;
    /** `x.ge(b)` / `res.ge(a, b)`: see lt. */
    ge(b: Tensor | number): ByteTensor;
    ge(a: Tensor, b: Tensor | number): this;
    /** `x.eq(b)` / `res.eq(a, b)`: see lt. */
    eq(b: Tensor | number): ByteTensor;
    eq(a: Tensor, b: Tensor | number): this;
    /** `x.ne(b)` / `res.ne(a, b)`: see lt. */
    ne(b: Tensor | number): ByteTensor;
    ne(a: Tensor, b: Tensor | number): this;
    /** `mask.all()`: true when every element is non-zero (ByteTensor only). */
    all(): boolean;
    /** `mask.any()`: true when some element is non-zero (ByteTensor only). */
    any(): boolean;
    /** `x.equal(y)`: true when x and y have the same size and values. */
    equal(t: Tensor): boolean;
  }
}

const OPS: Record<Cmp, string> = { lt: '<', le: '<=', gt: '>', ge: '>=', eq: '===', ne: '!==' };

/** Torch's result may be a ByteTensor or a tensor of the operand's type; anything else is an error. */
function checkResult(name: string, res: Tensor, a: Tensor): void {
  if (!(res instanceof ByteTensor)) checkSameType(name, res, a);
}

for (const [name, op] of Object.entries(OPS) as [Cmp, string][]) {
  const byValue = new Pointwise(name, 1, byType({ all: `+(a ${op} v)` }));
  const byTensor = new Pointwise(name, 2, byType({ all: `+(a ${op} b)` }));
  const value = (res: Tensor, a: Tensor, v: number): Tensor => {
    checkResult(name, res, a);
    res.resizeAs(a);
    byValue.run(res, a, undefined, castScalar(a.kind.key, v));
    return res;
  };
  const tensor = (res: Tensor, a: Tensor, b: Tensor): Tensor => {
    checkSameType(name, a, b);
    checkResult(name, res, a);
    res.resizeAs(a);
    byTensor.run(res, a, b);
    return res;
  };
  defineOp(name, {
    'Tensor, number': (a: Tensor, v: number) => value(new ByteTensor(), a, v),
    'Tensor, Tensor': (a: Tensor, b: Tensor) => tensor(new ByteTensor(), a, b),
    'Tensor, Tensor, number': value,
    'Tensor, Tensor, Tensor': tensor,
  }, 'input');
}

/** Logical sum over a ByteTensor, as THByteTensor_logicalall/any (an error on an empty tensor). */
function logical(name: 'all' | 'any', t: Tensor): boolean {
  if (t.dim() === 0) throw argError(1, name, 'empty Tensor');
  const d = t._storage.data, want = name === 'any';
  let found = false;
  runs1(t, (o, s, len) => {
    if (found) return;
    for (let i = 0; i < len; i++, o += s) if ((d[o] !== 0) === want) { found = true; return; }
  });
  return want ? found : !found;
}
defineOp('all', { ByteTensor: (t: Tensor) => logical('all', t) }, 'input');
defineOp('any', { ByteTensor: (t: Tensor) => logical('any', t) }, 'input');

/** THTensor_(equal): same sizes and every element equal (NaN is never equal). */
function equal(a: Tensor, b: Tensor): boolean {
  checkSameType('equal', a, b);
  if (!a.isSameSizeAs(b)) return false;
  const ad = a._storage.data, bd = b._storage.data;
  if (a.isContiguous() && b.isContiguous()) {
    const n = a.nElement(), ao = a.offset, bo = b.offset;
    for (let i = 0; i < n; i++) if (ad[ao + i] !== bd[bo + i]) return false;
    return true;
  }
  let same = true;
  runs2(a, b, (oa, sa, ob, sb, len) => {
    if (!same) return;
    for (let i = 0; i < len; i++, oa += sa, ob += sb) if (ad[oa] !== bd[ob]) { same = false; return; }
  });
  return same;
}
defineOp('equal', { 'Tensor, Tensor': equal }, 'input');
