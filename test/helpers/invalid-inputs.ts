// One table of bad inputs, run against every public function (test/invalid-inputs.test.ts). Each entry says
// which kinds of argument it is wrong for, so that a value that is fine for one parameter (a number for
// `size`) is only tried where it is not.

export type Kind = 'string' | 'label' | 'bytes' | 'integer' | 'options' | 'boolean';

export interface BadInput {
  name: string;
  value: unknown;
  /** The argument kinds this value is invalid for. */
  badFor: readonly Kind[];
}

const ALL: readonly Kind[] = ['string', 'label', 'bytes', 'integer', 'options', 'boolean'];
const notString: readonly Kind[] = ['string', 'label', 'bytes', 'integer', 'boolean'];
/** A string that is fine as text, but not as a label (nor as any non-string kind). */
const badText: readonly Kind[] = ['label', 'bytes', 'integer', 'options', 'boolean'];

export const BAD_INPUTS: readonly BadInput[] = [
  { name: 'undefined', value: undefined, badFor: ['string', 'label', 'bytes', 'integer', 'boolean'] },
  { name: 'null', value: null, badFor: ALL },
  { name: 'NaN', value: NaN, badFor: ALL },
  { name: '-1', value: -1, badFor: ALL },
  { name: '1.5', value: 1.5, badFor: ALL },
  { name: 'Infinity', value: Infinity, badFor: ALL },
  { name: 'bigint 20n', value: 20n, badFor: ALL },
  { name: 'empty string', value: '', badFor: badText },
  { name: 'numeric string', value: '6', badFor: ['bytes', 'integer', 'options', 'boolean'] },
  { name: 'plain object', value: {}, badFor: notString },
  { name: 'array', value: [1, 2, 3], badFor: ALL },
  { name: 'symbol', value: Symbol('x'), badFor: ALL },
  { name: 'function', value: () => 1, badFor: ALL },
  { name: 'true', value: true, badFor: ['string', 'label', 'bytes', 'integer', 'options'] },
  { name: 'lone high surrogate', value: 'a\uD800b', badFor: badText },
  { name: 'lone low surrogate', value: '\uDC00', badFor: badText },
  { name: 'NUL', value: 'a\u0000b', badFor: badText },
  { name: 'newline', value: 'alice\n', badFor: badText },
  { name: 'DEL', value: '\u007F', badFor: badText },
  { name: 'C1 control', value: 'x\u0085', badFor: badText },
  { name: 'colon', value: 'a:b', badFor: badText },
  { name: 'huge string', value: 'a'.repeat(1 << 20), badFor: badText },
  { name: 'Uint16Array', value: new Uint16Array(4), badFor: notString },
  { name: 'ArrayBuffer', value: new ArrayBuffer(4), badFor: notString },
  { name: 'plain number array', value: [0, 1], badFor: ALL },
  { name: 'String object', value: new String('abc'), badFor: notString },
  { name: 'huge integer', value: 2 ** 53, badFor: ['string', 'label', 'bytes', 'integer', 'options', 'boolean'] },
  // Pass `instanceof Uint8Array`, then fail natively (without a code) at the first read unless refused up front.
  { name: 'Proxy of a Uint8Array', value: new Proxy(new Uint8Array(20), {}), badFor: notString },
  { name: 'Object.create(Uint8Array.prototype)', value: Object.create(Uint8Array.prototype), badFor: notString },
  // Characters that make an app show another name than the one stored (README, validation rules).
  { name: 'right-to-left override U+202E', value: 'evil\u202Egro.elpmaxe', badFor: badText },
  { name: 'first strong isolate U+2068', value: 'a\u2068b\u2069', badFor: badText },
  { name: 'line separator U+2028', value: 'Example\u2028Co', badFor: badText },
  { name: 'zero-width space U+200B', value: 'pay\u200Bpal', badFor: badText },
  { name: 'zero-width joiner between ASCII', value: 'pay\u200Dpal', badFor: badText },
  { name: 'byte order mark U+FEFF', value: '\uFEFFalice', badFor: badText },
  { name: 'soft hyphen U+00AD', value: 'ali\u00ADce', badFor: badText },
  { name: 'Hangul filler U+3164', value: '\u3164', badFor: badText },
  { name: 'tag characters (ASCII smuggling)', value: 'bob\u{E0041}\u{E0042}', badFor: badText },
];

/** The error must be one of ours: a TypeError/RangeError/TotpConfigError with a string `code`. */
export function isTypedError(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error instanceof TypeError || error instanceof RangeError || error.name === 'TotpConfigError') &&
    typeof (error as { code?: unknown }).code === 'string' &&
    /^ERR_[A-Z0-9_]+$/.test((error as unknown as { code: string }).code) &&
    error.message.length > 0
  );
}
