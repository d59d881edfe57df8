import thirtyTwo from 'thirty-two';
import hiBase32 from 'hi-base32';
import { base32 as scureBase32 } from '@scure/base';
import { base32 as rfc4648Base32 } from 'rfc4648';
import base32Encode from 'base32-encode';
import base32Decode from 'base32-decode';
import { base32Encode as ctrlEncode, base32Decode as ctrlDecode } from '@ctrl/ts-base32';
import { fromBase32, toBase32 } from '@exodus/bytes/base32.js';
import { base32upper } from 'multiformats/bases/base32';
import { detBytes, expectEqual } from '../lib/harness.mjs';

const needs = [
  ['index.js', 'base32Encode', 'src/base32.ts'],
  ['index.js', 'base32Decode', 'src/base32.ts'],
];
const stripPad = (s) => s.replace(/=+$/, '');
const MIB = 1 << 20;
// At 1 MiB the slowest peers take a third of a second per call: a round keeps at least 3 calls per case
// (instead of mitata's 12) and runs for 150 ms.
const SLOW_TIMING = { minSamples: 3, budgetMs: 150 };

function encodeJob(name, size, target) {
  return {
    name,
    title: `base32 encode, ${size === MIB ? '1 MiB' : `${size} bytes`} → RFC 4648 text`,
    needs,
    bytesPerOp: size >= MIB ? size : undefined,
    timing: size >= MIB ? SLOW_TIMING : undefined,
    target: { ratio: target, vs: 'fastest' },
    cases({ 'index.js': ours }) {
      const bytes = detBytes(size, 0x5eed0000 + size);
      const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const expected = stripPad(scureBase32.encode(bytes));
      const cases = [
        { name: 'totp-config base32Encode', ours: true, base: true, fn: () => ours.base32Encode(bytes) },
        {
          name: 'thirty-two encode(buffer).toString()',
          package: 'thirty-two',
          fn: () => thirtyTwo.encode(buffer).toString(),
        },
        { name: 'hi-base32 encode', package: 'hi-base32', fn: () => hiBase32.encode(bytes) },
        { name: '@scure/base base32.encode', package: '@scure/base', fn: () => scureBase32.encode(bytes) },
        { name: 'rfc4648 base32.stringify', package: 'rfc4648', fn: () => rfc4648Base32.stringify(bytes) },
        {
          name: "base32-encode (bytes, 'RFC4648')",
          package: 'base32-encode',
          fn: () => base32Encode(bytes, 'RFC4648'),
        },
        { name: '@ctrl/ts-base32 base32Encode(bytes)', package: '@ctrl/ts-base32', fn: () => ctrlEncode(bytes) },
        { name: '@exodus/bytes toBase32(bytes)', package: '@exodus/bytes', fn: () => toBase32(bytes) },
        {
          name: 'multiformats base32upper.baseEncode(bytes)',
          package: 'multiformats',
          fn: () => base32upper.baseEncode(bytes),
        },
        {
          name: "Buffer#toString('base64') (native, not base32)",
          reference: true,
          fn: () => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
        },
      ];
      for (const c of cases) {
        c.check = c.reference
          ? () => expectEqual(Buffer.from(c.fn(), 'base64').equals(buffer), true, `${c.name}: round trip`)
          : () => {
              const text = c.fn();
              expectEqual(typeof text, 'string', `${c.name}: type`);
              expectEqual(stripPad(text), expected, `${c.name}: output`);
              if (c.ours)
                expectEqual(Buffer.from(ours.base32Decode(text)).equals(buffer), true, `${c.name}: decodes back`);
            };
      }
      return cases;
    },
  };
}

function decodeJob(name, size, target) {
  return {
    name,
    title: `base32 decode, ${size === MIB ? 'the text of 1 MiB' : `${Math.ceil((size * 8) / 5)} characters`} → bytes`,
    needs,
    bytesPerOp: size >= MIB ? size : undefined,
    timing: size >= MIB ? SLOW_TIMING : undefined,
    target: { ratio: target, vs: 'fastest' },
    cases({ 'index.js': ours }) {
      const bytes = detBytes(size, 0xdec0de00 + size);
      const buffer = Buffer.from(bytes);
      const padded = scureBase32.encode(bytes); // RFC 4648 canonical form, with '=' padding where needed
      const ourText = ours.base32Encode(bytes); // ours decodes its own canonical form
      const base64 = buffer.toString('base64');
      const cases = [
        { name: 'totp-config base32Decode', ours: true, base: true, fn: () => ours.base32Decode(ourText) },
        { name: 'thirty-two decode', package: 'thirty-two', fn: () => thirtyTwo.decode(padded) },
        { name: 'hi-base32 decode.asBytes', package: 'hi-base32', fn: () => hiBase32.decode.asBytes(padded) },
        { name: '@scure/base base32.decode', package: '@scure/base', fn: () => scureBase32.decode(padded) },
        { name: 'rfc4648 base32.parse', package: 'rfc4648', fn: () => rfc4648Base32.parse(padded) },
        {
          name: "base32-decode (text, 'RFC4648')",
          package: 'base32-decode',
          fn: () => base32Decode(padded, 'RFC4648'),
        },
        {
          name: "@ctrl/ts-base32 base32Decode(text, 'RFC4648')",
          package: '@ctrl/ts-base32',
          fn: () => ctrlDecode(padded, 'RFC4648'),
        },
        { name: '@exodus/bytes fromBase32(text)', package: '@exodus/bytes', fn: () => fromBase32(padded) },
        {
          name: 'multiformats base32upper.baseDecode(text)',
          package: 'multiformats',
          fn: () => base32upper.baseDecode(padded),
        },
        {
          name: "Buffer.from(text, 'base64') (native, not base32)",
          reference: true,
          fn: () => Buffer.from(base64, 'base64'),
        },
      ];
      for (const c of cases) {
        c.check = () => {
          const out = c.fn();
          const view = out instanceof ArrayBuffer ? new Uint8Array(out) : Uint8Array.from(out);
          expectEqual(Buffer.from(view).equals(buffer), true, `${c.name}: decoded bytes equal the input`);
        };
      }
      return cases;
    },
  };
}

// Issue 13's targets against the fastest peer: 1.5× at encoding 20 bytes and at both 1 MiB jobs, and no slower
// at decoding 32 characters (within about 10 % of the best JavaScript can do, allocating the result included).
export default [
  encodeJob('base32-encode-20', 20, 1.5),
  decodeJob('base32-decode-32', 20, 1),
  encodeJob('base32-encode-1mib', MIB, 1.5),
  decodeJob('base32-decode-1mib', MIB, 1.5),
];
