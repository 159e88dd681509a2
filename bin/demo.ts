/** `torch7ts demo`: a short tour of the tensor library, printed as Torch prints. */
import { torch } from '../lib/index.js';
import { blasInfo } from '../lib/blas/index.js';

const t = torch as any;

/** Runs the tour; `args` is ignored for now. */
export function demo(_args: string[]): void {
  const say = (title: string, value: unknown) => console.log(`\n> ${title}\n${String(value)}`);
  t.manualSeed(123);
  const x = new torch.Tensor([[1, 2, 3], [4, 5, 6]]);
  say('x = torch.Tensor({{1,2,3},{4,5,6}})', x);
  say('x:t()  -- a view: no copy', x.t());
  say('x:narrow(2, 2, 2)', x.narrow(2, 2, 2));
  say('torch.mm(x, x:t())', t.mm(x, x.t()));
  say('x:sum(2)  -- reductions keep the dim', x.sum(2));
  say('x:sum()', x.sum());
  const [vals, idx] = t.max(x, 2);
  say('torch.max(x, 2)  -- values', vals);
  say('  ... and 1-based indices', idx);
  say('torch.manualSeed(123); torch.rand(5)  -- MT19937, bit for bit as Torch7', (t.manualSeed(123), t.rand(5)));
  say('torch.randn(2, 3):float()', t.randn(2, 3).float());
  const n = 512;
  const a = t.randn(n, n).float(), b = t.randn(n, n).float();
  const start = process.hrtime.bigint();
  t.mm(a, b);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const info = blasInfo();
  console.log(`\n> torch.mm of two ${n}x${n} FloatTensors: ${ms.toFixed(1)} ms ` +
    `(${((2 * n ** 3) / ms / 1e6).toFixed(1)} GFLOP/s, BLAS backend: ${info.backend}${info.library ? ` ${info.library}` : ''}, ${info.threads} thread(s))`);
}
