/**
 * Torch7 parity on CudaTensor: every torch7-ref module and criterion case run as cunn's tests run
 * them (module:cuda(), input:cuda()), compared with the fixture at 1e-4 forward and 1e-2 backward,
 * whichever ops currently run on the device and whichever fall back to the CPU.
 */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { cuda } from '../../cuda/index.js';
import { nn } from '../../nn/index.js';
import { BUILDERS } from '../nn/builders/index.js';
import { fromJSON } from '../nn/torch7ref.js';
import { expectClose } from '../helpers.js';
import { CRITERION_BUILDERS, criterionFixtures, moduleFixtures, runCriterionCase, runModuleCase } from './cases.js';

/** cunn's tolerances (the issue's): forward 1e-4, backward 1e-2. */
const FWD = 1e-4, BWD = 1e-2;

/**
 * Cases left out, each with the reason. Empty: every fixture case runs on CudaTensor (cases that
 * need double precision pass at cunn's float tolerances).
 */
export const EXCLUDED: Record<string, string> = {};

/** Compares a CudaTensor result (or table of them) with its fixture. */
function expectSame(actual: any, expected: any, tol: number, what: string): void {
  if (Array.isArray(expected)) {
    expect(actual, what).to.be.an('array').with.length(expected.length);
    expected.forEach((e: any, i: number) => expectSame(actual[i], e, tol, `${what}[${i + 1}]`));
    return;
  }
  expect(cuda.isCuda(actual), `${what} is a CudaTensor (got ${actual?.type?.()})`).to.equal(true);
  expect(actual.size().totable(), `${what} size`).to.deep.equal(expected.size().totable());
  expectClose((actual as Tensor).double(), expected as Tensor, tol);
}

describe('cuda parity: nn modules against Torch7 on CudaTensor (torch7-ref/modules)', function () {
  this.timeout(120000);
  const cases = moduleFixtures();

  it('has a builder for every fixture case, and every excluded case names a reason', () => {
    expect(Object.keys(BUILDERS).sort()).to.deep.equal(Object.keys(cases).sort());
    for (const [name, why] of Object.entries(EXCLUDED)) {
      expect(cases, name).to.have.property(name);
      expect(why, name).to.be.a('string').with.length.above(10);
    }
  });

  for (const name of Object.keys(BUILDERS)) {
    if (name in EXCLUDED) continue;
    it(name, () => {
      const r = runModuleCase(name);
      const c = r.fixture;
      expectSame(r.output, fromJSON(c.output), FWD, 'output');
      expectSame(r.gradInput, fromJSON(c.gradInput), BWD, 'gradInput');
      if (c.gradWeight) expectSame(r.gradWeight, fromJSON(c.gradWeight), BWD, 'gradWeight');
      if (c.gradBias) expectSame(r.gradBias, fromJSON(c.gradBias), BWD, 'gradBias');
      for (const p of r.module.parameters()?.[0] ?? []) expect(cuda.isCuda(p), 'parameters are CudaTensors').to.equal(true);
    });
  }
});

describe('cuda parity: nn criteria against Torch7 on CudaTensor (torch7-ref/criterions)', function () {
  this.timeout(60000);
  const cases = criterionFixtures();

  it('has a builder for every fixture case', () => {
    expect(Object.keys(CRITERION_BUILDERS).sort()).to.deep.equal(Object.keys(cases).sort());
  });

  for (const name of Object.keys(CRITERION_BUILDERS)) {
    if (name in EXCLUDED) continue;
    it(name, () => {
      const r = runCriterionCase(name);
      expect(r.output).to.be.a('number');
      const e = r.fixture.output as number;
      expect(Math.abs(r.output - e) <= FWD * (1 + Math.abs(e)), `loss ${r.output} vs ${e}`).to.equal(true);
      expectSame(r.gradInput, fromJSON(r.fixture.gradInput), BWD, 'gradInput');
    });
  }
});

/** Every tensor reachable from a module's fields (submodules, arrays), with its path. */
function tensorsOf(root: unknown, path = 'module', seen = new Set<unknown>(), out: [string, Tensor][] = []): [string, Tensor][] {
  if (root === null || typeof root !== 'object' || seen.has(root)) return out;
  seen.add(root);
  if (root instanceof Tensor) { out.push([path, root]); return out; }
  for (const [k, v] of Object.entries(root)) tensorsOf(v, `${path}.${k}`, seen, out);
  return out;
}

/**
 * Tensor fields that stay on the host after `module:cuda()`, with the reason. cunn makes
 * LookupTable's `_count`/`_input` CudaTensors (LookupTable:type); our nn.LookupTable.type keeps them
 * Int/Long, and its device kernel works with them.
 */
const HOST_FIELDS: Record<string, string> = {
  'LookupTable: module._count': 'nn.LookupTable.type() re-creates it as an IntTensor (cunn: CudaTensor)',
  'LookupTable: module._input': 'nn.LookupTable.type() re-creates it as a LongTensor (cunn: CudaTensor)',
};

describe('module.cuda() and criterion.cuda()', () => {
  it('convert every tensor field of every fixture module (weights, gradients, buffers, index tensors) to CudaTensor', () => {
    const host: string[] = [];
    for (const [name, build] of Object.entries(BUILDERS)) {
      torch.manualSeed(1);
      const m = build();
      const input = fromJSON(moduleFixtures()[name].input);
      m.forward(input); // CPU buffers (indices, columns, running statistics) exist before the conversion
      expect(m.cuda(), name).to.equal(m);
      expect(m.type(), name).to.equal('torch.CudaTensor');
      for (const [path, t] of tensorsOf(m)) {
        const key = `${name}: ${path}`;
        if (t.type() !== 'torch.CudaTensor') host.push(key);
        else expect(key in HOST_FIELDS, `${key} is a CudaTensor now: drop it from HOST_FIELDS`).to.equal(false);
      }
    }
    expect(host.sort(), 'tensor fields left on the host').to.deep.equal(Object.keys(HOST_FIELDS).sort());
  });

  it('keep shared parameters shared (one device storage per CPU storage), values unchanged', () => {
    torch.manualSeed(2);
    const a = new nn.Linear(4, 3);
    const b = a.clone('weight', 'bias');
    const seq = new nn.Sequential().add(a).add(new nn.Tanh()).add(b);
    const w = a.weight!.clone();
    seq.cuda();
    expect(a.weight!.storage()).to.equal(b.weight!.storage());
    expect(a.bias!.storage()).to.equal(b.bias!.storage());
    expect(cuda.isCuda(a.weight)).to.equal(true);
    expectClose(a.weight!.double(), w, 1e-6);
  });

  it('criterion.cuda() converts the criterion\'s tensors (class weights, buffers) and returns it', () => {
    const w = new torch.DoubleTensor([1, 2, 0.5]);
    for (const crit of [new nn.ClassNLLCriterion(w), new nn.CrossEntropyCriterion(w), new nn.BCECriterion(), new nn.MSECriterion()]) {
      expect(crit.cuda()).to.equal(crit);
      const found = tensorsOf(crit, crit.__typename);
      expect(found.length, crit.__typename).to.be.above(0);
      for (const [path, t] of found) expect(t.type(), path).to.equal('torch.CudaTensor');
    }
  });
});
