// qrMatrix, qrSvg, qrPng and qrTerminal (totp-config/qr) with random texts and random, often invalid, options:
// only coded errors that never quote the text; outputs of the right shape; and a sample of the PNGs read back to
// the exact text by zbar (when it is installed).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { qrMatrix, qrPng, qrSvg, qrTerminal } from '../../../src/qr.js';
import { assertDecodes, CI, hasTool } from '../../helpers/qr-tools.js';
import { call, type FuzzTarget, fcParameters } from '../oracle.js';

const text = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...'ABCXYZ234567:/?=&%'.split('')), maxLength: 600 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', minLength: 2200, maxLength: 3100 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }) },
  { weight: 1, arbitrary: fc.anything() },
);
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 2 });
const colour = fc.oneof(
  fc.constantFrom('#000', '#fff', '#123456', 'black', 'currentColor', 'rgb(0 0 0 / 50%)', '"/><script>', '#12'),
  fc.string({ maxLength: 12 }),
);
const options = fc.oneof(
  fc.record(
    {
      level: maybe(fc.constantFrom('L', 'M', 'Q', 'H', 'm', 'X', 1)),
      mask: maybe(fc.integer({ min: -1, max: 8 })),
      mode: maybe(fc.constantFrom('auto', 'byte', 'kanji')),
      margin: maybe(fc.oneof(fc.integer({ min: -1, max: 33 }), fc.double())),
      scale: maybe(fc.integer({ min: 0, max: 33 })),
      dark: maybe(colour),
      light: maybe(colour),
      invert: maybe(fc.oneof(fc.boolean(), fc.constant('yes'))),
    },
    { requiredKeys: [] },
  ),
  fc.anything(),
);

const RENDERERS = { qrMatrix, qrSvg, qrPng, qrTerminal } as const;
const SAMPLE = 40;

export const target: FuzzTarget = {
  name: 'qr*',
  run(context) {
    const counts = Object.assign(context.counts, { drawn: 0, decoded: 0 });
    const sample: Array<[string, Uint8Array]> = [];
    const property = fc.property(text, options, fc.constantFrom(...Object.keys(RENDERERS)), (t, o, name) => {
      counts.cases++;
      const render = RENDERERS[name as keyof typeof RENDERERS] as (t: unknown, o: unknown) => unknown;
      const out = call(name, typeof t === 'string' ? [t] : [], () => render(t, o)).value;
      if (out === undefined) return;
      counts.drawn++;
      if (name === 'qrSvg') assert.match(out as string, /^<svg [^>]*>.*<\/svg>\n$/s);
      if (name === 'qrTerminal') assert.match(out as string, /^([ ▀▄█]*\n)+$/);
      if (name === 'qrMatrix')
        assert.equal((out as { modules: Uint8Array }).modules.length, (out as { size: number }).size ** 2);
      if (name !== 'qrPng') return;
      assert.deepEqual([...(out as Uint8Array).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
      if (sample.length < SAMPLE && readable(t as string, o)) sample.push([t as string, out as Uint8Array]);
    });
    // The last seconds are kept for zbar.
    const reserve = Math.min(3000, (context.deadline - performance.now()) / 5);
    fc.assert(property, fcParameters({ ...context, deadline: context.deadline - reserve }, 100_000));
    counts.decoded = decodeSample(sample);
  },
};

/** Whether a PNG drawn with these options is one a scanner should read: default colours, room around it. */
function readable(t: string, o: unknown): boolean {
  const { dark, light, margin, scale } = (o ?? {}) as Record<string, unknown>;
  const atLeast2 = (n: unknown) => n === undefined || (typeof n === 'number' && n >= 2);
  return t.length > 0 && dark === undefined && light === undefined && atLeast2(margin) && atLeast2(scale);
}

/** Reads the sampled PNGs with zbar; returns how many were checked (0 without a sample, or without zbar). */
function decodeSample(sample: Array<[string, Uint8Array]>): number {
  if (sample.length === 0) return 0;
  if (!hasTool('zbarimg')) {
    if (CI) assert.fail('CI=true but zbarimg is missing (apt-get install zbar-tools)');
    return 0;
  }
  const dir = mkdtempSync(join(tmpdir(), 'fuzz-qr-'));
  try {
    const files = sample.map(([, png], i) => {
      const file = join(dir, `${i}.png`);
      writeFileSync(file, png);
      return file;
    });
    assertDecodes(
      'zbar',
      files,
      sample.map(([t]) => new TextEncoder().encode(t)),
    );
    return sample.length;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
