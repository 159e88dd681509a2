/** `torch7ts train --cuda`: the trainer on torch.CudaTensor follows the CPU run, with no CPU fallback. */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTrainArgs, train, TRAIN_USAGE } from '../../bin/train.js';
import { cuda } from '../../cuda/index.js';

describe('torch7ts train --cuda', () => {
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'train-cuda-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads --cuda (off by default) and counts cuda devices for --devices', () => {
    expect(parseTrainArgs([])!.cuda).to.equal(false);
    expect(parseTrainArgs(['--cuda'])!.cuda).to.equal(true);
    expect(parseTrainArgs(['--cuda', '--devices', String(cuda.getDeviceCount())])!.devices).to.equal(cuda.getDeviceCount());
    expect(() => parseTrainArgs(['--cuda', '--devices', String(cuda.getDeviceCount() + 1)])).to.throw(/cuda devices/);
    expect(TRAIN_USAGE).to.match(/--cuda\s+train on torch\.CudaTensor/);
  });

  for (const model of ['mlp', 'lenet'] as const) {
    it(`trains the ${model} on CudaTensor as on the CPU, saves CudaTensors and reloads them`, async () => {
      const common = { model, trainSize: 300, testSize: 100, epochs: 1, batchSize: 50, quiet: true, print: () => {} };
      const cpu = await train({ ...common, output: join(dir, `${model}-cpu`) });
      cuda.resetFallbacks();
      const gpu = await train({ ...common, cuda: true, output: join(dir, `${model}-gpu`) });
      expect(cuda.fallbacks()).to.deep.equal({});
      expect(Math.abs(gpu.losses[0] - cpu.losses[0])).to.be.below(1e-3 * Math.abs(cpu.losses[0]));
      expect(Math.abs(gpu.testAccuracy[0] - cpu.testAccuracy[0])).to.be.at.most(2);
      expect(gpu.reloadedTestAccuracy).to.equal(gpu.testAccuracy[0]);
      expect(gpu.model.parameters()![0][0].type()).to.equal('torch.CudaTensor');
    });
  }
});
