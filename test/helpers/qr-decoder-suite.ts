// The decoder round trip shared by test/qr-decoders.test.ts (sampled, in `npm test`) and
// test/slow/qr-decoders-full.test.ts (every version, `npm run test:slow`): our PNG, our SVG rasterised by
// rsvg-convert, and our terminal output turned back into a bitmap must all decode, with zbar and with ZXing, to
// exactly the UTF-8 bytes of the input; every PNG passes pngcheck and inflates with Python's zlib; and qrencode
// must never pick a smaller version than ours.
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { qrCapacity, qrMatrix, qrPng, qrSvg, qrTerminal, type QrLevel, type QrPngOptions } from '../../src/qr.js';
// The CLI tests' terminal emulator (SGR colours over half blocks, painted as a theme shows them): one for both.
import { DARK_ON_LIGHT, LIGHT_ON_DARK, terminalPicture } from '../cli/terminal.js';
import {
  assertDecodes,
  decodeBatch,
  pngcheck,
  prng,
  pythonInflate,
  qrencodeVersion,
  rasterise,
  requireTools,
  tempDir,
  write,
} from './qr-tools.js';

export interface Item {
  name: string;
  text: string;
  level: QrLevel;
  /** The version this text must get, when it was built for one. */
  version?: number;
  mask?: number;
  /** Segmentation: `'byte'` for the (level, version) texts, whose version must be exact; default `'auto'`. */
  mode?: 'auto' | 'byte';
  png?: QrPngOptions;
}

const LEVELS: QrLevel[] = ['L', 'M', 'Q', 'H'];
const ASCII = ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~';
// 2-, 3- and 4-byte UTF-8 characters (Latin, Greek, CJK, emoji), and a few controls.
const WIDE = ['é', 'ß', 'Ω', 'ж', '€', '世', '界', 'ア', '😀', '🔐', '\n', '\t', '\u0000', '\u00a0'];
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const encoder = new TextEncoder();
const utf8Length = (s: string): number => encoder.encode(s).length;

/** A random string of exactly `bytes` UTF-8 bytes; `wide` is the share of multi-byte characters. */
function textOfLength(rand: () => number, bytes: number, wide: number): string {
  let s = '';
  let n = 0;
  while (n < bytes) {
    let c = rand() < wide ? WIDE[Math.floor(rand() * WIDE.length)] : ASCII[Math.floor(rand() * ASCII.length)];
    if (n + utf8Length(c) > bytes) c = ASCII[Math.floor(rand() * ASCII.length)];
    s += c;
    n += utf8Length(c);
  }
  return s;
}

const ISSUERS = ['Example Co', 'Ünïcødé Bank', '銀行', 'Ελληνική Τράπεζα', 'Acme 🔐', 'GitHub', 'a&b=c?d', 'Zürich AG'];
const USERS = ['alice@example.com', 'bob', 'Jürgen.Groß@example.de', '山田太郎', 'user+tag@sub.example.org', 'ζωή'];

/** An otpauth URI as authenticator enrollments carry it; labels sometimes percent-encoded, sometimes raw UTF-8. */
function otpauth(rand: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const secretLength = pick([16, 26, 32, 52, 103]);
  let secret = '';
  for (let i = 0; i < secretLength; i++) secret += B32[Math.floor(rand() * 32)];
  const issuer = pick(ISSUERS);
  const user = pick(USERS);
  const raw = rand() < 0.3; // some apps emit raw UTF-8 instead of percent-encoding it
  const enc = raw ? (s: string) => s.replace(/[ &?=:#%]/g, encodeURIComponent) : encodeURIComponent;
  let uri = `otpauth://totp/${enc(issuer)}:${enc(user)}?secret=${secret}&issuer=${enc(issuer)}`;
  if (rand() < 0.5)
    uri += `&algorithm=${pick(['SHA1', 'SHA256', 'SHA512'])}&digits=${pick([6, 8])}&period=${pick([30, 60])}`;
  if (rand() < 0.2) uri += `&image=${encodeURIComponent('https://example.com/logo.png')}`;
  return uri;
}

/**
 * Builds the corpus: for each level and each of `versions`, `perPair` texts whose length needs exactly that
 * version (the last one at exactly the version's capacity when perPair > 1, and always for version 40), then
 * `uris` otpauth URIs, then all 32 (level, mask) pairs forced, then PNG colour/scale variants.
 */
export function corpus(seed: number, versions: number[], perPair: number, uris: number): Item[] {
  const rand = prng(seed);
  const items: Item[] = [];
  for (const level of LEVELS) {
    for (const v of versions) {
      const lo = v === 1 ? 1 : qrCapacity(v - 1, level) + 1;
      const hi = qrCapacity(v, level);
      for (let k = 0; k < perPair; k++) {
        const atCapacity = (perPair > 1 && k === perPair - 1) || v === 40;
        const len = atCapacity ? hi : lo + Math.floor(rand() * (hi - lo + 1));
        const text = textOfLength(rand, len, k % 2 === 0 ? 0 : 0.3);
        items.push({ name: `${level}-v${v}-${len}B`, text, level, version: v, mode: 'byte' });
      }
    }
  }
  // Texts mixing alphanumeric runs (uppercase, digits, ' $%*+-./:') with lowercase and UTF-8, long enough to
  // reach each character-count width (versions 1–9, 10–26, 27–40), so that 'auto' splits them into segments.
  for (const level of LEVELS) {
    for (const target of [40, 200, 700, qrCapacity(40, level) - 10]) {
      let text = '';
      while (utf8Length(text) < target) {
        const run = 1 + Math.floor(rand() * 40);
        for (let k = 0; k < run; k++) {
          text += rand() < 0.5 ? B32[Math.floor(rand() * 32)] : textOfLength(rand, 1, 0.2);
        }
        text += textOfLength(rand, 1 + Math.floor(rand() * 6), 0.3);
      }
      const chars = [...text];
      while (utf8Length(chars.join('')) > target) chars.pop();
      text = chars.join('');
      items.push({ name: `${level}-mixed-${utf8Length(text)}B`, text, level });
    }
  }
  for (let i = 0; i < uris; i++) items.push({ name: `uri${i}`, text: otpauth(rand), level: LEVELS[i % 4] });
  for (const level of LEVELS) {
    for (let mask = 0; mask < 8; mask++) {
      items.push({ name: `${level}-mask${mask}`, text: otpauth(rand), level, mask });
    }
  }
  const variants: QrPngOptions[] = [
    { dark: '#1a237e', light: '#fffde7' },
    { scale: 2, margin: 4 },
    { scale: 7, margin: 6 },
    { dark: '#000', light: '#fff', scale: 5 },
    // Scale 1: rows do not repeat, so the filter of some rows is Up (pricing decides per row).
    { scale: 1 },
    { scale: 1, dark: '#123456', light: '#fedcba' },
  ];
  variants.forEach((png, i) => items.push({ name: `variant${i}`, text: otpauth(rand), level: 'M', png }));
  return items;
}

/** Runs every check on `items`. `terminalEvery`: decode the terminal rendering of every n-th item. */
export async function decoderSuite(t: TestContext, items: Item[], terminalEvery: number): Promise<void> {
  if (!requireTools(t, ['zbarimg', 'ZXingReader', 'rsvg-convert', 'qrencode', 'pngcheck', 'python3'])) return;
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const expected = items.map((item) => encoder.encode(item.text));
  const covered = new Set<string>();
  const pngs: string[] = [];
  const svgs: string[] = [];
  items.forEach((item, i) => {
    const opts = { level: item.level, mask: item.mask, mode: item.mode };
    const m = qrMatrix(item.text, opts);
    if (item.version !== undefined) assert.equal(m.version, item.version, `${item.name}: smallest version`);
    if (item.mask !== undefined) assert.equal(m.mask, item.mask);
    covered.add(`${item.level}${m.version}`);
    // Large symbols at scale 3 keep the decoders quick; small ones use the default scale 4.
    const scale = m.version > 20 ? 3 : 4;
    pngs.push(write(dir, `${i}.png`, qrPng(item.text, { ...opts, scale, ...item.png })));
    svgs.push(write(dir, `${i}.svg`, qrSvg(item.text, { ...opts, scale })));
  });
  t.diagnostic(`${items.length} texts, ${covered.size} (level, version) pairs`);

  await t.test("pngcheck accepts every PNG, and Python's zlib inflates each to the right length", () => {
    assert.deepEqual(pngcheck(pngs), [], 'pngcheck errors');
    const results = pythonInflate(pngs);
    const bad = results.filter((r) => !r.startsWith('ok '));
    assert.deepEqual(bad, [], 'Python zlib');
    t.diagnostic(`filter types per PNG: ${[...new Set(results)].join(', ')}`);
  });
  // zbar does not find symbols drawn at 1 pixel per module (with the stored PNGs of before either): those are
  // left to ZXing, which reads them.
  const zbarOk = items.map((item) => item.png?.scale !== 1);
  await t.test('zbar decodes our PNGs exactly (scale ≥ 2)', () =>
    assertDecodes(
      'zbar',
      pngs.filter((_, i) => zbarOk[i]),
      expected.filter((_, i) => zbarOk[i]),
    ),
  );
  await t.test('ZXing decodes our PNGs exactly', () => assertDecodes('zxing', pngs, expected));
  const rasters = rasterise(svgs);
  await t.test('zbar decodes our SVGs (rsvg-convert) exactly', () => assertDecodes('zbar', rasters, expected));
  await t.test('ZXing decodes our SVGs (rsvg-convert) exactly', () => assertDecodes('zxing', rasters, expected));

  await t.test('both decoders read the terminal rendering, normal and inverted', async () => {
    const { terminalToPgm } = await import('./qr-tools.js');
    const files: string[] = [];
    const want: Uint8Array[] = [];
    items.forEach((item, i) => {
      if (i % terminalEvery !== 0) return;
      const invert = (i / terminalEvery) % 2 === 1;
      const out = qrTerminal(item.text, { level: item.level, mask: item.mask, mode: item.mode, invert });
      files.push(write(dir, `${i}.term.pgm`, terminalToPgm(out, invert, 3)));
      want.push(expected[i]);
    });
    assert.ok(files.length >= 10);
    assertDecodes('zbar', files, want);
    assertDecodes('zxing', files, want);
  });

  await t.test('with ansi colours the terminal rendering decodes on dark and on light terminals alike', () => {
    const files: string[] = [];
    const want: Uint8Array[] = [];
    items.forEach((item, i) => {
      if (i % terminalEvery !== 0) return;
      const out = qrTerminal(item.text, { level: item.level, mask: item.mask, mode: item.mode, ansi: true });
      for (const theme of [LIGHT_ON_DARK, DARK_ON_LIGHT]) {
        files.push(write(dir, `${i}.ansi.${theme.name.replace(/ /g, '-')}.pgm`, terminalPicture(out, theme, 3)));
        want.push(expected[i]);
      }
    });
    assert.ok(files.length >= 20);
    assertDecodes('zbar', files, want);
    assertDecodes('zxing', files, want);
  });

  await t.test(
    'regression: without colours, on a light-on-dark terminal the code is a negative zbar cannot read',
    () => {
      const files: string[] = [];
      items.forEach((item, i) => {
        if (i % terminalEvery !== 0 || files.length >= 10) return;
        const out = qrTerminal(item.text, { level: item.level, mask: item.mask, mode: item.mode });
        const pgm = terminalPicture(out, LIGHT_ON_DARK, 3);
        // Negative: the quiet zone shows the dark background, the finder's corner the light foreground.
        const width = Number(/^P5 (\d+)/.exec(Buffer.from(pgm.subarray(0, 20)).toString('latin1'))![1]);
        const header = pgm.indexOf(0x0a) + 1;
        const at = (mx: number, my: number) => pgm[header + ((4 + my) * 3 + 1) * width + (4 + mx) * 3 + 1];
        assert.ok(at(4, 4) > at(1, 1), `${item.name}: the finder is lighter than the quiet zone`);
        files.push(write(dir, `${i}.plain-on-dark.pgm`, pgm));
      });
      assert.equal(decodeBatch('zbar', files).length, 0, 'zbar read a negative');
    },
  );

  await t.test('qrencode -8 never picks a smaller version than ours', () => {
    let compared = 0;
    let equal = 0;
    const auto = [0, 0, 0]; // ours smaller, same, larger than qrencode's own mixed-mode optimisation
    items.forEach((item, i) => {
      if (item.mask !== undefined) return;
      // qrencode reads the text from stdin and stops at NUL, so texts with NUL are left out.
      if (expected[i].includes(0)) return;
      const theirs = qrencodeVersion(expected[i], item.level, true);
      const ours = qrMatrix(item.text, { level: item.level, mode: item.mode }).version;
      assert.ok(ours <= theirs, `${item.name}: ours v${ours}, qrencode -8 v${theirs}`);
      compared++;
      if (ours === theirs) equal++;
      if (item.mode !== 'byte') {
        const theirsAuto = qrencodeVersion(expected[i], item.level, false);
        auto[Math.sign(ours - theirsAuto) + 1]++;
      }
    });
    t.diagnostic(`qrencode -8: ${compared} compared, ${equal} same version, ${compared - equal} ours smaller`);
    t.diagnostic(
      `qrencode (its own mixed modes) vs our 'auto': ours smaller ${auto[0]}, same ${auto[1]}, larger ${auto[2]}`,
    );
    assert.ok(compared > items.length / 2);
  });
}
