// base32Decode on random text (mostly near-base32: either case, spaces, padding, stray characters): only coded
// errors with no run of the input in them; what decodes re-encodes to a canonical form that decodes to the same
// bytes; and bytes round-trip through base32Encode.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { base32Decode, base32Encode } from '../../../src/index.js';
import { call, type FuzzTarget, fcParameters, runPhases } from '../oracle.js';

const nearBase32 = fc.string({
  unit: fc.oneof(
    {
      weight: 20,
      arbitrary: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567abcdefghijklmnopqrstuvwxyz'.split('')),
    },
    { weight: 2, arbitrary: fc.constantFrom(' ', '=', '-', '\t', '\n', '0', '1', '8', '9', '\u00a0', 'ſ', 'K') },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  ),
  maxLength: 120,
});

export const target: FuzzTarget = {
  name: 'base32Decode',
  run(context) {
    const counts = Object.assign(context.counts, { decoded: 0, roundTrips: 0 });
    const decodes = fc.property(nearBase32, (text) => {
      counts.cases++;
      const bytes = call('base32Decode', [text], () => base32Decode(text)).value;
      if (bytes === undefined) return;
      counts.decoded++;
      const canonical = base32Encode(bytes);
      assert.deepEqual(base32Decode(canonical), bytes, `decode(encode(decode(${JSON.stringify(text)})))`);
      assert.match(canonical, /^[A-Z2-7]*$/);
    });
    const roundTrip = fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (bytes, padding) => {
      counts.cases++;
      const text = base32Encode(bytes, { padding });
      assert.deepEqual(base32Decode(text), bytes);
      assert.deepEqual(base32Decode(text.toLowerCase().replace(/(.{4})/g, '$1 ')), bytes);
      counts.roundTrips++;
    });
    return runPhases(context, [
      (c) => fc.assert(decodes, fcParameters(c, 500_000)),
      (c) => fc.assert(roundTrip, fcParameters(c, 200_000)),
    ]);
  },
};
