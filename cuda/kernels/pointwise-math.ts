/**
 * gpu.js expressions of TensorMath's pointwise functions for device kernels (operand elements `va`,
 * `vb`, scalars `x`, `y`), written so that GLSL's float32 math gives C's answers where GLSL's own
 * functions would not: tanh, sinh and log1p without overflow or cancellation, C's round (halves away
 * from zero), asin and acos through atan (GLSL's are far less accurate on some drivers), and pow with
 * a negative base or a zero base and a negative exponent (undefined in GLSL's pow).
 */

/**
 * `pow(a, b)` as C computes it: x^0 = 1, pow(1, y) = 1, a zero base with a negative exponent is
 * infinite (signed for odd integers), a negative base takes an integral exponent's sign.
 * @example
 * map(POW('va', 'x'), [t], [2.5], n); // t ^ 2.5
 */
export function POW(a: string, b: string): string {
  const int = `Math.floor(${b}) === ${b}`, even = `Math.floor(${b} * 0.5) * 2 === ${b}`;
  return `(${b} === 0 || ${a} === 1 ? 1 : (${a} === 0 && ${b} < 0 ? (${int} && !(${even}) ? 1 / ${a} : 1 / Math.abs(${a}))` +
    ` : (${a} < 0 && ${int} ? (${even} ? 1 : -1) * Math.pow(-${a}, ${b}) : Math.pow(${a}, ${b}))))`;
}

/** Unary functions of `va`, by TensorMath name. */
export const UNARY: Readonly<Record<string, string>> = {
  abs: 'Math.abs(va)',
  sign: '(va > 0 ? 1 : (va < 0 ? -1 : 0))',
  neg: '-va',
  cinv: '1 / va',
  log: 'Math.log(va)',
  log1p: '(Math.abs(va) < 0.05 ? va * (1 - va * (0.5 - va * (0.3333333333 - va * (0.25 - va * (0.2 - va * 0.1666666667)))))' +
    ' : Math.log(1 + va))',
  exp: 'Math.exp(va)',
  cos: 'Math.cos(va)',
  acos: 'Math.atan2(Math.sqrt((1 - va) * (1 + va)), va)',
  cosh: '(Math.exp(va) + Math.exp(-va)) * 0.5',
  sin: 'Math.sin(va)',
  asin: 'Math.atan2(va, Math.sqrt((1 - va) * (1 + va)))',
  sinh: '(Math.abs(va) < 0.05 ? va * (1 + va * va * (0.1666666667 + va * va * 0.008333333333)) : (Math.exp(va) - Math.exp(-va)) * 0.5)',
  tan: 'Math.tan(va)',
  atan: 'Math.atan(va)',
  tanh: '(Math.abs(va) < 0.05 ? va * (1 - va * va * (0.3333333333 - va * va * 0.1333333333))' +
    ' : (va < 0 ? -1 : 1) * (1 - Math.exp(-2 * Math.abs(va))) / (1 + Math.exp(-2 * Math.abs(va))))',
  sqrt: 'Math.sqrt(va)',
  rsqrt: '1 / Math.sqrt(va)',
  sigmoid: '1 / (1 + Math.exp(-va))',
  round: '(Math.abs(va - Math.trunc(va)) >= 0.5 ? Math.trunc(va) + (va < 0 ? -1 : 1) : Math.trunc(va))',
  ceil: 'Math.ceil(va)',
  floor: 'Math.floor(va)',
  trunc: 'Math.trunc(va)',
  frac: 'va - Math.trunc(va)',
};

/**
 * TH's special exponents of `pow(t, n)` (exact products and roots), else the general power.
 * @example
 * powByNumber(2); // 'va * va'
 */
export function powByNumber(n: number): string {
  const special: Record<string, string> = {
    '1': 'va', '2': 'va * va', '3': 'va * va * va', '0.5': 'Math.sqrt(va)', '-0.5': '1 / Math.sqrt(va)',
    '-1': '1 / va', '-2': '1 / (va * va)',
  };
  return special[String(n)] ?? POW('va', 'x');
}

/** Binary functions with a scalar `x` (`Tensor, number` forms), by TensorMath name. */
export const WITH_SCALAR: Readonly<Record<string, string>> = {
  mul: 'va * x',
  div: 'va / x',
  fmod: 'va % x',
  mod: 'va % x',
  remainder: 'va - x * Math.floor(va / x)',
  cmax: '(va > x ? va : x)',
  cmin: '(va < x ? va : x)',
};

/** Element-wise functions of two tensors (`Tensor, Tensor` forms), by TensorMath name. */
export const WITH_TENSOR: Readonly<Record<string, string>> = {
  cmul: 'va * vb',
  cdiv: 'va / vb',
  cpow: POW('va', 'vb'),
  cfmod: 'va % vb',
  cmod: 'va % vb',
  cremainder: 'va - vb * Math.floor(va / vb)',
  cmax: '(va > vb ? va : vb)',
  cmin: '(va < vb ? va : vb)',
  atan2: 'Math.atan2(va, vb)',
  clshift: 'va * Math.pow(2, vb)',
  crshift: 'va / Math.pow(2, vb)',
};
