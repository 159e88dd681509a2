/**
 * nngraph's `Module:__call__` and `Criterion:__call__` (nngraph/init.lua): calling a module on nodes
 * makes a node. Lua's `nn.Linear(3,4)(x)` is `new nn.Linear(3, 4).__call__(x)` here.
 */
import { TorchError } from '../../lib/errors.js';
import { Criterion } from '../Criterion.js';
import { Module } from '../Module.js';
import { ModuleFromCriterion } from '../ModuleFromCriterion.js';
import { expectNode, expectingNodeErrorMessage } from './nesting.js';
import { Node } from './Node.js';

declare module '../Module.js' {
  interface Module {
    /**
     * Makes a graph node running this module on the outputs of `inputs` (nngraph's `module(...)`).
     * No argument makes an input node; several nodes, or one array of nodes, make a node with several inputs
     * (its module gets them as a table, in this order).
     * @example
     * const x = new nn.Identity().__call__();                 // Lua: x = nn.Identity()()
     * const h = new nn.Linear(3, 4).__call__(x);              // Lua: h = nn.Linear(3,4)(x)
     * const s = new nn.CAddTable().__call__([h, x2]);         // Lua: s = nn.CAddTable()({h, x2})
     */
    __call__(...inputs: (Node | Node[])[]): Node;
  }
}
declare module '../Criterion.js' {
  interface Criterion {
    /** Wraps the criterion in an `nn.ModuleFromCriterion` and calls it: `crit.__call__([prediction, target])`. */
    __call__(...inputs: (Node | Node[])[]): Node;
  }
}

/** The list of input nodes of a `__call__`, checked as nngraph checks them. */
function inputList(args: unknown[]): Node[] {
  if (args.length === 1 && (args[0] === undefined || args[0] === null)) throw new TorchError(expectingNodeErrorMessage(undefined, 'inputs', 1));
  const list = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  if (args.length === 1 && Array.isArray(args[0]) && list.length === 0) {
    throw new TorchError('cannot pass an empty table of inputs. To indicate no incoming connections, leave the second set of parens blank.');
  }
  return list.map((n, i) => expectNode(n, 'inputs', i + 1));
}

Module.prototype.__call__ = function (this: Module, ...args: (Node | Node[])[]): Node {
  const inputs = inputList(args);
  const node = new Node({ module: this });
  for (const n of inputs) node.add(n, true);
  return node;
};

Criterion.prototype.__call__ = function (this: Criterion, ...args: (Node | Node[])[]): Node {
  return new ModuleFromCriterion(this).__call__(...args);
};
