/**
 * torch/graph's `graph.Node` and `graph.Edge` (graph/Node.lua, Edge.lua). Children are a JS array here;
 * Lua keeps the same list plus reverse keys (`children[child] = index`), which the `.t7` hooks (t7.ts)
 * write and read.
 */
import { Graph } from './graph.js';

/**
 * `graph.Node`: a data payload and an ordered list of children (no duplicates).
 * @example
 * const a = new GraphNode('a'), b = new GraphNode('b');
 * a.add(b); // a.children = [b]
 */
export class GraphNode<D = unknown> {
  data: D;
  /** Position in the last graph this node was added to (1-based; 0 for a free node). */
  id = 0;
  children: GraphNode<D>[] = [];
  visited = false;
  marked = false;

  constructor(data: D) { this.data = data; }

  /** The Torch class name. */
  get __typename(): string { return 'graph.Node'; }

  /** Appends `child` (or each node of an array) unless it is already a child. */
  add(child: GraphNode<D> | GraphNode<D>[]): void {
    if (Array.isArray(child)) { child.forEach((c) => this.add(c)); return; }
    if (!this.children.includes(child)) this.children.push(child);
  }

  /** Depth-first visit with pre- and post-order callbacks, skipping `visited` nodes (Node:visit; iterative, so deep graphs do not overflow the stack). */
  visit(pre?: (n: this) => void, post?: (n: this) => void): void {
    if (this.visited) return;
    pre?.(this);
    const stack: [this, number][] = [[this, 0]];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const children = top[0].children as this[];
      if (top[1] < children.length) {
        const c = children[top[1]++];
        if (!c.visited) { pre?.(c); stack.push([c, 0]); }
      } else {
        post?.(top[0]);
        stack.pop();
      }
    }
  }

  /** Post-order depth-first traversal; clears `visited` afterwards. */
  dfs(fn: (n: this) => void): void {
    const seen: this[] = [];
    this.visit((n) => { n.visited = true; }, (n) => { fn(n); seen.push(n); });
    for (const n of seen) n.visited = false;
  }

  /** Breadth-first traversal; clears `marked` afterwards. */
  bfs(fn: (n: this) => void): void {
    const queue: this[] = [this], seen: this[] = [];
    this.marked = true;
    for (let head = 0; head < queue.length; head++) {
      const n = queue[head];
      seen.push(n);
      fn(n);
      for (const c of n.children as this[]) if (!c.marked) { c.marked = true; queue.push(c); }
    }
    for (const n of seen) n.marked = false;
  }

  /** The graph of every edge reachable from this node, in breadth-first order (Node:graph). */
  graph(): Graph<D> {
    const g = new Graph<D>();
    this.bfs((n) => { for (const c of n.children) g.add(new Edge(n, c)); });
    return g;
  }

  /** A description of the node for printing. */
  label(): string { return String(this.data); }
}

/**
 * `graph.Edge`: a directed edge `from -> to` (an optional weight).
 * @example
 * const e = new Edge(new GraphNode('a'), new GraphNode('b'));
 */
export class Edge<D = unknown> {
  weight?: number;
  constructor(public from: GraphNode<D>, public to: GraphNode<D>, weight?: number) {
    if (weight !== undefined) this.weight = weight;
  }
  get __typename(): string { return 'graph.Edge'; }
}
