/**
 * Tuning aid for the WebAssembly GEMM (not part of `npm run bench`): times blocking configurations
 * interleaved, round after round, so machine noise hits them alike.
 *   node dist/benchmarks/tune.js --threads=1 --sizes=256,1024 --types=f32,f64 --flags=nn,tn 256,16,64 128,16,128
 * Each configuration is `kc,mcPanels,ncCols[,order]` (see WasmEngine.blocking).
 */
import { wasmEngine } from '../lib/blas/wasm/engine.js';
import { gemmRate, randomArray } from './timing.js';

const opt = (name: string, def: string): string => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? def;
const engine = wasmEngine();
if (!engine) throw new Error('WebAssembly engine unavailable');
engine.threads = Number(opt('threads', '1'));
const sizes = opt('sizes', '256,1024').split(',').map(Number);
const configs = process.argv.slice(2).filter((a) => !a.startsWith('--')).map((s) => {
  const [kc, mcPanels, ncCols, order = 0] = s.split(',').map(Number);
  return { kc, mcPanels, ncCols, order };
});
if (configs.length === 0) configs.push({ ...engine.blocking });

for (const type of opt('types', 'f32,f64').split(',')) {
  for (const flags of opt('flags', 'nn').split(',')) {
    for (const n of sizes) {
      const F = type === 'f32' ? Float32Array : Float64Array;
      const a = randomArray<Float32Array | Float64Array>(F, n * n), b = randomArray<Float32Array | Float64Array>(F, n * n), c = new F(n * n);
      const run = (): void => engine.gemm(flags[0] === 't', flags[1] === 't', n, n, n, 1, a, 0, n, b, 0, n, 0, c, 0, n);
      const reps = Math.max(1, Math.round(3e8 / (2 * n ** 3)));
      const times: number[][] = configs.map(() => []);
      for (let w = 0; w < 3; w++) for (const cfg of configs) { engine.blocking = cfg; run(); }
      await new Promise((r) => setTimeout(r, 100));
      for (let round = 0; round < 9; round++) {
        configs.forEach((cfg, i) => {
          engine.blocking = cfg;
          const t0 = performance.now();
          for (let r = 0; r < reps; r++) run();
          times[i].push((performance.now() - t0) / reps);
        });
      }
      const cells = configs.map((cfg, i) => {
        const s = times[i].sort((x, y) => x - y);
        return `${cfg.kc}/${cfg.mcPanels}/${cfg.ncCols}/${cfg.order}: ${gemmRate(n, n, n, s[4]).toFixed(1)} (best ${gemmRate(n, n, n, s[0]).toFixed(1)})`;
      });
      console.log(`${type} ${flags} ${n} thr ${engine.threads} | ${cells.join(' | ')}`);
    }
  }
}
