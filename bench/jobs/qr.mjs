import QRCode from 'qrcode';
import { renderSVG, encode as uqrEncode } from 'uqr';
import encodeQR from '@paulmillr/qr';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { expect, expectEqual } from '../lib/harness.mjs';
import { peerVersion } from '../lib/ours.mjs';

// A typical enrolment URI: 32-character secret, issuer in label and parameter, and explicit digits and period.
export const URI =
  'otpauth://totp/Example%20Co:alice%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Example%20Co&digits=6&period=30';
const ECC = 'M';
const PAULMILLR_ECC = { L: 'low', M: 'medium', Q: 'quartile', H: 'high' }[ECC];

/** The side of the square an SVG draws, from its viewBox "0 0 w h", in SVG units. */
function viewBoxSide(svg, what) {
  expect(typeof svg === 'string' && /^(<\?xml[^>]*>\s*)?<svg[\s>]/.test(svg) && svg.trimEnd().endsWith('</svg>'), `${what}: not an SVG document`);
  const m = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
  expect(m, `${what}: no viewBox`);
  expectEqual(m[1], m[2], `${what}: viewBox is not square`);
  return Number(m[1]);
}

export default {
  name: 'qr-svg',
  title: `QR code of a ${URI.length}-byte otpauth URI as SVG text, error correction ${ECC}`,
  needs: [
    ['qr.js', 'qrSvg', 'src/qr.ts'],
    ['qr.js', 'qrMatrix', 'src/qr.ts'],
  ],
  target: { ratio: 4, vs: 'fastest' },
  cases({ 'qr.js': ours }) {
    const size = ours.qrMatrix(URI, { level: ECC }).size;
    const version = (size - 17) / 4;
    const cases = [
      { name: 'totp-config qrSvg(uri)', ours: true, base: true, fn: () => ours.qrSvg(URI), modules: (w) => w - 8 }, // default level M, margin 4,
      {
        name: "qrcode toString(uri, { type: 'svg' })",
        package: 'qrcode',
        note: 'called with a callback, which it calls synchronously',
        fn: () => {
          let out;
          QRCode.toString(URI, { type: 'svg', errorCorrectionLevel: ECC }, (error, svg) => {
            if (error) throw error;
            out = svg;
          });
          return out;
        },
        modules: (w) => w - 8, // margin 4
      },
      { name: 'uqr renderSVG(uri)', package: 'uqr', fn: () => renderSVG(URI, { ecc: ECC }), modules: (w) => w / 10 - 2 }, // pixelSize 10, border 1
      {
        name: "@paulmillr/qr encodeQR(uri, 'svg')",
        package: '@paulmillr/qr',
        fn: () => encodeQR(URI, 'svg', { ecc: PAULMILLR_ECC }),
        modules: (w) => w - 4, // border 2
      },
    ];
    // Every SVG draws a square of as many modules as its library's own matrix has (ours: qrMatrix). Encoders
    // differ in segmentation: one byte-mode segment (uqr, @paulmillr/qr) or byte and alphanumeric segments
    // (qrcode, and ours by default), which may reach a smaller version. The version is checked to be within
    // one of ours and noted when it differs.
    const sizes = [
      size,
      QRCode.create(URI, { errorCorrectionLevel: ECC }).modules.size,
      uqrEncode(URI, { ecc: ECC, border: 0 }).size,
      encodeQR(URI, 'raw', { ecc: PAULMILLR_ECC, border: 0 }).length,
    ];
    cases.forEach((c, i) => {
      const v = (sizes[i] - 17) / 4;
      c.qrVersion = v;
      if (i > 0 && v !== version) c.note = [c.note, `draws version ${v} (${sizes[i]}×${sizes[i]}); ours draws version ${version} (${size}×${size})`].filter(Boolean).join('; ');
      c.check = () => {
        expect(Math.abs(v - version) <= 1, `${c.name}: version ${v}, ours ${version}`);
        expectEqual(c.modules(viewBoxSide(c.fn(), c.name)), sizes[i], `${c.name}: modules per side (version ${v})`);
      };
    });
    return cases;
  },
  /** Minified + gzipped size of what each case imports, bundled by esbuild for the browser. */
  async extra() {
    const esbuild = await import('esbuild');
    const qrEntry = fileURLToPath(new URL('../../dist/esm/qr.js', import.meta.url));
    const entries = [
      ['totp-config/qr qrSvg', 'totp-config', `export { qrSvg } from ${JSON.stringify(qrEntry)};`],
      ['qrcode toString', 'qrcode', "export { toString } from 'qrcode';"],
      ['uqr renderSVG', 'uqr', "export { renderSVG } from 'uqr';"],
      ['@paulmillr/qr encodeQR', '@paulmillr/qr', "export { default } from '@paulmillr/qr';"],
    ];
    const sizes = [];
    for (const [name, pkg, contents] of entries) {
      const r = await esbuild.build({
        stdin: { contents, resolveDir: fileURLToPath(new URL('..', import.meta.url)), loader: 'js' },
        bundle: true,
        minify: true,
        format: 'esm',
        platform: 'browser',
        write: false,
        logLevel: 'silent',
      });
      const code = r.outputFiles[0].contents;
      sizes.push({ name, package: pkg, version: pkg === 'totp-config' ? undefined : peerVersion(pkg), minBytes: code.length, minGzBytes: gzipSync(code, { level: 9 }).length });
    }
    return { bundleSizes: sizes };
  },
};
