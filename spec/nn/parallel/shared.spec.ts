/**
 * nn/parallel/shared: tensors crossing threads in shared memory. A worker's results (outputs,
 * gradInputs) are moved into shared memory in place instead of being copied, and descriptors
 * rebuild views of the same elements.
 */
import { expect } from 'chai';
import { torch, Tensor } from '../../../lib/index.js';
import { describe as describeDesc, materialize, shareInPlace, shareResult } from '../../../nn/parallel/shared.js';

const t = torch as any;
const isShared = (x: Tensor): boolean => x.storage().data.buffer instanceof SharedArrayBuffer;

describe('nn/parallel/shared', () => {
  it('shareInPlace moves a storage into shared memory once, keeping its values and every view of it', () => {
    const a = t.randn(4, 5).float(), view = a.narrow(2, 2, 3);
    const before = Array.from(a.storage().data as Float32Array);
    expect(shareInPlace(a.storage())).to.equal(true);
    expect(shareInPlace(a.storage()), 'second time: nothing to do').to.equal(false);
    expect(isShared(a) && isShared(view)).to.equal(true);
    expect(Array.from(a.storage().data as Float32Array)).to.deep.equal(before);
  });

  it('shareResult shares a result in place (no copy: the module keeps the same tensor), tables too; empty tensors stay', () => {
    const out = t.randn(3, 2), nested = [t.randn(2), [t.randn(1, 3), new t.Tensor()]];
    const s = out.storage();
    expect(shareResult(out)).to.equal(out);
    expect(out.storage(), 'same Storage object').to.equal(s);
    expect(isShared(out)).to.equal(true);
    shareResult(nested);
    expect(isShared(nested[0] as Tensor) && isShared((nested[1] as Tensor[])[0])).to.equal(true);
    expect(((nested[1] as Tensor[])[1]).nElement()).to.equal(0);
  });

  it('a shared result described and materialized is a view of the same elements', () => {
    const out = t.randn(6, 4).float().narrow(1, 2, 3);
    const view = materialize(describeDesc(shareResult(out))) as Tensor;
    expect(view.size().totable()).to.deep.equal([3, 4]);
    expect(t.add(view, -1, out).abs().max()).to.equal(0);
    out.fill(7);
    expect(view.min(), 'writes show through').to.equal(7);
  });

  it('describing a tensor outside shared memory is refused (it could not cross threads)', () => {
    expect(() => describeDesc(t.randn(3))).to.throw(/outside shared memory cannot cross threads/);
  });
});
