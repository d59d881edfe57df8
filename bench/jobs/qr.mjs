// QR jobs: SVG text and PNG bytes of one typical enrollment URI, ours beside every peer that makes them, and the
// sizes of what each makes (qr-sizes, recorded for test/qr-sizes.test.ts and the README).
import QRCode from 'qrcode';
import { renderSVG, encode as uqrEncode } from 'uqr';
import encodeQR from '@paulmillr/qr';
import { correction, generate as leanGenerate } from 'lean-qr';
import { toSvgSource as leanSvg } from 'lean-qr/extras/svg';
import { toPngBuffer as leanPng } from 'lean-qr/extras/node_export';
import qrImage from 'qr-image';
import qrcodeGenerator from 'qrcode-generator';
import QRCodeSvg from 'qrcode-svg';
import { Byte, Encoder } from '@nuintun/qrcode';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { expect, expectEqual } from '../lib/harness.mjs';
import { peerVersion } from '../lib/ours.mjs';

// The typical enrollment URI: what generateUserConfiguration('alice@example.com', 'Example Co') makes, with a
// 32-character secret. Version 6 at level M for us and node-qrcode; 196 × 196 pixels at scale 4, margin 4.
export const URI =
  'otpauth://totp/Example%20Co:alice%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Example%20Co';
const MARGIN = 4; // modules of quiet zone (ISO/IEC 18004 §6.3.7), every library's own where it can be set
const SCALE = 4; // pixels per module of the PNGs
const PX = (n) => (n + 2 * MARGIN) * SCALE;

const leanCode = () => leanGenerate(URI, { minCorrectionLevel: correction.M, maxCorrectionLevel: correction.M });
const generatorCode = () => {
  const g = qrcodeGenerator(0, 'M');
  g.addData(URI);
  g.make();
  return g;
};
const nuintunCode = () => new Encoder({ level: 'M' }).encode(new Byte(URI));
const qrcodeSvgCode = () =>
  new QRCodeSvg({ content: URI, padding: MARGIN, ecl: 'M', join: true, width: 196, height: 196 });

/** The modules per side of each library's own symbol for URI at level M, without quiet zone. */
function symbolSizes(ours) {
  return {
    'totp-config': ours.qrMatrix(URI).size,
    qrcode: QRCode.create(URI, { errorCorrectionLevel: 'M' }).modules.size,
    uqr: uqrEncode(URI, { ecc: 'M', border: 0 }).size,
    '@paulmillr/qr': encodeQR(URI, 'raw', { ecc: 'medium', border: 0 }).length,
    'lean-qr': leanCode().size,
    'qr-image': qrImage.matrix(URI, 'M').length,
    'qrcode-generator': generatorCode().getModuleCount(),
    'qrcode-svg': qrcodeSvgCode().qrcode.getModuleCount(),
    '@nuintun/qrcode': nuintunCode().size,
  };
}

/** The side of what an SVG draws, from its viewBox "x y w h" (any origin), in SVG units. */
function viewBoxSide(svg, what) {
  expect(
    typeof svg === 'string' && /^(<\?xml[^>]*>\s*)?<svg[\s>]/.test(svg) && svg.trimEnd().endsWith('</svg>'),
    `${what}: not an SVG document`,
  );
  const m = /viewBox="(-?[\d.]+) (-?[\d.]+) ([\d.]+) ([\d.]+)"/.exec(svg);
  expect(m, `${what}: no viewBox`);
  expectEqual(m[3], m[4], `${what}: viewBox is not square`);
  return Number(m[3]);
}

/**
 * The SVG makers. `modules(svg)` reads back how many modules (quiet zone excluded) the picture spans per side, to
 * be checked against the library's own symbol; `unit` is the library's SVG units per module.
 */
function svgCases(ours) {
  const side = (unit) => (svg, what) => viewBoxSide(svg, what) / unit - 2 * MARGIN;
  return [
    {
      name: 'totp-config qrSvg(uri)',
      package: 'totp-config',
      ours: true,
      base: true,
      fn: () => ours.qrSvg(URI),
      modules: side(1),
    },
    {
      name: "qrcode toString(uri, { type: 'svg' })",
      package: 'qrcode',
      note: 'called with a callback, which it calls synchronously',
      fn: () => {
        let out;
        QRCode.toString(URI, { type: 'svg', errorCorrectionLevel: 'M', margin: MARGIN }, (error, svg) => {
          if (error) throw error;
          out = svg;
        });
        return out;
      },
      modules: side(1),
    },
    {
      name: 'uqr renderSVG(uri, { border: 4 })',
      package: 'uqr',
      fn: () => renderSVG(URI, { ecc: 'M', border: MARGIN }),
      modules: side(10),
    },
    {
      name: "@paulmillr/qr encodeQR(uri, 'svg', { border: 4 })",
      package: '@paulmillr/qr',
      fn: () => encodeQR(URI, 'svg', { ecc: 'medium', border: MARGIN }),
      modules: side(1),
    },
    {
      name: 'lean-qr toSvgSource(generate(uri), { pad: 4 })',
      package: 'lean-qr',
      note: 'level fixed at M (by default it raises the level, or lowers it to L, as the version allows)',
      fn: () => leanSvg(leanCode(), { pad: MARGIN }),
      modules: side(1),
    },
    {
      name: "qr-image imageSync(uri, { type: 'svg', margin: 4 })",
      package: 'qr-image',
      fn: () => qrImage.imageSync(URI, { type: 'svg', ec_level: 'M', margin: MARGIN }),
      modules: side(1),
    },
    {
      name: 'qrcode-generator createSvgTag({ cellSize: 4, margin: 16 })',
      package: 'qrcode-generator',
      fn: () => generatorCode().createSvgTag({ cellSize: SCALE, margin: MARGIN * SCALE }),
      modules: side(SCALE),
    },
    {
      name: "qrcode-svg new QRCode({ padding: 4, join: true }).svg({ container: 'svg-viewbox' })",
      package: 'qrcode-svg',
      note: 'join: true, its recommended compact form (the default draws one <rect> per module, 49 kB here)',
      fn: () => qrcodeSvgCode().svg({ container: 'svg-viewbox' }),
      modules: (svg, what) => {
        const m = /d="M([\d.]+),/.exec(svg);
        expect(m, `${what}: no path`);
        return Math.round((viewBoxSide(svg, what) * MARGIN) / Number(m[1])) - 2 * MARGIN;
      },
    },
  ];
}

/** The PNG makers: every peer that writes PNG. */
function pngCases(ours) {
  return [
    { name: 'totp-config qrPng(uri)', package: 'totp-config', ours: true, base: true, fn: () => ours.qrPng(URI) },
    {
      name: 'lean-qr toPngBuffer(generate(uri), { scale: 4, pad: 4, off: white })',
      package: 'lean-qr',
      note: 'node:zlib deflate level 9; level fixed at M; its default background is transparent, white here',
      fn: () => leanPng(leanCode(), { scale: SCALE, pad: MARGIN, on: [0, 0, 0], off: [255, 255, 255] }),
    },
    {
      name: "qr-image imageSync(uri, { type: 'png', size: 4, margin: 4 })",
      package: 'qr-image',
      fn: () => qrImage.imageSync(URI, { type: 'png', ec_level: 'M', size: SCALE, margin: MARGIN }),
    },
    {
      name: 'qrcode toBuffer(uri, { scale: 4, margin: 4 })',
      package: 'qrcode',
      async: true,
      note: 'pngjs; returns a Promise',
      fn: () => QRCode.toBuffer(URI, { errorCorrectionLevel: 'M', scale: SCALE, margin: MARGIN }),
    },
  ];
}

/** Images in other formats (GIF), for the sizes only: what the peers without PNG offer for an <img>. */
const otherImages = [
  {
    name: 'qrcode-generator createDataURL(4, 16) (GIF)',
    package: 'qrcode-generator',
    format: 'gif',
    make: () => dataUrlBytes(generatorCode().createDataURL(SCALE, MARGIN * SCALE)),
  },
  {
    name: '@nuintun/qrcode toDataURL(4, { margin: 4 }) (GIF)',
    package: '@nuintun/qrcode',
    format: 'gif',
    make: () => dataUrlBytes(nuintunCode().toDataURL(SCALE, { margin: MARGIN })),
  },
  {
    name: "@paulmillr/qr encodeQR(uri, 'gif', { scale: 4, border: 4 })",
    package: '@paulmillr/qr',
    format: 'gif',
    make: () => encodeQR(URI, 'gif', { ecc: 'medium', scale: SCALE, border: MARGIN }),
  },
];
const dataUrlBytes = (url) => Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');

/** Marks each case with its library's symbol version and checks it is within one of ours. */
function withVersions(cases, sizes) {
  const ours = (sizes['totp-config'] - 17) / 4;
  for (const c of cases) {
    const v = (sizes[c.package] - 17) / 4;
    c.qrVersion = v;
    expect(Math.abs(v - ours) <= 1, `${c.name}: version ${v}, ours ${ours}`);
    if (v !== ours)
      c.note = [c.note, `draws version ${v} (byte mode only); ours version ${ours}`].filter(Boolean).join('; ');
  }
  return cases;
}

export const svgJob = {
  name: 'qr-svg',
  title: `QR code of a ${URI.length}-byte otpauth URI as SVG text, error correction M, margin 4`,
  needs: [
    ['qr.js', 'qrSvg', 'src/qr.ts'],
    ['qr.js', 'qrMatrix', 'src/qr.ts'],
  ],
  target: { ratio: 4, vs: 'fastest' },
  cases({ 'qr.js': ours }) {
    const sizes = symbolSizes(ours);
    const cases = withVersions(svgCases(ours), sizes);
    // Every SVG draws a square of as many modules as its library's own symbol has (ours: qrMatrix), plus the margin.
    for (const c of cases)
      c.check = () => expectEqual(c.modules(c.fn(), c.name), sizes[c.package], `${c.name}: modules per side`);
    return cases;
  },
  /** Minified + gzipped size of what each case imports, bundled by esbuild for the browser. */
  async extra() {
    const qrEntry = JSON.stringify(fileURLToPath(new URL('../../dist/esm/qr.js', import.meta.url)));
    return {
      bundleSizes: await bundleSizes([
        ['totp-config/qr qrSvg', 'totp-config', `export { qrSvg } from ${qrEntry};`],
        ['qrcode toString', 'qrcode', "export { toString } from 'qrcode';"],
        ['uqr renderSVG', 'uqr', "export { renderSVG } from 'uqr';"],
        ['@paulmillr/qr encodeQR', '@paulmillr/qr', "export { default } from '@paulmillr/qr';"],
        [
          'lean-qr generate + toSvgSource',
          'lean-qr',
          "export { generate } from 'lean-qr'; export { toSvgSource } from 'lean-qr/extras/svg';",
        ],
        ['qrcode-generator', 'qrcode-generator', "export { default } from 'qrcode-generator';"],
        ['qrcode-svg', 'qrcode-svg', "export { default } from 'qrcode-svg';"],
      ]),
      notes: ['qr-image is left out of the bundle sizes: it needs Node streams and zlib'],
    };
  },
};

export const pngJob = {
  name: 'qr-png',
  title: `QR code of a ${URI.length}-byte otpauth URI as PNG bytes, error correction M, scale 4, margin 4`,
  needs: [
    ['qr.js', 'qrPng', 'src/qr.ts'],
    ['qr.js', 'qrMatrix', 'src/qr.ts'],
  ],
  // No target in issue 13 beyond size (qr-sizes): the compression must not make us slower than the peers.
  target: { ratio: 1, vs: 'fastest' },
  cases({ 'qr.js': ours }) {
    const sizes = symbolSizes(ours);
    const cases = withVersions(pngCases(ours), sizes);
    for (const c of cases) {
      c.check = async () => {
        const png = Buffer.from(await c.fn());
        expectEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], `${c.name}: PNG signature`);
        expectEqual(png.subarray(12, 16).toString('latin1'), 'IHDR', `${c.name}: IHDR first`);
        expectEqual(
          [png.readUInt32BE(16), png.readUInt32BE(20)],
          [PX(sizes[c.package]), PX(sizes[c.package])],
          `${c.name}: pixels`,
        );
      };
    }
    return cases;
  },
  async extra() {
    const qrEntry = JSON.stringify(fileURLToPath(new URL('../../dist/esm/qr.js', import.meta.url)));
    return {
      bundleSizes: await bundleSizes([
        ['totp-config/qr qrPng', 'totp-config', `export { qrPng } from ${qrEntry};`],
        ['totp-config/qr qrDataUrl', 'totp-config', `export { qrDataUrl } from ${qrEntry};`],
      ]),
      notes: ['the peers that write PNG use node:zlib or pngjs, so they do not bundle for the browser'],
    };
  },
};

/**
 * The sizes of what every QR library makes of URI, at margin 4 and (images) scale 4: SVG, PNG, and GIF where a
 * peer has no PNG. Recorded by `node bench/run.mjs --save qr-sizes` into bench/results/qr-sizes.json, which
 * test/qr-sizes.test.ts reads (without installing any peer) to hold our PNG and SVG to their size.
 */
export const sizesJob = {
  name: 'qr-sizes',
  title: `Bytes of the QR code of a ${URI.length}-byte otpauth URI, margin 4, scale 4, level M`,
  needs: [
    ['qr.js', 'qrSvg', 'src/qr.ts'],
    ['qr.js', 'qrPng', 'src/qr.ts'],
    ['qr.js', 'qrMatrix', 'src/qr.ts'],
  ],
  async run({ 'qr.js': ours }) {
    const symbols = symbolSizes(ours);
    const entries = [
      ...svgCases(ours).map((c) => ({ ...c, format: 'svg', make: c.fn })),
      ...pngCases(ours).map((c) => ({ ...c, format: 'png', make: c.fn })),
      ...otherImages,
    ];
    const sizes = [];
    for (const e of entries) {
      const out = await e.make();
      const bytes = typeof out === 'string' ? Buffer.byteLength(out) : out.length;
      sizes.push({
        name: e.name,
        package: e.package,
        version: e.package === 'totp-config' ? undefined : peerVersion(e.package),
        format: e.format,
        bytes,
        symbolVersion: (symbols[e.package] - 17) / 4,
        note: e.note,
      });
    }
    return { uri: URI, margin: MARGIN, scale: SCALE, level: 'M', sizes };
  },
};

async function bundleSizes(entries) {
  const esbuild = await import('esbuild');
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
    sizes.push({
      name,
      package: pkg,
      version: pkg === 'totp-config' ? undefined : peerVersion(pkg),
      minBytes: code.length,
      minGzBytes: gzipSync(code, { level: 9 }).length,
    });
  }
  return sizes;
}
