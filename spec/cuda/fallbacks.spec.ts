/**
 * The CPU fallbacks are documented: running every nn module and criterion case of the parity suite and
 * the MLP/LeNet training on CudaTensor logs exactly the ops listed in cuda/fallback-list.ts.
 * With TORCH7TS_PRINT_FALLBACKS=1 the spec prints the list to paste there (see that file).
 */
import { expect } from 'chai';
import { torch } from '../../lib/index.js';
import { OPS } from '../../lib/dispatch.js';
import { cpuTHNN } from '../../nn/THNN.js';
import { cuda } from '../../cuda/index.js';
import { FALLBACKS } from '../../cuda/fallback-list.js';
import { BUILDERS } from '../nn/builders/index.js';
import { CRITERION_BUILDERS, lenet, mlp, runCriterionCase, runModuleCase, syntheticData, trainer } from './cases.js';

/** The list as TypeScript entries for cuda/fallback-list.ts, keeping known reasons. */
function listSource(names: string[]): string {
  const known = new Map(FALLBACKS.map((f) => [f.name, f.reason]));
  return names.map((n) => `  {\n    name: '${n}',\n    reason: '${(known.get(n) ?? 'TODO: why this op has no device path').replace(/'/g, "\\'")}',\n  },`).join('\n');
}

describe('cuda fallbacks: the parity suite and training fall back exactly where cuda/fallback-list.ts says', function () {
  this.timeout(300000);
  let seen: string[] = [];

  before(() => {
    cuda.resetFallbacks();
    for (const name of Object.keys(BUILDERS)) runModuleCase(name);
    for (const name of Object.keys(CRITERION_BUILDERS)) runCriterionCase(name);
    for (const [build, shape] of [[mlp, [64]], [lenet, [1, 12, 12]]] as const) {
      torch.manualSeed(1);
      const t = trainer(build().cuda(), syntheticData(1, 2, 4, [...shape]));
      for (let i = 0; i < 2; i++) t.step(i);
    }
    seen = Object.keys(cuda.fallbacks()).sort();
    if (process.env.TORCH7TS_PRINT_FALLBACKS) process.stdout.write(`\nFALLBACKS for cuda/fallback-list.ts (${cuda.backend().name}):\n${listSource(seen)}\n`);
  });

  it('every documented entry names a real op or THNN kernel, once, with a one-line reason; the list is sorted', () => {
    const names = FALLBACKS.map((f) => f.name);
    expect(names).to.deep.equal([...names].sort());
    expect(new Set(names).size).to.equal(names.length);
    for (const f of FALLBACKS) {
      const real = f.name.startsWith('THNN.') ? f.name.slice(5) in cpuTHNN : f.name in OPS || f.name === 'copy';
      expect(real, `${f.name} is an op or THNN kernel`).to.equal(true);
      expect(f.reason, f.name).to.be.a('string').and.match(/^[^\n]{10,}$/);
    }
  });

  it('the fallbacks logged by the workloads are exactly the documented ones', () => {
    const documented = FALLBACKS.map((f) => f.name);
    expect(seen, `cuda.fallbacks() differs from cuda/fallback-list.ts; the list now:\n${listSource(seen)}\n`).to.deep.equal(documented);
  });
});
