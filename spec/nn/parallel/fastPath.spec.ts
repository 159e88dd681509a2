/**
 * The hand-off fast path of CPU worker devices (protocol.ts): once a job of an op has run on a
 * replica, the same job on the same tensors is posted through the control array, and a result in
 * the same tensors comes back without a message. Anything new (tensors, results, errors, a sleeping
 * worker) must still take the port, and every result must stay that of one module.
 */
import { expect } from 'chai';
import { torch, Tensor } from '../../../lib/index.js';
import { nn } from '../../../nn/index.js';
import type { Module } from '../../../nn/Module.js';
import { ReplicaError } from '../../../nn/parallel/errors.js';
import { SPIN_MS } from '../../../nn/parallel/spin.js';
import { handoffs } from '../../../nn/parallel/WorkerThread.js';
import { Fault, Fresh, THROW } from './fixtures/Fault.js';
import { Tables, expectError, maxDiff } from './helpers.js';

const t = torch as any;
const FIXTURE = new URL('./fixtures/Fault.js', import.meta.url).href;

/** The hand-offs `fn` makes: messages, fast requests, and fast requests answered 'same'. */
function count(fn: () => void): { port: number; fast: number; same: number } {
  const before = { ...handoffs };
  fn();
  return { port: handoffs.port - before.port, fast: handoffs.fast - before.fast, same: handoffs.same - before.same };
}

/** Busy-waits `ms` (the worker, polling for SPIN_MS after its last reply, goes to sleep meanwhile). */
function pause(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) { /* wait */ }
}

/** A tracked table on `devices`; a lost hand-off fails the spec after 10 s instead of hanging it. */
function table(tables: Tables, m: Module, devices: number[], imports?: string): InstanceType<typeof nn.DataParallelTable> {
  const d = new nn.DataParallelTable(1);
  if (imports) d.threads(imports);
  return tables.track(d.add(m, devices).jobTimeout(10_000));
}

const mlp = (): Module => new nn.Sequential().add(new nn.Linear(5, 7)).add(new nn.Tanh()).add(new nn.Linear(7, 3));

describe('parallel fast path (CPU worker hand-offs through the control array)', () => {
  const tables = new Tables();
  after(() => tables.disposeAll());

  it('repeated training steps post no message after the second, and train exactly as one module', () => {
    t.manualSeed(11);
    const one = mlp(), dpt = table(tables, one.clone(), [1, 2]);
    const crit = new nn.MSECriterion();
    const [p1, g1] = one.getParameters(), [p2, g2] = dpt.getParameters();
    const x = t.randn(10, 5), y = t.randn(10, 3);
    const step = (m: Module, p: Tensor, g: Tensor): void => {
      g.zero();
      const out = m.forward(x);
      crit.forward(out, y);
      m.backward(x, crit.backward(out, y));
      (p as any).add(-0.1, g);
    };
    step(dpt, p2, g2); step(dpt, p2, g2); // the first forward has no broadcast, the second has: both new jobs
    step(one, p1, g1); step(one, p1, g1);
    const c = count(() => { for (let i = 0; i < 4; i++) { step(dpt, p2, g2); step(one, p1, g1); } });
    expect(c, 'forward, backward and the gradient sum, 4 times').to.deep.equal({ port: 0, fast: 12, same: 12 });
    expect(maxDiff(p2, p1), 'parameters').to.be.below(1e-12);
    expect(maxDiff(dpt.output, one.output), 'outputs').to.be.below(1e-12);
  });

  it('a new batch size takes the port (new views), and each result is that of one module', () => {
    t.manualSeed(12);
    const one = mlp(), dpt = table(tables, one.clone(), [1, 2]);
    const xs = [t.randn(8, 5), t.randn(5, 5), t.randn(8, 5)];
    dpt.forward(xs[0]);
    for (const x of xs.slice(1)) {
      const c = count(() => expect(maxDiff(dpt.forward(x), one.forward(x))).to.be.below(1e-12));
      expect(c.port, `batch ${x.size(1)} after another size`).to.equal(1);
      expect(c.fast).to.equal(0);
    }
    const c = count(() => expect(maxDiff(dpt.forward(xs[2]), one.forward(xs[2]))).to.be.below(1e-12));
    expect(c, 'the same size again').to.deep.equal({ port: 0, fast: 1, same: 1 });
  });

  it('a result in a new tensor comes back through the port, with its new values', () => {
    const dpt = table(tables, new Fresh(), [1, 2], FIXTURE);
    for (let i = 0; i < 3; i++) {
      const x = t.randn(6, 4);
      const c = count(() => expect(maxDiff(dpt.forward(x), x)).to.equal(0));
      if (i > 0) expect(c, `call ${i + 1}`).to.deep.equal({ port: 0, fast: 1, same: 0 });
      const g = t.randn(6, 4);
      expect(maxDiff(dpt.backward(x, g), g), 'gradInput').to.equal(0);
    }
  });

  it('a fast job that throws gives the ReplicaError; the table goes on, through the port then fast again', () => {
    const dpt = table(tables, new Fault(), [1, 2], FIXTURE);
    const x = t.rand(4, 3);
    dpt.forward(x);
    expect(count(() => dpt.forward(x)).fast).to.equal(1);
    const bad = t.rand(4, 3);
    bad.put(4, 1, THROW);
    let c = count(() => {
      const err = expectError(() => dpt.forward(bad), 'replica 2 on CPU device 2 (worker thread) failed in updateOutput', 'on purpose');
      expect(err).to.be.instanceOf(ReplicaError);
    });
    expect(c, 'the failing job was a fast one').to.deep.equal({ port: 0, fast: 1, same: 0 });
    c = count(() => expect(maxDiff(dpt.forward(x), x)).to.equal(0));
    expect(c.port, 'after an error: the port').to.equal(1);
    c = count(() => expect(maxDiff(dpt.forward(x), x)).to.equal(0));
    expect(c, 'then fast again').to.deep.equal({ port: 0, fast: 1, same: 1 });
  });

  it('wakes a worker that went to sleep between steps (busy caller, or an awaited timer)', async () => {
    t.manualSeed(13);
    const one = mlp(), dpt = table(tables, one.clone(), [1, 2]);
    const x = t.randn(6, 5);
    dpt.forward(x);
    dpt.forward(x);
    for (let i = 0; i < 3; i++) {
      pause(SPIN_MS + 20);
      const c = count(() => expect(maxDiff(dpt.forward(x), one.forward(x))).to.be.below(1e-12));
      expect(c.fast).to.equal(1);
      await new Promise((r) => setTimeout(r, SPIN_MS + 20));
      expect(maxDiff(dpt.forward(x), one.forward(x))).to.be.below(1e-12);
    }
  });

  it('two replicas on one worker thread: one goes fast, the other through the port; results exact', () => {
    t.manualSeed(14);
    const one = mlp(), dpt = table(tables, one.clone(), [1, 2, 2]);
    const x = t.randn(9, 5), g = t.randn(9, 3);
    for (let i = 0; i < 3; i++) {
      const c = count(() => {
        expect(maxDiff(dpt.forward(x), one.forward(x))).to.be.below(1e-12);
        expect(maxDiff(dpt.updateGradInput(x, g), one.updateGradInput(x, g))).to.be.below(1e-12);
      });
      if (i > 0) expect(c, `round ${i + 1}`).to.deep.equal({ port: 2, fast: 2, same: 2 });
    }
  });
});
