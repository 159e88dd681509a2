/**
 * Second pass of reading: the raw graph → JS values (the mapping documented in lua.ts).
 * A worklist, not recursion: each raw node gets its JS object (the empty shell: array, object,
 * LuaTable, class instance) the first time it is reached, and is filled later; class fix-ups
 * (`afterRead`) run once everything is filled, the most recently created object first.
 */
import { TorchError } from '../errors.js';
import { defineField, LuaFunction, LuaTable, TorchObject, hide } from './lua.js';
import { fillFields } from './fields.js';
import { isRawNode, RawFunction, RawTable, RawTorch, type RawNode } from './raw.js';
import { findClass, inherited, specChain, type ClassSpec } from './registry.js';
import './builtins.js';

/** Maps raw nodes to JS values; one converter per stream, so identities are shared across `readObject` calls. */
export class Converter {
  private memo = new Map<RawNode, unknown>();
  private queue: [RawNode, unknown, ClassSpec | undefined][] = [];
  private finalizers: [RawTorch, object, ClassSpec][] = [];

  /**
   * @param generic when true, every class with the default layout (a fields table) loads as a `TorchObject`
   *   (no nn instances, no fix-ups): the exact content of the file, for converting files. Classes with their
   *   own layout (tensors, storages, torch.Generator, tds, nn.GPU, registered readers) are built as usual.
   */
  constructor(readonly generic = false) {}

  /** Converts a raw value and everything reachable from it. */
  run(raw: unknown): unknown {
    const out = this.convert(raw);
    for (let i = 0; i < this.queue.length; i++) {
      const [node, obj, spec] = this.queue[i];
      this.guard(node, () => this.fill(node, obj, spec));
    }
    this.queue.length = 0;
    const fin = this.finalizers.splice(0).reverse();
    for (const [node, obj, spec] of fin) {
      const chain = specChain(spec).reverse();
      this.guard(node, () => { for (const s of chain) s.afterRead?.(obj, node.version); });
    }
    return out;
  }

  private guard(node: RawNode, f: () => void): void {
    try { f(); } catch (e) {
      const what = node instanceof RawTorch ? `a usable ${node.className}` : node instanceof RawTable ? 'a table' : 'a function';
      const msg = e instanceof Error ? e.message : String(e);
      throw new TorchError(`.t7 read error at byte ${node.offset}: expected ${what} (${msg})`);
    }
  }

  private convert = (raw: unknown): unknown => {
    if (!isRawNode(raw)) return raw;
    const seen = this.memo.get(raw);
    if (seen !== undefined || this.memo.has(raw)) return seen;
    let obj: unknown;
    let spec: ClassSpec | undefined;
    if (raw instanceof RawTable) obj = shellOf(raw);
    else if (raw instanceof RawFunction) obj = new LuaFunction(raw.bytecode, undefined, raw.tag);
    else {
      spec = findClass(raw.className);
      // generic mode: only classes with their own layout (tensors, storages, Generator, tds, nn.GPU ...) keep their spec
      if (this.generic && spec && !inherited(spec, 'readPayload')) spec = undefined;
      this.guard(raw, () => { obj = this.create(raw, spec); });
    }
    this.memo.set(raw, obj);
    this.queue.push([raw, obj, spec]);
    return obj;
  };

  private create(raw: RawTorch, spec: ClassSpec | undefined): object {
    if (spec?.create) return spec.create(raw);
    // generic mode keeps nn classes with their own layout (nn.GPU, nn.DataParallelTable) as TorchObjects
    if (spec?.ctor && !(this.generic && raw.className.startsWith('nn.'))) return Object.create(spec.ctor.prototype) as object;
    const o = new TorchObject(raw.className, undefined, raw.version);
    hide(o, '__versionString', raw.versionString);
    return o;
  }

  private fill(raw: RawNode, obj: unknown, spec: ClassSpec | undefined): void {
    if (raw instanceof RawTable) fillTable(raw, obj, this.convert);
    else if (raw instanceof RawFunction) (obj as LuaFunction).upvalues = this.convert(raw.upvalues);
    else {
      let fill: ClassSpec['fill'] | undefined;
      if (spec) for (const s of specChain(spec)) if (s.fill) { fill = s.fill; break; }
      if (fill) fill(obj as object, raw.payload, this.convert, raw);
      else {
        fillFields(obj as object, raw.payload[0], this.convert, raw);
        if (raw.payload.length > 1) hide(obj as object, '__extraPayload', raw.payload.slice(1).map(this.convert));
      }
      if (spec && !this.generic && specChain(spec).some((s) => s.afterRead)) this.finalizers.push([raw, obj as object, spec]);
    }
  }
}

/** The kind of JS value a table becomes: an Array (keys exactly 1..n), a plain object (all keys strings) or a LuaTable. */
function shellOf(t: RawTable): unknown[] | Record<string, unknown> | LuaTable {
  const m = t.finalEntries();
  if (m.size === 0) return [];
  let allNumbers = true, allStrings = true;
  for (const k of m.keys()) {
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 1 || k > m.size) allNumbers = false;
    if (typeof k !== 'string') allStrings = false;
    if (!allNumbers && !allStrings) return new LuaTable();
  }
  // distinct integer keys in 1..size: exactly 1..size
  if (allNumbers) return new Array(m.size);
  return {};
}

function fillTable(t: RawTable, obj: unknown, convert: (raw: unknown) => unknown): void {
  const m = t.finalEntries();
  if (Array.isArray(obj)) for (const [k, v] of m) obj[(k as number) - 1] = convert(v);
  else if (obj instanceof LuaTable) for (const [k, v] of m) obj.set(convert(k), convert(v));
  else for (const [k, v] of m) defineField(obj as object, k as string, convert(v));
}
