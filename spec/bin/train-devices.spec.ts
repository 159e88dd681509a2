/** `torch7ts train --devices N`: data parallel training on CPU devices (nn.DataParallelTable). */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTrainArgs, train, TRAIN_USAGE, UsageError } from '../../bin/train.js';
import { torch } from '../../lib/index.js';
import { nn } from '../../nn/index.js';
import { setCpuDeviceCount } from '../../nn/parallel/cpu.js';

describe('torch7ts train --devices', () => {
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'train-devices-')); });
  after(() => { rmSync(dir, { recursive: true, force: true }); setCpuDeviceCount(undefined); });

  it('reads --devices (default 1) and refuses more devices than the machine has', () => {
    setCpuDeviceCount(2);
    try {
      expect(parseTrainArgs([])!.devices).to.equal(1);
      expect(parseTrainArgs(['--devices', '2'])!.devices).to.equal(2);
      expect(parseTrainArgs(['--devices=1'])!.devices).to.equal(1);
      expect(() => parseTrainArgs(['--devices', '0'])).to.throw(UsageError, /--devices: 0 is out of range \(must be >= 1\)/);
      expect(() => parseTrainArgs(['--devices', '3'])).to.throw(UsageError, /--devices: 3 is out of range \(this machine has 2 CPU devices\)/);
      expect(() => parseTrainArgs(['--devices', 'two'])).to.throw(UsageError, /is not a number/);
    } finally {
      setCpuDeviceCount(undefined);
    }
    expect(TRAIN_USAGE).to.match(/--devices N\s+data parallel on N CPU devices/);
  });

  it('trains the same model on 2 devices as on 1, and saves the plain module', async () => {
    setCpuDeviceCount(2);
    const lines: string[] = [];
    const common = { model: 'mlp' as const, trainSize: 600, testSize: 200, epochs: 1, batchSize: 50, quiet: true };
    try {
      const one = await train({ ...common, devices: 1, output: join(dir, 'one'), print: () => {} });
      const two = await train({ ...common, devices: 2, output: join(dir, 'two'), print: (l) => lines.push(l), quiet: false, write: () => {} });
      expect(Math.abs(two.losses[0] - one.losses[0])).to.be.below(1e-4 * Math.abs(one.losses[0]));
      expect(Math.abs(two.testAccuracy[0] - one.testAccuracy[0])).to.be.at.most(1);
      expect(two.reloadedTestAccuracy).to.equal(two.testAccuracy[0]);
      expect(two.model.__typename).to.equal('nn.Sequential');
      const saved = torch.load(two.modelPath!);
      expect(saved).to.be.instanceOf(nn.Sequential);
      expect(lines.join('\n')).to.match(/devices: 2 CPU devices, nn\.DataParallelTable\(1\)/);
    } finally {
      setCpuDeviceCount(undefined);
    }
  });
});
