/**
 * im2col / col2im (THNN's unfolded_copy / unfolded_acc in generic/unfold.c, and the dilated im2col /
 * col2im of generic/SpatialFullDilatedConvolution.c; the volumetric forms of VolumetricConvolutionMM.c).
 * The column matrix has one row per (plane, kh, kw) and one column per output pixel, row-major.
 * Padding reads as zero. `col2im*` accumulate into an image the caller has zeroed.
 */
import type { TypedArray } from '../../lib/types.js';

/** Geometry of one 2-D unfolding. */
export interface Unfold2d {
  channels: number; height: number; width: number;
  kH: number; kW: number; padH: number; padW: number;
  dH: number; dW: number; dilH: number; dilW: number;
  oH: number; oW: number;
}

/** The first output column whose input column `x*dW + xoff` is >= 0. */
const xFirst = (xoff: number, dW: number, oW: number): number => Math.min(oW, xoff >= 0 ? 0 : Math.ceil(-xoff / dW));
/** One past the last output column (>= xs) whose input column `x*dW + xoff` is < width. */
const xEnd = (xs: number, xoff: number, dW: number, width: number, oW: number): number =>
  Math.max(xs, Math.min(oW, Math.floor((width - 1 - xoff) / dW) + 1));

/** Image (channels x height x width at `imOff`) to columns (channels*kH*kW x oH*oW at `colOff`). */
export function im2col(g: Unfold2d, im: TypedArray, imOff: number, col: TypedArray, colOff: number): void {
  const { channels, height, width, kH, kW, padH, padW, dH, dW, dilH, dilW, oH, oW } = g;
  const plane = height * width;
  let dst = colOff;
  for (let c = 0; c < channels; c++) {
    const src = imOff + c * plane;
    for (let kh = 0; kh < kH; kh++) {
      for (let kw = 0; kw < kW; kw++) {
        const xoff = kw * dilW - padW;
        const xs = xFirst(xoff, dW, oW), xe = xEnd(xs, xoff, dW, width, oW);
        for (let y = 0; y < oH; y++) {
          const iy = y * dH - padH + kh * dilH;
          const row = dst + y * oW;
          if (iy < 0 || iy >= height || xs === xe) { col.fill(0, row, row + oW); continue; }
          if (xs > 0) col.fill(0, row, row + xs);
          const s = src + iy * width + xoff;
          if (dW === 1) for (let x = xs; x < xe; x++) col[row + x] = im[s + x];
          else for (let x = xs; x < xe; x++) col[row + x] = im[s + x * dW];
          if (xe < oW) col.fill(0, row + xe, row + oW);
        }
        dst += oH * oW;
      }
    }
  }
}

/** Columns back to the image, accumulating (THNN's unfolded_acc / col2im after its memset). */
export function col2im(g: Unfold2d, col: TypedArray, colOff: number, im: TypedArray, imOff: number): void {
  const { channels, height, width, kH, kW, padH, padW, dH, dW, dilH, dilW, oH, oW } = g;
  const plane = height * width;
  let src = colOff;
  for (let c = 0; c < channels; c++) {
    const dst = imOff + c * plane;
    for (let kh = 0; kh < kH; kh++) {
      for (let kw = 0; kw < kW; kw++) {
        const xoff = kw * dilW - padW;
        const xs = xFirst(xoff, dW, oW), xe = xEnd(xs, xoff, dW, width, oW);
        for (let y = 0; y < oH; y++) {
          const iy = y * dH - padH + kh * dilH;
          if (iy < 0 || iy >= height) continue;
          const row = src + y * oW;
          const d = dst + iy * width + xoff;
          if (dW === 1) for (let x = xs; x < xe; x++) im[d + x] += col[row + x];
          else for (let x = xs; x < xe; x++) im[d + x * dW] += col[row + x];
        }
        src += oH * oW;
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
          const xs = xFirst(xoff, dW, oW), xe = xEnd(xs, xoff, dW, width, oW);
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
          const xs = xFirst(xoff, dW, oW), xe = xEnd(xs, xoff, dW, width, oW);
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
