/** Reading the torch7-ref JSON fixtures (see ../shared/fixtures/torch7-ref/README.md). */
import { readFileSync, readdirSync } from 'node:fs';
import { torch, Tensor } from '../../lib/index.js';
import { fixture } from '../helpers.js';

/** A JSON number as written by the fixture generator ("NaN", "Infinity" as strings). */
const num = (v: unknown): number => (typeof v === 'string' ? Number(v) : (v as number));

/** A fixture value: a tensor, a table (array) of them, or a number. */
export function fromJSON(v: any): any {
  if (v && typeof v === 'object' && '__tensor' in v) {
    const T = (torch as any)[v.__tensor.slice(6)];
    const t: Tensor = new T();
    if (v.size.length === 0) return t;
    t.resize(v.size);
    const data = t.storage().data;
    v.data.forEach((x: unknown, i: number) => { data[i] = num(x); });
    return t;
  }
  if (Array.isArray(v)) return v.map(fromJSON);
  return v;
}

/** Every case of a torch7-ref folder ('modules', 'criterions'), parsed. */
export function loadCases(folder: string): Record<string, any> {
  const dir = fixture('torch7-ref', folder);
  const out: Record<string, any> = {};
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    out[f.slice(0, -5)] = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8'));
  }
  return out;
}
