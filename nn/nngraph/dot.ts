/** nngraph's node labels (node.lua `label`) and torch/graph's `Graph:todot` (graph/init.lua): Graphviz DOT text. */
import { getdefaulttensortype } from '../../lib/defaults.js';
import { LuaTable } from '../../lib/File/lua.js';
import { Tensor } from '../../lib/Tensor.js';
import type { NodeData } from './Node.js';

/** `Tensor[2x3]` (the type when not the default), then `NaN` / `inf` / `-inf` when the tensor holds one. */
function tensorString(t: Tensor): string {
  const type = t.type() === getdefaulttensortype() ? 'Tensor' : t.type();
  let flag = '';
  if (t.nElement() > 0) {
    let nan = false, inf = false, ninf = false;
    t.apply((v) => { if (Number.isNaN(v)) nan = true; else if (v === Infinity) inf = true; else if (v === -Infinity) ninf = true; });
    flag = nan ? 'NaN' : inf ? 'inf' : ninf ? '-inf' : '';
  }
  return `${type}[${t.dim() > 0 ? t.size().totable().join('x') : ''}]${flag}`;
}

/** node.lua's `getstr`: tensors by type and size, tables by their list part, anything else by tostring. */
function str(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (v instanceof Tensor) return tensorString(v);
  if (v instanceof LuaTable) {
    const items: string[] = [];
    for (let i = 1; v.has(i); i++) items.push(str(v.get(i)));
    return `{${items.join(',')}}`;
  }
  if (Array.isArray(v)) return `{${v.map(str).join(',')}}`;
  return String(v).replace(/\n/g, '\\l');
}

/** The label nngraph gives a node: one `key = value` line per data field (`\l`-separated), the description first. */
export function nodeLabel(data: NodeData): string {
  const lines: string[] = [];
  for (const [k, v] of Object.entries(data)) {
    if (k === 'forwardNodeId' || k === 'annotations' || v === undefined) continue;
    if (k === 'mapindex') {
      const m = v as LuaTable;
      if (m.border > 1) {
        const ids: string[] = [];
        for (let i = 1; m.has(i); i++) ids.push(`Node${(m.get(i) as NodeData).forwardNodeId ?? ''}`);
        lines.push(`mapindex = {${ids.join(',')}}`);
      }
    } else lines.push(`${k} = ${str(v)}`);
  }
  const desc = data.annotations?.description ? `desc = ${data.annotations.description}\\n` : '';
  return desc + lines.join('\\l');
}

/** graph._dotEscape: quotes strings with anything but letters (newlines as `\n`, quotes escaped). */
export function dotEscape(s: string): string {
  return /[^a-zA-Z]/.test(s) ? `"${s.replace(/\n/g, '\\n').replace(/"/g, '\\"')}"` : s;
}

interface DotNode { id: number; label(): string; graphNodeName?(): string; graphNodeAttributes?(): Record<string, unknown> }

/** `Graph:todot(title)`: the DOT text of a graph's nodes and edges (render it with Graphviz). */
export function todot(nodes: DotNode[], edges: { from: DotNode; to: DotNode }[], title?: string): string {
  const out = ['digraph G {\n'];
  if (title) out.push(`labelloc="t";\nlabel="${title}";\n`);
  out.push('node [shape = oval]; ');
  for (const n of nodes) {
    const name = n.graphNodeName ? n.graphNodeName() : `Node${n.id}`;
    const attrs = n.graphNodeAttributes?.() ?? {};
    const attr = Object.keys(attrs).sort().map((k) => ` ${k}=${dotEscape(String(attrs[k]))}`).join('');
    out.push(`\nn${n.id}[label=${dotEscape(`${name}\n${n.label()}`)}${attr}];`);
  }
  out.push('\n');
  for (const e of edges) out.push(`n${e.from.id} -> n${e.to.id};\n`);
  out.push('}');
  return out.join('');
}
