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

export const BAD_INPUTS: readonly BadInput[] = [
  { name: 'undefined', value: undefined, badFor: ['string', 'label', 'bytes', 'integer', 'boolean'] },
  { name: 'null', value: null, badFor: ALL },
  { name: 'NaN', value: NaN, badFor: ALL },
  { name: '-1', value: -1, badFor: ALL },
  { name: '1.5', value: 1.5, badFor: ALL },
  { name: 'Infinity', value: Infinity, badFor: ALL },
  { name: 'bigint 20n', value: 20n, badFor: ALL },
  { name: 'empty string', value: '', badFor: ['label', 'bytes', 'integer', 'options', 'boolean'] },
  { name: 'numeric string', value: '6', badFor: ['bytes', 'integer', 'options', 'boolean'] },
  { name: 'plain object', value: {}, badFor: notString },
  { name: 'array', value: [1, 2, 3], badFor: ALL },
  { name: 'symbol', value: Symbol('x'), badFor: ALL },
  { name: 'function', value: () => 1, badFor: ALL },
  { name: 'true', value: true, badFor: ['string', 'label', 'bytes', 'integer', 'options'] },
  { name: 'lone high surrogate', value: 'a\uD800b', badFor: ['label', 'bytes', 'integer', 'options', 'boolean'] },
  { name: 'lone low surrogate', value: '\uDC00', badFor: ['label', 'bytes', 'integer', 'options', 'boolean'] },
  { name: 'NUL', value: 'a\u0000b', badFor: ['label', 'bytes', 'integer', 'options', 'boolean'] },
  { name: 'newline', value: 'alice\n', badFor: ['label', 'bytes', 'integer', 'options', 'boolean'] },
  { name: 'DEL', value: '\u007F', badFor: ['label', 'bytes', 'integer', 'options', 'boolean'] },
  { name: 'C1 control', value: 'x\u0085', badFor: ['label', 'bytes', 'integer', 'options', 'boolean'] },
  { name: 'colon', value: 'a:b', badFor: ['label', 'bytes', 'integer', 'options', 'boolean'] },
  { name: 'huge string', value: 'a'.repeat(1 << 20), badFor: ['label', 'bytes', 'integer', 'options', 'boolean'] },
  { name: 'Uint16Array', value: new Uint16Array(4), badFor: notString },
  { name: 'ArrayBuffer', value: new ArrayBuffer(4), badFor: notString },
  { name: 'plain number array', value: [0, 1], badFor: ALL },
  { name: 'String object', value: new String('abc'), badFor: notString },
  { name: 'huge integer', value: 2 ** 53, badFor: ['string', 'label', 'bytes', 'integer', 'options', 'boolean'] },
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
