import { expect } from 'chai';
import { torch } from '../../../lib/index.js';
import type { Tensor } from '../../../lib/Tensor.js';
import { expectClose, flat, nonContiguous, prng, randomTensor } from '../../helpers.js';

/** Every coordinate (0-based) of a shape, in row-major order. */
function coords(shape: number[]): number[][] {
  const out: number[][] = [];
  const n = shape.reduce((a, b) => a * b, 1);
  for (let k = 0; k < n; k++) {
    const c: number[] = [];
    let r = k;
    for (let d = shape.length - 1; d >= 0; d--) { c.unshift(r % shape[d]); r = Math.floor(r / shape[d]); }
    out.push(c);
  }
  return out;
}
const lin = (c: number[], shape: number[]): number => c.reduce((a, v, d) => a * shape[d] + v, 0);

/**
 * The textbook definition on one image and one kernel (N-d, flat row-major arrays):
 * valid: out[o] = sum_j x[o + j] K(j); full: out[o] = sum_j x[o - j] K'(j) (x = 0 outside),
 * where conv uses the kernel reversed for valid and as is for full, and xcorr the opposite.
 */
function reference(x: number[], xs: number[], k: number[], ks: number[], xcorr: boolean, full: boolean): { data: number[]; shape: number[] } {
  const shape = xs.map((s, i) => (full ? s + ks[i] - 1 : s - ks[i] + 1));
  const data: number[] = [];
  const rev = full === xcorr; // use k[ks - 1 - j]
  const kAt = (j: number[]) => k[lin(rev ? j.map((v, i) => ks[i] - 1 - v) : j, ks)];
  const kc = coords(ks);
  for (const o of coords(shape)) {
    let sum = 0;
    for (const j of kc) {
      const p = o.map((v, i) => (full ? v - j[i] : v + j[i]));
      if (p.some((v, i) => v < 0 || v >= xs[i])) continue;
      sum += x[lin(p, xs)] * kAt(j);
    }
    data.push(sum);
  }
  return { data, shape };
}

/** The reference for the three forms: mul (nd x nd), cmul (planes x planes), mv (planes x out x in kernels). */
function referenceForm(x: Tensor, k: Tensor, nd: number, xcorr: boolean, full: boolean): { data: number[]; shape: number[] } {
  const xv = flat(x), kv = flat(k);
  const xs = x.shape.slice(-nd), ks = k.shape.slice(-nd);
  const ib = xs.reduce((a, b) => a * b, 1), kb = ks.reduce((a, b) => a * b, 1);
  const plane = (i: number) => xv.slice(i * ib, (i + 1) * ib);
  const kern = (i: number) => kv.slice(i * kb, (i + 1) * kb);
  if (x.dim() === nd) return reference(xv, xs, kv, ks, xcorr, full);
  if (k.dim() === nd + 1) {
    const outs = Array.from({ length: x.size(1) }, (_, p) => reference(plane(p), xs, kern(p), ks, xcorr, full));
    return { data: outs.flatMap((o) => o.data), shape: [x.size(1), ...outs[0].shape] };
  }
  const nOut = k.size(1), nIn = k.size(2);
  const outs = Array.from({ length: nOut }, (_, o) => {
    const planes = Array.from({ length: nIn }, (_, i) => reference(plane(i), xs, kern(o * nIn + i), ks, xcorr, full));
    return { data: planes[0].data.map((_, e) => planes.reduce((s, p) => s + p.data[e], 0)), shape: planes[0].shape };
  });
  return { data: outs.flatMap((o) => o.data), shape: [nOut, ...outs[0].shape] };
}

/** The expected tensor of `type`: the exact sums stored as that type stores them (integer types wrap). */
function asType(type: string, r: { data: number[]; shape: number[] }): Tensor {
  const t: Tensor = new (torch as any)[`${type}Tensor`](...r.shape);
  t._storage.data.set(r.data, t.offset);
  return t;
}

const OPS = [
  { fn: 'conv2', nd: 2, xcorr: false }, { fn: 'xcorr2', nd: 2, xcorr: true },
  { fn: 'conv3', nd: 3, xcorr: false }, { fn: 'xcorr3', nd: 3, xcorr: true },
] as const;
/** [x shape, k shape] per form, for 2-D; the 3-D cases add a leading spatial dim of 4 (x) and 2 (k). */
const FORMS2: [string, number[], number[]][] = [
  ['mul', [6, 7], [3, 2]], ['mul', [5, 4], [5, 4]], ['mul', [4, 9], [1, 1]], ['mul', [2, 3], [4, 5]],
  ['cmul', [3, 6, 5], [3, 2, 3]], ['mv', [2, 5, 6], [3, 2, 3, 2]],
];
const TYPES = ['Double', 'Float', 'Int', 'Long', 'Byte', 'Char'];

describe('conv2 / xcorr2 / conv3 / xcorr3', () => {
  const rnd = prng(31);
  for (const { fn, nd, xcorr } of OPS) {
    const forms: [string, number[], number[]][] = FORMS2.map(([f, xs, ks]) => (nd === 2 ? [f, xs, ks] : [f,
      [...xs.slice(0, xs.length - 2), f === 'mul' && xs[0] < ks[0] ? 1 : 4, ...xs.slice(-2)],
      [...ks.slice(0, ks.length - 2), 2, ...ks.slice(-2)]]));
    for (const type of TYPES) {
      for (const [form, xs, ks] of forms) {
        const smaller = xs.slice(-nd).some((s, i) => s < ks.slice(-nd)[i]);
        it(`${fn} ${type} ${form} ${xs.join('x')} * ${ks.join('x')}: ${smaller ? "'F' only" : "'V' and 'F'"}, every call form and layout`, () => {
          const tol = type === 'Float' ? 1e-6 : type === 'Double' ? 1e-12 : 0;
          for (const layout of ['contiguous', 'non-contiguous', 'expanded']) {
            let x = randomTensor(type, xs, rnd, -5, 5), k = randomTensor(type, ks, rnd, -5, 5);
            if (layout === 'non-contiguous') { x = nonContiguous(x); k = nonContiguous(k); }
            if (layout === 'expanded') {
              const one = xs.slice(); one[xs.length - 1] = 1;
              x = randomTensor(type, one, rnd, -5, 5).expand(xs);
            }
            for (const vf of smaller ? ['F'] : ['V', 'F']) {
              const ref = asType(type, referenceForm(x, k, nd, xcorr, vf === 'F'));
              const check = (t: Tensor, what: string) => {
                expect(t.type(), what).to.equal(ref.type());
                expect(t.shape, what).to.deep.equal(ref.shape);
                if (tol) expectClose(t, ref, tol); else expect(flat(t), what).to.deep.equal(flat(ref));
              };
              const T = torch as any, X = x as any;
              if (vf === 'V') {
                check(T[fn](x, k), `torch.${fn}(x, k)`);
                check(X[fn](k), `x.${fn}(k)`);
              }
              check(T[fn](x, k, vf), `torch.${fn}(x, k, '${vf}')`);
              check(X[fn](k, vf), `x.${fn}(k, '${vf}')`);
              const res = x.new(2).fill(7);
              expect(T[fn](res, x, k, vf)).to.equal(res);
              check(res, `torch.${fn}(res, x, k, '${vf}')`);
              const res2 = nonContiguous(x.new(3, 2).fill(1));
              expect((res2 as any)[fn](x, k, vf)).to.equal(res2);
              check(res2, `res.${fn}(x, k, '${vf}')`);
            }
          }
        });
      }
    }
  }

  it('matches a hand-computed 2-D example (valid and full, conv and xcorr)', () => {
    const x = new torch.DoubleTensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    const k = new torch.DoubleTensor([[1, 0], [0, 2]]);
    expect(torch.conv2(x, k).totable()).to.deep.equal([[7, 10], [16, 19]]);
    expect(torch.xcorr2(x, k).totable()).to.deep.equal([[11, 14], [20, 23]]);
    expect(torch.conv2(x, k, 'F').totable()).to.deep.equal([[1, 2, 3, 0], [4, 7, 10, 6], [7, 16, 19, 12], [0, 14, 16, 18]]);
    expect(torch.xcorr2(x, k, 'F').totable()).to.deep.equal([[2, 4, 6, 0], [8, 11, 14, 3], [14, 20, 23, 6], [0, 7, 8, 9]]);
    expect(torch.xcorr2(x, x).totable(), 'xcorr of x with itself is x.x').to.deep.equal([[285]]);
  });

  it("conv3 equals xcorr3 with the kernel reversed, as torch7's test.lua checks", () => {
    const x = randomTensor('Double', [5, 6, 4], rnd), k = randomTensor('Double', [3, 2, 3], rnd);
    const kr = k.clone();
    const kv = flat(k).reverse();
    kr._storage.data.set(kv);
    expectClose(torch.conv3(x, k), torch.xcorr3(x, kr), 1e-13);
    expectClose(torch.conv3(x, k, 'F'), torch.xcorr3(x, kr, 'F'), 1e-13);
    const f2 = torch.conv2(x.select(1, 1), k.select(1, 2), 'F') as Tensor;
    expect(f2.shape).to.deep.equal([7, 6]);
  });

  it('IntTensor sums wrap as 32-bit C ints, even where a double product would round', () => {
    const big = 2 ** 30 + 3, w = 2 ** 30 + 5;
    const x = new torch.IntTensor([[big, big], [big, -big]]), k = new torch.IntTensor([[w, 1], [1, w]]);
    const wrap = (v: bigint) => Number(BigInt.asIntN(32, v));
    const B = BigInt;
    expect(torch.xcorr2(x, k).totable()).to.deep.equal([[wrap(B(big) * B(w) + B(big) + B(big) + B(-big) * B(w))]]);
    const full = torch.conv2(x, k, 'F').totable() as number[][];
    expect(full[0][0]).to.equal(wrap(B(big) * B(w)));
    expect(full[1][1]).to.equal(wrap(B(big) * B(w) + B(big) + B(big) + B(-big) * B(w)));
  });

  it('writes into its own input through a temporary result', () => {
    const x = new torch.DoubleTensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    torch.conv2(x, x, new torch.DoubleTensor([[1, 0], [0, 2]]));
    expect(x.totable()).to.deep.equal([[7, 10], [16, 19]]);
  });

  it('raises Torch errors', () => {
    const d2 = torch.ones(4, 4), d3 = torch.ones(2, 4, 4), d4 = torch.ones(3, 2, 2, 2);
    expect(() => torch.conv2(d2, d3)).to.throw(
      "invalid arguments to 'conv2': DoubleTensor DoubleTensor\nexpected arguments: [*DoubleTensor*] DoubleTensor~2D DoubleTensor~2D [(V|F)]" +
      ' | [*DoubleTensor*] DoubleTensor~3D DoubleTensor~3D [(V|F)] | [*DoubleTensor*] DoubleTensor~3D DoubleTensor~4D [(V|F)]');
    expect(() => torch.conv3(d2, d2)).to.throw(/invalid arguments to 'conv3'.*\nexpected arguments: \[\*DoubleTensor\*\] DoubleTensor~3D DoubleTensor~3D/);
    expect(() => torch.xcorr2(d2, d2, 'valid')).to.throw(/invalid arguments to 'xcorr2'/);
    expect(() => torch.conv2(d2, d2.float())).to.throw(/invalid arguments to 'conv2'/);
    expect(() => torch.conv2(new torch.FloatTensor(), d2, d2)).to.throw(/invalid arguments to 'conv2'/);
    expect(() => torch.conv2(torch.ones(2, 2), torch.ones(3, 1))).to.throw("bad argument #2 to 'conv2' (conv2Dmul : Input image is smaller than kernel)");
    expect(() => torch.xcorr2(torch.ones(2, 2, 2), torch.ones(2, 1, 3))).to.throw("bad argument #2 to 'xcorr2' (conv2Dcmul : Input image is smaller than kernel)");
    expect(() => torch.conv2(d3, torch.ones(3, 2, 2))).to.throw("bad argument #2 to 'conv2' (invalid number of input/kernel planes)");
    expect(() => torch.conv2(d3, torch.ones(2, 3, 2, 2))).to.throw("bad argument #2 to 'conv2' (invalid number of input planes)");
    expect(torch.conv2(d3, d4).shape, '3D x 4D with matching planes').to.deep.equal([3, 3, 3]);
    expect(() => torch.conv3(torch.ones(2, 2, 2), torch.ones(3, 1, 1))).to.throw("bad argument #2 to 'conv3' (conv3Dmul : Input image is smaller than kernel)");
    expect(() => torch.conv3(torch.ones(2, 3, 3, 3), torch.ones(1, 2, 4, 1, 1))).to.throw("bad argument #2 to 'conv3' (conv3Dmv : Input image is smaller than kernel)");
    expect(torch.conv3(torch.ones(2, 3, 3, 3), torch.ones(1, 2, 4, 1, 1), 'F').shape).to.deep.equal([1, 6, 3, 3]);
  });
});
