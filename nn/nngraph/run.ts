/** gModule's forward and backward passes over its topologically sorted nodes (nngraph/gmodule.lua). */
import { TorchError } from '../../lib/errors.js';
import { Tensor } from '../../lib/Tensor.js';
import type { gModule } from '../gModule.js';
import { addNestedTo, cloneNested, copyNested, resizeNestedAs } from './nesting.js';
import type { Node, NodeData } from './Node.js';

/** A one-element tensor holding 0 (the zero gradients getTotalGradOutput may skip). */
function isZeroScalar(g: unknown): boolean {
  if (!(g instanceof Tensor)) return false;
  const s = g.storage();
  return !!s && s.size() === 1 && s.data[0] === 0;
}

/** The sum of the gradOutputs a node received (getTotalGradOutput), in `gradOutputBuffer` when there are several. */
export function totalGradOutput(data: NodeData): any {
  const gos = data.gradOutput;
  if (!Array.isArray(gos)) throw new TorchError('expecting gradients to sum');
  if (gos.length <= 1) return gos[0];
  if (!data.gradOutputBuffer) {
    let count = 0, idx = 0;
    gos.forEach((g, i) => { if (!isZeroScalar(g)) { idx = i; count++; } });
    if (count < 2) return gos[idx];
  }
  data.gradOutputBuffer ??= cloneNested(gos[0]);
  const buf = data.gradOutputBuffer;
  resizeNestedAs(buf, gos[0]);
  copyNested(buf, gos[0]);
  for (let i = 1; i < gos.length; i++) addNestedTo(buf, gos[i]);
  return buf;
}

/** The input a node's module gets: its single input, or the table of its inputs. */
function moduleInput(data: NodeData): any {
  const input = data.input ?? [];
  return input.length === 1 ? input[0] : input;
}

/** `runForwardFunction(func, input)`: evaluates every node in forward order; returns the output. */
export function runForward(g: gModule, func: (m: any, input: any) => any, input: any): any {
  const nInputs = g.nInputs ?? g.innode.children.length;
  let inputs: any[];
  if (nInputs <= 1) inputs = [input];
  else if (!Array.isArray(input)) throw new TorchError(`expecting table of ${nInputs} inputs`);
  else inputs = input;
  if (inputs.length !== nInputs) throw new TorchError(`Got ${inputs.length} inputs instead of ${nInputs}`);
  for (const node of g.forwardnodes) if (node.data.input) node.data.input.length = 0;
  const inData = g.innode.data;
  inData.input ??= [];
  inputs.forEach((x, i) => { inData.input![i] = x; });

  const propagate = (node: Node, x: any) => {
    for (const child of node.children) {
      const input = child.data.input ??= [];
      const k = child.data.mapindex.get(node.data) as number;
      if (input[k - 1] !== undefined) throw new TorchError('each input should have one source');
      input[k - 1] = x;
    }
  };
  for (const node of g.forwardnodes) {
    const d = node.data;
    if (d.selectindex !== undefined) {
      if (d.module) throw new TorchError('the selectindex-handling nodes should have no module');
      const inp = d.input ?? [];
      if (inp.length !== 1) throw new TorchError('only the splitted node should be the input');
      if (!Array.isArray(inp[0])) throw new TorchError('the input for a split should be a table');
      propagate(node, inp[0][d.selectindex - 1]);
    } else {
      const x = moduleInput(d);
      const output = d.module ? func(d.module, x) : x;
      if (d.nSplitOutputs !== undefined && (!Array.isArray(output) || d.nSplitOutputs !== output.length)) {
        const n = Array.isArray(output) ? output.length : output instanceof Tensor ? `a ${output.type()} of size ${output.size().totable().join('x')}` : typeof output;
        throw new TorchError(`split(${d.nSplitOutputs}) cannot split ${n} outputs`);
      }
      propagate(node, output);
    }
    if (g.verbose) console.log(` V : ${node.label()}`);
  }
  const out = g.outnode.data.input ?? [];
  g.output = g.outnode.children.length === 1 ? out[0] : out;
  return g.output;
}

function checkGradOutputs(g: gModule, gradOutput: any): void {
  const n = g.outnode.children.length;
  if (n > 1 && (!Array.isArray(gradOutput) || gradOutput.length !== n)) {
    throw new TorchError(`Got ${Array.isArray(gradOutput) ? gradOutput.length : 0} gradOutputs instead of ${n}`);
  }
}

/** updateGradInput: every node in backward order, gradOutputs summed where a node feeds several. */
export function runBackward(g: gModule, gradOutput: any): any {
  checkGradOutputs(g, gradOutput);
  for (const node of g.backwardnodes) if (node.data.gradOutput) node.data.gradOutput.length = 0;
  const outData = g.outnode.data;
  outData.gradOutput ??= [];
  outData.gradOutput[0] = gradOutput;
  for (const node of g.backwardnodes) {
    const d = node.data;
    if (d.selectindex !== undefined) {
      if (d.module) throw new TorchError('the selectindex-handling nodes should have no module');
      if (node.children.length !== 1) throw new TorchError('only the splitted node should be the input');
      const child = node.children[0].data;
      const go = totalGradOutput(d);
      child.gradOutput ??= [];
      if (child.gradOutput.length > 1) throw new TorchError('the splitted node should be used only once');
      child.gradOutput[0] ??= [];
      if (child.gradOutput[0][d.selectindex - 1] !== undefined) throw new TorchError('no gradOutput should be assigned yet');
      child.gradOutput[0][d.selectindex - 1] = go;
    } else {
      const go = totalGradOutput(d);
      const gradInput = d.module ? d.module.updateGradInput(moduleInput(d), go) : go;
      for (const child of node.children) {
        const k = d.mapindex.get(child.data) as number;
        (child.data.gradOutput ??= []).push(node.children.length === 1 ? gradInput : gradInput[k - 1]);
      }
    }
    if (g.verbose) console.log(` V : ${node.label()}`);
  }
  const inGrads = g.innode.data.gradOutput ?? [];
  if (inGrads.length !== 1) throw new TorchError('expecting the innode to be used only once');
  g.gradInput = inGrads[0];
  return g.gradInput;
}

/**
 * accGradParameters (`update` false) or accUpdateGradParameters (`update` true): every module node in
 * backward order, with the gradOutput updateGradInput summed (nngraph reads `gradOutputBuffer`; where
 * getTotalGradOutput skipped the sum because all gradients but one were zero scalars, the one it returned
 * is used).
 */
export function runAccGrad(g: gModule, gradOutput: any, scale: number, update = false): void {
  checkGradOutputs(g, gradOutput);
  for (const node of g.backwardnodes) {
    const d = node.data;
    if (d.module) {
      const gos = d.gradOutput ?? [];
      const go = gos.length > 1 ? d.gradOutputBuffer ?? totalGradOutput(d) : gos[0];
      if (update) d.module.accUpdateGradParameters(moduleInput(d), go, scale);
      else d.module.accGradParameters(moduleInput(d), go, scale);
    }
    if (g.verbose) console.log(` V : ${node.label()}`);
  }
}
