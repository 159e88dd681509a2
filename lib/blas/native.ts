/**
 * The native path: the system's OpenBLAS (CBLAS interface) loaded through the koffi FFI, which ships
 * prebuilt binaries, so nothing is compiled. Typed arrays are passed as pointers to their contents
 * (zero copy; an offset is a subarray). Every failure leaves `nativeBlas()` null.
 */
import { createRequire } from 'node:module';

type F = Float32Array | Float64Array;
/** CBLAS routines for one precision (column-major, the enums already bound). */
export interface NativeRoutines {
  gemm(ta: number, tb: number, m: number, n: number, k: number, alpha: number, a: F, lda: number, b: F, ldb: number, beta: number, c: F, ldc: number): void;
  gemv(t: number, m: number, n: number, alpha: number, a: F, lda: number, x: F, incx: number, beta: number, y: F, incy: number): void;
  ger(m: number, n: number, alpha: number, x: F, incx: number, y: F, incy: number, a: F, lda: number): void;
  dot(n: number, x: F, incx: number, y: F, incy: number): number;
  axpy(n: number, alpha: number, x: F, incx: number, y: F, incy: number): void;
  scal(n: number, alpha: number, x: F, incx: number): void;
}

/** A loaded CBLAS library. */
export interface NativeBlas {
  /** The name or path it was loaded from. */
  library: string;
  /** `openblas_get_config()` where the library is OpenBLAS. */
  config?: string;
  s: NativeRoutines;
  d: NativeRoutines;
  setThreads?: (n: number) => void;
  getThreads?: () => number;
}

/** CBLAS enum values. */
export const COL_MAJOR = 102, NO_TRANS = 111, TRANS = 112;

/** Library names tried in order (TORCH7TS_BLAS_LIB, when set, is tried first). */
export const LIBRARY_NAMES = [
  'libopenblas.so.0', 'libopenblas.so', 'libopenblasp.so.0', 'libcblas.so.3', 'libblas.so.3',
  'libopenblas.dylib', '/opt/homebrew/opt/openblas/lib/libopenblas.dylib', '/usr/local/opt/openblas/lib/libopenblas.dylib',
  'libopenblas.dll', 'openblas.dll',
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Koffi = any;

function bind(lib: Koffi, p: 's' | 'd'): NativeRoutines {
  const t = p === 's' ? 'float' : 'double';
  const gemm = lib.func(`void cblas_${p}gemm(int, int, int, int, int, int, ${t}, ${t} *, int, ${t} *, int, ${t}, ${t} *, int)`);
  const gemv = lib.func(`void cblas_${p}gemv(int, int, int, int, ${t}, ${t} *, int, ${t} *, int, ${t}, ${t} *, int)`);
  const ger = lib.func(`void cblas_${p}ger(int, int, int, ${t}, ${t} *, int, ${t} *, int, ${t} *, int)`);
  const dot = lib.func(`${t} cblas_${p}dot(int, ${t} *, int, ${t} *, int)`);
  const axpy = lib.func(`void cblas_${p}axpy(int, ${t}, ${t} *, int, ${t} *, int)`);
  const scal = lib.func(`void cblas_${p}scal(int, ${t}, ${t} *, int)`);
  return {
    gemm: (ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc) => gemm(COL_MAJOR, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc),
    gemv: (tr, m, n, alpha, a, lda, x, incx, beta, y, incy) => gemv(COL_MAJOR, tr, m, n, alpha, a, lda, x, incx, beta, y, incy),
    ger: (m, n, alpha, x, incx, y, incy, a, lda) => ger(COL_MAJOR, m, n, alpha, x, incx, y, incy, a, lda),
    dot: (n, x, incx, y, incy) => dot(n, x, incx, y, incy) as number,
    axpy: (n, alpha, x, incx, y, incy) => axpy(n, alpha, x, incx, y, incy),
    scal: (n, alpha, x, incx) => scal(n, alpha, x, incx),
  };
}

function tryLoad(koffi: Koffi, name: string, requireOpenBLAS: boolean): NativeBlas | null {
  let lib: Koffi;
  try { lib = koffi.load(name); } catch { return null; }
  try {
    let config: string | undefined;
    try { config = String(lib.func('const char *openblas_get_config()')()); } catch { /* not OpenBLAS */ }
    if (requireOpenBLAS && config === undefined) { lib.unload?.(); return null; }
    const out: NativeBlas = { library: name, config, s: bind(lib, 's'), d: bind(lib, 'd') };
    try {
      const set = lib.func('void openblas_set_num_threads(int)');
      const get = lib.func('int openblas_get_num_threads()');
      out.setThreads = (n) => set(n);
      out.getThreads = () => get() as number;
    } catch { /* no thread control */ }
    return out;
  } catch {
    return null;
  }
}

let cached: NativeBlas | null | undefined;

/**
 * The native CBLAS, loaded on first use, or null. Libraries that are not OpenBLAS (a reference BLAS
 * behind libblas.so.3 is slower than the WebAssembly kernels) are taken only when `anyCblas` is set
 * (TORCH7TS_BLAS=openblas) or when named by TORCH7TS_BLAS_LIB.
 */
export function nativeBlas(anyCblas = false): NativeBlas | null {
  if (cached !== undefined) return cached;
  cached = null;
  let koffi: Koffi;
  try { koffi = createRequire(import.meta.url)('koffi'); } catch { return cached; }
  const explicit = process.env.TORCH7TS_BLAS_LIB;
  if (explicit) cached = tryLoad(koffi, explicit, false);
  for (const name of LIBRARY_NAMES) {
    if (cached) break;
    cached = tryLoad(koffi, name, !anyCblas);
  }
  return cached;
}
