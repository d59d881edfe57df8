/**
 * Validation of the QR options. Every check names the option and the rule; values are printed only when they
 * are public parameters (numbers, level names), never the text being encoded.
 *
 * @module
 */
import { rangeError } from '../errors.js';
import { assertInteger, assertString, optionalOneOf } from '../internal/assert.js';
import type { Rgb } from './png.js';
import { LEVELS, type QrLevel } from './tables.js';

/** The error-correction level, default `'M'`; `name` is how messages call it. */
export function levelOption(value: unknown, name: string): QrLevel {
  return optionalOneOf(value, name, LEVELS, 'M');
}

/** The segmentation mode, default `'auto'` (byte and alphanumeric segments). */
export function modeOption(value: unknown, name: string): 'auto' | 'byte' {
  return optionalOneOf(value, name, ['auto', 'byte'] as const, 'auto');
}

/** An optional mask number 0–7, `undefined` (choose automatically) when absent. */
export function maskOption(value: unknown, name: string): number | undefined {
  return value === undefined ? undefined : assertInteger(value, name, 0, 7);
}

// A CSS colour that cannot break out of an XML attribute: a hex colour, a keyword, or a colour function
// whose arguments are only numbers, units, commas, slashes and spaces. No quotes, '<', '>', '&' or ';'.
const CSS_COLOR = /* @__PURE__ */ new RegExp(
  '^(?:#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})|[a-zA-Z]{1,32}|' +
    '(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch)\\([0-9a-zA-Z.,%/ +-]{1,80}\\))$',
);

/** An optional SVG colour: a CSS colour string restricted by {@link CSS_COLOR} so no markup can be injected. */
export function cssColorOption(value: unknown, name: string, fallback: string): string {
  if (value === undefined) return fallback;
  assertString(value, name);
  if (!CSS_COLOR.test(value as string)) {
    throw rangeError(
      'ERR_INVALID_ARG_VALUE',
      `"${name}" must be a CSS colour: #rgb, #rgba, #rrggbb, #rrggbbaa, a keyword such as 'black', or ` +
        `rgb()/hsl()-style function of numbers`,
    );
  }
  return value as string;
}

const HEX_COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

/** An optional PNG colour: `#rgb` or `#rrggbb`, returned as three bytes. */
export function rgbOption(value: unknown, name: string, fallback: Rgb): Rgb {
  if (value === undefined) return fallback;
  assertString(value, name);
  const text = value as string;
  if (!HEX_COLOR.test(text)) {
    throw rangeError('ERR_INVALID_ARG_VALUE', `"${name}" must be a hex colour '#rgb' or '#rrggbb' for PNG`);
  }
  const hex = text.length === 4 ? text[1] + text[1] + text[2] + text[2] + text[3] + text[3] : text.slice(1);
  return [parseInt(hex.slice(0, 2), 16), parseInt(hex.slice(2, 4), 16), parseInt(hex.slice(4, 6), 16)];
}

/**
 * Throws `ERR_INVALID_ARG_TYPE` unless `text` is a string, and `ERR_INVALID_ARG_VALUE` if it holds a lone
 * surrogate, which UTF-8 cannot represent (`TextEncoder` would silently replace it with U+FFFD).
 */
export function textArgument(text: unknown): string {
  assertString(text, 'text');
  const s = text as string;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
    }
    throw rangeError('ERR_INVALID_ARG_VALUE', `"text" must be well-formed Unicode (lone surrogate at index ${i})`);
  }
  return s;
}
