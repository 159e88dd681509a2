/** Bad DataParallelTable configurations get Torch's errors (cunn's asserts and cutorch's device check). */
import { expect } from 'chai';
import { torch } from '../../../lib/index.js';
import { nn } from '../../../nn/index.js';
import { cpuDevices, setCpuDeviceCount } from '../../../nn/parallel/cpu.js';
import { deviceKindFor } from '../../../nn/parallel/devices.js';
import { Tables, expectError } from './helpers.js';

const t = torch as any;
const DPT = nn.DataParallelTable as unknown as new (...a: unknown[]) => InstanceType<typeof nn.DataParallelTable>;

describe('nn.DataParallelTable configuration errors', () => {
  const tables = new Tables();
  after(() => { tables.disposeAll(); setCpuDeviceCount(undefined); });

  it('needs a dimension', () => {
    expectError(() => new DPT(), 'must specify a dimension!');
    expectError(() => new DPT(0), "bad argument #1 to 'DataParallelTable'");
    expectError(() => new DPT(1, false, true), 'cannot use nccl without flattenParams');
  });

  it('rejects devices that do not exist (cutorch: invalid device ordinal)', () => {
    const n = cpuDevices.deviceCount();
    const lin = () => new nn.Linear(2, 2);
    expectError(() => new DPT(1).add(lin(), 0), 'invalid device ordinal 0', `cpu devices are 1..${n}`);
    expectError(() => new DPT(1).add(lin(), 1.5), 'invalid device ordinal 1.5');
    expectError(() => new DPT(1).add(lin(), [1, n + 1]), `invalid device ordinal ${n + 1}`);
    expectError(() => new DPT(1).add(lin(), 'two' as never), 'table of GPU IDs required');
    expectError(() => new DPT(1).add(lin(), []), 'table of GPU IDs required');
    expectError(() => new DPT(1).add(lin(), [1]).add(lin(), [1]), 'add should only be called once with a table of GPU assignments');
  });

  it('counts CPU devices as the cores (or setCpuDeviceCount)', () => {
    setCpuDeviceCount(3);
    expect(deviceKindFor('torch.FloatTensor').deviceCount()).to.equal(3);
    expect(new DPT(1).add(new nn.Linear(2, 2), [1, 2, 3]).gpuAssignments).to.deep.equal([1, 2, 3]);
    setCpuDeviceCount(undefined);
    expectError(() => setCpuDeviceCount(0), 'setCpuDeviceCount: expected a positive integer');
  });

  it('runs replica 1 in the calling thread: its device must be 1', () => {
    const dpt = tables.track(new DPT(1).add(new nn.Linear(2, 2), [2, 1]));
    expectError(() => dpt.forward(t.randn(4, 2)), 'the first replica runs in the calling thread, so its device must be 1 (got 2)');
  });

  it('refuses what cunn refuses: other types, share, clone with names, accUpdateGradParameters, an empty batch', () => {
    const dpt = tables.track(new DPT(1).add(new nn.Linear(2, 2), [1]));
    expectError(() => dpt.type('torch.IntTensor'), 'DataParallelTable supports only', 'torch.FloatTensor', 'torch.DoubleTensor');
    expectError(() => dpt.share(new nn.Linear(2, 2), 'weight'), 'Share not supported for DataParallelTable');
    expectError(() => dpt.clone('weight'), 'Sharing not supported for DataParallelTable');
    expectError(() => dpt.accUpdateGradParameters(t.randn(1, 2), t.randn(1, 2), 0.1), 'accUpdateGradParameters not supported for DataParallelTable.');
    expectError(() => dpt.forward(new t.Tensor(0, 2)), 'no replica produced a result');
    expectError(() => new DPT(1).forward(t.randn(2, 2)), 'no module (call add(module, devices) first)');
  });
});
