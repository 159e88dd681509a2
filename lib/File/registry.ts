/**
 * The class registry: Torch class name → how to read, build and write its instances
 * (Torch's `torch.factory` + the class's `read`/`write` methods).
 *
 * A class is found by name (registered, aliased, or looked up in a registered namespace such as
 * `nn`), or, when writing, by the object's `__typename` or constructor. Hooks of JS ancestor classes
 * apply to subclasses, as Lua inherits `read` methods and `__version`.
 */
import type { ElemType, Encoding, ReadArray } from './formats.js';
import type { RawTorch } from './raw.js';
import type { TypedArray } from '../types.js';

/** What a payload-reading generator yields to have one object read (it is resumed with the raw object). */
export const OBJECT: unique symbol = Symbol('t7.readObject');

/** A payload reader written as a generator: `const child = yield OBJECT;`. */
export type PayloadGen = Generator<typeof OBJECT, unknown[], unknown>;

/** What a payload writer written as a generator yields: a value to write (and its name, for error messages). */
export type WriteItem = [value: unknown, name?: string];

/** The reads a class payload reader can make (torch.File's). */
export interface PayloadSource {
  readonly encoding: Encoding;
  /** Byte offset of the next read. */
  readonly position: number;
  /** Bytes left in the stream. */
  readonly remaining: number;
  /** Each read takes an optional description of what is expected, for error messages. */
  readInt(expected?: string): number;
  readLong(expected?: string): number;
  readDouble(expected?: string): number;
  readChars(n: number, expected?: string): Uint8Array;
  readArray(t: ElemType, n: number, expected?: string): ReadArray;
  /** Reads a whole object; the (opaque) result is converted to JS before `fill` sees it. */
  readObject(): unknown;
  /** Throws a TorchError naming the current (or given) offset. */
  fail(expected: string, problem?: string, at?: number): never;
}

/** The writes a class payload writer can make. */
export interface PayloadSink {
  readonly encoding: Encoding;
  writeInt(v: number): void;
  writeLong(v: number | bigint): void;
  writeDouble(v: number): void;
  writeChars(bytes: Uint8Array): void;
  writeArray(t: ElemType, data: TypedArray, exact?: Map<number, bigint>): void;
  /** Writes a whole object (with references). */
  writeObject(v: unknown): void;
}

/** How instances of one Torch class are read and written. Every hook is optional. */
export interface ClassSpec {
  /** The Torch class name, e.g. `nn.Linear`. */
  name: string;
  /** The JS class: `Object.create(ctor.prototype)` makes the empty instance; its instances are written under `name`. */
  ctor?: Function;
  /** The version written as `V <version>` (Lua's `__version`), default 1 (inherited from JS ancestors' specs). */
  version?: number;
  /** Reads the class payload (after the version and class name). Default: one object, the fields table. */
  readPayload?(file: PayloadSource, version: number, className: string): unknown[] | PayloadGen;
  /** Makes the (empty) object that is registered before its contents are filled. */
  create?(raw: RawTorch): object;
  /** Fills the object from the raw payload, converting each raw value with `convert`. Default: assigns the fields table. */
  fill?(obj: object, payload: unknown[], convert: (raw: unknown) => unknown, raw: RawTorch): void;
  /** Legacy fix-ups once every object of the file is filled (the tail of Torch's `read` methods), ancestors' first. */
  afterRead?(obj: any, version: number): void;
  /** Writes the class payload. Default: one table of the object's fields. */
  writePayload?(file: PayloadSink, obj: any): void | Generator<WriteItem, void, void>;
  /** Per-field conversions the default writer applies (e.g. a JS array field that Torch keeps as a LongStorage). */
  writeFields?: Record<string, (value: unknown, obj: any) => unknown>;
  /** Field names the default writer leaves out (JS-only state), in addition to ancestors'. */
  skipFields?: readonly string[];
}

const byName = new Map<string, ClassSpec>();
const byCtor = new Map<Function, ClassSpec>();
const aliases = new Map<string, string>();
const namespaces = new Map<string, Record<string, unknown>>();

/**
 * Registers how a Torch class is read and written. `registerClass('fixture.Point', Point)` makes
 * `fixture.Point` objects load as `Point` instances (fields assigned) and `Point` instances save as
 * `fixture.Point`.
 * @example
 * class Point { x = 0; y = 0; }
 * registerClass('fixture.Point', Point);
 */
export function registerClass(name: string, ctor?: Function, hooks: Partial<Omit<ClassSpec, 'name' | 'ctor'>> = {}): ClassSpec {
  const spec: ClassSpec = { ...byName.get(name), ...hooks, name, ctor: ctor ?? byName.get(name)?.ctor };
  byName.set(name, spec);
  if (spec.ctor) byCtor.set(spec.ctor, spec);
  return spec;
}

/**
 * Reads class `alias` as class `target`, e.g. `registerAlias('cudnn.SpatialConvolution', 'nn.SpatialConvolution')`.
 * Objects loaded through an alias are saved under the target name.
 */
export function registerAlias(alias: string, target: string): void {
  aliases.set(alias, target);
}

/** Makes every class of a namespace known by `<prefix>.<key>`, e.g. `registerNamespace('nn', nn)`. */
export function registerNamespace(prefix: string, ns: Record<string, unknown>): void {
  namespaces.set(prefix, ns);
}

/** Removes a registration made by `registerClass` or `registerAlias` (mainly for tests). */
export function unregisterClass(name: string): void {
  const spec = byName.get(name);
  if (spec?.ctor && byCtor.get(spec.ctor) === spec) byCtor.delete(spec.ctor);
  byName.delete(name);
  aliases.delete(name);
}

/** The name a class name stands for after aliases. */
export function canonicalName(name: string): string {
  for (let i = 0; i < 16 && aliases.has(name); i++) name = aliases.get(name)!;
  return name;
}

/** The spec of a Torch class name (aliases and namespaces followed), or undefined when unknown. */
export function findClass(name: string): ClassSpec | undefined {
  name = canonicalName(name);
  const spec = byName.get(name);
  if (spec) return spec;
  const dot = name.lastIndexOf('.');
  const ns = dot > 0 ? namespaces.get(name.slice(0, dot)) : undefined;
  const key = name.slice(dot + 1);
  const ctor = ns && Object.prototype.hasOwnProperty.call(ns, key) ? ns[key] : undefined;
  if (typeof ctor !== 'function' || !ctor.prototype) return undefined;
  const found: ClassSpec = byCtor.get(ctor) ?? { name, ctor };
  byName.set(name, found);
  if (!byCtor.has(ctor)) byCtor.set(ctor, found);
  return found;
}

/** The spec registered for a constructor or its nearest registered JS ancestor. */
export function findClassOf(obj: object): ClassSpec | undefined {
  for (let c = obj.constructor; typeof c === 'function' && c !== Object && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    const s = byCtor.get(c);
    if (s) return s;
  }
  return undefined;
}

/** The specs that apply to instances of `spec` (itself first, then the specs of its JS ancestors). */
export function specChain(spec: ClassSpec): ClassSpec[] {
  const out = [spec];
  if (!spec.ctor) return out;
  for (let c = Object.getPrototypeOf(spec.ctor); typeof c === 'function' && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    const s = byCtor.get(c);
    if (s && !out.includes(s)) out.push(s);
  }
  return out;
}

/** The first hook or value of `key` along the chain. */
export function inherited<K extends keyof ClassSpec>(spec: ClassSpec, key: K): ClassSpec[K] | undefined {
  for (const s of specChain(spec)) if (s[key] !== undefined) return s[key];
  return undefined;
}
