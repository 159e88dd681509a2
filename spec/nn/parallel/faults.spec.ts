/**
 * Faults: a replica that throws gives a clear error and the table stays usable; a worker thread
 * that dies (process.exit in a replica, terminate() from outside, a hang past the timeout) gives a
 * clear error without hanging, and the table is then disposed.
 */
import { expect } from 'chai';
import { torch, Tensor } from '../../../lib/index.js';
import { nn } from '../../../nn/index.js';
import { DeviceLostError, ReplicaError } from '../../../nn/parallel/errors.js';
import { Fault, THROW, EXIT, HANG } from './fixtures/Fault.js';
import { Tables, expectError, maxDiff } from './helpers.js';

const t = torch as any;
const FIXTURE = new URL('./fixtures/Fault.js', import.meta.url).href;
type DPT = InstanceType<typeof nn.DataParallelTable>;

/** A 4 x 3 batch; `sentinel` goes into row `row` (rows 1-2 go to replica 1, rows 3-4 to replica 2). */
function batch(sentinel?: number, row = 4): Tensor {
  const x = t.rand(4, 3);
  if (sentinel !== undefined) x.put(row, 1, sentinel);
  return x;
}

/** A table of nn.Fault on devices {1, 2} whose worker imports the fixture. */
function faulty(tables: Tables): DPT {
  return tables.track(new nn.DataParallelTable(1).threads(FIXTURE).add(new Fault(), [1, 2]));
}

describe('nn.DataParallelTable faults', () => {
  const tables = new Tables();
  after(() => tables.disposeAll());

  it('a replica on a worker that throws: a ReplicaError naming it; the table stays usable', () => {
    const dpt = faulty(tables);
    const x = batch();
    expect(maxDiff(dpt.forward(x), x)).to.equal(0);
    const err = expectError(() => dpt.forward(batch(THROW)),
      'replica 2 on CPU device 2 (worker thread) failed in updateOutput', 'Fault: this replica fails on purpose');
    expect(err).to.be.instanceOf(ReplicaError);
    expect(maxDiff(dpt.forward(x), x), 'usable afterwards').to.equal(0);
    expect(maxDiff(dpt.backward(x, x), x)).to.equal(0);
  });

  it('replica 1 (this thread) that throws: the worker finishes, the table stays usable', () => {
    const dpt = faulty(tables);
    expectError(() => dpt.forward(batch(THROW, 1)), 'replica 1 on CPU device 1 (the calling thread) failed in updateOutput');
    const x = batch();
    expect(maxDiff(dpt.forward(x), x)).to.equal(0);
  });

  it('a worker that exits in a replica: DeviceLostError without a hang, then the table is disposed', () => {
    const dpt = faulty(tables);
    const net = dpt.modules[0];
    dpt.forward(batch());
    const t0 = Date.now();
    const err = expectError(() => dpt.forward(batch(EXIT)), 'CPU device 2 (worker thread) was lost during updateOutput', 'exited');
    expect(err).to.be.instanceOf(DeviceLostError);
    expect(Date.now() - t0, 'ms to notice').to.be.below(10_000);
    expectError(() => dpt.forward(batch()), 'DataParallelTable has been disposed', 'was lost');
    expectError(() => dpt.backward(batch(), batch()), 'DataParallelTable has been disposed');
    expect(dpt.workerThreads()).to.deep.equal([]);
    const x = batch();
    expect(maxDiff(net.forward(x), x), 'replica 1 still usable').to.equal(0);
  });

  it('a worker terminated from outside while the caller is busy: DeviceLostError at the next job', () => {
    const dpt = faulty(tables);
    dpt.forward(batch());
    const [w] = dpt.workerThreads();
    void w.terminate(); // the 'exit' event cannot arrive before the next forward: the wait loop must notice
    const err = expectError(() => dpt.forward(batch()), 'CPU device 2 (worker thread) was lost during updateOutput');
    expect(err).to.be.instanceOf(DeviceLostError);
    expectError(() => dpt.forward(batch()), 'DataParallelTable has been disposed');
  });

  it('a worker terminated from outside while the caller is idle: DeviceLostError at once', async () => {
    const dpt = faulty(tables);
    dpt.forward(batch());
    await dpt.workerThreads()[0].terminate();
    expectError(() => dpt.forward(batch()), 'was lost during updateOutput', 'exited');
  });

  it('a replica that hangs past jobTimeout: DeviceLostError after the timeout', () => {
    const dpt = faulty(tables).jobTimeout(300);
    dpt.forward(batch());
    const t0 = Date.now();
    expectError(() => dpt.forward(batch(HANG)), 'no reply within 300 ms');
    expect(Date.now() - t0).to.be.within(250, 10_000);
    expectError(() => dpt.forward(batch()), 'DataParallelTable has been disposed');
  });

  it('a module class the worker cannot build: a clear error when the replicas are made', () => {
    const dpt = tables.track(new nn.DataParallelTable(1).add(new Fault(), [1, 2])); // no threads(FIXTURE)
    const err = expectError(() => dpt.forward(batch()), 'replica 2 on CPU device 2 (worker thread) failed in load');
    expect(err).to.be.instanceOf(ReplicaError);
  });

  it('dispose ends the workers; the table then says so', () => {
    const dpt = faulty(tables);
    dpt.forward(batch());
    expect(dpt.workerThreads().length).to.equal(1);
    dpt.dispose();
    expect(dpt.workerThreads()).to.deep.equal([]);
    expectError(() => dpt.forward(batch()), 'DataParallelTable has been disposed: dispose() was called');
  });
});
