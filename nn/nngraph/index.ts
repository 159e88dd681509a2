/** The `nngraph` package (`require 'nngraph'`): nodes, gModule helpers, and the `graph` classes it builds on. */
import { Edge, Graph, GraphNode } from './graph.js';
import { JustElement } from './JustElement.js';
import { JustTable } from './JustTable.js';
import { Node } from './Node.js';
import * as nesting from './nesting.js';
import { registerNNGraph } from './t7.js';
import './call.js';

registerNNGraph();

/** nngraph: `nngraph.Node`, `nngraph.JustElement`, `nngraph.JustTable`, the nesting helpers, and torch/graph's classes as `nngraph.graph`. */
export const nngraph = { Node, JustElement, JustTable, nesting, graph: { Node: GraphNode, Edge, Graph } };
export { Node, GraphNode, Edge, Graph, JustElement, JustTable };
