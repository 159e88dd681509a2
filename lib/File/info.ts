/**
 * Support for the `t7` command line: `t7info` prints what a file holds (nn modules as Torch prints
 * them, tensors as type and size), `t7convert` rewrites a file in another encoding.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Storage } from '../Storage.js';
import { Tensor } from '../Tensor.js';
import { originalTypename } from './builtins.js';
import { describeEncoding, type T7Format } from './detect.js';
import { decodeFirst, serialize } from './io.js';
import { LuaFunction, LuaTable, TorchObject } from './lua.js';

const MAX_DEPTH = 16;
const MAX_ENTRIES = 20;

function tensorLine(t: Tensor): string {
  const orig = originalTypename(t);
  const note = orig ? ` (stored as ${orig})` : '';
  if (t._size.length === 0) return `${t.type()} with no dimension${note}`;
  const strided = t.isContiguous() ? '' : `, stride ${t._stride.join('x')}`;
  return `${t.type()} of size ${t._size.join('x')}${strided}${note}`;
}

function quote(s: string): string {
  const q = JSON.stringify(s.length > 80 ? `${s.slice(0, 77)}...` : s);
  return s.length > 80 ? `${q} (${s.length} bytes)` : q;
}

function typenameOf(v: object): string | undefined {
  const t = (v as { __typename?: unknown }).__typename;
  return typeof t === 'string' ? t : undefined;
}

/**
 * A readable tree of a loaded value: tables as `{ key : value }`, nn modules via their `toString`
 * (Torch's `__tostring__`), tensors as `torch.FloatTensor of size 2x3`, shared objects once.
 * @example
 * describeObject({ a: new torch.FloatTensor(2, 3) }); // '{\n  a : torch.FloatTensor of size 2x3\n}'
 */
export function describeObject(value: unknown, indent = '', seen = new Map<object, number>(), depth = 0): string {
  if (value === undefined || value === null) return 'nil';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value !== 'object') return String(value);
  if (value instanceof Tensor) return tensorLine(value);
  if (value instanceof Storage) return `${originalTypename(value) ?? value.kind.storageName} of size ${value.size()}`;
  if (value instanceof LuaFunction) return value.toString();
  if (seen.has(value)) return `<same object as #${seen.get(value)}>`;
  seen.set(value, seen.size + 1);
  const name = typenameOf(value);
  if (name && !(value instanceof TorchObject) && typeof (value as object).toString === 'function') {
    try {
      const s = String(value);
      if (!s.startsWith('[object')) return s.replace(/\n/g, `\n${indent}`);
    } catch { /* fall through to the fields */ }
  }
  if (depth >= MAX_DEPTH) return `${name ?? 'table'} {...}`;
  let entries: [unknown, unknown][];
  if (value instanceof Map) entries = [...value];
  else if (Array.isArray(value)) entries = value.map((v, i) => [i + 1, v]);
  else entries = Object.keys(value).map((k) => [k, (value as Record<string, unknown>)[k]]);
  const lt = (value as { __luaKeys?: LuaTable }).__luaKeys;
  if (lt) entries.push(...lt);
  const inner = `${indent}  `;
  const lines = entries.slice(0, MAX_ENTRIES).map(([k, v]) => {
    const key = typeof k === 'string' ? k : typeof k === 'object' && k !== null ? `[${describeObject(k, inner, seen, depth + 1)}]` : `[${String(k)}]`;
    return `${inner}${key} : ${describeObject(v, inner, seen, depth + 1)}`;
  });
  if (entries.length > MAX_ENTRIES) lines.push(`${inner}... (${entries.length - MAX_ENTRIES} more)`);
  const head = name ? `${name} ` : '';
  return lines.length === 0 ? `${head}{}` : `${head}{\n${lines.join('\n')}\n${indent}}`;
}

/** For an nn module: each layer's learnable tensors (type and size) and the total count; '' otherwise. */
function describeParameters(value: unknown): string {
  if (typeof (value as { listModules?: unknown } | null)?.listModules !== 'function') return '';
  const modules: Record<string, unknown>[] = [];
  const walk = (m: Record<string, unknown>): void => {
    modules.push(m);
    if (Array.isArray(m.modules)) for (const c of m.modules) if (c && typeof c === 'object') walk(c as Record<string, unknown>);
  };
  walk(value as Record<string, unknown>);
  const lines: string[] = [];
  let total = 0;
  modules.forEach((m, i) => {
    const fields = ['weight', 'bias'].filter((f) => m[f] instanceof Tensor);
    if (fields.length === 0) return;
    const parts = fields.map((f) => { const t = m[f] as Tensor; total += t.nElement(); return `${f} ${tensorLine(t)}`; });
    lines.push(`  [${i + 1}] ${typenameOf(m) ?? 'module'}: ${parts.join(', ')}`);
  });
  return lines.length ? `parameters (${total} in all):\n${lines.join('\n')}\n` : '';
}

/**
 * `t7 info FILE`: the encoding and the object tree of a `.t7` file.
 * @example
 * console.log(t7info('model.t7'));
 */
export function t7info(path: string, format?: T7Format): string {
  const bytes = readFileSync(path);
  const { value, encoding, consumed } = decodeFirst(bytes, format);
  const extra = consumed < bytes.length ? `, ${bytes.length - consumed} bytes after the first object` : '';
  return `${path}: ${bytes.length} bytes, ${describeEncoding(encoding)}${extra}\n${describeObject(value)}\n${describeParameters(value)}`;
}

/**
 * `t7 convert IN OUT ascii|binary`: rewrites a file in another encoding, keeping its exact content
 * (classes unknown here stay as they are; Half/Cuda tensors keep their types).
 * @example
 * t7convert('model.t7', 'model.ascii.t7', 'ascii');
 */
export function t7convert(inPath: string, outPath: string, format: T7Format, inFormat?: T7Format): void {
  const { value } = decodeFirst(readFileSync(inPath), inFormat, { generic: true });
  writeFileSync(outPath, serialize(value, format, true, { keepOriginalTypes: true }));
}
