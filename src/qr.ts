/**
 * QR codes for otpauth URIs, with no dependencies: `import { qrSvg } from 'totp-config/qr'`.
 *
 * Implements ISO/IEC 18004:2015 (QR Code 2005) model 2 symbols, versions 1–40, error-correction levels L, M, Q
 * and H. Text is UTF-8 in byte mode (§7.4.5) with no ECI header, which is how phone scanners and authenticator
 * apps expect `otpauth://` URIs, except that runs such as the uppercase base32 secret go in alphanumeric mode
 * (§7.4.4) when that makes the symbol smaller; decoders return the same bytes either way. The smallest version
 * that holds the text is always used, and the mask is the one of lowest penalty (§7.8.3) unless one is forced.
 *
 * Nothing here touches the network or any global state besides lazily built lookup tables: the text, which
 * carries a TOTP secret, stays in the process and never appears in an error message.
 *
 * This entry is separate from the main `totp-config` entry so that applications that do not draw QR codes do
 * not ship the encoder.
 *
 * @module
 */
import { rangeError } from './errors.js';
import { assertInteger, optionalBoolean, optionalInteger, optionalOneOf, optionsBag, own } from './internal/assert.js';
import { base64Encode } from './internal/base64.js';
import { byteCapacity, dataCodewordsFor, interleave, plan, refuseLongText } from './qr/encode.js';
import { chooseMask } from './qr/mask.js';
import { placeCodewords, template } from './qr/matrix.js';
import { cssColorOption, levelOption, maskOption, modeOption, rgbOption, textArgument } from './qr/options.js';
import { renderPng, type Rgb } from './qr/png.js';
import { renderSvg } from './qr/svg.js';
import { renderTerminal } from './qr/terminal.js';
import type { QrLevel } from './qr/tables.js';

export type { QrLevel } from './qr/tables.js';

/** Options shared by every function: how the symbol itself is built. */
export interface QrOptions {
  /**
   * Error-correction level (ISO/IEC 18004 §5.3.8): `'L'` (~7 % of codewords recoverable), `'M'` (~15 %,
   * the default), `'Q'` (~25 %) or `'H'` (~30 %).
   */
  level?: QrLevel;
  /**
   * Force data mask 0–7 (§7.8.2 Table 10) instead of choosing the one with the lowest penalty (§7.8.3). For
   * testing and reproducing other encoders' output; leave unset otherwise.
   */
  mask?: number;
  /**
   * `'auto'` (default): runs of uppercase letters, digits and ` $%*+-./:` (a base32 secret, `%40`, `SHA1`)
   * go in alphanumeric-mode segments (§7.4.4) where that saves space, the rest in byte mode; the split is
   * optimal. `'byte'`: the whole text is one byte-mode segment (§7.4.5), as `qrencode -8` does. Both decode to
   * the same bytes.
   */
  mode?: 'auto' | 'byte';
}

/** Options of {@link qrSvg}. */
export interface QrSvgOptions extends QrOptions {
  /** Quiet zone, in modules on each side, integer 0–32; default 4 (§6.3.7 requires 4). */
  margin?: number;
  /** Pixels per module for the `width`/`height` attributes, integer 1–32; default 4. */
  scale?: number;
  /**
   * Colour of dark modules, a CSS colour: `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, a keyword (`'black'`,
   * `'currentColor'`) or a function of numbers (`'rgb(0 0 0 / 50%)'`); default `'#000'`. Anything else (quotes,
   * `<`, `;` …) is rejected, so the value cannot inject markup.
   */
  dark?: string;
  /** Colour of light modules and the quiet zone, same syntax as `dark`; default `'#fff'`. */
  light?: string;
}

/** Options of {@link qrPng}. */
export interface QrPngOptions extends QrOptions {
  /** Quiet zone, in modules on each side, integer 0–32; default 4 (§6.3.7 requires 4). */
  margin?: number;
  /** Pixels per module, integer 1–32; default 4. */
  scale?: number;
  /**
   * Colour of dark modules as `'#rgb'` or `'#rrggbb'`; default `'#000000'`. Black on white is written as a
   * 1-bit grayscale PNG, any other pair as a 1-bit PNG with a two-colour palette.
   */
  dark?: string;
  /** Colour of light modules and the quiet zone, `'#rgb'` or `'#rrggbb'`; default `'#ffffff'`. */
  light?: string;
}

/** Options of {@link qrTerminal}. */
export interface QrTerminalOptions extends QrOptions {
  /** Quiet zone, in modules on each side, integer 0–32; default 4. */
  margin?: number;
  /**
   * `true` for light-on-dark terminals: the glyphs then draw the light modules and the quiet zone, and the
   * terminal background shows through as the dark modules. Default `false` (glyphs are dark modules). Not with
   * `ansi`, whose colours are explicit.
   */
  invert?: boolean;
  /**
   * `true` to draw with explicit ANSI colours (ECMA-48 SGR: black background, bright white glyphs for the light
   * modules, a reset at the end of every line), as `qrencode -t ANSIUTF8` does, so that the code scans on dark
   * and light terminals alike. For output to a terminal; default `false` (plain glyphs, for files and pipes).
   */
  ansi?: boolean;
}

/** {@link qrDataUrl}'s choice of image format. */
export interface QrDataUrlFormat<F extends 'png' | 'svg'> {
  /** `'png'` (the default): a PNG as {@link qrPng} writes it; `'svg'`: an SVG document as {@link qrSvg} writes it. */
  format: F;
}

/** Options of {@link qrDataUrl}: `format` (default `'png'`), then those of {@link qrPng} or {@link qrSvg}. */
export type QrDataUrlOptions =
  | (Partial<QrDataUrlFormat<'png'>> & QrPngOptions)
  | (QrDataUrlFormat<'svg'> & QrSvgOptions);

/** A QR symbol as a grid of modules, without quiet zone. */
export interface QrMatrix {
  /** Version 1–40; `size` is `17 + 4 * version` (§5.3.1). */
  readonly version: number;
  /** The error-correction level used. */
  readonly level: QrLevel;
  /** The data mask used, 0–7 (§7.8.2). */
  readonly mask: number;
  /** Modules per side. */
  readonly size: number;
  /**
   * One byte per module, row by row from the top-left: `modules[y * size + x]` is `1` for a dark module and
   * `0` for a light one (not bit-packed).
   */
  readonly modules: Uint8Array;
}

/** How the symbol is built, from {@link QrOptions}. */
interface SymbolOptions {
  readonly level: QrLevel;
  /** The forced mask, or `undefined` to choose by penalty. */
  readonly mask: number | undefined;
  /** Whether alphanumeric segments may be used (`mode: 'auto'`). */
  readonly alnum: boolean;
}

/**
 * Reads the symbol options from a checked options bag: each from the caller's own property, once (a getter runs
 * once; `Object.prototype.mask` is not an option), named `"options.<field>"` in messages.
 */
function symbolOptions(o: Partial<QrOptions>): SymbolOptions {
  return {
    level: levelOption(own(o, 'level', o.level), 'options.level'),
    mask: maskOption(own(o, 'mask', o.mask), 'options.mask'),
    alnum: modeOption(own(o, 'mode', o.mode), 'options.mode') === 'auto',
  };
}

/** Quiet zone and scale of the image renderers (§6.3.7 asks for 4 modules of quiet zone). */
function marginOption(o: { margin?: number }): number {
  return optionalInteger(own(o, 'margin', o.margin), 'options.margin', 0, 32, 4);
}

function scaleOption(o: { scale?: number }): number {
  return optionalInteger(own(o, 'scale', o.scale), 'options.scale', 1, 32, 4);
}

/**
 * Encodes the text into a masked symbol: segments (§7.4), error correction and interleaving (§7.5, §7.6),
 * placement (§7.7), the mask of lowest penalty or the forced one (§7.8), format and version information.
 */
function build(text: unknown, s: SymbolOptions): QrMatrix {
  // Checked before anything that costs as much as the text: a 10^7-character text is refused at once.
  if (typeof text === 'string') refuseLongText(text.length, s.level, s.alnum);
  const bytes = new TextEncoder().encode(textArgument(text));
  const p = plan(bytes, s.level, s.alnum);
  const version = p.version;
  const codewords = interleave(dataCodewordsFor(bytes, p, s.level), version, s.level);
  const t = template(version);
  const unmasked = t.base.slice();
  placeCodewords(unmasked, t, codewords);
  const { modules, mask } = chooseMask(unmasked, t, s.level, s.mask);
  return { version, level: s.level, mask, size: t.size, modules };
}

/** SVG markup of `text` under the checked options bag `o` (see {@link qrSvg}). */
function svgOf(text: unknown, o: Partial<QrSvgOptions>): string {
  const margin = marginOption(o);
  const scale = scaleOption(o);
  const dark = cssColorOption(own(o, 'dark', o.dark), 'options.dark', '#000');
  const light = cssColorOption(own(o, 'light', o.light), 'options.light', '#fff');
  const m = build(text, symbolOptions(o));
  return renderSvg(m.modules, m.size, margin, scale, dark, light);
}

/** PNG bytes of `text` under the checked options bag `o` (see {@link qrPng}). */
function pngOf(text: unknown, o: Partial<QrPngOptions>): Uint8Array {
  const margin = marginOption(o);
  const scale = scaleOption(o);
  const dark: Rgb = rgbOption(own(o, 'dark', o.dark), 'options.dark', [0, 0, 0]);
  const light: Rgb = rgbOption(own(o, 'light', o.light), 'options.light', [255, 255, 255]);
  const m = build(text, symbolOptions(o));
  return renderPng(m.modules, m.size, margin, scale, dark, light);
}

/**
 * Encodes `text` as a QR symbol and returns its module matrix, without quiet zone: the building block for
 * custom renderers.
 *
 * The text is UTF-8 encoded into byte-mode (ISO/IEC 18004 §7.4.5) and, with `mode: 'auto'`, alphanumeric
 * (§7.4.4) segments split optimally, divided into Reed–Solomon blocks (§7.5, Annex A), placed (§7.7), masked
 * with the lowest-penalty mask (§7.8) and given format (§7.9) and version information (§7.10).
 *
 * @param text - The text to encode, typically an `otpauth://` URI. Any well-formed string.
 * @param options - {@link QrOptions}: `level` (default `'M'`), `mode` (default `'auto'`), `mask` (default:
 *   chosen by penalty).
 * @returns `{ version, level, mask, size, modules }`, `modules` one byte per module (1 = dark).
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` if `text` is not a string, `options` not an object, or an
 *   option has the wrong type.
 * @throws {RangeError} `ERR_INVALID_ARG_VALUE` for an unknown `level` or `mode`, or a lone surrogate in
 *   `text`; `ERR_OUT_OF_RANGE` for a `mask` that is not an integer 0–7.
 * @throws {TotpConfigError} `ERR_QR_DATA_TOO_LONG` if the text does not fit in version 40 at the level: more
 *   than 2953, 2331, 1663 or 1273 UTF-8 bytes for L, M, Q, H (alphanumeric runs fit a little more). The message
 *   gives lengths, never the text.
 * @example
 * ```ts
 * const { version, size, modules } = qrMatrix('otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP');
 * version; // => 4
 * size; // => 33
 * modules[0]; // => 1 (the top-left finder pattern)
 * ```
 */
export function qrMatrix(text: string, options?: QrOptions): QrMatrix {
  return build(text, symbolOptions(optionsBag(options, 'options')));
}

/**
 * Encodes `text` as a standalone SVG document (SVG 2): the light background as one filled square and all dark
 * modules as one stroked `<path>`, each horizontal run a line `h{length}` one module wide, with relative moves
 * between runs; `shape-rendering="crispEdges"`, the viewBox in modules including the quiet zone (§6.3.7). A
 * typical enrollment code is under 3 kB, smaller than node-qrcode's SVG of it.
 *
 * The document has no XML declaration, so it can be written to a `.svg` file or inlined into HTML as is. It
 * carries no `<title>` or other text: the encoded URI holds a secret.
 *
 * @param text - The text to encode, typically an `otpauth://` URI.
 * @param options - {@link QrSvgOptions}: `level`, `mask`, `margin` (4), `scale` (4), `dark` (`'#000'`),
 *   `light` (`'#fff'`).
 * @returns The SVG markup, ending in a newline.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` for a non-string `text`, a non-object `options` or an option of
 *   the wrong type.
 * @throws {RangeError} `ERR_OUT_OF_RANGE` for `margin`, `scale` or `mask` out of range; `ERR_INVALID_ARG_VALUE`
 *   for an unknown `level`, a colour that is not a safe CSS colour, or a lone surrogate in `text`.
 * @throws {TotpConfigError} `ERR_QR_DATA_TOO_LONG` if the text does not fit in version 40 at the level.
 * @example
 * ```ts
 * qrSvg('hello', { margin: 1 });
 * // => '<svg xmlns="http://www.w3.org/2000/svg" width="92" height="92" viewBox="0 0 23 23"
 * //     shape-rendering="crispEdges"><path fill="#fff" d="M0 0h23v23H0z"/><path stroke="#000"
 * //     d="M1 1.5h7m2 0h2m3 0h7m-21 1h1m5 0h1…"/></svg>\n'
 * document.body.insertAdjacentHTML('beforeend', qrSvg(uri)); // inline, or write it to a .svg file
 * ```
 */
export function qrSvg(text: string, options?: QrSvgOptions): string {
  return svgOf(text, optionsBag(options, 'options'));
}

/**
 * Encodes `text` as a QR code of Unicode half blocks for a terminal: each line shows two module rows with
 * `▀`, `▄`, `█` and spaces, quiet zone included, every line ending in `\n`.
 *
 * By default the glyphs are the dark modules, in the terminal's own colours: right for dark text on a light
 * background. Most terminals are light on dark, where that is a negative image, which many scanners refuse. On a
 * terminal, pass `{ ansi: true }`: explicit colours (ECMA-48 SGR `ESC[40;97m` … `ESC[0m` on every line: black
 * background, bright white glyphs for the light modules), as `qrencode -t ANSIUTF8` draws, right on any terminal.
 * For a file or a pipe, keep plain glyphs, with `{ invert: true }` for light-on-dark viewers.
 *
 * @param text - The text to encode, typically an `otpauth://` URI.
 * @param options - {@link QrTerminalOptions}: `level`, `mask`, `margin` (4), `invert` (false), `ansi` (false).
 * @returns The lines of the QR code, each ending in `\n`.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` for a non-string `text`, a non-object `options`, a non-boolean
 *   `invert` or `ansi`, or another option of the wrong type.
 * @throws {RangeError} `ERR_OUT_OF_RANGE` for `margin` or `mask` out of range; `ERR_INVALID_ARG_VALUE` for an
 *   unknown `level`, `invert` with `ansi`, or a lone surrogate in `text`.
 * @throws {TotpConfigError} `ERR_QR_DATA_TOO_LONG` if the text does not fit in version 40 at the level.
 * @example
 * ```ts
 * process.stderr.write(qrTerminal(uri, { ansi: process.stderr.isTTY }));
 * qrTerminal('hello', { margin: 0, ansi: true }).slice(0, 12); // => '\u001b[40;97m ▄▄▄'
 * qrTerminal('hello', { margin: 0 }).split('\n')[0];
 * // => '█▀▀▀▀▀█ ▄█▀   █▀▀▀▀▀█'
 * ```
 */
export function qrTerminal(text: string, options?: QrTerminalOptions): string {
  const o = optionsBag(options, 'options');
  const margin = marginOption(o);
  const invert = optionalBoolean(own(o, 'invert', o.invert), 'options.invert', false);
  const ansi = optionalBoolean(own(o, 'ansi', o.ansi), 'options.ansi', false);
  if (invert && ansi) {
    throw rangeError(
      'ERR_INVALID_ARG_VALUE',
      '"options.invert" cannot be combined with "options.ansi" (colours are explicit)',
    );
  }
  const m = build(text, symbolOptions(o));
  return renderTerminal(m.modules, m.size, margin, ansi ? 'ansi' : invert ? 'inverted' : 'plain');
}

/**
 * Encodes `text` as a PNG image (ISO/IEC 15948): 1 bit per pixel, the rows filtered (§9) and compressed with a
 * hand-written deflate (RFC 1951: LZ77 matches chosen by bit cost, dynamic or fixed Huffman codes) in a zlib
 * stream (RFC 1950). A typical enrollment code (version 6, scale 4, margin 4) is about 380 bytes: 5,164
 * uncompressed, and smaller than zlib's level 9 makes the same rows.
 *
 * The result is a `Uint8Array`: to send it from a Node server, wrap it as a `Buffer` (Express 4 `res.send`
 * serialises any other object as JSON); see the README.
 *
 * @param text - The text to encode, typically an `otpauth://` URI.
 * @param options - {@link QrPngOptions}: `level`, `mask`, `margin` (4), `scale` (4), `dark` (`'#000000'`),
 *   `light` (`'#ffffff'`).
 * @returns The PNG file's bytes.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` for a non-string `text`, a non-object `options` or an option of
 *   the wrong type.
 * @throws {RangeError} `ERR_OUT_OF_RANGE` for `margin`, `scale` or `mask` out of range; `ERR_INVALID_ARG_VALUE`
 *   for an unknown `level`, a colour that is not `#rgb`/`#rrggbb`, or a lone surrogate in `text`.
 * @throws {TotpConfigError} `ERR_QR_DATA_TOO_LONG` if the text does not fit in version 40 at the level.
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * writeFileSync('enroll.png', qrPng(uri, { scale: 8 }));
 * qrPng('hello').subarray(1, 4); // => Uint8Array [ 0x50, 0x4e, 0x47 ] ('PNG')
 * ```
 */
export function qrPng(text: string, options?: QrPngOptions): Uint8Array {
  return pngOf(text, optionsBag(options, 'options'));
}

/**
 * Encodes `text` as a `data:` URL (RFC 2397) for `<img src>`, CSS or e-mail: the {@link qrPng} image
 * (`data:image/png;base64,…`, the default) or the {@link qrSvg} document (`data:image/svg+xml;base64,…`), in
 * standard base64 (RFC 4648 §4). A typical enrollment code is about 520 characters as PNG and 4,000 as SVG.
 *
 * The URL holds the secret: put it in the page you send to the user, never in a log or an analytics event.
 *
 * @param text - The text to encode, typically an `otpauth://` URI.
 * @param options - `format`: `'png'` (default) or `'svg'`; then the options of {@link qrPng} or {@link qrSvg}
 *   (`level`, `mask`, `mode`, `margin`, `scale`, `dark`, `light`; colours as that format takes them).
 * @returns The data URL.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` for a non-string `text`, a non-object `options` or an option of
 *   the wrong type.
 * @throws {RangeError} `ERR_INVALID_ARG_VALUE` for an unknown `format` or `level`, a colour the format does not
 *   take, or a lone surrogate in `text`; `ERR_OUT_OF_RANGE` for `margin`, `scale` or `mask` out of range.
 * @throws {TotpConfigError} `ERR_QR_DATA_TOO_LONG` if the text does not fit in version 40 at the level.
 * @example
 * ```ts
 * img.src = qrDataUrl(uri); // a PNG, 4 pixels a module
 * qrDataUrl('hello').slice(0, 30); // => 'data:image/png;base64,iVBORw0K'
 * qrDataUrl('hello', { format: 'svg' }).slice(0, 36); // => 'data:image/svg+xml;base64,PHN2ZyB4bW'
 * ```
 */
export function qrDataUrl(text: string, options?: QrDataUrlOptions): string {
  const o = optionsBag(options as Partial<QrSvgOptions & QrPngOptions & { format: string }>, 'options');
  const format = optionalOneOf(own(o, 'format', o.format), 'options.format', ['png', 'svg'] as const, 'png');
  return format === 'png'
    ? `data:image/png;base64,${base64Encode(pngOf(text, o))}`
    : `data:image/svg+xml;base64,${base64Encode(new TextEncoder().encode(svgOf(text, o)))}`;
}

/**
 * The largest number of UTF-8 bytes a QR code of `version` holds at `level` in byte mode (ISO/IEC 18004
 * §7.4.10 Table 7), for checking a text before encoding it. Any text of at most that many bytes fits; with
 * `mode: 'auto'` a text with alphanumeric runs may fit in a smaller version.
 *
 * @param version - Symbol version, integer 1–40.
 * @param level - Error-correction level; default `'M'`.
 * @returns The capacity in bytes.
 * @throws {TypeError} `ERR_INVALID_ARG_TYPE` if `version` is not a number or `level` not a string.
 * @throws {RangeError} `ERR_OUT_OF_RANGE` for a version outside 1–40; `ERR_INVALID_ARG_VALUE` for an unknown
 *   level.
 * @example
 * ```ts
 * qrCapacity(40, 'L'); // => 2953
 * qrCapacity(1); // => 14
 * ```
 */
export function qrCapacity(version: number, level?: QrLevel): number {
  return byteCapacity(assertInteger(version, 'version', 1, 40), levelOption(level, 'level'));
}
