/** gModule's `type` (gmodule.lua's own: the nodes' inputs and gradients are converted too) and `clone` (through the `.t7` writer, as Torch's clone). */
import { Tensor } from '../../lib/Tensor.js';
import { deserialize, serialize } from '../../lib/File/io.js';
import { recursiveType } from '../utils.js';
import type { gModule } from '../gModule.js';

/** Converts tensors, recursing into arrays (in place) only, as nngraph's local recursiveType. */
function convert(v: unknown, type: string, cache: Map<unknown, Tensor>): unknown {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = convert(v[i], type, cache);
    return v;
  }
  return v instanceof Tensor ? recursiveType(v, type, cache) : v;
}

function convertFields(obj: Record<string, unknown> | undefined, type: string, cache: Map<unknown, Tensor>): void {
  if (!obj) return;
  for (const k of Object.keys(obj)) obj[k] = convert(obj[k], type, cache);
}

/** gModule:type(type): own fields, the in/out nodes' data, every module, the nodes' inputs and gradient buffers. */
export function typeGModule(g: gModule, type: string, cache: Map<unknown, Tensor>): gModule {
  convertFields(g as unknown as Record<string, unknown>, type, cache);
  if (g.innode) convertFields(g.innode.data, type, cache);
  if (g.outnode) convertFields(g.outnode.data, type, cache);
  for (const m of g.modules) m.type(type, cache);
  for (const node of g.backwardnodes ?? []) {
    if (node.data.gradOutputBuffer !== undefined) node.data.gradOutputBuffer = convert(node.data.gradOutputBuffer, type, cache);
    for (const c of node.children) convertFields(c.data, type, cache);
  }
  for (const node of g.forwardnodes ?? []) {
    if (node.data.input !== undefined) node.data.input = convert(node.data.input, type, cache) as any[];
    for (const c of node.children) convertFields(c.data, type, cache);
  }
  g._type = type;
  return g;
}

/** A deep copy through torch.serialize / torch.deserialize (Module:clone in Torch). */
export function cloneGModule<T extends gModule>(g: T): T {
  return deserialize(serialize(g)) as T;
}
