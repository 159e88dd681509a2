/** Shape layers: Identity, Reshape, View, Contiguous, Select, Narrow, Transpose, Squeeze, Unsqueeze, Replicate, Padding. */
import { expect } from 'chai';
import { torch, Tensor } from '../../lib/index.js';
import { nn } from '../../nn/index.js';
import { expectClose, nonContiguous } from '../helpers.js';
import { T, checkFloat, checkGradients, expectTorchError, tab } from './simple-helpers.js';

const randn = (...s: number[]): Tensor => torch.randn(...s);

describe('nn shape layers', () => {
  beforeEach(() => T.manualSeed(123));

  describe('Identity', () => {
    it('passes tensors and tables through by reference', () => {
      const m = new nn.Identity();
      const x = randn(3, 4), g = randn(3, 4);
      expect(m.forward(x)).to.equal(x);
      expect(m.backward(x, g)).to.equal(g);
      const tbl = [x, g];
      expect(m.forward(tbl)).to.equal(tbl);
      expect(m.toString()).to.equal('nn.Identity');
    });
    it('clearState drops the references without emptying the caller tensors', () => {
      const m = new nn.Identity();
      const x = randn(3, 4);
      m.forward(x);
      m.backward(x, x);
      expect(m.clearState()).to.equal(m);
      expect(x.nElement()).to.equal(12);
      expect(m.output).to.not.equal(x);
      expect(m.output.nElement()).to.equal(0);
      expect(m.output.type()).to.equal('torch.DoubleTensor');
    });
  });

  describe('Reshape', () => {
    it('detects batch mode and keeps the first dim', () => {
      const m = new nn.Reshape(2, 6);
      expect([m.nelement, m.size.totable(), m.batchsize.size()]).to.deep.equal([12, [2, 6], 3]);
      const x = randn(4, 12);
      const y = m.forward(x);
      expect(y.size().totable()).to.deep.equal([4, 2, 6]);
      expect(y.storage()).to.equal(x.storage());
      expect(m.batchsize.totable()).to.deep.equal([4, 2, 6]);
      expect(m.forward(randn(12)).size().totable()).to.deep.equal([2, 6]);
      expect(m.forward(randn(3, 4)).size().totable()).to.deep.equal([2, 6]);
      // first dim 1: a batch of one
      expect(m.forward(randn(1, 12)).size().totable()).to.deep.equal([1, 2, 6]);
    });
    it('honours batchMode true/false and a LongStorage of sizes', () => {
      expect(new nn.Reshape(2, 2).forward(randn(1, 4)).size().totable()).to.deep.equal([1, 2, 2]);
      expect(new nn.Reshape(2, 2, false).forward(randn(1, 4)).size().totable()).to.deep.equal([2, 2]);
      expect(new nn.Reshape(4, true).forward(randn(1, 4)).size().totable()).to.deep.equal([1, 4]);
      expect(() => new nn.Reshape(2, 2, true).forward(randn(4))).to.throw(torch.TorchError);
      expect(new nn.Reshape(new torch.LongStorage([3, 4]), false).forward(randn(2, 6)).size().totable()).to.deep.equal([3, 4]);
      expect(new nn.Reshape(new torch.LongStorage([3, 4])).toString()).to.equal('nn.Reshape(3x4)');
    });
    it('copies a non-contiguous input and gradOutput, and reuses the copy buffers', () => {
      const m = new nn.Reshape(2, 6);
      const x = nonContiguous(randn(4, 12));
      const y = m.forward(x);
      expectClose(y.view(4, 12), x.contiguous());
      expect(m._input!.storage()).to.equal(y.storage());
      const go = nonContiguous(randn(4, 2, 6));
      const gi = m.backward(x, go);
      expect(gi.size().totable()).to.deep.equal([4, 12]);
      expectClose(gi, go.contiguous().view(4, 12));
      const buf = m._gradOutput!.storage();
      m.backward(x, go);
      expect(m._gradOutput!.storage()).to.equal(buf);
      m.clearState();
      expect(m._input!.nElement()).to.equal(0);
    });
    it('fails on a wrong number of elements', () => {
      expect(() => new nn.Reshape(5).forward(randn(3, 4))).to.throw(torch.TorchError);
    });
    it('runs in float', () => checkFloat(() => new nn.Reshape(2, 6), randn(4, 12)));
  });

  describe('View', () => {
    it('infers the batch dim, -1, and numInputDims', () => {
      const m = new nn.View(3, 8);
      expect(m.numElements).to.equal(24);
      expect(m.forward(randn(2, 4, 6)).size().totable()).to.deep.equal([2, 3, 8]);
      expect(m.forward(randn(24)).size().totable()).to.deep.equal([3, 8]);
      const v = new nn.View(-1, 4).setNumInputDims(2);
      expect(v.forward(randn(3, 2, 6)).size().totable()).to.deep.equal([3, 3, 4]);
      expect(v.forward(randn(2, 6)).size().totable()).to.deep.equal([3, 4]);
      expect(new nn.View(-1).forward(randn(2, 3)).size().totable()).to.deep.equal([6]);
      expect(new nn.View(-1).setNumInputDims(1).forward(randn(2, 3)).size().totable()).to.deep.equal([2, 3]);
      expect(new nn.View(6).setNumInputDims(2).forward(randn(1, 2, 3)).size().totable()).to.deep.equal([1, 6]);
      expect(new nn.View(new torch.LongStorage([2, 2])).forward(randn(4)).size().totable()).to.deep.equal([2, 2]);
    });
    it('views the input storage, and gradInput views gradOutput', () => {
      const m = new nn.View(3, 8);
      const x = randn(2, 4, 6);
      const y = m.forward(x);
      expect(y.storage()).to.equal(x.storage());
      const go = randn(2, 3, 8);
      const gi = m.backward(x, go);
      expect(gi.storage()).to.equal(go.storage());
      expect(gi.size().totable()).to.deep.equal([2, 4, 6]);
      const out = m.output;
      m.forward(x);
      expect(m.output).to.equal(out);
    });
    it('errors as View.lua does', () => {
      expectTorchError(() => new nn.View(5).forward(randn(2, 3)), 'input view (2x3) and desired view (5) do not match');
      expectTorchError(() => new nn.View(-2, 3), 'size should be positive or -1');
      expectTorchError(() => new nn.View(-1, -1), 'only one dimension can be at -1');
      expect(() => new nn.View(6).forward(randn(3, 2).t())).to.throw(torch.TorchError, /contiguous/);
    });
    it('prints as Torch', () => {
      expect(new nn.View(3, 8).toString()).to.equal('nn.View(3, 8)');
      expect(new nn.View(-1, 4).toString()).to.equal('nn.View(-1, 4)');
    });
    it('runs in float', () => checkFloat(() => new nn.View(-1, 4).setNumInputDims(2), randn(3, 2, 6)));
  });

  describe('Contiguous', () => {
    it('shares a contiguous input and copies a non-contiguous one', () => {
      const m = new nn.Contiguous();
      const x = randn(3, 4);
      expect(m.forward(x).storage()).to.equal(x.storage());
      const nc = x.t();
      const y = m.forward(nc);
      expect(y.isContiguous()).to.equal(true);
      expect(y.storage()).to.not.equal(x.storage());
      expectClose(y, nc);
      const gi = m.backward(nc, randn(4, 3).t());
      expect(gi.isContiguous()).to.equal(true);
    });
    it('runs in float', () => checkFloat(() => new nn.Contiguous(), randn(3, 4)));
  });

  describe('Select', () => {
    it('copies one slice; negative dim and index count from the end', () => {
      const x = randn(3, 4, 5);
      const m = new nn.Select(-1, -2);
      const y = m.forward(x);
      expect(y.size().totable()).to.deep.equal([3, 4]);
      expect(y.get(2, 3)).to.equal(x.get(2, 3, 4));
      const go = randn(3, 4);
      const gi = m.backward(x, go);
      expect(gi.get(2, 3, 4)).to.equal(go.get(2, 3));
      expect(gi.get(2, 3, 5)).to.equal(0);
      expect(gi.sum()).to.be.closeTo(go.sum(), 1e-12);
    });
    it('works on a non-contiguous input', () => {
      const x = nonContiguous(randn(4, 3));
      expectClose(new nn.Select(2, 2).forward(x), x.select(2, 2) as Tensor);
    });
    it('fails where Torch fails', () => {
      expect(() => new nn.Select(1, 2).forward(randn(3))).to.throw(torch.TorchError, /resizeAs/);
      expect(() => new nn.Select(1, 5).forward(randn(3, 2))).to.throw(torch.TorchError, /out of range/);
    });
    it('has correct gradients and runs in float', () => {
      checkGradients(new nn.Select(2, 3), randn(2, 4));
      checkFloat(() => new nn.Select(1, 2), randn(3, 4));
    });
  });

  describe('Narrow', () => {
    it('narrows with positive and negative arguments as Narrow.lua', () => {
      const x = randn(3, 6);
      const cases: [number, number, number | undefined, number, number][] = [
        [2, 2, 3, 2, 3], [2, 3, undefined, 3, 1], [-1, 2, -1, 2, 5], [2, 2, -2, 2, 4], [2, -2, 2, 1, 4],
      ];
      for (const [d, o, l, index, length] of cases) {
        const m = new nn.Narrow(d, o, l);
        const y = m.forward(x);
        expectClose(y, x.narrow(2, index, length));
        const go = randn(3, length);
        const gi = m.backward(x, go);
        expectClose(gi.narrow(2, index, length), go);
        expect(gi.sum()).to.be.closeTo(go.sum(), 1e-12);
      }
    });
    it('converts its buffers to the input type', () => {
      const m = new nn.Narrow(1, 2, 2);
      expect(m.forward(randn(4).float()).type()).to.equal('torch.FloatTensor');
    });
    it('needs a dim and an offset', () => {
      expectTorchError(() => new (nn.Narrow as any)(1), 'nn.Narrow(dimension, offset, length)');
      expect(() => new nn.Narrow(1, 3, 3).forward(randn(4))).to.throw(torch.TorchError, /out of range/);
    });
    it('works on a non-contiguous input', () => {
      const x = nonContiguous(randn(5, 4));
      expectClose(new nn.Narrow(1, 2, 3).forward(x), x.narrow(1, 2, 3));
    });
  });

  describe('Transpose', () => {
    it('applies the transposes in order and back', () => {
      const x = randn(2, 3, 4);
      const m = new nn.Transpose([1, 2], [2, 3]);
      const y = m.forward(x);
      expect(y.size().totable()).to.deep.equal([3, 4, 2]);
      expect(y.isContiguous()).to.equal(true);
      expect(y.get(3, 4, 2)).to.equal(x.get(2, 3, 4));
      const go = randn(3, 4, 2);
      const gi = m.backward(x, go);
      expect(gi.size().totable()).to.deep.equal([2, 3, 4]);
      expect(gi.get(1, 2, 3)).to.equal(go.get(2, 3, 1));
    });
    it('skips the batch dim with setNumInputDims', () => {
      const m = new nn.Transpose([1, 2]).setNumInputDims(2);
      expect(m.forward(randn(5, 2, 3)).size().totable()).to.deep.equal([5, 3, 2]);
      expect(m.forward(randn(2, 3)).size().totable()).to.deep.equal([3, 2]);
    });
    it('checks its arguments, prints as Torch and runs in float', () => {
      expectTorchError(() => new nn.Transpose(1 as any), 'pairs of dims');
      expect(new nn.Transpose([1, 2]).toString()).to.equal('nn.Transpose');
      checkFloat(() => new nn.Transpose([1, 3]), randn(2, 3, 4));
    });
  });

  describe('Squeeze / Unsqueeze', () => {
    it('Squeeze removes all size-1 dims or one', () => {
      const x = randn(1, 3, 1, 4);
      expect(new nn.Squeeze().forward(x).size().totable()).to.deep.equal([3, 4]);
      expect(new nn.Squeeze(3).forward(x).size().totable()).to.deep.equal([1, 3, 4]);
      // numInputDims: the dim shifts for a batch; a batch of one keeps its batch dim
      expect(new nn.Squeeze(2, 2).forward(randn(5, 3, 1)).size().totable()).to.deep.equal([5, 3]);
      expect(new nn.Squeeze(undefined, 2).forward(randn(1, 3, 1)).size().totable()).to.deep.equal([1, 3]);
      const m = new nn.Squeeze();
      const gi = m.backward(x, randn(3, 4));
      expect(gi.size().totable()).to.deep.equal([1, 3, 1, 4]);
      expectTorchError(() => m.backward(x, randn(3, 3)), 'assertion failed!');
      expectTorchError(() => m.forward([x] as any), 'Squeeze only works on tensors');
    });
    it('Unsqueeze inserts a dim, shifted by the batch dims', () => {
      const x = randn(3, 4);
      const y = new nn.Unsqueeze(2).forward(x);
      expect(y.size().totable()).to.deep.equal([3, 1, 4]);
      expect(y.storage()).to.equal(x.storage());
      expect(new nn.Unsqueeze(3).forward(x).size().totable()).to.deep.equal([3, 4, 1]);
      expect(new nn.Unsqueeze(1, 2).forward(randn(5, 3, 4)).size().totable()).to.deep.equal([5, 1, 3, 4]);
      const nc = nonContiguous(randn(3, 4));
      expectClose(new nn.Unsqueeze(2).forward(nc).select(2, 1) as Tensor, nc);
      const m = new nn.Unsqueeze(2);
      m.forward(x);
      expect(m.backward(x, randn(3, 1, 4)).size().totable()).to.deep.equal([3, 4]);
    });
    it('Unsqueeze errors and prints as Torch', () => {
      expectTorchError(() => new (nn.Unsqueeze as any)(), 'the position to insert singleton dim not specified');
      expectTorchError(() => new nn.Unsqueeze(4).forward(randn(3, 4)), 'Invalid position: 4. input:dim() is 2, input feature map dim (numInputDims) is 2.');
      expectTorchError(() => new nn.Unsqueeze(1, 3).forward(randn(3, 4)), 'input feature map dim (numInputDims) must be <= input:dim()');
      expect(new nn.Unsqueeze(2).toString()).to.equal('nn.Unsqueeze(dim 2)');
    });
    it('run in float', () => {
      checkFloat(() => new nn.Squeeze(), randn(2, 1, 3));
      checkFloat(() => new nn.Unsqueeze(2), randn(2, 3));
    });
  });

  describe('Replicate', () => {
    it('repeats along a new stride-0 dim and sums the gradient', () => {
      const x = randn(4, 5);
      const m = new nn.Replicate(3, 2);
      const y = m.forward(x);
      expect(y.size().totable()).to.deep.equal([4, 3, 5]);
      expect(y.stride(2)).to.equal(0);
      expect(y.get(2, 3, 4)).to.equal(x.get(2, 4));
      const go = randn(4, 3, 5);
      const gi = m.backward(x, go);
      expect(gi.get(2, 4)).to.be.closeTo(go.get(2, 1, 4) + go.get(2, 2, 4) + go.get(2, 3, 4), 1e-12);
      // ndim: a batched input shifts the dim
      expect(new nn.Replicate(3, 1, 1).forward(x).size().totable()).to.deep.equal([4, 3, 5]);
      expect(new nn.Replicate(3, 1, 1).forward(randn(5)).size().totable()).to.deep.equal([3, 5]);
      const nc = nonContiguous(randn(4, 5));
      expectClose(new nn.Replicate(2, 3).forward(nc).select(3, 2) as Tensor, nc);
    });
    it('errors as Replicate.lua', () => {
      expectTorchError(() => new nn.Replicate(3, 0), 'Can only replicate across positive integer dimensions.');
      expectTorchError(() => new nn.Replicate(3, 4).forward(randn(2, 2)), 'Not enough input dimensions to replicate along dimension 4.');
    });
    it('has correct gradients and runs in float', () => {
      checkGradients(new nn.Replicate(3, 2), randn(4, 5));
      checkFloat(() => new nn.Replicate(3), randn(4, 5));
    });
  });

  describe('Padding', () => {
    it('pads before or after, at an index, with a value', () => {
      const x = torch.range(1, 3) as Tensor;
      expect(tab(new nn.Padding(1, 2).forward(x))).to.deep.equal([1, 2, 3, 0, 0]);
      expect(tab(new nn.Padding(1, -2).forward(x))).to.deep.equal([0, 0, 1, 2, 3]);
      expect(tab(new nn.Padding(1, -1, undefined, 9, 2).forward(x))).to.deep.equal([1, 9, 2, 3]);
      expect(tab(new nn.Padding(1, 1, undefined, 9, 2).forward(x))).to.deep.equal([1, 2, 9, 3]);
      expect(tab(new nn.Padding(1, -1, undefined, 7, 4).forward(x))).to.deep.equal([1, 2, 3, 7]);
    });
    it('shifts the dim for a batch (nInputDim) and routes the gradient', () => {
      const x = randn(2, 3);
      const m = new nn.Padding(1, -1, 1, 5, 2);
      const y = m.forward(x);
      expect(tab(y)).to.deep.equal(x.totable().map((r: any) => [r[0], 5, r[1], r[2]]));
      const go = randn(2, 4);
      const gi = m.backward(x, go);
      expect(tab(gi)).to.deep.equal(go.totable().map((r: any) => [r[0], r[2], r[3]]));
      const nc = nonContiguous(randn(2, 3));
      expectClose(m.forward(nc).narrow(2, 3, 2), nc.narrow(2, 2, 2));
    });
    it('has correct gradients and runs in float', () => {
      checkGradients(new nn.Padding(2, 2, 2, 0, 2), randn(2, 3, 3));
      checkFloat(() => new nn.Padding(1, -2), randn(3, 2));
    });
  });
});
