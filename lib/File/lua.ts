/**
 * The JS side of Lua values read from or written to a `.t7` file.
 *
 * The mapping (lossless: load-then-save gives a file Torch7 reads as the same object):
 *
 * | Lua | JS |
 * |---|---|
 * | `nil` | `undefined` (writing: `undefined` and `null`) |
 * | number | `number` (every Lua number is a double) |
 * | boolean | `boolean` |
 * | string (bytes) | `string`, one char per byte (latin1: char code = byte value), so any bytes round-trip exactly. Use `luaStringToUtf8` to decode UTF-8 text. Writing: a string whose chars are all <= U+00FF is written as those bytes; any other string as its UTF-8 bytes. A `Uint8Array`/`Buffer` is written as a string of its bytes. |
 * | table whose keys are exactly 1..n (n >= 0, so also `{}`) | `Array` (element i-1 = key i) |
 * | table whose keys are all strings (n >= 1) | plain object |
 * | any other table (holes, key 0, negative / fractional / boolean / table keys, mixed keys) | `LuaTable` (a `Map` keeping key types) |
 * | torch class `torch.XTensor` / `torch.XStorage` | `Tensor` / `Storage` (Half and Cuda types become Float, see `originalTypename`) |
 * | `nn.*` class known to the registry | an instance of that nn class (fields assigned, legacy fields fixed) |
 * | other torch class | `TorchObject` (class name, version and fields kept; written back unchanged) |
 * | `tds.Vec` / `tds.Hash` | `TdsVec` (an Array) / `TdsHash` (a LuaTable) |
 * | `torch.Generator` | `Generator` |
 * | function | `LuaFunction` (opaque bytecode + upvalues, written back unchanged) |
 *
 * nil inside arrays: a JS array element that is `undefined`/`null` is a hole; it is not written
 * (Lua cannot store nil), so `[1, undefined, 3]` is saved as `{[1]=1, [3]=3}` and loads back as a
 * `LuaTable` with keys 1 and 3. A Lua table with holes never loads as an Array.
 */

/** A Lua table that is neither a list (keys 1..n) nor string-keyed: a Map keeping each key's type and identity. */
export class LuaTable extends Map<unknown, unknown> {
  /** Lua's `#t` border for a table with keys 1..n present (the largest n with 1..n all present). */
  get border(): number {
    let n = 0;
    while (this.has(n + 1)) n++;
    return n;
  }
}

/** A Lua function read from a file: its bytecode is VM-specific, so it is kept opaque and written back unchanged. */
export class LuaFunction {
  /**
   * @param bytecode the `string.dump` bytes
   * @param upvalues the upvalues object as read (tag 8: a list of `{name, value[, id]}`; tags 6/7: a list of values)
   * @param tag the type tag it was read with: 8 (current), 7 (2014-2015) or 6 (before 2014, written without an index)
   */
  constructor(public bytecode: Uint8Array, public upvalues: unknown = [], public tag: 6 | 7 | 8 = 8) {}

  /** `function: <N bytes of bytecode>` (the bytecode header names the VM: `\x1bLJ` LuaJIT, `\x1bLua` PUC Lua). */
  toString(): string {
    const b = this.bytecode;
    const vm = b[0] === 0x1b && b[1] === 0x4c && b[2] === 0x4a ? `LuaJIT bytecode v${b[3]}`
      : b[0] === 0x1b && b[1] === 0x4c && b[2] === 0x75 && b[3] === 0x61 ? `Lua ${(b[4] >> 4)}.${b[4] & 15} bytecode` : 'bytecode';
    return `function: <${b.length} bytes of ${vm}>`;
  }
}

/** Hidden (non-enumerable) own property. */
export function hide(obj: object, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: false, writable: true, configurable: true });
}

/**
 * An instance of a Torch class this library does not know (cudnn.* before the cuda package is imported, custom `torch.class`es):
 * its fields are own enumerable properties, and it is written back with the same class name, version
 * string and fields. `__typename` and `__version` are hidden properties.
 * @example
 * const p = torch.load('custom_class.t7').p as TorchObject;
 * p.__typename; // 'fixture.Point'
 * p.x;          // 1.5
 */
export class TorchObject {
  /** The Torch class name, e.g. `cudnn.SpatialConvolution`. */
  declare readonly __typename: string;
  /** The class version read from the file (0 for files written before versions existed). */
  declare __version: number;
  /** The exact version string read (`'V 1'`, `'V 1.0'`), undefined for pre-version files: written back as read. */
  declare __versionString: string | undefined;
  /** Fields whose keys are not strings (rare), kept in a LuaTable. */
  declare __luaKeys: LuaTable | undefined;
  /** When the class payload was not a table (unusual custom writers): the single object that was read. */
  declare __payload: unknown;
  /** Extra objects before the fields (e.g. nn.GPU's header `{_type, device}`). */
  declare __header: unknown;

  constructor(typename: string, fields?: Record<string, unknown>, version = 1) {
    hide(this, '__typename', typename);
    hide(this, '__version', version);
    hide(this, '__versionString', `V ${version}`);
    hide(this, '__luaKeys', undefined);
    hide(this, '__payload', undefined);
    hide(this, '__header', undefined);
    if (fields) for (const k of Object.keys(fields)) defineField(this, k, fields[k]);
  }

  toString(): string { return this.__typename; }
}

/** Sets an own enumerable data property (safe for `__proto__` and for names that are getters on a prototype). */
export function defineField(obj: object, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `tds.Vec`: a list read from / written to the tds binary layout (`V 0`, long count, objects). */
export class TdsVec extends Array<unknown> {
  static override get [Symbol.species]() { return Array; }
  get __typename(): string { return 'tds.Vec'; }
}

/** `tds.Hash`: a map read from / written to the tds binary layout (`V 0`, long count, key/value objects). */
export class TdsHash extends LuaTable {
  get __typename(): string { return 'tds.Hash'; }
}

/** The bytes of a Lua string held as a latin1 JS string. */
export function luaStringBytes(s: string): Buffer {
  return /[^\x00-\xff]/.test(s) ? Buffer.from(s, 'utf8') : Buffer.from(s, 'latin1');
}

/** Decodes a Lua string (latin1-held bytes) as UTF-8 text, e.g. `'hÃ©llo'` → `'héllo'`. */
export function luaStringToUtf8(s: string): string {
  return Buffer.from(s, 'latin1').toString('utf8');
}

/** The Lua string (latin1-held bytes) of UTF-8 text, e.g. `'héllo'` → `'hÃ©llo'`. */
export function utf8ToLuaString(s: string): string {
  return Buffer.from(s, 'utf8').toString('latin1');
}
