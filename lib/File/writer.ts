/**
 * File.lua's writeObject: JS values → a `.t7` stream. Iterative (an explicit stack of payload
 * generators). Every table, torch object, fields table and function gets the next index (1, 2, ...)
 * in write order; an object met again is written as tag + index (unless `referenced` is false:
 * then it is written in full again, and a cycle is an error instead of an endless file).
 */
import { TorchError } from '../errors.js';
import { Storage } from '../Storage.js';
import { Tensor } from '../Tensor.js';
import type { Encoding } from './formats.js';
import { AsciiSink, BinarySink, type Sink } from './sink.js';
import { writtenTypename } from './builtins.js';
import { fieldsTable } from './fields.js';
import { LuaFunction, LuaTable, luaStringBytes, TorchObject } from './lua.js';
import { luaToNumber } from './reader.js';
import { findClass, findClassOf, inherited, type ClassSpec, type PayloadSink, type WriteItem } from './registry.js';

/** Options of a writer. */
export interface WriteOptions {
  /** Write shared objects once and refer back to them (Torch's default, true). */
  referenced?: boolean;
  /** Write tensors/storages that were loaded from Half/Cuda classes under those names again (default false: as what they are now). */
  keepOriginalTypes?: boolean;
}

type Frame = { gen: Iterator<WriteItem, void, void>; obj: object; name: string };

const MAX_NESTED = 64;

/** Prototypes of plain tables (never torch objects, whatever their keys). */
const PLAIN_PROTOTYPES = new Set<unknown>([Object.prototype, null, Array.prototype, Map.prototype, LuaTable.prototype]);

/** A JS value Torch would write as a table: arrays, Maps (LuaTable), plain objects. */
function isTableLike(v: object): boolean {
  if (Array.isArray(v) || v instanceof Map) return true;
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

function isGenerator(x: unknown): x is Iterator<WriteItem, void, void> {
  return typeof x === 'object' && x !== null && typeof (x as Iterator<WriteItem>).next === 'function';
}

/** The key/value pairs of a table-like value (nil values left out). */
function tableEntries(v: object, where: () => string): [unknown, unknown][] {
  const out: [unknown, unknown][] = [];
  const ok = (x: unknown) => x !== undefined && x !== null;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (ok(v[i])) out.push([i + 1, v[i]]);
    for (const k of Object.keys(v)) if (!/^(0|[1-9]\d*)$/.test(k) && ok((v as any)[k])) out.push([k, (v as any)[k]]);
  } else if (v instanceof Map) {
    for (const [k, x] of v) {
      if (k === undefined || k === null || (typeof k === 'number' && Number.isNaN(k))) {
        throw new TorchError(`Unwritable table key <${String(k)}> at ${where()}`);
      }
      if (ok(x)) out.push([k, x]);
    }
  } else {
    for (const k of Object.keys(v)) if (ok((v as any)[k])) out.push([k, (v as any)[k]]);
  }
  return out;
}

/** Lua's `tostring` of a version number. */
function versionString(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(14)));
}

/** Encodes objects into one stream; the index table persists across `writeObject` calls. */
export class T7Encoder {
  readonly sink: Sink;
  private objects = new Map<object, number>();
  private count = 0;
  private nested = 0;
  private onStack = new Set<object>();
  private readonly referenced: boolean;
  private readonly keepOriginal: boolean;
  private readonly payloadSink: PayloadSink;

  constructor(readonly enc: Encoding, opts: WriteOptions = {}) {
    this.sink = enc.mode === 'ascii' ? new AsciiSink(enc) : new BinarySink(enc);
    this.referenced = opts.referenced ?? true;
    this.keepOriginal = opts.keepOriginalTypes ?? false;
    const sink = this.sink;
    this.payloadSink = {
      encoding: enc,
      writeInt: (v) => sink.writeInt(v),
      writeLong: (v) => sink.writeLong(v),
      writeDouble: (v) => sink.writeDouble(v),
      writeChars: (b) => sink.writeChars(b),
      writeArray: (t, d, e) => sink.writeArray(t, d, e),
      writeObject: (v) => this.writeNested(v),
    };
  }

  /** Writes one object (and everything it refers to). */
  writeObject(value: unknown, name = '<?>'): void {
    const stack: Frame[] = [];
    this.begin(value, name, stack);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const step = top.gen.next();
      if (step.done) {
        stack.pop();
        this.onStack.delete(top.obj);
      } else {
        this.begin(step.value[0], step.value[1] ?? '<?>', stack);
      }
    }
  }

  private writeNested(v: unknown): void {
    if (this.nested >= MAX_NESTED) throw new TorchError(`more than ${MAX_NESTED} nested writeObject calls from class writers`);
    this.nested++;
    try { this.writeObject(v); } finally { this.nested--; }
  }

  private begin(v: unknown, name: string, stack: Frame[]): void {
    const sink = this.sink;
    const where = () => [...stack.map((f) => f.name), name].join('.');
    if (v === undefined || v === null) { sink.writeInt(0); return; }
    switch (typeof v) {
      case 'number': sink.writeInt(1); sink.writeDouble(v); return;
      case 'bigint': sink.writeInt(1); sink.writeDouble(Number(v)); return;
      case 'boolean': sink.writeInt(5); sink.writeInt(v ? 1 : 0); return;
      case 'string': {
        const b = luaStringBytes(v);
        sink.writeInt(2); sink.writeInt(b.length); sink.writeChars(b);
        return;
      }
      case 'object': break;
      default: throw new TorchError(`Unwritable object <${typeof v}> at ${where()}`);
    }
    const obj = v as object;
    if (obj instanceof Uint8Array && !(obj instanceof Storage)) {
      sink.writeInt(2); sink.writeInt(obj.length); sink.writeChars(obj);
      return;
    }
    const torch = this.torchClass(obj);
    let tag: number;
    if (torch) tag = 4;
    else if (obj instanceof LuaFunction) tag = obj.tag;
    else if (isTableLike(obj)) tag = 3;
    else throw new TorchError(`Unwritable object <${obj.constructor?.name ?? 'object'}> at ${where()}`);
    sink.writeInt(tag);
    if (tag !== 6) {
      const seen = this.objects.get(obj);
      if (seen !== undefined) { sink.writeInt(seen); return; }
      if (this.onStack.has(obj)) throw new TorchError(`cannot write the cycle through ${where()} with referenced = false`);
      const index = ++this.count;
      if (this.referenced) this.objects.set(obj, index); else this.onStack.add(obj);
      sink.writeInt(index);
    } else if (this.onStack.has(obj)) {
      throw new TorchError(`cannot write the cycle through ${where()}: tag-6 functions have no index`);
    } else this.onStack.add(obj);
    let gen: Iterator<WriteItem, void, void>;
    if (torch) gen = this.torchPayload(obj, torch.name, torch.spec);
    else if (obj instanceof LuaFunction) gen = this.functionPayload(obj);
    else gen = this.tablePayload(tableEntries(obj, where));
    stack.push({ gen, obj, name });
  }

  /** The Torch class of an object, or undefined for tables and functions. */
  private torchClass(obj: object): { name: string; spec?: ClassSpec } | undefined {
    if (obj instanceof Tensor || obj instanceof Storage) {
      const name = writtenTypename(obj, this.keepOriginal);
      return { name, spec: findClass(name) };
    }
    // a plain table with a `__typename` key is still a table
    if (PLAIN_PROTOTYPES.has(Object.getPrototypeOf(obj))) return undefined;
    const tn = (obj as { __typename?: unknown }).__typename;
    if (typeof tn === 'string') return { name: tn, spec: findClass(tn) };
    const spec = findClassOf(obj);
    return spec ? { name: spec.name, spec } : undefined;
  }

  private *tablePayload(entries: [unknown, unknown][]): Generator<WriteItem, void, void> {
    this.sink.writeInt(entries.length);
    for (const [k, v] of entries) {
      yield [k, typeof k === 'string' || typeof k === 'number' ? String(k) : '<key>'];
      yield [v, typeof k === 'string' || typeof k === 'number' ? String(k) : '<?>'];
    }
  }

  private *functionPayload(f: LuaFunction): Generator<WriteItem, void, void> {
    this.sink.writeInt(f.bytecode.length);
    this.sink.writeChars(f.bytecode);
    yield [f.upvalues ?? [], 'upvalues'];
  }

  private torchPayload(obj: object, name: string, spec: ClassSpec | undefined): Iterator<WriteItem, void, void> {
    let version: string | undefined;
    if (obj instanceof TorchObject) {
      const vs = obj.__versionString;
      version = vs !== undefined && luaToNumber(vs.slice(2)) === obj.__version ? vs
        : vs === undefined && obj.__version === 0 ? undefined : `V ${versionString(obj.__version)}`;
    } else {
      version = `V ${versionString((spec && inherited(spec, 'version')) ?? 1)}`;
    }
    if (version !== undefined) {
      const vb = luaStringBytes(version);
      this.sink.writeInt(vb.length); this.sink.writeChars(vb);
    }
    const nb = luaStringBytes(name);
    this.sink.writeInt(nb.length); this.sink.writeChars(nb);
    const writer = spec ? inherited(spec, 'writePayload') : undefined;
    if (writer) {
      const r = writer(this.payloadSink, obj);
      if (isGenerator(r)) return r;
      return [][Symbol.iterator]() as Iterator<WriteItem, void, void>;
    }
    return [[fieldsTable(obj), name] as WriteItem][Symbol.iterator]() as Iterator<WriteItem, void, void>;
  }
}
