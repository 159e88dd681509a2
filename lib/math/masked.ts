/**
 * Masks and subscripts: maskedSelect, maskedFill, maskedCopy (ByteTensor masks of 0 and 1, as many
 * elements as the tensor, row-major order) and nonzero (1-based subscripts). THTensorMath.c.
 */
import { runs1, runs2 } from '../apply.js';
import { checkSameType, defineOp, DEVICE, torchTypeName, type TorchFunction } from '../dispatch.js';
import { TorchError } from '../errors.js';
import { ByteTensor, LongTensor, type Tensor } from '../Tensor.js';
import { sizeDesc } from './indexing.js';

declare module '../dispatch.js' {
  interface TorchOps {
    /**
     * `torch.maskedSelect([res,] src, mask)`: a 1-D tensor of the elements of src where mask is 1.
     * @example torch.maskedSelect(x, x.gt(0)) // the positive elements of x
     */
    maskedSelect: TorchFunction;
    /** `torch.maskedFill(x, mask, value)`: x[i] = value where mask[i] is 1; returns x. */
    maskedFill: TorchFunction;
    /** `torch.maskedCopy(x, mask, src)`: the elements of x where mask is 1 take src's elements in order; returns x. */
    maskedCopy: TorchFunction;
    /**
     * `torch.nonzero([res,] x)`: a LongTensor N x nDim of the 1-based subscripts of x's non-zero elements.
     * @example torch.nonzero(new torch.DoubleTensor([[0, 2], [3, 0]])) // [[1, 2], [2, 1]]
     */
    nonzero: TorchFunction;
  }
}
declare module '../Tensor.js' {
  interface Tensor {
    /**
     * `x.maskedSelect(mask)`: a new 1-D tensor of x's elements where mask is 1;
     * `res.maskedSelect(src, mask)` writes them into res.
     * @example x.maskedSelect(x.ge(1))
     */
    maskedSelect(mask: ByteTensor): this;
    maskedSelect(src: Tensor, mask: ByteTensor): this;
    /** `x.maskedFill(mask, value)`: sets x's elements where mask is 1 to value, in place; returns x. */
    maskedFill(mask: ByteTensor, value: number): this;
    /** `x.maskedCopy(mask, src)`: x's elements where mask is 1 take src's elements in row-major order; returns x. */
    maskedCopy(mask: ByteTensor, src: Tensor): this;
    /** `x.nonzero()`: the 1-based subscripts of x's non-zero elements (LongTensor N x nDim); `res.nonzero(x)` into res. */
    nonzero(): LongTensor;
    nonzero(x: Tensor): LongTensor;
  }
}

const BAD_MASK = 'Mask tensor can take 0 and 1 values only';

/** TH_TENSOR_APPLY2's element-count check, with its message. */
function checkCount(a: Tensor, aName: string, mask: Tensor): void {
  const na = a.nElement(), nm = mask.nElement();
  if (na !== nm) {
    throw new TorchError(`inconsistent tensor size, expected ${aName} ${sizeDesc(a)} and mask ${sizeDesc(mask)} to have the same ` +
      `number of elements, but got ${na} and ${nm} elements respectively`);
  }
}

function maskedFill(t: Tensor, mask: ByteTensor, value: number): Tensor {
  checkCount(t, 'tensor', mask);
  const v = t.kind.key === 'Long' ? Math.trunc(value) : value;
  const data = t._storage.data, m = mask._storage.data;
  if (t.isContiguous() && mask.isContiguous()) {
    const n = t.nElement(), to = t.offset, mo = mask.offset;
    for (let i = 0; i < n; i++) {
      const k = m[mo + i];
      if (k === 1) data[to + i] = v;
      else if (k !== 0) throw new TorchError(BAD_MASK);
    }
    return t;
  }
  runs2(t, mask, (ot, st, om, sm, len) => {
    for (let i = 0; i < len; i++, ot += st, om += sm) {
      const k = m[om];
      if (k === 1) data[ot] = v;
      else if (k !== 0) throw new TorchError(BAD_MASK);
    }
  });
  return t;
}

function maskedCopy(t: Tensor, mask: ByteTensor, src: Tensor): Tensor {
  checkSameType('maskedCopy', t, src);
  if (t.nElement() !== mask.nElement()) throw new TorchError('Number of elements of destination tensor != Number of elements in mask');
  const s = src.contiguous(); // TH reads src through newContiguous as well
  const from = s._storage.data, nelem = s.nElement();
  const data = t._storage.data, m = mask._storage.data;
  let p = s.offset;
  const end = s.offset + nelem;
  runs2(t, mask, (ot, st, om, sm, len) => {
    for (let i = 0; i < len; i++, ot += st, om += sm) {
      const k = m[om];
      if (k === 1) {
        if (p === end) throw new TorchError('Number of elements of src < number of ones in mask');
        data[ot] = from[p++];
      } else if (k !== 0) throw new TorchError(BAD_MASK);
    }
  });
  return t;
}

function maskedSelect(res: Tensor, src: Tensor, mask: ByteTensor): Tensor {
  checkSameType('maskedSelect', res, src);
  checkCount(src, 'src', mask);
  const m = mask._storage.data;
  let count = 0;
  runs1(mask, (o, s, len) => {
    for (let i = 0; i < len; i++, o += s) {
      const k = m[o];
      if (k === 1) count++;
      else if (k !== 0) throw new TorchError(BAD_MASK);
    }
  });
  if (res._storage === src._storage) { // the result would overwrite its own source: use a temporary
    const tmp = maskedSelect(src.new(), src, mask);
    return res.resizeAs(tmp).copy(tmp);
  }
  res.resize(count);
  const out = res._storage.data, from = src._storage.data;
  let r = res.offset;
  if (src.isContiguous() && mask.isContiguous()) {
    const n = src.nElement(), so = src.offset, mo = mask.offset;
    for (let i = 0; i < n; i++) if (m[mo + i] === 1) out[r++] = from[so + i];
    return res;
  }
  runs2(src, mask, (os, ss, om, sm, len) => {
    for (let i = 0; i < len; i++, os += ss, om += sm) if (m[om] === 1) out[r++] = from[os];
  });
  return res;
}

/** Visits x's elements in row-major order: `fn` gets each run's offset, stride and length (last dim). */
function rows(x: Tensor, fn: (o: number, s: number, len: number, coords: number[]) => void): void {
  const nd = x.dim();
  if (nd === 0) return;
  const size = x._size, stride = x._stride, coords = new Array<number>(nd).fill(0);
  let o = x.offset;
  const len = size[nd - 1], s = stride[nd - 1];
  for (;;) {
    fn(o, s, len, coords);
    let d = nd - 2;
    for (; d >= 0; d--) {
      coords[d]++;
      o += stride[d];
      if (coords[d] < size[d]) break;
      o -= coords[d] * stride[d];
      coords[d] = 0;
    }
    if (d < 0) return;
  }
}

function nonzero(res: LongTensor, x: Tensor): LongTensor {
  if (res._storage === x._storage) { // the result would overwrite its own input: use a temporary
    const tmp = nonzero(new LongTensor(), x);
    return res.resizeAs(tmp).copy(tmp);
  }
  const data = x._storage.data, nd = x.dim();
  let count = 0;
  rows(x, (o, s, len) => { for (let i = 0; i < len; i++, o += s) if (data[o] !== 0) count++; });
  res.resize(count, nd);
  if (count === 0) return res;
  const out = res._storage.data;
  let r = res.offset;
  rows(x, (o, s, len, coords) => {
    for (let i = 0; i < len; i++, o += s) {
      if (data[o] !== 0) {
        for (let d = 0; d < nd - 1; d++) out[r++] = coords[d] + 1;
        out[r++] = i + 1;
      }
    }
  });
  return res;
}

/**
 * cutorch's masks of the tensor's own type (CudaTensor masks, kept on the device; optim.rprop makes
 * them): for device tensors only, since TH's CPU kernels take ByteTensor masks. A device op takes them
 * first; if it declines, the mask is read as a ByteTensor. CPU tensors get TH's "invalid arguments".
 */
function deviceMask<A extends unknown[]>(name: string, expected: string, f: (...a: A) => Tensor, maskAt: number) {
  return (...args: A): Tensor => {
    const mask = args[maskAt] as Tensor;
    if (!DEVICE.isDevice(mask)) {
      throw new TorchError(`invalid arguments to '${name}': ${args.map(torchTypeName).join(' ')}\nexpected arguments: ${expected}`);
    }
    const bytes = new ByteTensor().resize(mask.size()).copy(mask);
    const a = [...args] as A;
    a[maskAt] = bytes;
    return f(...a);
  };
}

defineOp('maskedSelect', {
  'Tensor, ByteTensor': (src: Tensor, mask: ByteTensor) => maskedSelect(src.new(), src, mask),
  'Tensor, Tensor, ByteTensor': maskedSelect,
  'Tensor, Tensor': deviceMask('maskedSelect', '[Tensor] Tensor ByteTensor', (src: Tensor, mask: ByteTensor) => maskedSelect(src.new(), src, mask), 1),
  'Tensor, Tensor, Tensor': deviceMask('maskedSelect', '[Tensor] Tensor ByteTensor', maskedSelect, 2),
});
defineOp('maskedFill', {
  'Tensor, ByteTensor, number': maskedFill,
  'Tensor, Tensor, number': deviceMask('maskedFill', 'Tensor ByteTensor number', maskedFill, 1),
});
defineOp('maskedCopy', {
  'Tensor, ByteTensor, Tensor': maskedCopy,
  'Tensor, Tensor, Tensor': deviceMask('maskedCopy', 'Tensor ByteTensor Tensor', maskedCopy, 1),
});
defineOp('nonzero', {
  'Tensor': (x: Tensor) => nonzero(new LongTensor(), x),
  'LongTensor, Tensor': nonzero,
});
