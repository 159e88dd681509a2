/**
 * A tiny RGB raster with line drawing and a PNG encoder (8-bit truecolour, no filtering, deflated by
 * node:zlib): all Logger.plot needs to write an image without gnuplot or a browser.
 */
import { deflateSync } from 'node:zlib';

/** An RGB colour as [r, g, b], 0..255. */
export type RGB = [number, number, number];

/** `#rrggbb` → RGB. */
export const hexToRGB = (hex: string): RGB => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as RGB;

/** A 3×5 font (rows of 3 bits): digits, capitals (lower case is drawn in capitals) and some punctuation. */
const GLYPHS: Record<string, number[]> = {
  0: [7, 5, 5, 5, 7], 1: [2, 6, 2, 2, 7], 2: [7, 1, 7, 4, 7], 3: [7, 1, 7, 1, 7], 4: [5, 5, 7, 1, 1],
  5: [7, 4, 7, 1, 7], 6: [7, 4, 7, 5, 7], 7: [7, 1, 1, 1, 1], 8: [7, 5, 7, 5, 7], 9: [7, 5, 7, 1, 7],
  A: [2, 5, 7, 5, 5], B: [6, 5, 6, 5, 6], C: [3, 4, 4, 4, 3], D: [6, 5, 5, 5, 6], E: [7, 4, 6, 4, 7],
  F: [7, 4, 6, 4, 4], G: [3, 4, 5, 5, 3], H: [5, 5, 7, 5, 5], I: [7, 2, 2, 2, 7], J: [1, 1, 1, 5, 2],
  K: [5, 5, 6, 5, 5], L: [4, 4, 4, 4, 7], M: [5, 7, 7, 5, 5], N: [6, 5, 5, 5, 5], O: [2, 5, 5, 5, 2],
  P: [6, 5, 6, 4, 4], Q: [2, 5, 5, 6, 3], R: [6, 5, 6, 5, 5], S: [3, 4, 2, 1, 6], T: [7, 2, 2, 2, 2],
  U: [5, 5, 5, 5, 7], V: [5, 5, 5, 5, 2], W: [5, 5, 7, 7, 5], X: [5, 5, 2, 5, 5], Y: [5, 5, 2, 2, 2],
  Z: [7, 1, 2, 4, 7], '.': [0, 0, 0, 0, 2], '-': [0, 0, 7, 0, 0], '+': [0, 2, 7, 2, 0], _: [0, 0, 0, 0, 7],
  ':': [0, 2, 0, 2, 0], '<': [1, 2, 4, 2, 1], '>': [4, 2, 1, 2, 4], '/': [1, 1, 2, 4, 4], '(': [2, 4, 4, 4, 2],
  ')': [2, 1, 1, 1, 2], '[': [6, 4, 4, 4, 6], ']': [3, 1, 1, 1, 3], '=': [0, 7, 0, 7, 0], ',': [0, 0, 0, 2, 4],
  '%': [5, 1, 2, 4, 5],
};

/** A width×height RGB image, white to start with. */
export class Raster {
  readonly data: Uint8Array;
  constructor(readonly width: number, readonly height: number) {
    this.data = new Uint8Array(width * height * 3).fill(255);
  }

  /** Sets one pixel (ignored outside the image). */
  set(x: number, y: number, c: RGB): void {
    x = Math.round(x); y = Math.round(y);
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const o = (y * this.width + x) * 3;
    this.data[o] = c[0]; this.data[o + 1] = c[1]; this.data[o + 2] = c[2];
  }

  /** The colour at (x, y). */
  get(x: number, y: number): RGB {
    const o = (y * this.width + x) * 3;
    return [this.data[o], this.data[o + 1], this.data[o + 2]];
  }

  /** A filled axis-aligned rectangle. */
  rect(x: number, y: number, w: number, h: number, c: RGB): void {
    for (let j = 0; j < h; j++) for (let i = 0; i < w; i++) this.set(x + i, y + j, c);
  }

  /** A line by Bresenham, stamped with a square brush of `thick` pixels; `dash` skips alternate runs. */
  line(x0: number, y0: number, x1: number, y1: number, c: RGB, thick = 1, dash = 0): void {
    x0 = Math.round(x0); y0 = Math.round(y0); x1 = Math.round(x1); y1 = Math.round(y1);
    const dx = Math.abs(x1 - x0), dy = -Math.abs(y1 - y0);
    const sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
    let err = dx + dy, n = 0;
    const off = Math.floor((thick - 1) / 2);
    for (;;) {
      if (!dash || Math.floor(n / dash) % 2 === 0) this.rect(x0 - off, y0 - off, thick, thick, c);
      n++;
      if (x0 === x1 && y0 === y1) break;
      const e2 = 2 * err;
      if (e2 >= dy) { err += dy; x0 += sx; }
      if (e2 <= dx) { err += dx; y0 += sy; }
    }
  }

  /** Text in the 3×5 font, `scale` pixels per dot, left-aligned at (x, y) top; unknown characters are blank. */
  text(s: string, x: number, y: number, c: RGB, scale = 2): void {
    for (const ch of s.toUpperCase()) {
      const g = GLYPHS[ch];
      if (g) {
        for (let r = 0; r < 5; r++) {
          for (let b = 0; b < 3; b++) if (g[r] & (4 >> b)) this.rect(x + b * scale, y + r * scale, scale, scale, c);
        }
      }
      x += 4 * scale;
    }
  }

  /** The width in pixels of `s` drawn by text(). */
  static textWidth(s: string, scale = 2): number { return s.length * 4 * scale - scale; }

  /** The image as a PNG file. */
  toPNG(): Buffer {
    const stride = this.width * 3;
    const raw = Buffer.alloc((stride + 1) * this.height);
    for (let y = 0; y < this.height; y++) {
      raw[y * (stride + 1)] = 0; // filter: none
      raw.set(this.data.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
    }
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(this.width, 0);
    ihdr.writeUInt32BE(this.height, 4);
    ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, deflate, no filter method, no interlace
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
    ]);
  }
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (ISO 3309) as PNG uses it. */
export function crc32(buf: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}
