/**
 * torch.CudaStorage: float32 elements in a device buffer of one device, with a host copy made only
 * when host code asks for `data` (a CPU fallback, printing, a copy to a CPU tensor). Either copy may be
 * stale; device kernels use `deviceBuffer()`, host code `data` (which then invalidates the device copy)
 * or `read()` (which keeps it).
 */
import { FloatStorage, Storage } from '../lib/Storage.js';
import { TorchError } from '../lib/errors.js';
import type { TypedArray } from '../lib/types.js';
import type { DeviceContext, Handle } from './context.js';
import { context, getDevice } from './device.js';
import { CUDA } from './kind.js';

const finalizer = new FinalizationRegistry<{ ctx: DeviceContext; h: Handle; n: number }>((b) => b.ctx.free(b.h, b.n));

/**
 * A storage on a device.
 * @example
 * const s = new torch.CudaStorage(4).fill(1); // on cutorch.getDevice()
 */
export class CudaStorage extends Storage {
  override get kind() { return CUDA; }
  /** The device (1-based) this storage lives on. */
  declare readonly device: number;
  declare private host: Float32Array;
  declare private hostValid: boolean;
  declare private dev: Handle | undefined;
  declare private token: object;
  declare private len: number;
  /** Tensors viewing this storage (the device buffer is freed when the last lets go). */
  declare refs: number;

  constructor(arg?: number | ArrayLike<number> | TypedArray | Storage, offset?: number, size?: number) {
    super(arg instanceof CudaStorage ? arg.read() : arg, offset, size);
    if (arg instanceof CudaStorage) throw new TorchError('CudaStorage: views of a storage are not supported on the device');
  }

  private init(): void {
    if (this.token) return;
    (this as { device: number }).device = getDevice();
    this.token = {};
    this.refs = 0;
    this.hostValid = true;
  }

  /** The host copy, read back if stale; the device copy is dropped, since the caller may write. */
  hostData(): Float32Array {
    const h = this.read();
    this.dropDevice();
    return h;
  }
  /** Replaces the contents with host floats (the device copy is dropped). */
  setHostData(v: TypedArray): void {
    this.init();
    this.alive();
    if (!(v instanceof Float32Array)) v = Float32Array.from(v);
    // v replaces the contents: the device buffer is freed without a readback
    if (this.dev) { finalizer.unregister(this.token); this.ctx.free(this.dev, this.len); this.dev = undefined; }
    this.host = v;
    this.len = v.length;
    this.hostValid = true;
  }

  /** The host copy for reading: read back if stale; the device copy stays valid. */
  override read(): Float32Array {
    this.alive();
    if (!this.hostValid) {
      this.host = this.ctx.download(this.dev!, this.len);
      this.hostValid = true;
    }
    return this.host;
  }

  override size(): number { return this.len; }
  override get length(): number { return this.len; }

  /** The device context of this storage. */
  get ctx(): DeviceContext { return context(this.device); }

  /** The device buffer, uploaded from the host copy if stale. */
  deviceBuffer(): Handle {
    this.alive();
    if (!this.dev) this.adopt(this.ctx.upload(this.host.length === this.len ? this.host : this.host.subarray(0, this.len)), true);
    return this.dev!;
  }

  /** True when the device copy is current (no upload needed). */
  get onDevice(): boolean { return this.dev !== undefined; }

  /**
   * Makes `h` (n = size() floats, already accounted on this device) the contents; the host copy goes
   * stale unless `keepHost`.
   */
  adopt(h: Handle, keepHost = false): void {
    // h replaces the contents: the old device buffer is freed without a readback
    if (this.dev) { finalizer.unregister(this.token); this.ctx.free(this.dev, this.len); }
    this.dev = h;
    finalizer.register(this, { ctx: this.ctx, h, n: this.len }, this.token);
    if (!keepHost) { this.hostValid = false; this.host = EMPTY; }
  }

  /** Frees the device buffer (keeping a valid host copy first). */
  private dropDevice(): void {
    if (!this.dev) return;
    if (!this.hostValid) this.read();
    finalizer.unregister(this.token);
    this.ctx.free(this.dev, this.len);
    this.dev = undefined;
  }

  /**
   * Frees both copies now (what the last tensor letting go does, as Torch's refcount does); using the
   * storage afterwards is an error.
   */
  free(): void {
    if (this.dev) { finalizer.unregister(this.token); this.ctx.free(this.dev, this.len); this.dev = undefined; }
    this.host = EMPTY;
    this.hostValid = true;
    this.freed = this.len > 0;
  }
  declare private freed: boolean;

  private alive(): void {
    if (this.freed) throw new TorchError('CudaStorage: this storage was freed when the last tensor viewing it let go (retain() keeps it)');
  }

  /** Keeps the storage alive without a tensor viewing it (Torch's storage:retain()). */
  retain(): this { this.init(); this.refs++; return this; }

  /** Resizes keeping the first min(n, size) values, new ones zero: on the device when the data is there. */
  override resize(n: number): this {
    if (n === this.len) return this;
    if (!this.dev || !Number.isInteger(n) || n < 0) return super.resize(n);
    const ctx = this.ctx;
    const k = ctx.kernel('resize', 'function (a, len) { const j = this.thread.x; if (j < len) { return a[j]; } return 0; }', { a: 'Array', len: 'Integer' });
    const h = n === 0 ? undefined : ctx.run(k, n, [this.dev, this.len]);
    finalizer.unregister(this.token);
    ctx.free(this.dev, this.len);
    this.dev = undefined;
    this.len = n;
    this.host = EMPTY;
    if (h) this.adopt(h); else this.hostValid = true;
    return this;
  }

  override get(i: number): number {
    if (!(Number.isInteger(i) && i >= 1 && i <= this.len)) return super.get(i);
    return this.read()[i - 1];
  }

  override fill(v: number): this {
    this.data.fill(v);
    return this;
  }

  /** Torch's printing of the elements (as a FloatStorage prints), read back without dropping the device copy. */
  override toString(): string {
    return new FloatStorage(this.read().slice()).toString().replace(/\[torch\.FloatStorage of size/, '[torch.CudaStorage of size');
  }
}

const EMPTY = new Float32Array(0);

// `data` is an accessor here (a field on Storage): host code sees a synced host copy.
Object.defineProperty(CudaStorage.prototype, 'data', {
  get(this: CudaStorage) { return this.hostData(); },
  set(this: CudaStorage, v: TypedArray) { this.setHostData(v); },
  configurable: true,
});
