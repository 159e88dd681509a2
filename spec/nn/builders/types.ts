/** What each nn family contributes to the table-driven specs. */
import type { Tensor } from '../../../lib/Tensor.js';
import type { Module } from '../../../nn/Module.js';

/** torch7-ref case name → how the generator built its module (right after torch.manualSeed(1234)). */
export type ModuleBuilders = Record<string, () => Module>;

/** One row of the generic module table: Jacobian, type() and clearState checks run on it. */
export interface ModuleCase {
  /** A label, e.g. 'nn.Linear(5,3) batch'. */
  name: string;
  /** Builds the module (double). */
  build: () => Module;
  /** Builds a (double) input: a tensor or a table of tensors. */
  input: () => Tensor | Tensor[];
  /** Skip the Jacobian w.r.t. the input (e.g. LookupTable indices). */
  noInputJacobian?: boolean;
  /** Skip the accUpdateGradParameters check (modules whose Torch accUpdate is not an SGD step on parameters(), e.g. WeightNorm). */
  noUpdateJacobian?: boolean;
  /** Jacobian tolerance (default 1e-5, as nn's tests). */
  precision?: number;
}
