// Shared helpers for the QR tests that call real decoders and encoders nobody here wrote: zbarimg (zbar-tools),
// ZXingReader (zxing-cpp-tools), rsvg-convert (librsvg2-bin) and qrencode. Decoders run on many files per
// process; their raw byte outputs are concatenated, so a batch is checked as one concatenation and only a
// failing batch is re-run file by file to name the culprit.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { python } from './tools.js';

export const CI = process.env.CI === 'true';

export function hasTool(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** True when every tool exists. Otherwise fails under CI, and skips with a printed reason locally. */
export function requireTools(t: TestContext, names: string[]): boolean {
  const missing = names.filter((n) => !hasTool(n));
  if (missing.length === 0) return true;
  const install = 'apt-get install zbar-tools zxing-cpp-tools librsvg2-bin qrencode pngcheck';
  const reason = `missing ${missing.join(', ')} (${install})`;
  if (CI) assert.fail(`CI=true and ${reason}`);
  console.log(`# skipped: ${reason}`);
  t.skip(reason);
  return false;
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'qr-decoders-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function run(cmd: string, args: string[], input?: Uint8Array): Buffer {
  const r = spawnSync(cmd, args, { input, maxBuffer: 1 << 26 });
  if (r.error) throw r.error;
  return r.stdout;
}

export type Decoder = 'zbar' | 'zxing';

/** Decodes every file with one process; returns the raw bytes of all symbols, concatenated. */
export function decodeBatch(decoder: Decoder, files: string[]): Buffer {
  // zbar: -Sbinary keeps the bytes as they are in the symbol (no charset guessing); --raw skips the output
  // conversion; -q drops the summary. ZXingReader -bytes writes the symbol's bytes, also without conversion.
  return decoder === 'zbar'
    ? run('zbarimg', ['--nodbus', '-q', '--raw', '-Sbinary', ...files])
    : run('ZXingReader', ['-format', 'QRCode', '-bytes', ...files]);
}

/**
 * Asserts that `decoder` reads each file back to exactly the matching expected bytes. Batches of `batch` files
 * per process; a mismatching batch is re-decoded file by file so that the message names the file.
 */
export function assertDecodes(decoder: Decoder, files: string[], expected: Uint8Array[], batch = 40): void {
  for (let i = 0; i < files.length; i += batch) {
    const f = files.slice(i, i + batch);
    const want = Buffer.concat(expected.slice(i, i + batch));
    const got = decodeBatch(decoder, f);
    if (got.equals(want)) continue;
    for (let j = 0; j < f.length; j++) {
      const one = decodeBatch(decoder, [f[j]]);
      assert.deepEqual(one.toString('hex'), Buffer.from(expected[i + j]).toString('hex'), `${decoder} misread ${f[j]}`);
    }
    assert.fail(`${decoder}: batch from ${f[0]} differs but each file decodes alone`);
  }
}

/**
 * Runs pngcheck (Debian's pngcheck, an independent PNG validator: signature, chunk order and CRCs, IHDR fields,
 * zlib stream) on every file, many per process; returns the lines of the files it did not call OK.
 */
export function pngcheck(files: string[], batch = 200): string[] {
  const bad: string[] = [];
  for (let i = 0; i < files.length; i += batch) {
    const r = spawnSync('pngcheck', ['-q', ...files.slice(i, i + batch)], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.error) throw r.error;
    // -q prints only the files with errors; exit status 0 when all are fine.
    if (r.status !== 0 || r.stdout.trim() !== '') bad.push(...`${r.stdout}${r.stderr}`.trim().split('\n'));
  }
  return bad;
}

/**
 * Python's zlib (a second, independent inflater) and struct read every PNG: each chunk CRC (zlib.crc32), the
 * IDAT stream inflated whole, its length height × (1 + ⌈width·depth/8⌉), and each row's filter type. Returns one
 * line per file: 'ok <filter types used>' or the problem.
 */
export function pythonInflate(files: string[]): string[] {
  const program = `
import json, struct, sys, zlib
out = []
for path in json.load(sys.stdin):
    data = open(path, 'rb').read()
    try:
        assert data[:8] == b'\\x89PNG\\r\\n\\x1a\\n', 'signature'
        pos, idat, ihdr = 8, b'', None
        while pos < len(data):
            (length,) = struct.unpack('>I', data[pos:pos + 4])
            kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
            (crc,) = struct.unpack('>I', data[pos + 8 + length:pos + 12 + length])
            assert zlib.crc32(kind + body) == crc, 'CRC of ' + kind.decode()
            if kind == b'IHDR': ihdr = struct.unpack('>IIBBBBB', body)
            if kind == b'IDAT': idat += body
            pos += 12 + length
        width, height, depth = ihdr[0], ihdr[1], ihdr[2]
        raw = zlib.decompress(idat)
        stride = 1 + (width * depth + 7) // 8
        assert len(raw) == height * stride, 'inflated %d bytes, expected %d' % (len(raw), height * stride)
        out.append('ok ' + ''.join(sorted(set(str(raw[y * stride]) for y in range(height)))))
    except Exception as e:
        out.append('%s: %s' % (path, e))
print(json.dumps(out))
`;
  return python(program, files) as string[];
}

/** Rasterises SVG files to PNG with rsvg-convert (one process per file: it takes one input). */
export function rasterise(svgFiles: string[]): string[] {
  return svgFiles.map((svg) => {
    const png = svg.replace(/\.svg$/, '.svg.png');
    run('rsvg-convert', ['--background-color', 'white', '-o', png, svg]);
    return png;
  });
}

/**
 * Turns half-block terminal output back into a bitmap: a binary PGM (P5) with `scale` pixels per module. A glyph
 * half is dark unless `invert`; with `invert`, the blank halves are dark (the terminal background).
 */
export function terminalToPgm(text: string, invert: boolean, scale = 4): Uint8Array {
  const lines = text.replace(/\n$/, '').split('\n');
  const width = [...lines[0]].length;
  const rows: number[][] = [];
  for (const line of lines) {
    const cells = [...line];
    assert.equal(cells.length, width, 'every terminal line has the same width');
    const top: number[] = [];
    const bottom: number[] = [];
    for (const c of cells) {
      const i = ' ▄▀█'.indexOf(c);
      assert.ok(i >= 0, `unexpected terminal character U+${c.codePointAt(0)!.toString(16)}`);
      const t = (i >> 1) & 1;
      const b = i & 1;
      top.push(invert ? 1 - t : t);
      bottom.push(invert ? 1 - b : b);
    }
    rows.push(top, bottom);
  }
  // Pad with light modules so that the decoder sees a quiet zone whatever the margin.
  const pad = 4;
  const w = (width + 2 * pad) * scale;
  const h = (rows.length + 2 * pad) * scale;
  const header = Buffer.from(`P5 ${w} ${h} 255\n`);
  const pixels = new Uint8Array(w * h).fill(255);
  rows.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (!dark) return;
      for (let dy = 0; dy < scale; dy++) {
        pixels.fill(
          0,
          ((y + pad) * scale + dy) * w + (x + pad) * scale,
          ((y + pad) * scale + dy) * w + (x + pad + 1) * scale,
        );
      }
    }),
  );
  return Buffer.concat([header, pixels]);
}

/**
 * The version qrencode picks for `bytes` at `level`, read from its ASCII output's size: in 8-bit mode
 * (`eightBit`, one byte segment like our `mode: 'byte'`) or with its own mode optimisation.
 */
export function qrencodeVersion(bytes: Uint8Array, level: string, eightBit: boolean): number {
  const args = [...(eightBit ? ['-8'] : []), '-l', level, '-m', '0', '-t', 'ASCII', '-o', '-'];
  const out = run('qrencode', args, bytes).toString();
  const size = out.split('\n').filter((l) => l.length > 0).length;
  assert.equal((size - 17) % 4, 0, `qrencode printed a ${size}-row symbol`);
  return (size - 17) / 4;
}

export function write(dir: string, name: string, data: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

/** A small seeded PRNG (mulberry32), so that every run encodes the same texts and failures reproduce. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
