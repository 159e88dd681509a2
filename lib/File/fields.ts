/**
 * The default payload of a Torch class instance: one table of its fields (File.lua's generic
 * writeObject/readObject, nn's Module:write/read).
 *
 * Writing rule (what Torch7 itself writes): every own enumerable field of the object, except
 * `undefined`/`null` values (Lua nil), functions and symbols (Torch skips unwritable fields), and
 * the JS-only fields a class spec lists in `skipFields` (plus `shared`, which nn's `share` keeps as
 * a flag here but Torch expresses by swapping methods). Fields whose names start with `_` are kept:
 * Torch has them too (`_type`, `_input`, `_gradOutput`, `_count` ...).
 */
import { defineField, hide, LuaTable } from './lua.js';
import { RawTable, type RawTorch } from './raw.js';
import { findClass, findClassOf, specChain } from './registry.js';

/** Field names no class writes. */
const ALWAYS_SKIPPED = ['shared'];

/** Names this library keeps as hidden properties: a field of that name goes to `__luaKeys` instead. */
const RESERVED = new Set(['__typename', '__version', '__versionString', '__luaKeys', '__payload', '__header', '__extraPayload']);

/** Copies the fields of a fields table into `obj` (non-string and reserved keys go to the hidden `__luaKeys`; a non-table payload to `__payload`). */
export function fillFields(obj: object, payload: unknown, convert: (raw: unknown) => unknown, _raw?: RawTorch): void {
  if (payload instanceof RawTable) {
    for (const [k, v] of payload.finalEntries()) {
      if (typeof k === 'string' && !RESERVED.has(k)) defineField(obj, k, convert(v));
      else {
        const o = obj as { __luaKeys?: LuaTable };
        if (!o.__luaKeys) hide(obj, '__luaKeys', new LuaTable());
        o.__luaKeys!.set(convert(k), convert(v));
      }
    }
  } else if (payload !== undefined) {
    hide(obj, '__payload', convert(payload));
  }
}

/** The field names a class leaves out when writing (its spec's and its ancestors' `skipFields`), and its field conversions. */
function fieldRules(obj: object): { skip: Set<string>; map: Map<string, (v: unknown, o: any) => unknown> } {
  const skip = new Set(ALWAYS_SKIPPED);
  const map = new Map<string, (v: unknown, o: any) => unknown>();
  const name = (obj as { __typename?: unknown }).__typename;
  const spec = (typeof name === 'string' ? findClass(name) : undefined) ?? findClassOf(obj);
  if (spec) {
    for (const s of specChain(spec)) {
      for (const f of s.skipFields ?? []) skip.add(f);
      for (const [k, f] of Object.entries(s.writeFields ?? {})) if (!map.has(k)) map.set(k, f);
    }
  }
  return { skip, map };
}

/** True for a value Torch can write as a field. */
export function isWritableField(v: unknown): boolean {
  return v !== undefined && v !== null && typeof v !== 'function' && typeof v !== 'symbol';
}

/** The fields of `obj` as Torch writes them: a fresh table (or the single non-table payload it was read with). */
export function fieldsTable(obj: object): unknown {
  const o = obj as { __payload?: unknown; __luaKeys?: LuaTable };
  if (o.__payload !== undefined && Object.keys(obj).length === 0) return o.__payload;
  const { skip, map } = fieldRules(obj);
  const t = new LuaTable();
  for (const k of Object.keys(obj)) {
    let v = (obj as Record<string, unknown>)[k];
    const f = map.get(k);
    if (f && isWritableField(v)) v = f(v, obj);
    if (isWritableField(v) && !skip.has(k)) t.set(k, v);
  }
  if (o.__luaKeys) for (const [k, v] of o.__luaKeys) if (isWritableField(v)) t.set(k, v);
  return t;
}
