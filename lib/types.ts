/** The Torch7 element types, the typed array behind each, and their names. */

export type TypedArray =
  | Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

/** Short names of the Torch element types. */
export type TypeKey = 'Byte' | 'Char' | 'Short' | 'Int' | 'Long' | 'Float' | 'Double';

/** Everything a kernel needs to know about an element type. */
export interface TypeInfo {
  readonly key: TypeKey;
  /** `torch.DoubleTensor` */
  readonly tensorName: string;
  /** `torch.DoubleStorage` */
  readonly storageName: string;
  /** The typed array that stores the elements. LongStorage keeps doubles plus exact int64 values. */
  readonly Array: { new (n: number | ArrayLike<number> | ArrayBuffer): TypedArray; BYTES_PER_ELEMENT: number };
  /** float and double: true; the integer types: false. */
  readonly isFloat: boolean;
  /** Bytes per element as Torch stores it (Long is 8). */
  readonly elementSize: number;
}

const info = (key: TypeKey, Array: TypeInfo['Array'], isFloat: boolean, elementSize: number): TypeInfo => ({
  key, Array, isFloat, elementSize,
  tensorName: `torch.${key}Tensor`,
  storageName: `torch.${key}Storage`,
});

/** The seven CPU types, by short name. */
export const TYPES: Record<TypeKey, TypeInfo> = {
  Byte: info('Byte', Uint8Array, false, 1),
  Char: info('Char', Int8Array, false, 1),
  Short: info('Short', Int16Array, false, 2),
  Int: info('Int', Int32Array, false, 4),
  Long: info('Long', Float64Array, false, 8),
  Float: info('Float', Float32Array, true, 4),
  Double: info('Double', Float64Array, true, 8),
};

export const TYPE_KEYS = Object.keys(TYPES) as TypeKey[];

/** 'torch.FloatTensor' | 'torch.FloatStorage' | 'Float' -> TypeInfo, or undefined. */
export function typeInfoOf(name: string): TypeInfo | undefined {
  const m = /^(?:torch\.)?(Byte|Char|Short|Int|Long|Float|Double)(?:Tensor|Storage)?$/.exec(name);
  return m ? TYPES[m[1] as TypeKey] : undefined;
}

/** C's cast of a double to int64 for LongStorage (held as doubles): truncation toward zero, no -0. */
export function toLong(v: number): number { return Math.trunc(v) + 0; }

/** True when the typed array lives in a SharedArrayBuffer (a page that is not cross-origin isolated has no such class). */
export const isSharedArray = (a: TypedArray): boolean => typeof SharedArrayBuffer !== 'undefined' && a.buffer instanceof SharedArrayBuffer;
