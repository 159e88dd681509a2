/** nn/parallel/spin: CPU devices poll before they sleep only while every thread has a core. */
import { expect } from 'chai';
import { availableParallelism } from 'node:os';
import { countWorkerThread, liveWorkerThreads, SPIN_MS, spinMs } from '../../../nn/parallel/spin.js';

describe('parallel/spin (polling at the CPU devices\' hand-offs)', () => {
  const expected = (): number => (liveWorkerThreads() + 1 <= availableParallelism() ? SPIN_MS : 0);

  it('polls SPIN_MS while the calling thread and the live workers fit the cores, and not once they do not', () => {
    const cores = availableParallelism();
    const held: (() => void)[] = [];
    try {
      while (liveWorkerThreads() + 1 <= cores) {
        expect(spinMs(), `${liveWorkerThreads()} workers on ${cores} cores`).to.equal(SPIN_MS);
        held.push(countWorkerThread());
      }
      expect(spinMs(), `${liveWorkerThreads()} workers on ${cores} cores`).to.equal(0);
    } finally {
      held.forEach((r) => r());
    }
    expect(spinMs()).to.equal(expected());
  });

  it('counts each worker once: a release called twice uncounts it once', () => {
    const before = liveWorkerThreads();
    const a = countWorkerThread(), b = countWorkerThread();
    expect(liveWorkerThreads()).to.equal(before + 2);
    a(); a(); a();
    expect(liveWorkerThreads()).to.equal(before + 1);
    b();
    expect(liveWorkerThreads()).to.equal(before);
    expect(SPIN_MS, 'TORCH7TS_SPIN_MS unset: the default').to.equal(process.env.TORCH7TS_SPIN_MS === undefined ? 2 : Number(process.env.TORCH7TS_SPIN_MS));
  });
});
