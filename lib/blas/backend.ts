/**
 * Which BLAS backend runs, and with how many threads: the process-wide state behind blasInfo,
 * setBackend and torch.setnumthreads / torch.getnumthreads.
 */
import { availableParallelism } from 'node:os';
import { nativeBlas, type NativeBlas } from './native.js';
import { wasmEngine, type WasmEngine } from './wasm/engine.js';

/** The backends, fastest first. */
export type BlasBackend = 'openblas' | 'wasm' | 'js';
/** What {@link blasInfo} reports. */
export interface BlasInfo { backend: BlasBackend; library?: string; config?: string; threads: number }

/** The state the routines read: the backend, and the loaded native library / wasm engine. */
export const current: { backend: BlasBackend; native: NativeBlas | null; engine: WasmEngine | null } = {
  backend: 'js', native: null, engine: null,
};
let threads = Math.max(1, availableParallelism());

function load(b: BlasBackend): boolean {
  if (b === 'openblas') current.native = nativeBlas(process.env.TORCH7TS_BLAS === 'openblas');
  if (b === 'wasm') current.engine = wasmEngine();
  return b === 'js' || (b === 'openblas' ? current.native !== null : current.engine !== null);
}

/**
 * Selects the backend for this process (the specs and benchmarks use it to test each one).
 * @throws Error when that backend cannot load here.
 * @example
 * setBackend('wasm'); blasInfo().backend; // 'wasm'
 */
export function setBackend(b: BlasBackend): void {
  if (!load(b)) throw new Error(`BLAS backend '${b}' is not available here`);
  current.backend = b;
  if (current.engine) current.engine.threads = threads;
}

/**
 * The backends that load here, fastest first.
 * @example
 * availableBackends(); // ['openblas', 'wasm', 'js'] with OpenBLAS installed
 */
export function availableBackends(): BlasBackend[] {
  return (['openblas', 'wasm', 'js'] as const).filter((b) => load(b));
}

{
  const forced = process.env.TORCH7TS_BLAS;
  if (forced === 'openblas' || forced === 'wasm' || forced === 'js') {
    if (load(forced)) setBackend(forced);
    else process.emitWarning(`TORCH7TS_BLAS=${forced}: that backend is not available here; using the best one that is`);
  } else if (forced) {
    process.emitWarning(`TORCH7TS_BLAS=${forced} is not one of openblas, wasm, js; ignored`);
  }
  if (current.backend !== forced) setBackend(load('openblas') ? 'openblas' : load('wasm') ? 'wasm' : 'js');
}

/**
 * Which backend runs float BLAS calls, its library, and its thread count.
 * @example
 * blasInfo(); // { backend: 'openblas', library: 'libopenblas.so.0', threads: 2 }
 */
export function blasInfo(): BlasInfo {
  const { backend, native } = current;
  const info: BlasInfo = { backend, threads: getNumThreads() };
  if (backend === 'openblas' && native) { info.library = native.library; if (native.config) info.config = native.config; }
  return info;
}

/**
 * Sets the threads BLAS may use (torch.setnumthreads): OpenBLAS's pool and the WebAssembly workers.
 * @example
 * setNumThreads(1);
 */
export function setNumThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`setnumthreads: number of threads must be a positive integer (got ${n})`);
  threads = n;
  current.native?.setThreads?.(n);
  if (current.engine) current.engine.threads = n;
}

/**
 * The threads BLAS uses now (torch.getnumthreads).
 * @example
 * getNumThreads(); // 2
 */
export function getNumThreads(): number {
  if (current.backend === 'openblas') return current.native?.getThreads?.() ?? threads;
  return current.backend === 'wasm' ? threads : 1;
}
