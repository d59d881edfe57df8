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
    // Every SVG draws a square of the expected number of modules. uqr and @paulmillr/qr encode the URI as one
    // byte-mode segment, as we do, so their symbol is ours in size; qrcode splits it into byte and
    // alphanumeric segments and may reach a smaller version, so its own matrix is the expectation there.
    const qrcodeSize = QRCode.create(URI, { errorCorrectionLevel: ECC }).modules.size;
    expect(Math.abs(qrcodeSize - size) <= 4, `qrcode create: version ${(qrcodeSize - 17) / 4}, ours ${version}`);
    if (qrcodeSize !== size) cases[1].note += `; it splits the URI into byte and alphanumeric segments and draws version ${(qrcodeSize - 17) / 4} (${qrcodeSize}×${qrcodeSize}), we draw version ${version} (${size}×${size}) in byte mode`;
    expectEqual(uqrEncode(URI, { ecc: ECC, border: 0 }).size, size, 'uqr encode: matrix size');
    expectEqual(encodeQR(URI, 'raw', { ecc: PAULMILLR_ECC, border: 0 }).length, size, '@paulmillr/qr raw: matrix size');
    const expected = [size, qrcodeSize, size, size];
    cases.forEach((c, i) => {
      c.check = () => expectEqual(c.modules(viewBoxSide(c.fn(), c.name)), expected[i], `${c.name}: modules per side`);
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
