/**
 * torch/graph's `graph.Graph` (graph/init.lua): node and edge lists, `reverse`, `roots`, `leaves` and
 * `topsort`, on which nngraph builds. The lists are JS arrays; Lua keeps them with reverse keys
 * (`nodes[node] = index`), which the `.t7` hooks (t7.ts) write and read.
 */
import { TorchError } from '../../lib/errors.js';
import { Edge, GraphNode } from './GraphNode.js';
import { todot } from './dot.js';

export { Edge, GraphNode };

/** Positions (1-based) of the items of a node or edge list, kept beside the list (rebuilt when the list was changed elsewhere). */
const positions = new WeakMap<unknown[], Map<unknown, number>>();
function positionsOf(list: unknown[]): Map<unknown, number> {
  let m = positions.get(list);
  if (!m || m.size !== list.length) {
    m = new Map(list.map((x, i) => [x, i + 1]));
    positions.set(list, m);
  }
  return m;
}
/** Appends `x` unless present; returns its 1-based position. */
function insert(list: unknown[], x: unknown): number {
  const m = positionsOf(list);
  let i = m.get(x);
  if (i === undefined) { list.push(x); i = list.length; m.set(x, i); }
  return i;
}

/**
 * `graph.Graph`: node and edge lists in insertion order; `topsort`, `reverse`, `roots`, `leaves`.
 * @example
 * const a = new GraphNode('a'), b = new GraphNode('b');
 * const g = new Graph();
 * g.add(new Edge(a, b));
 * g.topsort().map((n) => n.data); // ['a', 'b']: each node before its children
 */
export class Graph<D = unknown> {
  nodes: GraphNode<D>[] = [];
  edges: Edge<D>[] = [];

  get __typename(): string { return 'graph.Graph'; }

  /** Adds an edge (its nodes too) and links `from -> to`; node ids become their positions. */
  add(edge: Edge<D> | Edge<D>[]): void {
    if (Array.isArray(edge)) { edge.forEach((e) => this.add(e)); return; }
    if (!(edge instanceof Edge)) throw new TorchError('graph.Edge or {graph.Edges} expected');
    insert(this.edges, edge);
    const from = insert(this.nodes, edge.from), to = insert(this.nodes, edge.to);
    edge.from.add(edge.to);
    edge.from.id = from;
    edge.to.id = to;
  }

  /** A graph with every edge reversed; new nodes (same class) share the data. Returns it and old → new. */
  reverse(): [Graph<D>, Map<GraphNode<D>, GraphNode<D>>] {
    const rg = new Graph<D>();
    const map = new Map<GraphNode<D>, GraphNode<D>>();
    const copy = (n: GraphNode<D>) => {
      if (!map.has(n)) map.set(n, new (n.constructor as new (d: D) => GraphNode<D>)(n.data));
      return map.get(n)!;
    };
    for (const e of this.edges) {
      const from = copy(e.from), to = copy(e.to);
      rg.add(new Edge(to, from));
    }
    return [rg, map];
  }

  /** Nodes with no incoming edge, in node order. */
  roots(): GraphNode<D>[] {
    const targets = new Set(this.edges.map((e) => e.to));
    const roots = new Set<GraphNode<D>>();
    for (const e of this.edges) if (!targets.has(e.from)) roots.add(e.from);
    const pos = positionsOf(this.nodes);
    return [...roots].sort((a, b) => pos.get(a)! - pos.get(b)!);
  }

  /** Nodes with no outgoing edge, in node order. */
  leaves(): GraphNode<D>[] {
    const sources = new Set(this.edges.map((e) => e.from));
    const leaves = new Set<GraphNode<D>>();
    for (const e of this.edges) if (!sources.has(e.to)) leaves.add(e.to);
    const pos = positionsOf(this.nodes);
    return [...leaves].sort((a, b) => pos.get(a)! - pos.get(b)!);
  }

  /**
   * `Graph:todot(title)`: Graphviz DOT text (nngraph nodes labelled with their data, tooltips their `_debugLabel`).
   * @example
   * writeFileSync('fg.dot', g.fg.todot('forward graph')); // then: dot -Tsvg fg.dot
   */
  todot(title?: string): string { return todot(this.nodes as any, this.edges as any, title); }

  /** Topological order (graph.Graph:topsort): post-order DFS of the reversed graph from its roots. */
  topsort(): GraphNode<D>[] {
    const [rg, map] = this.reverse();
    const rmap = new Map<GraphNode<D>, GraphNode<D>>();
    for (const [k, v] of map) rmap.set(v, k);
    const roots = rg.roots();
    if (roots.length === 0) throw new TorchError('Graph has cycles');
    let start: GraphNode<D>;
    if (roots.length > 1) {
      start = new GraphNode<D>('dummy_root' as D);
      for (const r of roots) start.add(r);
    } else start = roots[0];
    const sorted: GraphNode<D>[] = [];
    start.dfs((n) => { const o = rmap.get(n); if (o) sorted.push(o); });
    if (sorted.length !== this.nodes.length) throw new TorchError('Graph has cycles');
    return sorted;
  }
}
