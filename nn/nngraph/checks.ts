/** The checks gModule's constructor makes on its forward nodes (gmodule.lua), which also tag them and collect the modules. */
import { TorchError } from '../../lib/errors.js';
import type { Module } from '../Module.js';
import type { Node } from './Node.js';

/**
 * For each node in forward order: every split output used, every node that took it as an input in the
 * graph (its `reverseMap`), `forwardNodeId` set; its module passed to `add`.
 */
export function checkNodes(nodes: Node[], add: (m: Module) => void): void {
  const position = new Map(nodes.map((n, i) => [n.data, i]));
  nodes.forEach((node, i) => {
    const d = node.data;
    if (d.nSplitOutputs !== undefined && d.nSplitOutputs !== node.children.length) {
      throw new TorchError(`${d.nSplitOutputs - node.children.length} of split(${d.nSplitOutputs}) outputs from the node declared at ${d.annotations._debugLabel} are unused`);
    }
    for (const succ of (d.reverseMap?.keys() ?? []) as Iterable<Node>) {
      // topological order: a successor in the graph comes after the node
      if (!((position.get(succ.data) ?? -1) > i)) {
        throw new TorchError(`node declared on ${succ.data.annotations._debugLabel} does not connect to gmodule output`);
      }
    }
    d.forwardNodeId = node.id;
    if (d.module) add(d.module);
  });
}
