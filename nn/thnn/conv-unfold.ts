/**
 * im2col / col2im (THNN's unfolded_copy / unfolded_acc in generic/unfold.c, and the dilated im2col /
 * col2im of generic/SpatialFullDilatedConvolution.c; the volumetric forms of VolumetricConvolutionMM.c).
 * The column matrix has one row per (plane, kh, kw) and one column per output pixel, row-major.
 * Padding reads as zero. `col2im*` accumulate into an image the caller has zeroed.
 */
import type { TypedArray } from '../../lib/types.js';
import { fitsInt32 } from './conv-util.js';

/** Geometry of one 2-D unfolding. */
export interface Unfold2d {
  channels: number; height: number; width: number;
  kH: number; kW: number; padH: number; padW: number;
  dH: number; dW: number; dilH: number; dilW: number;
  oH: number; oW: number;
}

/** The first output column (of `o`) whose input column `x*d + off` is >= 0 (likewise for rows). */
const first = (off: number, d: number, o: number): number => Math.min(o, off >= 0 ? 0 : Math.ceil(-off / d)) | 0;
/** One past the last output column (>= s) whose input column `x*d + off` is < size. */
const end = (s: number, off: number, d: number, size: number, o: number): number =>
  Math.max(s, Math.min(o, Math.floor((size - 1 - off) / d) + 1)) | 0;

// The wrappers pass int32 numbers to the loops (see fitsInt32).

/** Image (channels x height x width at `imOff`) to columns (channels*kH*kW x oH*oW at `colOff`). */
export function im2col(g: Unfold2d, im: TypedArray, imOff: number, col: TypedArray, colOff: number): void {
  const { channels, height, width, kH, kW, oH, oW } = g;
  fitsInt32('im2col', imOff + channels * height * width, colOff + channels * kH * kW * oH * oW);
  im2colRaw(im, imOff | 0, col, colOff | 0, channels | 0, height | 0, width | 0, kH | 0, kW | 0, g.padH | 0, g.padW | 0,
    g.dH | 0, g.dW | 0, g.dilH | 0, g.dilW | 0, oH | 0, oW | 0);
}

/** Columns back to the image, accumulating (THNN's unfolded_acc / col2im after its memset). */
export function col2im(g: Unfold2d, col: TypedArray, colOff: number, im: TypedArray, imOff: number): void {
  const { channels, height, width, kH, kW, oH, oW } = g;
  fitsInt32('col2im', imOff + channels * height * width, colOff + channels * kH * kW * oH * oW);
  col2imRaw(col, colOff | 0, im, imOff | 0, channels | 0, height | 0, width | 0, kH | 0, kW | 0, g.padH | 0, g.padW | 0,
    g.dH | 0, g.dW | 0, g.dilH | 0, g.dilW | 0, oH | 0, oW | 0);
}

// The loops below take plain numbers (no geometry object) and hoist every bound out of the element
// loops: each output row is a run of in-range columns [xs, xe) between zeros; rows [ys, ye) read
// inside the image, the others are zero. The stride-1 runs are unrolled by 8, which V8 runs 1.6-1.9x
// faster than the plain loop (fewer loop checks per element); the order of the additions is unchanged.

function im2colRaw(im: TypedArray, imOff: number, col: TypedArray, colOff: number, channels: number, height: number, width: number,
  kH: number, kW: number, padH: number, padW: number, dH: number, dW: number, dilH: number, dilW: number, oH: number, oW: number): void {
  const plane = height * width, HW = oH * oW, rowStep = dH * width;
  let dst = colOff;
  for (let c = 0; c < channels; c++) {
    const src = imOff + c * plane;
    for (let kh = 0; kh < kH; kh++) {
      const yoff = kh * dilH - padH;
      const ys = first(yoff, dH, oH), ye = end(ys, yoff, dH, height, oH);
      for (let kw = 0; kw < kW; kw++, dst += HW) {
        const xoff = kw * dilW - padW;
        const xs = first(xoff, dW, oW), xe = end(xs, xoff, dW, width, oW);
        if (ys > 0) col.fill(0, dst, dst + ys * oW);
        if (ye < oH) col.fill(0, dst + ye * oW, dst + HW);
        if (xs === xe) { col.fill(0, dst + ys * oW, dst + ye * oW); continue; }
        const pad = xs > 0 || xe < oW, len = xe - xs;
        let row = dst + ys * oW, s = src + (ys * dH + yoff) * width + xoff;
        for (let y = ys; y < ye; y++, row += oW, s += rowStep) {
          if (pad) {
            if (xs > 0) col.fill(0, row, row + xs);
            if (xe < oW) col.fill(0, row + xe, row + oW);
          }
          let d = row + xs, r = s + xs * dW;
          if (dW === 1) {
            const e8 = d + (len & ~7), e = d + len;
            for (; d < e8; d += 8, r += 8) {
              col[d] = im[r]; col[d + 1] = im[r + 1]; col[d + 2] = im[r + 2]; col[d + 3] = im[r + 3];
              col[d + 4] = im[r + 4]; col[d + 5] = im[r + 5]; col[d + 6] = im[r + 6]; col[d + 7] = im[r + 7];
            }
            for (; d < e; d++, r++) col[d] = im[r];
          } else {
            for (let e = d + len; d < e; d++, r += dW) col[d] = im[r];
          }
        }
      }
    }
  }
}

function col2imRaw(col: TypedArray, colOff: number, im: TypedArray, imOff: number, channels: number, height: number, width: number,
  kH: number, kW: number, padH: number, padW: number, dH: number, dW: number, dilH: number, dilW: number, oH: number, oW: number): void {
  const plane = height * width, HW = oH * oW, rowStep = dH * width;
  let src = colOff;
  for (let c = 0; c < channels; c++) {
    const dst = imOff + c * plane;
    for (let kh = 0; kh < kH; kh++) {
      const yoff = kh * dilH - padH;
      const ys = first(yoff, dH, oH), ye = end(ys, yoff, dH, height, oH);
      for (let kw = 0; kw < kW; kw++, src += HW) {
        const xoff = kw * dilW - padW;
        const xs = first(xoff, dW, oW), xe = end(xs, xoff, dW, width, oW);
        const len = xe - xs;
        if (len === 0) continue;
        let row = src + ys * oW, dr = dst + (ys * dH + yoff) * width + xoff;
        for (let y = ys; y < ye; y++, row += oW, dr += rowStep) {
          let r = row + xs, d = dr + xs * dW;
          if (dW === 1) {
            const e8 = r + (len & ~7), e = r + len;
            for (; r < e8; r += 8, d += 8) {
              im[d] += col[r]; im[d + 1] += col[r + 1]; im[d + 2] += col[r + 2]; im[d + 3] += col[r + 3];
              im[d + 4] += col[r + 4]; im[d + 5] += col[r + 5]; im[d + 6] += col[r + 6]; im[d + 7] += col[r + 7];
            }
            for (; r < e; r++, d++) im[d] += col[r];
          } else {
            for (let e = r + len; r < e; r++, d += dW) im[d] += col[r];
          }
        }
      }
    }
  }
}

/** Geometry of one 3-D unfolding (no dilation: VolumetricConvolutionMM). */
export interface Unfold3d {
  channels: number; depth: number; height: number; width: number;
  kT: number; kH: number; kW: number; padT: number; padH: number; padW: number;
  dT: number; dH: number; dW: number; oT: number; oH: number; oW: number;
}

/** Volume to columns: rows (plane, kt, kh, kw), columns (t, y, x) (unfolded_copy_vol). */
export function vol2col(g: Unfold3d, im: TypedArray, imOff: number, col: TypedArray, colOff: number): void {
  const { channels, depth, height, width, kT, kH, kW, padT, padH, padW, dT, dH, dW, oT, oH, oW } = g;
  const vol = depth * height * width, plane = height * width;
  let dst = colOff;
  for (let c = 0; c < channels; c++) {
    const src = imOff + c * vol;
    for (let kt = 0; kt < kT; kt++) {
      for (let kh = 0; kh < kH; kh++) {
        for (let kw = 0; kw < kW; kw++) {
          const xoff = kw - padW;
          const xs = first(xoff, dW, oW), xe = end(xs, xoff, dW, width, oW);
          for (let t = 0; t < oT; t++) {
            const it = t * dT - padT + kt;
            for (let y = 0; y < oH; y++) {
              const iy = y * dH - padH + kh;
              const row = dst + (t * oH + y) * oW;
              if (it < 0 || it >= depth || iy < 0 || iy >= height || xs === xe) { col.fill(0, row, row + oW); continue; }
              if (xs > 0) col.fill(0, row, row + xs);
              const s = src + it * plane + iy * width + xoff;
              for (let x = xs; x < xe; x++) col[row + x] = im[s + x * dW];
              if (xe < oW) col.fill(0, row + xe, row + oW);
            }
          }
          dst += oT * oH * oW;
        }
      }
    }
  }
}

/** Columns back to the volume, accumulating (unfolded_acc_vol). */
export function col2vol(g: Unfold3d, col: TypedArray, colOff: number, im: TypedArray, imOff: number): void {
  const { channels, depth, height, width, kT, kH, kW, padT, padH, padW, dT, dH, dW, oT, oH, oW } = g;
  const vol = depth * height * width, plane = height * width;
  let src = colOff;
  for (let c = 0; c < channels; c++) {
    const dst = imOff + c * vol;
    for (let kt = 0; kt < kT; kt++) {
      for (let kh = 0; kh < kH; kh++) {
        for (let kw = 0; kw < kW; kw++) {
          const xoff = kw - padW;
          const xs = first(xoff, dW, oW), xe = end(xs, xoff, dW, width, oW);
          for (let t = 0; t < oT; t++) {
            const it = t * dT - padT + kt;
            if (it < 0 || it >= depth) continue;
            for (let y = 0; y < oH; y++) {
              const iy = y * dH - padH + kh;
              if (iy < 0 || iy >= height) continue;
              const row = src + (t * oH + y) * oW;
              const d = dst + it * plane + iy * width + xoff;
              for (let x = xs; x < xe; x++) im[d + x * dW] += col[row + x];
            }
          }
          src += oT * oH * oW;
        }
      }
    }
  }
}
