/** torch.*Storage: a flat typed buffer with 1-based element access, as in Torch7. */
import { argCheck, check } from './errors.js';
import { TYPES, toLong, type TypeInfo, type TypeKey, type TypedArray } from './types.js';

/**
 * A Torch storage. `data` is the typed array; Tensors are views onto it.
 * @example
 * const s = new torch.FloatStorage(3).fill(1);
 * s.get(1); // 1
 */
export abstract class Storage {
  /** The element type of this storage. */
  get kind(): TypeInfo { throw new Error('abstract Storage'); }
  /**
   * The elements. Replaced (never shrunk) by `resize`; never cache it across a resize. Declared, not
   * defined, so a device storage (cuda's CudaStorage) can make it an accessor that syncs a host copy.
   */
  declare data: TypedArray;

  /** The elements for reading only (a device storage then keeps its device copy valid). */
  read(): TypedArray { return this.data; }

  /** `new XStorage(n)`, `new XStorage([1,2,3])`, `new XStorage(typedArray)` (shares it), or a view `new XStorage(storage, offset, size)` (1-based offset). */
  constructor(arg?: number | ArrayLike<number> | TypedArray | Storage, offset?: number, size?: number) {
    const A = this.kind.Array;
    if (arg === undefined) this.data = new A(0);
    else if (typeof arg === 'number') {
      argCheck(Number.isInteger(arg) && arg >= 0, 1, 'Storage', 'size must be a non-negative integer');
      this.data = new A(arg);
    } else if (arg instanceof Storage) {
      const off = (offset ?? 1) - 1;
      const n = size ?? arg.data.length - off;
      argCheck(off >= 0 && off <= arg.data.length, 2, 'Storage', 'out of bounds');
      argCheck(n >= 0 && off + n <= arg.data.length, 3, 'Storage', 'out of bounds');
      check(arg.kind === this.kind, 'Storage view must have the same type');
      this.data = arg.data.subarray(off, off + n);
    } else if (arg instanceof A) this.data = arg;
    else { this.data = new A((arg as ArrayLike<number>).length); this.data.set(arg as ArrayLike<number>); }
  }

  /** Number of elements. */
  size(): number { return this.data.length; }
  /** Lua's `#storage`. */
  get length(): number { return this.data.length; }

  /** Element i (1-based). */
  get(i: number): number {
    argCheck(Number.isInteger(i) && i >= 1 && i <= this.data.length, 1, 'get', 'index out of bounds');
    return this.data[i - 1];
  }

  /** Sets element i (1-based) to v, converting as a C cast does. */
  set(i: number, v: number): this {
    argCheck(Number.isInteger(i) && i >= 1 && i <= this.data.length, 1, 'set', 'index out of bounds');
    this.data[i - 1] = this.kind.key === 'Long' ? toLong(v) : v;
    return this;
  }

  /** Resizes to n elements, keeping the first min(n, size) values; new elements are zero. */
  resize(n: number): this {
    argCheck(Number.isInteger(n) && n >= 0, 1, 'resize', 'size must be a non-negative integer');
    if (n !== this.data.length) {
      const d = new this.kind.Array(n);
      d.set(this.data.length <= n ? this.data : this.data.subarray(0, n));
      this.data = d;
    }
    return this;
  }

  /** Fills every element with v. */
  fill(v: number): this {
    this.data.fill(this.kind.key === 'Long' ? toLong(v) : v);
    return this;
  }

  /** Copies src (any storage type, same size) into this storage. */
  copy(src: Storage): this {
    argCheck(src.size() === this.size(), 1, 'copy', 'sizes do not match');
    if (this.kind.key === 'Long' && src.kind.isFloat) for (let i = 0; i < src.data.length; i++) this.data[i] = toLong(src.data[i]);
    else this.data.set(src.data);
    return this;
  }

  /** The elements as a plain array. */
  totable(): number[] { return Array.from(this.data); }

  /** The bytes of a ByteStorage/CharStorage as a latin1 string (Torch's `storage:string()`). */
  string(): string {
    return Buffer.from(this.data.buffer, this.data.byteOffset, this.data.byteLength).toString('latin1');
  }

  /** Torch's printing of a storage. */
  toString(): string {
    const rows = Array.from(this.data, (v) => ` ${v}`);
    return `${rows.join('\n')}\n[${this.kind.storageName} of size ${this.data.length}]`;
  }
}

export class ByteStorage extends Storage { override get kind() { return TYPES.Byte; } }
export class CharStorage extends Storage { override get kind() { return TYPES.Char; } }
export class ShortStorage extends Storage { override get kind() { return TYPES.Short; } }
export class IntStorage extends Storage { override get kind() { return TYPES.Int; } }
export class FloatStorage extends Storage { override get kind() { return TYPES.Float; } }
export class DoubleStorage extends Storage { override get kind() { return TYPES.Double; } }

/**
 * LongStorage: int64 elements. Arithmetic runs on doubles; values beyond 2^53 that came from a
 * file or `setExact` are kept exactly beside them and returned by `getExact` while unchanged.
 */
export class LongStorage extends Storage {
  override get kind() { return TYPES.Long; }
  /** Exact int64 values that a double cannot hold, keyed by 0-based index. */
  exact?: Map<number, bigint>;

  /** Element i (1-based) as an exact bigint. */
  getExact(i: number): bigint {
    const v = this.get(i);
    const e = this.exact?.get(i - 1);
    return e !== undefined && Number(e) === v ? e : BigInt(v);
  }

  /** Sets element i (1-based) to the exact int64 value v. */
  setExact(i: number, v: bigint): this {
    argCheck(Number.isInteger(i) && i >= 1 && i <= this.data.length, 1, 'set', 'index out of bounds');
    this.data[i - 1] = Number(v);
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) (this.exact ??= new Map()).set(i - 1, v);
    else this.exact?.delete(i - 1);
    return this;
  }
}

/** The storage class of each type. */
export const STORAGES: Record<TypeKey, new (arg?: number | ArrayLike<number> | TypedArray | Storage, offset?: number, size?: number) => Storage> = {
  Byte: ByteStorage, Char: CharStorage, Short: ShortStorage, Int: IntStorage,
  Long: LongStorage, Float: FloatStorage, Double: DoubleStorage,
};
