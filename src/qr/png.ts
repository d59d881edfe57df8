/**
 * A minimal PNG writer for QR symbols (PNG specification, ISO/IEC 15948 / W3C PNG 3rd ed.): one IHDR, an
 * optional PLTE, one IDAT holding a zlib stream (RFC 1950) of stored, uncompressed deflate blocks (RFC 1951
 * §3.2.4), and IEND. Pixels are 1 bit deep: grayscale for black on white, a two-entry palette otherwise.
 *
 * @module
 */
import { adler32, crc32 } from './crc.js';

/** An RGB colour as three bytes. */
export type Rgb = readonly [number, number, number];

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Wraps `raw` in a zlib stream of stored deflate blocks (RFC 1950 §2.2, RFC 1951 §3.2.4). */
export function zlibStored(raw: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(raw.length / 0xffff));
  const out = new Uint8Array(2 + raw.length + blocks * 5 + 4);
  out[0] = 0x78; // CM = 8 (deflate), CINFO = 7 (32 KiB window)
  out[1] = 0x01; // FLEVEL = 0, no preset dictionary, FCHECK makes 0x7801 a multiple of 31
  let o = 2;
  for (let b = 0, i = 0; b < blocks; b++) {
    const len = Math.min(0xffff, raw.length - i);
    out[o++] = b === blocks - 1 ? 1 : 0; // BFINAL, BTYPE = 00 (stored)
    out[o++] = len & 0xff;
    out[o++] = len >> 8;
    out[o++] = ~len & 0xff;
    out[o++] = (~len >> 8) & 0xff;
    out.set(raw.subarray(i, i + len), o);
    o += len;
    i += len;
  }
  const adler = adler32(raw);
  out[o++] = adler >>> 24;
  out[o++] = (adler >>> 16) & 0xff;
  out[o++] = (adler >>> 8) & 0xff;
  out[o] = adler & 0xff;
  return out;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/**
 * Encodes a module matrix as a PNG: `margin` light modules around it, each module `scale` × `scale` pixels.
 */
export function renderPng(
  modules: Uint8Array,
  size: number,
  margin: number,
  scale: number,
  dark: Rgb,
  light: Rgb,
): Uint8Array {
  const width = (size + 2 * margin) * scale;
  const stride = 1 + ((width + 7) >> 3); // filter-type byte + packed pixels (§7.2, §9: filter 0 = None)
  const gray = dark[0] + dark[1] + dark[2] === 0 && light[0] + light[1] + light[2] === 765;
  // Palette index 1 is dark; in 1-bit grayscale the bit means white, so rows are inverted there.
  const flip = gray ? 0xff : 0;
  const raw = new Uint8Array(stride * width);
  const row = new Uint8Array(stride);
  for (let y = 0; y < size + 2 * margin; y++) {
    row.fill(flip);
    row[0] = 0;
    const my = y - margin;
    if (my >= 0 && my < size) {
      for (let mx = 0; mx < size; mx++) {
        if (modules[my * size + mx] === 0) continue;
        for (let px = (mx + margin) * scale, end = px + scale; px < end; px++) row[1 + (px >> 3)] ^= 0x80 >> (px & 7);
      }
    }
    for (let s = 0; s < scale; s++) raw.set(row, (y * scale + s) * stride);
  }
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, width);
  ihdr[8] = 1; // bit depth
  ihdr[9] = gray ? 0 : 3; // colour type: grayscale or indexed
  // compression 0, filter 0, interlace 0 (§11.2.2)
  const parts = [Uint8Array.from(SIGNATURE), chunk('IHDR', ihdr)];
  if (!gray) parts.push(chunk('PLTE', Uint8Array.from([...light, ...dark])));
  parts.push(chunk('IDAT', zlibStored(raw)), chunk('IEND', new Uint8Array(0)));
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
