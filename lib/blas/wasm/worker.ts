/**
 * A GEMM worker thread: instantiates the kernel module on the shared memory, then sleeps on the GEN
 * word and helps with every job published there (see tiles.ts). Started lazily by engine.ts.
 */
import { workerData } from 'node:worker_threads';
import { controlViews, GEN, kernelsOf, runTasks, WORKER_TASKS } from './tiles.js';

const { module, memory } = workerData as { module: WebAssembly.Module; memory: WebAssembly.Memory };
const instance = new WebAssembly.Instance(module, { env: { mem: memory } });
const kernels = kernelsOf(instance);
const control = controlViews(memory.buffer);

// Help with the job in flight (if any), then with each new one.
let seen = Atomics.load(control.ctl, GEN);
for (;;) {
  const ran = runTasks(kernels, control, seen);
  if (ran > 0) Atomics.add(control.ctl, WORKER_TASKS, ran);
  Atomics.wait(control.ctl, GEN, seen);
  seen = Atomics.load(control.ctl, GEN);
}
