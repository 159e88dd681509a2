import { expect } from 'chai';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { torch } from '../../lib/index.js';
import { t7Command } from '../../bin/t7.js';
import { fixture } from '../helpers.js';

function run(args: string[]): { code: number; out: string; err: string } {
  let out = '', err = '';
  const code = t7Command(args, (s) => { out += s; }, (s) => { err += s; });
  return { code, out, err };
}

describe('torch7ts t7 (command line)', () => {
  const mlp = fixture('torch7-ref', 'models', 'mlp.t7');

  it('info prints the module tree as Torch prints it, with tensor types and sizes', () => {
    const r = run(['info', mlp]);
    expect(r.code).to.equal(0);
    expect(r.out).to.include('nn.Sequential');
    expect(r.out).to.include('nn.Linear(10 -> 20)');
    expect(r.out).to.match(/torch\.DoubleTensor/);
    expect(r.out).to.match(/20x10/);
  });

  it('convert writes ascii and binary that load back to the same model', () => {
    const dir = mkdtempSync(join(tmpdir(), 't7cli-'));
    const a = join(dir, 'mlp.ascii.t7'), b = join(dir, 'mlp.bin.t7');
    expect(run(['convert', mlp, a, '--ascii']).code).to.equal(0);
    expect(readFileSync(a, 'latin1')).to.match(/^4\n/);
    expect(run(['convert', a, b, '--binary']).code).to.equal(0);
    const m0: any = torch.load(mlp), m1: any = torch.load(b), m2: any = torch.load(a, 'ascii');
    const x = (torch as any).randn(3, 10);
    const y0 = m0.forward(x).clone();
    expect(m1.forward(x).clone().add(-1, y0).abs().max()).to.equal(0);
    expect(m2.forward(x).clone().add(-1, y0).abs().max()).to.equal(0);
  });

  it('bad usage gets a clear message and exit code 2', () => {
    expect(run([]).code).to.equal(2);
    const unknown = run(['frobnicate', mlp]);
    expect(unknown.code).to.equal(2);
    expect(unknown.err).to.match(/unknown subcommand 'frobnicate'/);
    expect(run(['convert', mlp, '/tmp/x.t7']).err).to.match(/expected IN OUT and a format flag/);
    expect(run(['info', mlp, '--xml']).err).to.match(/unknown option --xml/);
    expect(() => run(['info', fixture('torch7-ref', 'README.md')])).to.throw(/offset|expected/i);
  });
});
