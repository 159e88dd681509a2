import { expect } from 'chai';
import { torch, Tensor } from '../../../lib/index.js';
import { kernels } from '../../../lib/math/blas.js';
import { expectClose, flat, nonContiguous, prng, randomTensor } from '../../helpers.js';

type Op = 'addmm' | 'addmv' | 'addr' | 'addbmm' | 'baddbmm';
const rnd = prng(20240607);
const ri = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
const TYPES = ['Double', 'Float', 'Long', 'Int'] as const;
const tolOf = (type: string) => (type === 'Double' ? 1e-12 : type === 'Float' ? 1e-5 : 0);
const T = (type: string, ...sizes: number[]): Tensor => new (torch as any)[`${type}Tensor`](...sizes);
const rand = (type: string, sizes: number[]) => randomTensor(type, sizes, rnd, type === 'Byte' ? 0 : -3, 3);

/** The same random values laid out with the strides of `style`. */
const STYLES = ['contig', 'transposed', 'noncontig', 'narrowed', 'stepped', 'expandFirst', 'expandLast'] as const;
type Style = typeof STYLES[number];
function layout(type: string, sizes: number[], style: Style): Tensor {
  const d = sizes.length;
  switch (style) {
    case 'contig': return rand(type, sizes);
    case 'transposed': {
      if (d < 2) return rand(type, sizes);
      const sw = sizes.slice(); [sw[d - 2], sw[d - 1]] = [sw[d - 1], sw[d - 2]];
      return rand(type, sw).transpose(d - 1, d);
    }
    case 'noncontig': return nonContiguous(rand(type, sizes));
    case 'narrowed': return rand(type, [...sizes.slice(0, -1), sizes[d - 1] + 3]).narrow(d, 2, sizes[d - 1]);
    case 'stepped': return rand(type, [...sizes, 2]).selectTensor(d + 1, 1);
    case 'expandFirst': return rand(type, [1, ...sizes.slice(1)]).expand(sizes);
    case 'expandLast': return rand(type, [...sizes.slice(0, -1), 1]).expand(sizes);
  }
}

/** Element (i, j, ...) (0-based) of a tensor. */
const at = (t: Tensor, ...idx: number[]) => t.get(...idx.map((i) => i + 1));

/** Shapes of [M, x, y] and the plain-loop reference of each op. */
function shapes(op: Op, b: number, n: number, k: number, m: number): number[][] {
  return {
    addmm: [[n, m], [n, k], [k, m]], addmv: [[n], [n, k], [k]], addr: [[n, m], [n], [m]],
    addbmm: [[n, m], [b, n, k], [b, k, m]], baddbmm: [[b, n, m], [b, n, k], [b, k, m]],
  }[op];
}
function reference(op: Op, v1: number, M: Tensor, v2: number, x: Tensor, y: Tensor): number[] {
  const out: number[] = [];
  const mm = (bx: number[], by: number[], i: number, j: number) => {
    let s = 0;
    for (let p = 0; p < x.size(x.dim()); p++) s += at(x, ...bx, i, p) * at(y, ...by, p, j);
    return s;
  };
  if (op === 'addmv') {
    for (let i = 0; i < M.size(1); i++) {
      let s = 0;
      for (let p = 0; p < y.size(1); p++) s += at(x, i, p) * at(y, p);
      out.push(v1 * at(M, i) + v2 * s);
    }
    return out;
  }
  const B = op === 'baddbmm' ? M.size(1) : 1, I = M.size(M.dim() - 1), J = M.size(M.dim());
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < I; i++) {
      for (let j = 0; j < J; j++) {
        let s = 0;
        if (op === 'addmm') s = mm([], [], i, j);
        else if (op === 'addr') s = at(x, i) * at(y, j);
        else if (op === 'baddbmm') s = mm([b], [b], i, j);
        else for (let c = 0; c < x.size(1); c++) s += mm([c], [c], i, j);
        out.push(v1 * (op === 'baddbmm' ? at(M, b, i, j) : at(M, i, j)) + v2 * s);
      }
    }
  }
  return out;
}

/** The offsets of a tensor's elements in its storage. */
function offsets(t: Tensor): Set<number> {
  const s = new Set<number>();
  const walk = (d: number, o: number) => {
    if (d === t.dim()) { s.add(o); return; }
    for (let i = 0; i < t._size[d]; i++) walk(d + 1, o + i * t._stride[d]);
  };
  walk(0, t.offset);
  return s;
}

describe('torch BLAS family (lib/math/blas)', () => {
  const OPS: Op[] = ['addmm', 'addmv', 'addr', 'addbmm', 'baddbmm'];
  for (const op of OPS) {
    for (const type of TYPES) {
      it(`${op} on ${type}: random shapes, strided/transposed/expanded operands, every kind of result`, () => {
        for (let trial = 0; trial < 40; trial++) {
          const [ms, xs, ys] = shapes(op, ri(1, 3), ri(1, 5), ri(1, 5), ri(1, 5));
          const x = layout(type, xs, pick(STYLES)), y = layout(type, ys, pick(STYLES));
          const v1 = pick([1, 0.5, -2, 0]), v2 = pick([1, 2, -1.5]);
          const iv1 = type === 'Long' || type === 'Int' ? Math.trunc(v1) : v1;
          const iv2 = type === 'Long' || type === 'Int' ? Math.trunc(v2) : v2;
          const resKind = pick(['alloc', 'fresh', 'view', 'alias'] as const);
          const M = layout(type, ms, resKind === 'alias' ? pick(['contig', 'transposed', 'stepped'] as const) : pick(STYLES));
          const Mvals = M.clone(), xv = flat(x), yv = flat(y);
          const want = reference(op, iv1, Mvals, iv2, x, y);
          const why = `${op} ${type} trial ${trial} (${resKind}, M ${M._stride}, x ${x._stride}, y ${y._stride})`;
          let res: Tensor;
          if (resKind === 'alloc') res = (torch as any)[op](v1, M, v2, x, y);
          else if (resKind === 'fresh') {
            const r = T(type, 2);
            expect((torch as any)[op](r, v1, M, v2, x, y), why).to.equal(r);
            res = r;
          } else if (resKind === 'alias') {
            expect((M as any)[op](v1, M, v2, x, y), why).to.equal(M);
            res = M;
          } else {
            const view = layout(type, ms, pick(['transposed', 'narrowed', 'stepped'] as const));
            const base = view.storage().data, before = Array.from(base), mine = offsets(view);
            expect((view as any)[op](v1, M, v2, x, y), why).to.equal(view);
            base.forEach((v, o) => { if (!mine.has(o)) expect(v, `${why}: storage outside the result`).to.equal(before[o]); });
            res = view;
          }
          expect(res.size().totable(), why).to.deep.equal(ms);
          expectClose(flat(res), want, tolOf(type));
          if (resKind !== 'alias') expect(flat(M), `${why}: M unchanged`).to.deep.equal(flat(Mvals));
          expect(flat(x), `${why}: operands unchanged`).to.deep.equal(xv);
          expect(flat(y), `${why}: operands unchanged`).to.deep.equal(yv);
        }
      });
    }

    it(`${op}: every overload form of TensorMath.lua`, () => {
      const [ms, xs, ys] = shapes(op, 2, 3, 4, 2);
      const M = rand('Double', ms), x = rand('Double', xs), y = rand('Double', ys);
      const ref = (v1: number, v2: number, m = M) => reference(op, v1, m, v2, x, y);
      const f = (torch as any)[op];
      const check = (r: Tensor, want: number[]) => expectClose(r, want);
      const keep = flat(M);
      check(f(M, x, y), ref(1, 1));
      check(f(0.5, M, x, y), ref(0.5, 1));
      check(f(M, 3, x, y), ref(1, 3));
      check(f(0.5, M, 3, x, y), ref(0.5, 3));
      const withRes: [unknown[], number, number][] = [[[M, x, y], 1, 1], [[-1, M, x, y], -1, 1], [[M, 2, x, y], 1, 2], [[-1, M, 2, x, y], -1, 2]];
      for (const [args, v1, v2] of withRes) {
        const r = T('Double', 7);
        expect(f(r, ...args)).to.equal(r);
        check(r, ref(v1, v2));
      }
      expect(flat(M), 'the functional forms leave M alone').to.deep.equal(keep);
      const m = () => M.clone();
      let s = m(); expect((s as any)[op](x, y)).to.equal(s); check(s, ref(1, 1));
      s = m(); (s as any)[op](2, x, y); check(s, ref(1, 2));
      s = m(); (s as any)[op](-3, 2, x, y); check(s, ref(-3, 2));
      const r = T('Double', 1);
      expect((r as any)[op](M, x, y)).to.equal(r); check(r, ref(1, 1));
      (r as any)[op](M, 2, x, y); check(r, ref(1, 2));
      (r as any)[op](0.5, M, 2, x, y); check(r, ref(0.5, 2));
      expect(flat(M)).to.deep.equal(keep);
      expect(() => (r as any)[op](0.5, M, x, y), 'v1 without v2 is not a method form').to.throw(/invalid arguments/);
      expect(() => f(M, 'x', y), 'bad types').to.throw(/invalid arguments/);
      expect(() => f(M.float(), x, y), 'mixed tensor types').to.throw(new RegExp(`invalid arguments to '${op}'`));
    });

    it(`${op}: beta == 0 does not read M (NaN does not propagate); casts v1, v2 to the element type`, () => {
      const [ms, xs, ys] = shapes(op, 2, 3, 2, 4);
      for (const type of ['Double', 'Float']) {
        const M = T(type, ...ms).fill(NaN), x = rand(type, xs), y = rand(type, ys);
        const want = reference(op, 0, T(type, ...ms).zero(), 2, x, y);
        expectClose((torch as any)[op](0, M, 2, x, y), want, tolOf(type));
        expectClose((M as any)[op](0, M, 2, x, y), want, tolOf(type));
      }
      // (float)1e-50 == 0, so a FloatTensor does not read M; a DoubleTensor does
      const M = T('Float', ...ms).fill(NaN);
      expect(flat((torch as any)[op](1e-50, M, rand('Float', xs), rand('Float', ys))).some(Number.isNaN)).to.equal(false);
      const D = T('Double', ...ms).fill(NaN);
      expect(flat((torch as any)[op](1e-50, D, rand('Double', xs), rand('Double', ys))).every(Number.isNaN)).to.equal(true);
      for (const type of ['Long', 'Int']) {
        const L = rand(type, ms), x = rand(type, xs), y = rand(type, ys);
        const got = (torch as any)[op](0.9, L, -2.7, x, y);
        const noNegZero = (a: number[]) => a.map((v) => v + 0); // int64 has no -0
        expect(noNegZero(flat(got)), `${type}: v1 = 0.9 -> 0, v2 = -2.7 -> -2`).to.deep.equal(noNegZero(reference(op, 0, L, -2, x, y)));
        expect(flat(got).every(Number.isInteger)).to.equal(true);
      }
    });
  }

  describe('mm, mv, bmm, ger', () => {
    const cases = [
      { op: 'mm', base: 'addmm', sz: (b: number, n: number, k: number, m: number) => shapes('addmm', b, n, k, m) },
      { op: 'mv', base: 'addmv', sz: (b: number, n: number, k: number, m: number) => shapes('addmv', b, n, k, m) },
      { op: 'bmm', base: 'baddbmm', sz: (b: number, n: number, k: number, m: number) => shapes('baddbmm', b, n, k, m) },
      { op: 'ger', base: 'addr', sz: (b: number, n: number, k: number, m: number) => shapes('addr', b, n, k, m) },
    ] as const;
    for (const { op, base, sz } of cases) {
      for (const type of [...TYPES, 'Byte']) {
        it(`${op} on ${type}: torch.${op}(a, b), torch.${op}(res, a, b), res.${op}(a, b)`, () => {
          for (let trial = 0; trial < 25; trial++) {
            const [ms, xs, ys] = sz(ri(1, 3), ri(1, 6), ri(1, 6), ri(1, 6));
            const x = layout(type, xs, pick(STYLES)), y = layout(type, ys, pick(STYLES));
            const want = reference(base, 0, T('Double', ...ms).zero(), 1, x, y);
            const tol = tolOf(type);
            expectClose((torch as any)[op](x, y), want, tol);
            const r = T(type, 9, 9).fill(NaN);
            expect((torch as any)[op](r, x, y)).to.equal(r);
            expect(r.size().totable()).to.deep.equal(ms);
            expectClose(r, want, tol);
            const s = layout(type, ms, pick(['contig', 'transposed', 'stepped'] as const));
            expect((s as any)[op](x, y)).to.equal(s);
            expectClose(s, want, tol);
          }
        });
      }
    }
    it('zero the result before adding, as Torch does (so the result must not be an operand)', () => {
      const a = rand('Double', [3, 3]), b = rand('Double', [3, 3]);
      expect(flat(a.mm(a, b))).to.deep.equal(new Array(9).fill(0));
      expect(() => (a as any).mm(b), 'no one-operand method form').to.throw(/invalid arguments/);
    });
  });

  describe('dot', () => {
    for (const type of TYPES) {
      it(`on ${type}: any shapes with the same number of elements, strided and expanded`, () => {
        for (let trial = 0; trial < 40; trial++) {
          const n = ri(1, 4), m = ri(1, 4);
          const x = layout(type, [n, m], pick(STYLES)), y = layout(type, pick([[n * m], [m, n], [n, m]]), pick(STYLES));
          const xv = flat(x), yv = flat(y);
          let want = 0;
          xv.forEach((v, i) => { want += v * yv[i]; });
          const got = torch.dot(x, y);
          expect(typeof got).to.equal('number');
          expectClose([got], [want], tolOf(type));
          expectClose([x.dot(y)], [want], tolOf(type));
        }
      });
    }
    it('casts each BLAS run to the element type and accumulates as accreal', () => {
      expect(torch.dot(new torch.ByteTensor([200]), new torch.ByteTensor([2])), 'unsigned char arithmetic').to.equal(144);
      expect(torch.dot(new torch.LongTensor([2 ** 40, 1]), new torch.LongTensor([3, 5]))).to.equal(3 * 2 ** 40 + 5);
      const x = randomTensor('Float', [1000], rnd), y = randomTensor('Float', [1000], rnd);
      const got = torch.dot(x, y);
      expect(got, 'a contiguous FloatTensor dot is one float result').to.equal(Math.fround(got));
      expect(torch.dot(new torch.DoubleTensor(), new torch.DoubleTensor())).to.equal(0);
    });
    it('errors', () => {
      expect(() => torch.dot(new torch.DoubleTensor(3), new torch.DoubleTensor(2, 2))).to.throw(
        'inconsistent tensor size, expected tensor [3] and src [2 x 2] to have the same number of elements, but got 3 and 4 elements respectively');
      expect(() => torch.dot(new torch.DoubleTensor(3), new torch.FloatTensor(3))).to.throw(/invalid arguments to 'dot'/);
    });
  });

  describe('error messages', () => {
    const D = (...s: number[]) => new torch.DoubleTensor(...s);
    const cases: [() => unknown, string][] = [
      [() => torch.mm(D(4, 3), D(5, 2)), 'size mismatch, m1: [4 x 3], m2: [5 x 2]'],
      [() => torch.addmm(D(3, 3), D(4, 3), D(3, 2)), 'size mismatch, t: [3 x 3], m1: [4 x 3], m2: [3 x 2]'],
      [() => torch.mm(D(3), D(3, 2)), 'matrices expected, got 1D, 2D tensors'],
      [() => torch.addmm(D(4, 3), D(4, 3, 1), D(3, 2)), 'matrices expected, got 3D, 2D tensors'],
      [() => torch.addmm(D(4), D(4, 3), D(3, 2)), 'matrix expected, got 1D tensor for t'],
      [() => torch.mv(D(3), D(3)), 'matrix and vector expected, got 1D, 1D'],
      [() => torch.mv(D(2, 3), D(4)), 'size mismatch, [2 x 3], [4]'],
      [() => torch.addmv(D(2, 1), D(2, 3), D(3)), 'vector expected, got t: 2D'],
      [() => torch.addmv(D(3), D(2, 3), D(3)), 'size mismatch, t: [3], mat: [2 x 3]'],
      [() => torch.ger(D(2, 2), D(3)), 'vector and vector expected, got 2D, 1D tensors'],
      [() => torch.addr(D(2), D(2), D(3)), 'expected matrix, got 1D tensor for t'],
      [() => torch.addr(D(2, 2), D(2), D(3)), 'size mismatch, t: [2 x 2], vec1: [2], vec2: [3]'],
      [() => torch.addbmm(D(2, 2), D(2, 2), D(1, 2, 2)), "bad argument #1 to 'addbmm' (expected 3D tensor)"],
      [() => torch.addbmm(D(2, 2), D(1, 2, 2), D(2, 2)), "bad argument #2 to 'addbmm' (expected 3D tensor)"],
      [() => torch.addbmm(D(2, 2), D(2, 2, 2), D(3, 2, 2)), "bad argument #2 to 'addbmm' (equal number of batches expected, got 2, 3)"],
      [() => torch.addbmm(D(2, 5), D(1, 2, 3), D(1, 4, 5)), "bad argument #2 to 'addbmm' (wrong matrix size, batch1: 2x3, batch2: 4x5)"],
      [() => torch.addbmm(D(3, 5), D(1, 2, 3), D(1, 3, 5)), "bad argument #1 to 'addbmm' (output tensor of incorrect size)"],
      [() => torch.addbmm(D(2, 4), D(1, 2, 3), D(1, 3, 5)), "bad argument #1 to 'addbmm' (output tensor of incorrect size)"],
      [() => torch.baddbmm(D(1, 2, 2), D(2, 2), D(1, 2, 2)), "bad argument #1 to 'baddbmm' (expected 3D tensor, got 2D)"],
      [() => torch.baddbmm(D(1, 2, 2), D(1, 2, 2), D(2, 2, 2, 1)), "bad argument #2 to 'baddbmm' (expected 3D tensor, got 4D)"],
      [() => torch.baddbmm(D(1, 2, 2), D(1, 2, 2), D(3, 2, 2)), "bad argument #2 to 'baddbmm' (equal number of batches expected, got 1, 3)"],
      [() => torch.baddbmm(D(1, 2, 2), D(1, 2, 3), D(1, 2, 2)), "bad argument #2 to 'baddbmm' (wrong matrix size, batch1: 2x3, batch2: 2x2)"],
      [() => torch.baddbmm(D(2, 2, 2), D(1, 2, 2), D(1, 2, 2)), "bad argument #1 to 'baddbmm' (output tensor of incorrect size)"],
      [() => torch.baddbmm(D(1, 2), D(1, 2, 2), D(1, 2, 2)), "bad argument #2 to 'baddbmm' (dimension 3 out of range of 2D tensor)"],
      [() => torch.bmm(D(2, 2), D(1, 2, 2)), "bad argument #1 to 'baddbmm' (expected 3D tensor, got 2D)"],
    ];
    cases.forEach(([f, msg], i) => it(`case ${i + 1}: ${msg}`, () => {
      expect(f).to.throw(torch.TorchError, msg);
      try { f(); } catch (e) { expect((e as Error).message).to.equal(msg); }
    }));
  });

  describe('strides reach BLAS without copies (TH\'s transpose-flag choice)', () => {
    type Call = unknown[];
    /** Runs body, recording the BLAS calls and the number of tensor copies (every clone copies once). */
    function watch<R>(body: () => R): { calls: Call[]; copies: number; result: R } {
      const gemm = kernels.gemm, gemv = kernels.gemv, copy = Tensor.prototype.copy;
      const calls: Call[] = [];
      let copies = 0;
      kernels.gemm = (...a: Parameters<typeof gemm>) => { calls.push(['gemm', ...a]); gemm(...a); };
      kernels.gemv = (...a: Parameters<typeof gemv>) => { calls.push(['gemv', ...a]); gemv(...a); };
      Tensor.prototype.copy = function (this: Tensor, src: Tensor) { copies++; return copy.call(this, src) as any; };
      try {
        const result = body();
        return { calls, copies, result };
      } finally {
        kernels.gemm = gemm; kernels.gemv = gemv; Tensor.prototype.copy = copy;
      }
    }

    it('torch.mm of two contiguous 1024x1024 FloatTensors: one gemm on the operands\' own arrays, no copy', () => {
      const A = randomTensor('Float', [1024, 1024], rnd), B = randomTensor('Float', [1024, 1024], rnd);
      const { calls, copies, result: C } = watch(() => torch.mm(A, B));
      expect(copies, 'copies').to.equal(0);
      expect(calls.length).to.equal(1);
      // the row-major result is computed as C' = B' A' in column-major: ('n', 'n', B, A)
      expect(calls[0].slice(0, 6)).to.deep.equal(['gemm', 'n', 'n', 1024, 1024, 1024]);
      expect(calls[0][7], 'B passed in place').to.equal(B.storage().data);
      expect(calls[0][10], 'A passed in place').to.equal(A.storage().data);
      expect([calls[0][9], calls[0][12], calls[0][16]], 'leading dimensions').to.deep.equal([1024, 1024, 1024]);
      expect(calls[0][14], 'C is the result').to.equal(C.storage().data);
      for (const [i, j] of [[0, 0], [17, 1000], [1023, 511]]) {
        let s = 0;
        for (let p = 0; p < 1024; p++) s += at(A, i, p) * at(B, p, j);
        expectClose([at(C, i, j)], [s], 1e-4);
      }
    });

    it('a transposed operand is passed with a \'t\' flag, not copied', () => {
      const A = rand('Float', [5, 7]), X = rand('Float', [6, 7]);
      const { calls, copies, result: C } = watch(() => torch.mm(A, X.t()));
      expect(copies).to.equal(0);
      expect(calls[0].slice(0, 3)).to.deep.equal(['gemm', 't', 'n']);
      expect(calls[0][7]).to.equal(X.storage().data);
      expect(calls[0][9], 'ld of X').to.equal(7);
      expectClose(C, reference('addmm', 0, T('Float', 5, 6).zero(), 1, A, X.t()), 1e-5);
      const Y = rand('Float', [7, 5]);
      const w = watch(() => torch.mm(Y.t(), X.t()));
      expect(w.copies).to.equal(0);
      expect(w.calls[0].slice(0, 3)).to.deep.equal(['gemm', 't', 't']);
    });

    it('a transposed result is computed in place with the operands swapped back', () => {
      const A = rand('Double', [4, 3]), B = rand('Double', [3, 5]), R = T('Double', 5, 4).t();
      const { calls, copies, result } = watch(() => torch.mm(R, A, B));
      expect(copies).to.equal(0);
      // C is column-major as it is; the row-major A and B are its transposed operands
      expect(calls[0].slice(0, 3)).to.deep.equal(['gemm', 't', 't']);
      expect([calls[0][9], calls[0][12], calls[0][16]]).to.deep.equal([3, 5, 4]);
      expectClose(result, reference('addmm', 0, T('Double', 4, 5).zero(), 1, A, B));
      expect(calls[0][7]).to.equal(A.storage().data);
      expect(calls[0][14]).to.equal(R.storage().data);
    });

    it('zero strides (expand) and strides without a unit step force a contiguous copy', () => {
      const A = rand('Double', [1, 3]).expand(4, 3), B = rand('Double', [3, 5]);
      const { calls, copies, result } = watch(() => torch.mm(A, B));
      expect(copies, 'one contiguous copy of A').to.equal(1);
      expect(calls[0][10]).to.not.equal(A.storage().data);
      expectClose(result, reference('addmm', 0, T('Double', 4, 5).zero(), 1, A, B));
      const S = rand('Double', [4, 3, 2]).selectTensor(3, 1);
      const w = watch(() => torch.mm(S, B));
      expect(w.copies).to.equal(1);
      expectClose(w.result, reference('addmm', 0, T('Double', 4, 5).zero(), 1, S, B));
    });

    it('addmv passes a contiguous or transposed matrix in place (gemv \'t\' / \'n\')', () => {
      const A = rand('Double', [4, 3]), v = rand('Double', [3]);
      let w = watch(() => torch.mv(A, v));
      expect(w.copies).to.equal(0);
      expect(w.calls[0].slice(0, 4)).to.deep.equal(['gemv', 't', 3, 4]);
      expect(w.calls[0][5]).to.equal(A.storage().data);
      const At = rand('Double', [3, 4]).t();
      w = watch(() => torch.mv(At, v));
      expect(w.copies).to.equal(0);
      expect(w.calls[0].slice(0, 4)).to.deep.equal(['gemv', 'n', 4, 3]);
      const E = rand('Double', [4, 1]).expand(4, 3);
      w = watch(() => torch.mv(E, v));
      expect(w.copies, 'a zero leading dimension is not given to BLAS').to.equal(1);
      expectClose(w.result, reference('addmv', 0, T('Double', 4).zero(), 1, E, v));
    });
  });
});
