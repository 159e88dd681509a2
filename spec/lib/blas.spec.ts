import { existsSync } from 'node:fs';
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import {
  availableBackends, axpy, blasInfo, dot, gemm, gemv, ger, getNumThreads, scal, setBackend, setNumThreads,
  type BlasBackend, type TypedArray,
} from '../../lib/blas/index.js';
import { wasmEngine } from '../../lib/blas/wasm/engine.js';

type F = Float32Array | Float64Array;
type Ctor = { new (n: number): TypedArray; name: string };

/** mulberry32: deterministic inputs. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(42);
function randArray(C: new (n: number) => TypedArray, n: number, lo = -1, hi = 1): TypedArray {
  const x = new C(n);
  for (let i = 0; i < n; i++) x[i] = lo + (hi - lo) * rand();
  return x;
}

/** Reference GEMM in double, plus the magnitude each entry's rounding error scales with. */
function refGemm(ta: boolean, tb: boolean, m: number, n: number, k: number, alpha: number, a: TypedArray, aOff: number, lda: number,
  b: TypedArray, bOff: number, ldb: number, beta: number, c: TypedArray, cOff: number, ldc: number): { want: Float64Array; scale: Float64Array } {
  const want = Float64Array.from(c), scale = new Float64Array(c.length);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < m; i++) {
      let s = 0, mag = 0;
      for (let p = 0; p < k; p++) {
        const x = (ta ? a[aOff + p + i * lda] : a[aOff + i + p * lda]) * (tb ? b[bOff + j + p * ldb] : b[bOff + p + j * ldb]);
        s += x; mag += Math.abs(x);
      }
      const ci = cOff + i + j * ldc;
      want[ci] = beta === 0 ? alpha * s : beta * c[ci] + alpha * s;
      scale[ci] = Math.abs(alpha) * mag + (beta === 0 ? 0 : Math.abs(beta * c[ci]));
    }
  }
  return { want, scale };
}

/** The worst |got - want| / (scale + tiny) over all entries (untouched entries must match exactly). */
function worstError(got: TypedArray, want: Float64Array, scale: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < got.length; i++) {
    const d = Math.abs(got[i] - want[i]);
    const e = Number.isNaN(d) ? Infinity : d / (scale[i] + 1e-30);
    if (d !== 0 && e > worst) worst = e;
  }
  return worst;
}
const tolerance = (C: Ctor, k: number): number => (C === Float64Array ? 1e-12 : 1e-6 * (1 + k / 16));

interface GemmCase { ta: boolean; tb: boolean; m: number; n: number; k: number; alpha: number; beta: number; pad: number; off: number }

/** Runs one GEMM against the reference; returns the worst relative error. */
function checkGemm(C: new (n: number) => F, g: GemmCase, nanC = false): number {
  const { ta, tb, m, n, k, alpha, beta, pad, off } = g;
  const lda = (ta ? k : m) + pad, ldb = (tb ? n : k) + 2 * pad, ldc = m + pad;
  const a = randArray(C, off + lda * (ta ? m : k) + 3), b = randArray(C, 2 * off + ldb * (tb ? k : n) + 1);
  const c = randArray(C, off + ldc * n + 2);
  if (nanC) for (let j = 0; j < n; j++) c.fill(NaN, off + j * ldc, off + j * ldc + m);
  const ref = refGemm(ta, tb, m, n, k, alpha, a, off, lda, b, 2 * off, ldb, beta, c, off, ldc);
  gemm(ta ? 't' : 'n', tb ? 't' : 'n', m, n, k, alpha, a, off, lda, b, 2 * off, ldb, beta, c, off, ldc);
  return worstError(c, ref.want, ref.scale);
}

const SHAPES: [number, number, number][] = [
  [1, 37, 5], [37, 1, 5], [23, 19, 1], [1, 1, 300], [2, 3, 4], [67, 131, 29], [13, 300, 70], [260, 8, 17], [100, 40, 260],
];
const FLAGS = [[false, false], [true, false], [false, true], [true, true]];
const SCALARS: [number, number][] = [[1, 0], [1.5, 0.5], [-2, 1], [0.25, -1]];

describe('blas', () => {
  const initial = blasInfo();
  after(() => { setBackend(initial.backend); setNumThreads(initial.threads); });

  it('the error measure of these specs catches a wrong entry', () => {
    const want = new Float64Array([1, 2, 3]), scale = new Float64Array([1, 2, 3]);
    expect(worstError(new Float64Array([1, 2, 3]), want, scale)).to.equal(0);
    expect(worstError(new Float64Array([1, 2.001, 3]), want, scale)).to.be.above(1e-4);
    expect(worstError(new Float64Array([1, NaN, 3]), want, scale)).to.equal(Infinity);
  });

  it('lists the backends that load, js always last', () => {
    const bs = availableBackends();
    expect(bs[bs.length - 1]).to.equal('js');
    expect(bs).to.include('wasm'); // Node 20 has WebAssembly SIMD and shared memory
  });

  it('loads OpenBLAS where the machine has libopenblas (CI installs it)', () => {
    const has = ['/usr/lib/x86_64-linux-gnu/libopenblas.so.0', '/usr/lib/aarch64-linux-gnu/libopenblas.so.0'].some((f) => existsSync(f));
    expect(availableBackends().includes('openblas')).to.equal(has);
  });

  // Every backend that loads here is checked (the test above says which must load).
  for (const backend of availableBackends()) {
    describe(`backend ${backend}`, function () {
      before(function () {
        setBackend(backend);
        setNumThreads(2);
      });

      it('is reported by blasInfo', () => {
        expect(blasInfo().backend).to.equal(backend);
        if (backend === 'openblas') expect(blasInfo().library).to.be.a('string');
      });

      for (const C of [Float64Array, Float32Array]) {
        it(`gemm (${C.name}): every shape, transpose, leading dimension, offset and alpha/beta`, () => {
          let worst = 0, cases = 0;
          for (const [m, n, k] of SHAPES) {
            for (const [ta, tb] of FLAGS) {
              for (const [alpha, beta] of SCALARS) {
                const e = checkGemm(C, { ta, tb, m, n, k, alpha, beta, pad: cases % 3, off: cases % 4 });
                expect(e, `${m}x${n}x${k} ${ta ? 't' : 'n'}${tb ? 't' : 'n'} alpha ${alpha} beta ${beta}`).to.be.at.most(tolerance(C, k));
                worst = Math.max(worst, e); cases++;
              }
            }
          }
          expect(cases).to.equal(SHAPES.length * 16);
        });

        it(`gemm (${C.name}): beta = 0 never reads C (NaN there does not propagate)`, () => {
          for (const [ta, tb] of FLAGS) {
            for (const [m, n, k] of [[67, 131, 29], [3, 2, 2], [150, 140, 130]]) {
              expect(checkGemm(C, { ta, tb, m, n, k, alpha: 1.25, beta: 0, pad: 1, off: 2 }, true)).to.be.at.most(tolerance(C, k));
            }
          }
        });

        it(`gemm (${C.name}): alpha = 0 or k = 0 scales C by beta`, () => {
          const c = C.from([1, 2, 3, 4]);
          gemm('n', 'n', 2, 2, 0, 1, new C(0), 0, 2, new C(0), 0, 1, 2, c, 0, 2);
          expect(Array.from(c)).to.deep.equal([2, 4, 6, 8]);
          gemm('n', 'n', 2, 2, 2, 0, C.from([NaN, 1, 1, 1]), 0, 2, C.from([1, 1, 1, 1]), 0, 2, 0, c, 0, 2);
          expect(Array.from(c)).to.deep.equal([0, 0, 0, 0]);
        });

        it(`gemm (${C.name}): large sizes (the tiled, multi-threaded path)`, () => {
          for (const [ta, tb] of FLAGS) {
            const g = { ta, tb, m: 203, n: 150, k: 270, alpha: 0.75, beta: ta ? 0 : -0.5, pad: 3, off: 5 };
            expect(checkGemm(C, g)).to.be.at.most(tolerance(C, g.k));
          }
        });

        it(`gemv (${C.name}): both transposes, increments, offsets, beta = 0 with NaN in y`, () => {
          for (const [m, n] of [[1, 1], [5, 1], [1, 7], [67, 29], [300, 41]]) {
            for (const t of [false, true]) {
              for (const [alpha, beta, incx, incy] of [[1, 0, 1, 1], [1.5, 0.5, 2, 3], [-1, 1, 1, 2], [0.5, 0, 3, 1]]) {
                const lda = m + 2, off = 3, lx = t ? m : n, ly = t ? n : m;
                const a = randArray(C, off + lda * n), x = randArray(C, off + lx * incx), y = randArray(C, off + ly * incy);
                if (beta === 0) for (let i = 0; i < ly; i++) y[off + i * incy] = NaN;
                // gemv is gemm with n = 1: the reference is refGemm on the strided vectors copied out
                const want = Float64Array.from(y), scale = new Float64Array(y.length);
                for (let i = 0; i < ly; i++) {
                  let s = 0, mag = 0;
                  for (let j = 0; j < lx; j++) {
                    const v = (t ? a[off + j + i * lda] : a[off + i + j * lda]) * x[off + j * incx];
                    s += v; mag += Math.abs(v);
                  }
                  const yi = off + i * incy;
                  want[yi] = beta === 0 ? alpha * s : beta * y[yi] + alpha * s;
                  scale[yi] = Math.abs(alpha) * mag + Math.abs(beta * (beta === 0 ? 0 : y[yi]));
                }
                gemv(t ? 't' : 'n', m, n, alpha, a, off, lda, x, off, incx, beta, y, off, incy);
                expect(worstError(y, want, scale), `${m}x${n} ${t} ${alpha} ${beta}`).to.be.at.most(tolerance(C, lx));
              }
            }
          }
        });

        it(`ger (${C.name}): increments and offsets`, () => {
          for (const [m, n] of [[1, 1], [7, 1], [1, 9], [67, 29], [300, 41]]) {
            const lda = m + 1, off = 2, incx = 2, incy = 1;
            const a = randArray(C, off + lda * n), x = randArray(C, off + m * incx), y = randArray(C, off + n * incy);
            const want = Float64Array.from(a), scale = new Float64Array(a.length);
            for (let j = 0; j < n; j++) {
              for (let i = 0; i < m; i++) {
                const v = -1.5 * x[off + i * incx] * y[off + j * incy], ai = off + i + j * lda;
                want[ai] = a[ai] + v; scale[ai] = Math.abs(v) + Math.abs(a[ai]);
              }
            }
            ger(m, n, -1.5, x, off, incx, y, off, incy, a, off, lda);
            expect(worstError(a, want, scale)).to.be.at.most(tolerance(C, 1));
          }
        });

        it(`dot, axpy and scal (${C.name})`, () => {
          for (const n of [1, 3, 255, 1000]) {
            for (const [incx, incy] of [[1, 1], [2, 3]]) {
              const x = randArray(C, 1 + n * incx), y = randArray(C, 2 + n * incy);
              let s = 0, mag = 0;
              for (let i = 0; i < n; i++) { s += x[1 + i * incx] * y[2 + i * incy]; mag += Math.abs(x[1 + i * incx] * y[2 + i * incy]); }
              expect(Math.abs(dot(n, x, 1, incx, y, 2, incy) - s) / mag).to.be.at.most(tolerance(C, n));
              const want = Float64Array.from(y), scale = new Float64Array(y.length);
              for (let i = 0; i < n; i++) { const yi = 2 + i * incy; want[yi] = y[yi] + 0.5 * x[1 + i * incx]; scale[yi] = Math.abs(want[yi]) + 1; }
              axpy(n, 0.5, x, 1, incx, y, 2, incy);
              expect(worstError(y, want, scale)).to.be.at.most(tolerance(C, 1));
              const z = Float64Array.from(x);
              scal(n, -3, x, 1, incx);
              for (let i = 0; i < n; i++) expect(x[1 + i * incx]).to.equal(C === Float64Array ? -3 * z[1 + i * incx] : Math.fround(-3 * z[1 + i * incx]));
              expect(x[0]).to.equal(z[0]);
            }
          }
        });
      }

      it('set/getNumThreads round trip', () => {
        setNumThreads(1);
        expect(getNumThreads()).to.equal(1);
        setNumThreads(2);
        expect(getNumThreads()).to.equal(backend === 'js' ? 1 : 2);
        expect(() => setNumThreads(0)).to.throw(RangeError);
      });
    });
  }

  describe('wasm worker threads', () => {
    before(() => setBackend('wasm'));
    after(() => setNumThreads(2));

    it('a second thread computes tiles of large GEMMs, with the same results', async () => {
      setNumThreads(2);
      const engine = wasmEngine()!;
      const g = { ta: false, tb: true, m: 400, n: 380, k: 300, alpha: 1, beta: 0.5, pad: 0, off: 0 };
      checkGemm(Float32Array, g); // starts the worker, in the background
      const before = engine.workerTasks;
      for (let tries = 0; tries < 40 && engine.workerTasks === before; tries++) {
        await new Promise((r) => setTimeout(r, 50));
        for (const C of [Float32Array, Float64Array]) expect(checkGemm(C, g)).to.be.at.most(tolerance(C, g.k));
      }
      expect(engine.workerCount).to.equal(1);
      expect(engine.workerTasks).to.be.above(before);
    });

    it('a GEMM too large for one job is split along n and k, with the same results', () => {
      const engine = wasmEngine()!;
      const saved = engine.maxJobBytes;
      try {
        engine.maxJobBytes = 200_000;
        for (const C of [Float32Array, Float64Array]) {
          for (const [ta, tb] of FLAGS) {
            const g = { ta, tb, m: 100, n: 90, k: 300, alpha: 1.5, beta: tb ? 0 : 0.5, pad: 1, off: 3 };
            expect(checkGemm(C, g)).to.be.at.most(tolerance(C, g.k));
          }
        }
      } finally {
        engine.maxJobBytes = saved;
      }
    });

    it('the other macro-kernel loop order gives the same results', () => {
      const engine = wasmEngine()!;
      const saved = engine.blocking;
      try {
        engine.blocking = { kc: 64, mcPanels: 3, ncCols: 16, order: 1 };
        for (const C of [Float32Array, Float64Array]) {
          for (const [ta, tb] of FLAGS) {
            const g = { ta, tb, m: 77, n: 45, k: 150, alpha: -1, beta: 2, pad: 2, off: 1 };
            expect(checkGemm(C, g)).to.be.at.most(tolerance(C, g.k));
          }
        }
      } finally {
        engine.blocking = saved;
      }
    });

    it('one thread: no worker runs', () => {
      setNumThreads(1);
      const engine = wasmEngine()!;
      const before = engine.workerTasks;
      for (const C of [Float32Array, Float64Array]) {
        expect(checkGemm(C, { ta: true, tb: false, m: 300, n: 300, k: 300, alpha: 2, beta: 0, pad: 1, off: 1 })).to.be.at.most(tolerance(C, 300));
      }
      expect(engine.workerTasks).to.equal(before);
    });
  });

  describe('integer types (plain JS, C wrap-around semantics)', () => {
    const wrap: Record<string, (v: bigint) => number> = {
      Uint8Array: (v) => Number(BigInt.asUintN(8, v)), Int8Array: (v) => Number(BigInt.asIntN(8, v)),
      Int16Array: (v) => Number(BigInt.asIntN(16, v)), Int32Array: (v) => Number(BigInt.asIntN(32, v)),
    };
    const range: Record<string, [number, number]> = {
      Uint8Array: [0, 255], Int8Array: [-128, 127], Int16Array: [-32768, 32767], Int32Array: [-2147483648, 2147483647],
    };
    for (const C of [Uint8Array, Int8Array, Int16Array, Int32Array] as Ctor[]) {
      const ints = (n: number): TypedArray => { const x = new C(n); const [lo, hi] = range[C.name]; for (let i = 0; i < n; i++) x[i] = Math.floor(lo + (hi - lo + 1) * rand()); return x; };
      it(`gemm, gemv, ger and dot on ${C.name} wrap exactly as C does`, () => {
        for (const [ta, tb] of FLAGS) {
          for (const [alpha, beta] of [[1, 0], [3, 2], [-1, 1]]) {
            const m = 9, n = 7, k = 11, lda = (ta ? k : m) + 1, ldb = (tb ? n : k) + 2, ldc = m + 1;
            const a = ints(lda * (ta ? m : k)), b = ints(ldb * (tb ? k : n)), c = ints(ldc * n);
            const want = Array.from(c);
            for (let j = 0; j < n; j++) {
              for (let i = 0; i < m; i++) {
                let s = 0n;
                for (let p = 0; p < k; p++) s += BigInt(ta ? a[p + i * lda] : a[i + p * lda]) * BigInt(tb ? b[j + p * ldb] : b[p + j * ldb]);
                const ci = i + j * ldc;
                want[ci] = wrap[C.name](BigInt(alpha) * s + (beta === 0 ? 0n : BigInt(beta) * BigInt(c[ci])));
              }
            }
            gemm(ta ? 't' : 'n', tb ? 't' : 'n', m, n, k, alpha, a, 0, lda, b, 0, ldb, beta, c, 0, ldc);
            expect(Array.from(c)).to.deep.equal(want);
          }
        }
        const x = ints(20), y = ints(20), a = ints(20 * 20);
        let s = 0n;
        for (let i = 0; i < 20; i++) s += BigInt(x[i]) * BigInt(y[i]);
        expect(dot(20, x, 0, 1, y, 0, 1)).to.equal(wrap[C.name](s));
        const yv = Array.from(y), av = Array.from(a);
        gemv('t', 20, 20, 2, a, 0, 20, x, 0, 1, 1, y, 0, 1);
        for (let i = 0; i < 20; i++) {
          let t = 0n;
          for (let j = 0; j < 20; j++) t += BigInt(av[j + i * 20]) * BigInt(x[j]);
          expect(y[i]).to.equal(wrap[C.name](2n * t + BigInt(yv[i])));
        }
        ger(20, 20, 1, x, 0, 1, x, 0, 1, a, 0, 20);
        for (let i = 0; i < 400; i++) expect(a[i]).to.equal(wrap[C.name](BigInt(av[i]) + BigInt(x[i % 20]) * BigInt(x[Math.floor(i / 20)])));
      });
    }
  });

  describe('bad arguments throw, never reach a native library', () => {
    const a = new Float32Array(16), b = new Float32Array(16), c = new Float32Array(16);
    it('leading dimensions too small', () => {
      expect(() => gemm('n', 'n', 4, 4, 4, 1, a, 0, 3, b, 0, 4, 0, c, 0, 4)).to.throw(RangeError, /lda/);
      expect(() => gemm('n', 't', 4, 4, 4, 1, a, 0, 4, b, 0, 3, 0, c, 0, 4)).to.throw(RangeError, /ldb/);
      expect(() => gemm('n', 'n', 4, 4, 4, 1, a, 0, 4, b, 0, 4, 0, c, 0, 2)).to.throw(RangeError, /ldc/);
    });
    it('operands out of bounds', () => {
      expect(() => gemm('n', 'n', 4, 4, 4, 1, a, 1, 4, b, 0, 4, 0, c, 0, 4)).to.throw(RangeError, /A out of bounds/);
      expect(() => gemm('t', 'n', 4, 5, 4, 1, a, 0, 4, b, 0, 4, 0, c, 0, 4)).to.throw(RangeError, /B out of bounds/);
      expect(() => gemv('n', 4, 4, 1, a, 0, 4, b, 13, 1, 0, c, 0, 1)).to.throw(RangeError, /x out of bounds/);
      expect(() => dot(9, a, 0, 2, b, 0, 1)).to.throw(RangeError, /x out of bounds/);
      expect(() => ger(4, 4, 1, a, 0, 1, b, 0, 1, c, 1, 4)).to.throw(RangeError, /A out of bounds/);
    });
    it('bad flags and sizes', () => {
      expect(() => gemm('x' as 'n', 'n', 1, 1, 1, 1, a, 0, 1, b, 0, 1, 0, c, 0, 1)).to.throw(RangeError, /transpose/);
      expect(() => gemm('n', 'n', -1, 1, 1, 1, a, 0, 1, b, 0, 1, 0, c, 0, 1)).to.throw(RangeError, /m must/);
      expect(() => gemm('n', 'n', 1.5, 1, 1, 1, a, 0, 1, b, 0, 1, 0, c, 0, 1)).to.throw(RangeError, /m must/);
    });
    it('THBlas fixes leading dimensions of size-1 dimensions', () => {
      const x = new Float64Array([1, 2, 3]), y = new Float64Array([4, 5, 6]), z = new Float64Array(1);
      gemm('t', 'n', 1, 1, 3, 1, x, 0, 1, y, 0, 1, 0, z, 0, 1); // lda, ldb and ldc of 1 are fixed up
      expect(z[0]).to.equal(32);
    });
  });

  it('TORCH7TS_BLAS forces the backend of a process', () => {
    const index = new URL('../../lib/blas/index.js', import.meta.url).href;
    for (const b of ['wasm', 'js'] as const) {
      const out = execFileSync(process.execPath, ['--input-type=module', '-e',
        `const m = await import(${JSON.stringify(index)}); console.log(m.blasInfo().backend)`],
      { env: { ...process.env, TORCH7TS_BLAS: b }, encoding: 'utf8' });
      expect(out.trim()).to.equal(b);
    }
  });
});
