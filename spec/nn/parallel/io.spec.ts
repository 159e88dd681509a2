/** DataParallelTable through torch.save / torch.load: cunn's layout, flattened parameters, device remapping. */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { torch, Tensor } from '../../../lib/index.js';
import { decodeFirst } from '../../../lib/File/index.js';
import { nn } from '../../../nn/index.js';
import { cpuDevices, setCpuDeviceCount } from '../../../nn/parallel/cpu.js';
import { Tables, expectError, maxDiff } from './helpers.js';

const t = torch as any;
type DPT = InstanceType<typeof nn.DataParallelTable>;

describe('nn.DataParallelTable save and load', () => {
  const tables = new Tables();
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'dpt-')); });
  after(() => {
    tables.disposeAll();
    rmSync(dir, { recursive: true, force: true });
    setCpuDeviceCount(undefined);
    nn.DataParallelTable.deserializeNGPUs = undefined;
  });

  it('round-trips through torch.save / torch.load and computes the same', () => {
    t.manualSeed(21);
    const net = new nn.Sequential().add(new nn.Linear(6, 5)).add(new nn.Tanh());
    const dpt = tables.track(new nn.DataParallelTable(1).add(net, [1, 2]));
    const x = t.randn(5, 6);
    const out = (dpt.forward(x) as Tensor).clone();
    const file = join(dir, 'dpt.t7');
    torch.save(file, dpt);
    const loaded = tables.track(torch.load(file) as DPT);
    expect(loaded).to.be.instanceOf(nn.DataParallelTable);
    expect(loaded.gpuAssignments).to.deep.equal([1, 2]);
    expect(loaded.dimension).to.equal(1);
    expect(loaded.isSetUp).to.equal(false);
    expect(maxDiff(loaded.forward(x), out)).to.equal(0);
    expect(loaded.workerThreads().length).to.equal(1);
  });

  it('writes cunn\'s layout: version 3, gpuAssignments first, empty per-device tables', () => {
    const dpt = new nn.DataParallelTable(1).add(new nn.Linear(3, 2), [1, 2]);
    const buf = torch.serialize(dpt);
    const bytes = buf.toString('latin1');
    const name = 'nn.DataParallelTable';
    const at = bytes.indexOf(name);
    expect(bytes.slice(at - 7, at - 4)).to.equal('V 3');
    // the first payload object: a table (tag 3) of two entries, {1, 2}
    expect(buf.readInt32LE(at + name.length)).to.equal(3);
    expect(buf.readInt32LE(at + name.length + 8)).to.equal(2);
    expect(decodeFirst(buf).value).to.be.instanceOf(nn.DataParallelTable);
    expect(at).to.be.below(bytes.indexOf('inputGpu'));
    const loaded = torch.deserialize(torch.serialize(dpt)) as DPT;
    for (const f of ['inputGpu', 'outputGpu', 'gradInputGpu', 'gradOutputGpu']) expect(loaded).to.not.have.property(f);
  });

  it('keeps the flattened parameters pointing at the module (cunn test_serialize)', () => {
    t.manualSeed(22);
    const dpt = new nn.DataParallelTable(1).add(new nn.Linear(10, 10), [1, 2]);
    dpt.getParameters();
    tables.track(dpt);
    const loaded = tables.track(torch.deserialize(torch.serialize(dpt)) as DPT);
    const x = t.randn(2, 10);
    const out = loaded.forward(x) as Tensor;
    expect(out.sum()).to.not.equal(0);
    loaded.flattenedParams![0][0].zero();
    loaded.syncParameters();
    expect((loaded.forward(x) as Tensor).abs().sum()).to.equal(0);
  });

  it('fails to load on fewer devices than saved, unless deserializeNGPUs remaps', () => {
    const dpt = new nn.DataParallelTable(1).add(new nn.Linear(3, 2), [1, 2]);
    const bytes = torch.serialize(dpt);
    setCpuDeviceCount(1);
    try {
      expectError(() => torch.deserialize(bytes), 'Model was serialized on 2 nGPUs, but you are running on 1', 'deserializeNGPUs');
      nn.DataParallelTable.deserializeNGPUs = 1;
      const one = tables.track(torch.deserialize(bytes) as DPT);
      expect(one.gpuAssignments).to.deep.equal([1]);
      expect((one.forward(t.randn(4, 3)) as Tensor).size().totable()).to.deep.equal([4, 2]);
      nn.DataParallelTable.deserializeNGPUs = 3;
      expectError(() => torch.deserialize(bytes), 'Deserialization requested on too many GPUs: 3 vs 1 available');
    } finally {
      setCpuDeviceCount(undefined);
      nn.DataParallelTable.deserializeNGPUs = undefined;
    }
    expect(cpuDevices.deviceCount()).to.be.at.least(1);
  });
});
