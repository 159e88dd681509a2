/**
 * The messages between the calling thread and a CPU worker device. Requests go through a
 * MessagePort; a reply is posted back and announced by storing its sequence number in the control
 * word (`Int32Array` over a SharedArrayBuffer), so the caller can block on `Atomics.wait` and read
 * the reply with `receiveMessageOnPort` without returning to its event loop.
 */
import type { MessagePort } from 'node:worker_threads';
import type { Job } from './devices.js';
import type { Desc } from './shared.js';

/** Slots of the control array. */
export const CTRL_DONE = 0;
/** Set to 1 by the worker as its thread exits (process.exit, uncaught error). */
export const CTRL_EXITING = 1;
/** How long (ms) the worker polls for its next request after a reply before it sleeps (set by the caller with each request). */
export const CTRL_SPIN = 2;
export const CTRL_SLOTS = 3;

/** What the worker gets at start. */
export interface WorkerInit {
  control: SharedArrayBuffer;
  port: MessagePort;
  /** Module specifiers imported before any replica is built (custom nn classes). */
  imports: string[];
  defaultTensorType: string;
}

/** A request to the worker. */
export type Request =
  | { seq: number; kind: 'hello' }
  | { seq: number; kind: 'load'; replica: number; bytes: Uint8Array; seed: number }
  | { seq: number; kind: 'drop'; replica: number }
  | {
    seq: number; kind: 'job'; replica: number; op: Job['op']; input?: Desc; gradOutput?: Desc; scale?: number; from?: Desc;
    /** reduceGradients: every replica's gradients, and which part of the sum this thread runs. */
    grads?: Desc; part?: number; parts?: number;
  };

/** A request before `post` numbers it. */
export type Unnumbered = Request extends infer R ? (R extends { seq: number } ? Omit<R, 'seq'> : never) : never;

/** An error as it crosses threads. */
export interface ErrorInfo { name: string; message: string; stack?: string }

/** The worker's answer to one request. */
export type Reply =
  | { seq: number; ok: true; result?: Desc; flat?: [Desc, Desc]; params?: [Desc[], Desc[]] }
  | { seq: number; ok: false; error: ErrorInfo };

/** Rebuilds an Error from its ErrorInfo (the worker's stack is kept). */
export function toError(info: ErrorInfo): Error {
  const e = new Error(info.message);
  e.name = info.name;
  if (info.stack) e.stack = info.stack;
  return e;
}

/** The ErrorInfo of anything thrown. */
export function errorInfo(e: unknown): ErrorInfo {
  if (e instanceof Error) return { name: e.name, message: e.message, stack: e.stack };
  return { name: 'Error', message: String(e) };
}
