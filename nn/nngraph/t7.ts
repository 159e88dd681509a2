/**
 * How nngraph objects are read and written in `.t7` files, with Torch's layout: `graph.Node.children`,
 * `graph.Graph.nodes` and `.edges` are Lua lists with reverse keys (`list[item] = index`), here JS
 * arrays (converted on read, rebuilt on write); a node's `data` is a plain table whose `mapindex`
 * and `reverseMap` are kept as LuaTables, exactly as Torch holds them.
 */
import { LuaTable } from '../../lib/File/lua.js';
import { registerClass, registerNamespace } from '../../lib/File/registry.js';
import { Edge, Graph, GraphNode } from './graph.js';
import { JustElement } from './JustElement.js';
import { JustTable } from './JustTable.js';
import { Node } from './Node.js';

/** A Lua list read from a file (an Array, or a LuaTable with reverse keys) as a JS array. */
function listOf(v: unknown): any[] {
  if (v instanceof LuaTable) {
    const out: unknown[] = [];
    for (let i = 1; v.has(i); i++) out.push(v.get(i));
    return out;
  }
  return Array.isArray(v) ? v : [];
}

/** A JS array as Torch's indexed list: `{[1]=a, [2]=b, [a]=1, [b]=2}`. */
function indexedList(v: unknown): unknown {
  if (!Array.isArray(v)) return v;
  const t = new LuaTable();
  v.forEach((x, i) => t.set(i + 1, x));
  v.forEach((x, i) => t.set(x, i + 1));
  return t;
}

/** An empty table loads as an Array; the node data's keyed tables must be LuaTables / objects. */
function fixData(d: any): void {
  if (!d || typeof d !== 'object') return;
  if (!(d.mapindex instanceof LuaTable)) d.mapindex = new LuaTable(Array.isArray(d.mapindex) ? d.mapindex.map((x: unknown, i: number) => [i + 1, x]) : []);
  if (Array.isArray(d.reverseMap)) d.reverseMap = new LuaTable();
  if (d.annotations === undefined || Array.isArray(d.annotations)) d.annotations = {};
}

let done = false;

/** Registers graph.Node, graph.Edge, graph.Graph, nngraph.Node, nngraph.JustElement and nngraph.JustTable (once). */
export function registerNNGraph(): void {
  if (done) return;
  done = true;
  registerNamespace('graph', { Node: GraphNode, Edge, Graph });
  registerNamespace('nngraph', { Node, JustElement, JustTable });
  registerClass('graph.Node', GraphNode, {
    afterRead(n: any) { n.children = listOf(n.children); },
    writeFields: { children: indexedList },
  });
  registerClass('nngraph.Node', Node, { afterRead(n: any) { fixData(n.data); } });
  registerClass('graph.Edge', Edge);
  registerClass('graph.Graph', Graph, {
    afterRead(g: any) { g.nodes = listOf(g.nodes); g.edges = listOf(g.edges); },
    writeFields: { nodes: indexedList, edges: indexedList },
  });
  registerClass('nngraph.JustElement', JustElement);
  registerClass('nngraph.JustTable', JustTable);
}
