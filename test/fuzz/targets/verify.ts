// Token handling in verifyTotp and verifyHotp: any token (digits, spaces, other scripts' digits, signs, long text,
// non-strings) is answered with null or a match inside the window, never an exception; the code of a step in the
// window always matches it; errors for bad secrets or options are coded and never quote the secret.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { base32Encode, generateHotp, generateTotp, verifyHotp, verifyTotp } from '../../../src/index.js';
import { call, type FuzzTarget, fcParameters, runPhases } from '../oracle.js';

const token = fc.oneof(
  fc.stringMatching(/^[0-9]{5,9}$/),
  fc.string({ unit: fc.constantFrom(...'0123456789 \t-+.e'.split(''), '٣', '３', '\u00a0'), maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: fc.constantFrom('1', ' '), maxLength: 10_000 }),
  fc.anything(),
);
const secret = fc.oneof(
  { weight: 8, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 80 }).map((b) => base32Encode(b)) },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 0, maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);
const algorithm = fc.constantFrom('SHA1' as const, 'SHA256' as const, 'SHA512' as const);
const digits = fc.constantFrom(6 as const, 7 as const, 8 as const);
const totpOptions = fc.record({
  algorithm,
  digits,
  window: fc.integer({ min: 0, max: 10 }),
  period: fc.integer({ min: 1, max: 120 }),
  time: fc.integer({ min: 0, max: 4_102_444_800_000 }),
});
const hotpOptions = fc.record({ algorithm, digits, window: fc.integer({ min: 0, max: 10 }), counter: fc.nat() });

function secretText(s: string | Uint8Array): string[] {
  return typeof s === 'string' ? [s] : [];
}

export const target: FuzzTarget = {
  name: 'verifyTotp/verifyHotp tokens',
  run(context) {
    const counts = Object.assign(context.counts, { matches: 0, roundTrips: 0 });
    const totp = fc.property(token, secret, totpOptions, fc.integer({ min: -10, max: 10 }), (t, s, o, offset) => {
      counts.cases++;
      const result = call('verifyTotp', secretText(s), () => verifyTotp(t as string, s, o));
      if (result.error) return; // a bad secret: coded, checked for leaks by call()
      const match = result.value;
      if (match) {
        counts.matches++;
        assert.ok(Math.abs(match.delta) <= o.window, `delta ${match.delta} outside the window ${o.window}`);
      }
      // The code of a step inside the window is accepted at exactly that step (or a later one with the same code).
      const step = Math.floor(o.time / (o.period * 1000));
      if (Math.abs(offset) > o.window || step + offset < 0) return;
      const code = generateTotp(s, { ...o, time: (step + offset) * o.period * 1000 });
      const found = verifyTotp(code, s, o);
      assert.ok(found && found.delta >= offset, `the code of step ${offset} is not accepted`);
      counts.roundTrips++;
    });
    const hotp = fc.property(token, secret, hotpOptions, fc.integer({ min: 0, max: 10 }), (t, s, o, offset) => {
      counts.cases++;
      const result = call('verifyHotp', secretText(s), () => verifyHotp(t as string, s, o));
      if (result.error) return;
      if (result.value) {
        counts.matches++;
        assert.ok(result.value.delta >= 0 && result.value.delta <= o.window);
      }
      if (offset > o.window) return;
      const found = verifyHotp(generateHotp(s, o.counter + offset, o), s, o);
      assert.ok(found && found.delta >= offset, `the code of counter + ${offset} is not accepted`);
      counts.roundTrips++;
    });
    return runPhases(context, [
      (c) => fc.assert(totp, fcParameters(c, 100_000)),
      (c) => fc.assert(hotp, fcParameters(c, 100_000)),
    ]);
  },
};
