/**
 * How nngraph objects are read and written in `.t7` files, with Torch's layout: `graph.Node.children`,
 * `graph.Graph.nodes` and `.edges` are Lua lists with reverse keys (`list[item] = index`), here JS
 * arrays (converted on read, rebuilt on write); a node's `data` is a plain table whose `mapindex`
 * and `reverseMap` are kept as LuaTables, exactly as Torch holds them.
 */
import { fillFields } from '../../lib/File/fields.js';
import { hide, LuaTable } from '../../lib/File/lua.js';
import { gModule } from '../gModule.js';
import { registerClass, registerNamespace } from '../../lib/File/registry.js';
import { Edge, Graph, GraphNode } from './graph.js';
import { JustElement } from './JustElement.js';
import { JustTable } from './JustTable.js';
import { Node } from './Node.js';

/** The indexed lists as read, to write them back in the file's key order while they still hold the same items. */
const asRead = new WeakMap<object, Map<string, LuaTable>>();

/** A Lua list read from a file (an Array, or a LuaTable with reverse keys) as a JS array; remembers the table. */
function listOf(owner: object, field: string, v: unknown): any[] {
  if (v instanceof LuaTable) {
    const out: unknown[] = [];
    for (let i = 1; v.has(i); i++) out.push(v.get(i));
    if (!asRead.has(owner)) asRead.set(owner, new Map());
    asRead.get(owner)!.set(field, v);
    return out;
  }
  return Array.isArray(v) ? v : [];
}

/** True when `t` is exactly the indexed list of `items`. */
function sameList(t: LuaTable, items: unknown[]): boolean {
  if (t.size !== 2 * items.length) return false;
  return items.every((x, i) => t.get(i + 1) === x && t.get(x) === i + 1);
}

/** A JS array as Torch's indexed list `{[1]=a, [2]=b, [a]=1, [b]=2}` (the table read, when unchanged, for its key order). */
function indexedList(field: string) {
  return (v: unknown, owner: object): unknown => {
    if (!Array.isArray(v)) return v;
    const read = asRead.get(owner)?.get(field);
    if (read && sameList(read, v)) return read;
    const t = new LuaTable();
    v.forEach((x, i) => t.set(i + 1, x));
    v.forEach((x, i) => t.set(x, i + 1));
    return t;
  };
}

/** An empty table loads as an Array; the node data's keyed tables must be LuaTables / objects. */
function fixData(d: any): void {
  if (!d || typeof d !== 'object') return;
  if (Array.isArray(d.mapindex)) d.mapindex = new LuaTable(d.mapindex.map((x: unknown, i: number) => [i + 1, x]));
  if (Array.isArray(d.reverseMap)) d.reverseMap = new LuaTable();
  if (Array.isArray(d.annotations)) d.annotations = {};
}

let done = false;

/** Registers graph.Node, graph.Edge, graph.Graph, nngraph.Node, nngraph.JustElement and nngraph.JustTable (once). */
export function registerNNGraph(): void {
  if (done) return;
  done = true;
  registerNamespace('graph', { Node: GraphNode, Edge, Graph });
  registerNamespace('nngraph', { Node, JustElement, JustTable });
  registerClass('graph.Node', GraphNode, {
    afterRead(n: any) { n.children = listOf(n, 'children', n.children); },
    writeFields: { children: indexedList('children') },
  });
  registerClass('nngraph.Node', Node, { afterRead(n: any) { fixData(n.data); } });
  registerClass('graph.Edge', Edge);
  registerClass('graph.Graph', Graph, {
    afterRead(g: any) { g.nodes = listOf(g, 'nodes', g.nodes); g.edges = listOf(g, 'edges', g.edges); },
    writeFields: { nodes: indexedList('nodes'), edges: indexedList('edges') },
  });
  registerClass('nn.gModule', gModule, {
    fill(g: any, payload, convert, raw) {
      fillFields(g, payload[0], convert, raw);
      hide(g, '__absent', ['output', 'gradInput'].filter((k) => !Object.prototype.hasOwnProperty.call(g, k)));
    },
    afterRead(g: any) {
      // gModule:read: nngraph leaves output/gradInput nil until the first forward (Module's fix-ups add them)
      for (const k of g.__absent ?? []) delete g[k];
      if (!Array.isArray(g.modules)) g.modules = (g.forwardnodes ?? []).map((n: any) => n.data.module).filter((m: unknown) => m);
    },
  });
  registerClass('nngraph.JustElement', JustElement);
  registerClass('nngraph.JustTable', JustTable);
}
