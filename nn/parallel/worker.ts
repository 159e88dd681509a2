/**
 * The worker thread of a CPU device (devices 2..n): it holds replicas of modules, rebuilt from
 * their .t7 bytes, runs their jobs on tensors in shared memory, and answers each request (see
 * protocol.ts: messages, and the fast path through the control array). Parameters, gradients, outputs and gradInputs are moved into shared memory in place
 * (`shareInPlace`), so the calling thread sums, broadcasts and gathers them without copies.
 */
import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import type { Tensor } from '../../lib/Tensor.js';
import type { Module } from '../Module.js';
import type { Activity } from '../utils.js';
import type { Job } from './devices.js';
import {
  CTRL_DONE, CTRL_EXITING, CTRL_FAST_DONE, CTRL_OP, CTRL_PART, CTRL_PARTS, CTRL_REPLICA, CTRL_REQ, CTRL_SCALE, CTRL_SLEEPING,
  CTRL_SPIN, errorInfo, FAST_OPS, type Reply, type Request, type WorkerInit,
} from './protocol.js';
import { describe, materialize, sameSignature, shareInPlace, shareResult, viewOf, viewSignature, type Desc } from './shared.js';

const init = workerData as WorkerInit;
const ctrl = new Int32Array(init.control);
const scales = new Float64Array(init.control);
process.on('exit', () => { Atomics.store(ctrl, CTRL_EXITING, 1); Atomics.notify(ctrl, CTRL_DONE); });

/** A job as last received through the port, per op: what a fast request of that op runs again. */
interface LastJob { job: Job; from?: Desc; fromKey?: string }

interface Held {
  module: Module; seen: unknown[];
  /** Once shared: the `from` descriptors (viewOf) the parameters are views of, and their storages then. */
  sharing?: { key: string; storages: unknown[] };
  /** Per op: the last job received through the port, and the signature of the result last replied. */
  jobs: Map<string, LastJob>;
  results: Map<string, unknown[]>;
}
const held = new Map<number, Held>();

let booted: Error | undefined;
let lib: typeof import('../../lib/index.js') | undefined;
let runJob: typeof import('./LocalReplica.js').runJob | undefined;
try {
  lib = await import('../../lib/index.js');
  await import('../index.js'); // registers the nn classes that torch.deserialize builds
  runJob = (await import('./LocalReplica.js')).runJob;
  for (const m of init.imports) await import(m);
  lib.torch.setdefaulttensortype(init.defaultTensorType);
  lib.torch.setnumthreads(1); // one core per device
} catch (e) {
  booted = e instanceof Error ? e : new Error(String(e));
  booted.message = `the worker thread could not start: ${booted.message}`;
}

/** The replica's tensors in shared memory; their descriptors when they changed since the last reply. */
function parameterDescs(h: Held): [Desc[], Desc[]] | undefined {
  const [p, g] = h.module.parameters() ?? [[], []];
  for (const t of p) shareInPlace(t.storage());
  for (const t of g) shareInPlace(t.storage());
  const seen = viewSignature(g, viewSignature(p));
  if (sameSignature(seen, h.seen)) return undefined;
  h.seen = seen;
  return [p.map(describe), g.map(describe)];
}

/**
 * The deferred broadcast: the replica's parameters become views of replica 1's (`from`, in shared
 * memory), so once made it costs nothing (the calling thread updates them between jobs, never during
 * one). Modules that write their weights in the forward get an immediate copy instead (DataParallelTable).
 */
function shareParameters(h: Held, from: Desc, key = viewOf(from)): void {
  const mine = h.module.parameters()?.[0] ?? [];
  if (h.sharing?.key === key && mine.every((p, j) => p.storage() === h.sharing!.storages[j])) return;
  const src = materialize(from) as Tensor[];
  if (mine.length !== src.length) throw new Error(`internal: ${src.length} parameters sent for a replica with ${mine.length}`);
  mine.forEach((p, j) => p.set(src[j]));
  h.sharing = { key, storages: mine.map((p) => p.storage()) };
}

function replica(id: number): Held {
  const h = held.get(id);
  if (!h) throw new Error(`internal: no replica ${id} on this worker`);
  return h;
}

function serve(req: Request): Omit<Extract<Reply, { ok: true }>, 'seq' | 'ok'> {
  if (booted) throw booted;
  const { torch } = lib!;
  switch (req.kind) {
    case 'hello': case 'wake': return {};
    case 'drop': held.delete(req.replica); return {};
    case 'load': {
      torch.manualSeed(req.seed);
      const module = torch.deserialize(req.bytes) as Module;
      const h: Held = { module, seen: [], jobs: new Map(), results: new Map() };
      held.set(req.replica, h);
      return { params: parameterDescs(h) };
    }
    case 'job': {
      const h = replica(req.replica);
      const job = {
        op: req.op, input: materialize(req.input ?? null), gradOutput: materialize(req.gradOutput ?? null), scale: req.scale ?? 1,
        grads: materialize(req.grads ?? null), part: req.part, parts: req.parts,
      } as Job;
      const last: LastJob = req.from ? { job, from: req.from, fromKey: viewOf(req.from) } : { job };
      h.jobs.set(req.op, last);
      return run(h, last, false) as Omit<Extract<Reply, { ok: true }>, 'seq' | 'ok'>;
    }
  }
}

/**
 * Runs a job on a replica; its reply, or 'same' (when `fast`) if the result and the parameters are
 * the tensors of the op's last reply.
 */
function run(h: Held, last: LastJob, fast: boolean): Omit<Extract<Reply, { ok: true }>, 'seq' | 'ok'> | 'same' {
  const { job } = last;
  if (last.from) shareParameters(h, last.from, last.fromKey);
  const r = runJob!(h.module, job);
  const out: Omit<Extract<Reply, { ok: true; same?: undefined }>, 'seq' | 'ok'> = {};
  if (job.op === 'getParameters') {
    const [fp, fg] = r as [Tensor, Tensor];
    shareInPlace(fp.storage());
    shareInPlace(fg.storage());
    out.flat = [describe(fp), describe(fg)];
  }
  const result = job.op === 'updateOutput' || job.op === 'updateGradInput' || job.op === 'backward'
    ? (r === undefined || r === null ? null : shareResult(r as Activity)) : undefined;
  const params = parameterDescs(h);
  const sig = viewSignature(result);
  if (fast && params === undefined && sameSignature(sig, h.results.get(job.op))) return 'same';
  h.results.set(job.op, sig);
  if (result !== undefined) out.result = describe(result);
  out.params = params;
  return out;
}

let lastFast = 0;

/**
 * Serves `req` (from the port's 'message' event), then the fast requests and the port's messages
 * that come while it polls for CTRL_SPIN ms after each reply; then marks itself sleeping.
 */
function handle(req: Request | undefined): void {
  Atomics.store(ctrl, CTRL_SLEEPING, 0);
  for (;;) {
    // a fast request stored before a port message was posted is older: serve it first
    if (Atomics.load(ctrl, CTRL_REQ) > lastFast) { answerFast(); continue; }
    if (req) {
      if (req.kind !== 'wake') answer(req);
      req = undefined;
      continue;
    }
    const next = nextRequest();
    if (next === 'fast') continue;
    if (next) { req = next; continue; }
    Atomics.store(ctrl, CTRL_SLEEPING, 1);
    if (Atomics.load(ctrl, CTRL_REQ) === lastFast) return; // else the caller may have missed our flag
    Atomics.store(ctrl, CTRL_SLEEPING, 0);
  }
}

/** The next port message, or 'fast', if either comes within the caller's spin budget. */
function nextRequest(): Request | 'fast' | undefined {
  const end = performance.now() + Atomics.load(ctrl, CTRL_SPIN);
  do {
    if (Atomics.load(ctrl, CTRL_REQ) > lastFast) return 'fast';
    const m = receiveMessageOnPort(init.port);
    if (m) return m.message as Request;
  } while (performance.now() < end);
  return undefined;
}

function answer(req: Request): void {
  let reply: Reply;
  try {
    reply = { seq: req.seq, ok: true, ...serve(req) };
  } catch (e) {
    reply = { seq: req.seq, ok: false, error: errorInfo(e) };
  }
  post(reply);
}

/** Runs the fast request in the control array: the op's last job on the replica, with the new scale and part. */
function answerFast(): void {
  const seq = Atomics.load(ctrl, CTRL_REQ);
  lastFast = seq;
  let reply: Reply;
  try {
    const op = FAST_OPS[ctrl[CTRL_OP]];
    const h = replica(ctrl[CTRL_REPLICA]);
    const last = h.jobs.get(op);
    if (!last) throw new Error(`internal: a fast ${op} request before any ${op} job`);
    Object.assign(last.job, { scale: scales[CTRL_SCALE], part: ctrl[CTRL_PART], parts: ctrl[CTRL_PARTS] });
    const r = run(h, last, true);
    if (r === 'same') {
      Atomics.store(ctrl, CTRL_FAST_DONE, seq);
      Atomics.store(ctrl, CTRL_DONE, seq);
      Atomics.notify(ctrl, CTRL_DONE);
      return;
    }
    reply = { seq, ok: true, ...r };
  } catch (e) {
    reply = { seq, ok: false, error: errorInfo(e) };
  }
  post(reply);
}

function post(reply: Reply): void {
  init.port.postMessage(reply);
  Atomics.store(ctrl, CTRL_DONE, reply.seq);
  Atomics.notify(ctrl, CTRL_DONE);
}

init.port.on('message', handle);
